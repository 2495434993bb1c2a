"""What's changed: questions added, reviewed or changed, and retired, newest first.

Built from each question's own dates, not from the repository's history: the
site is often built from a shallow copy of the repository (one commit, as
continuous integration checks it out), where history is missing. The fields
used are ``added`` (first published), ``last_reviewed`` (last checked or
changed, and the day a question was retired), ``status`` and ``replaced_by``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from scrutiny_packs.model import Bank, Question, question_number

Kind = Literal["added", "reviewed", "retired", "replaced"]
# Within one day: endings first, then reviews, then new questions.
_KIND_ORDER: dict[str, int] = {"replaced": 0, "retired": 1, "reviewed": 2, "added": 3}
DEFAULT_LIMIT = 300


@dataclass(frozen=True, slots=True)
class Change:
    date: dt.date
    kind: Kind
    question: Question


@dataclass(frozen=True, slots=True)
class ChangeDay:
    date: dt.date
    changes: tuple[Change, ...]


def question_changes(q: Question) -> list[Change]:
    found = []
    if q.added:
        found.append(Change(q.added, "added", q))
    if q.retired:
        when = q.last_reviewed or q.added
        if when:
            found.append(Change(when, "replaced" if q.replaced_by else "retired", q))
    elif q.last_reviewed and (q.added is None or q.last_reviewed > q.added):
        found.append(Change(q.last_reviewed, "reviewed", q))
    return found


def all_changes(bank: Bank) -> list[Change]:
    """Every dated change, newest first; a day's newest questions first."""
    found = [c for q in bank.questions.values() for c in question_changes(q)]
    return sorted(
        found,
        key=lambda c: (-c.date.toordinal(), _KIND_ORDER[c.kind], -(question_number(c.question.id) or 0), c.question.id),
    )


def changes_by_day(bank: Bank, limit: int = DEFAULT_LIMIT) -> tuple[list[ChangeDay], int]:
    """The newest ``limit`` changes grouped by day, and how many older ones were left off."""
    changes = all_changes(bank)
    shown, left_off = changes[:limit], max(0, len(changes) - limit)
    days: list[ChangeDay] = []
    for change in shown:
        if days and days[-1].date == change.date:
            days[-1] = ChangeDay(change.date, days[-1].changes + (change,))
        else:
            days.append(ChangeDay(change.date, (change,)))
    return days, left_off
