"""A council's overlay (``overlay.yml``) and settings (``settings.yml``), read and checked.

The overlay names the national release it extends and lists what the council's site shows differently:
items hidden (each with a reason), wording replaced (each with the fingerprint of the national text it
replaced), questions retagged, local parameters, and the council's own questions, benchmarks, glossary
entries, sources and publishers. Reading it only checks its form (``schemas/overlay.schema.json``);
``council`` applies it to a national bank, and ``editing.upgrade`` compares it with a later release.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrutiny_packs.content import schema
from scrutiny_packs.content.yaml_source import Path_, YamlDocument, read_yaml
from scrutiny_packs.problems import Problem

OVERLAY_FILE = "overlay.yml"
SETTINGS_FILE = "settings.yml"
LOCAL_SEPARATOR = "--"  # a local id is <id_prefix>--<name>; national ids never hold two hyphens together


def fingerprint(text: str) -> str:
    """A short fingerprint of a national text, the same whatever its line breaks and spacing."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Hide:
    by: str  # question, benchmark, area, audience or tag
    value: str
    reason: str
    line: int


@dataclass(frozen=True, slots=True)
class Reword:
    collection: str  # questions or benchmarks
    item: str
    text: str
    replaces: str
    line: int
    listen_for: int | None = None  # which listen-for point (from 1), or None for the item's own text

    @property
    def what(self) -> str:
        """The reworded text, in words: 'question q017', 'listen-for point 2 of q017'."""
        if self.listen_for is not None:
            return f"listen-for point {self.listen_for} of {self.item}"
        return f"{self.collection[:-1]} {self.item}"


@dataclass(frozen=True, slots=True)
class Retag:
    item: str
    tags: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class CouncilSettings:
    council: str
    id_prefix: str
    panel: str = ""
    partnership: str = ""
    contact: str = ""


@dataclass(slots=True)
class Overlay:
    extends: str
    hide: list[Hide] = field(default_factory=list)
    reword: list[Reword] = field(default_factory=list)
    retag: list[Retag] = field(default_factory=list)
    parameters: dict[str, str] = field(default_factory=dict)
    # The council's own items: collection -> id -> (the item's data, its part of the overlay's document)
    local: dict[str, dict[str, YamlDocument]] = field(default_factory=dict)
    doc: YamlDocument | None = None

    def line_of(self, *path: str | int) -> int:
        return self.doc.line_of(path) if self.doc else 1


LOCAL_COLLECTIONS = (("questions", "question"), ("benchmarks", "benchmark"), ("glossary", "glossary"))
LOCAL_CITED = ("publishers", "sources")  # what the council's own items may cite, added before them


def _part(doc: YamlDocument, prefix: Path_) -> YamlDocument:
    """The part of a document under ``prefix``, with its own line table, as if it were a file of its own."""
    n = len(prefix)
    data: Any = doc.data
    for key in prefix:
        data = data[key]
    lines = {path[n:]: line for path, line in doc.lines.items() if path[:n] == prefix}
    return YamlDocument(data, lines, doc.source)


def _read_checked(root: Path, name: str, kind: str) -> tuple[YamlDocument | None, list[Problem]]:
    """One of the council's own files, read and checked against its schema (None with its problems)."""
    doc, problems = read_yaml(root / name, name)
    if doc is not None:
        problems += schema.validate(doc, kind, name)
    return (None if problems else doc), problems


def read_settings(root: Path) -> tuple[CouncilSettings | None, list[Problem]]:
    doc, problems = _read_checked(root, SETTINGS_FILE, "council")
    return (CouncilSettings(**doc.data) if doc is not None else None), problems


def read_overlay(root: Path) -> tuple[Overlay | None, list[Problem]]:
    """The overlay, or None with every problem in its form."""
    doc, problems = _read_checked(root, OVERLAY_FILE, "overlay")
    if doc is None:
        return None, problems
    d = doc.data
    overlay = Overlay(str(d["extends"]), doc=doc, parameters=dict(d.get("parameters") or {}))
    for i, h in enumerate(d.get("hide") or ()):
        by = next(k for k in h if k != "reason")
        overlay.hide.append(Hide(by, h[by], " ".join(h["reason"].split()), doc.line_of(("hide", i))))
    for i, r in enumerate(d.get("reword") or ()):
        collection = "questions" if "question" in r else "benchmarks"
        item = r.get("question") or r.get("benchmark")
        overlay.reword.append(
            Reword(collection, item, r["text"].strip(), r["replaces"], doc.line_of(("reword", i)), r.get("listen_for"))
        )
    for i, r in enumerate(d.get("retag") or ()):
        overlay.retag.append(Retag(r["question"], tuple(r["tags"]), doc.line_of(("retag", i))))
    for collection in [c for c, _ in LOCAL_COLLECTIONS] + list(LOCAL_CITED):
        overlay.local[collection] = {key: _part(doc, (collection, key)) for key in d.get(collection) or {}}
    return overlay, []
