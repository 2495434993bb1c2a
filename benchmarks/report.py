"""What a measurement hands back, and how the figures are shown: a short table each, one JSON file for all."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Section:
    """One measurement's result: a titled table for people, and its raw figures for the JSON file."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # a line each, printed under the table
    data: dict[str, Any] = field(default_factory=dict)  # JSON-ready figures

    def text(self) -> str:
        lines = [self.title, markdown_table(self.header, self.rows)] if self.rows else [self.title]
        return "\n".join(lines + self.notes)


def med(values: Iterable[float]) -> float:
    found = list(values)
    return statistics.median(found) if found else math.nan


def ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


def fmt(value: float | None, spec: str = ".2f") -> str:
    """A figure for the table; '-' where there is none."""
    return "-" if value is None or math.isnan(value) else format(value, spec)


def markdown_table(header: list[str], body: list[list[str]]) -> str:
    """A Markdown table: the first column left-aligned, the figures right-aligned."""
    widths = [max(len(line[i]) for line in [header] + body) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))) + " |"
        for line in [header] + body
    ]
    rule = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    lines.insert(1, rule)
    return "\n".join(lines)


def _json_ready(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    return value


def write_json(path: Path, about: dict[str, Any], sections: dict[str, Section]) -> None:
    """All the figures of one run of the benchmark, replacing the file's previous contents."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"about": about, **{name: {"title": s.title, **s.data} for name, s in sections.items()}}
    path.write_text(json.dumps(_json_ready(document), indent=1) + "\n", encoding="utf-8")
