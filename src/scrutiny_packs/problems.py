"""Problems found in content, collected as values and reported together.

Every check returns problems rather than raising, so one run reports every
problem in every file, one line each: ``file:line: field: message (hint)``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):  # noqa: UP042 (StrEnum would change how a severity prints)
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        field = f"{self.field}: " if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {prefix}{field}{self.message}{hint}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.field, p.message))


FULL_LIST = 60  # known values listed in full up to this many


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A hint naming the closest known value, or else every known value (in full, unless there are
    so many that the folder of files is the better list)."""
    choices = sorted(choices)
    if isinstance(value, str):
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.7)
        if close:
            return f"did you mean {close[0]!r}?"
    if not choices:
        return ""
    if len(choices) <= FULL_LIST:
        return "known: " + ", ".join(choices)
    return (
        f"known: {len(choices):,} ids, from {choices[0]} to {choices[-1]}: each is the name of a file "
        "in its folder under content/, without .yml"
    )


def report(problems: Iterable[Problem]) -> str:
    lines = [p.format() for p in sort_problems(problems)]
    return "\n".join(lines)
