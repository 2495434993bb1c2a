"""What's changed: questions added, reviewed or changed, and retired; benchmarks, glossary entries and
indicators reviewed or changed; new editions of sources, newest first.

Built from each question's own dates, not from the repository's history: the
site is often built from a shallow copy of the repository (one commit, as
continuous integration checks it out), where history is missing. The fields
used are ``added`` (first published), ``last_reviewed`` (last checked or
changed, and the day a question was retired), ``status`` and ``replaced_by``; a benchmark's, glossary
entry's or indicator's ``last_reviewed``; for a review, the item's ``change_note`` (what changed and
why); and, for a source that replaces an earlier edition, the day it was ``checked``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from scrutiny_packs.model import Bank, Benchmark, Indicator, Question, Term, question_number

Kind = Literal["added", "reviewed", "retired", "replaced", "new-edition", "benchmark", "glossary", "indicator"]
# Within one day: new editions of sources first, then the questions' endings, reviews and additions,
# then benchmarks, indicators and glossary entries.
_KIND_ORDER: dict[str, int] = {
    "new-edition": 0,
    "replaced": 1,
    "retired": 2,
    "reviewed": 3,
    "added": 4,
    "benchmark": 5,
    "indicator": 6,
    "glossary": 7,
}
DEFAULT_LIMIT = 300


@dataclass(frozen=True, slots=True)
class Change:
    date: dt.date
    kind: Kind
    question: Question | None
    item: str = ""  # a benchmark's, indicator's, glossary entry's or source's id, when not a question
    label: str = ""  # its title
    detail: str = ""  # what changed, in a few words


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
        found.append(Change(q.last_reviewed, "reviewed", q, detail=q.change_note))
    return found


def source_changes(bank: Bank) -> list[Change]:
    """A new edition of a source, on the day it was checked, naming the edition it replaces and how many
    citations of that edition now wait for review."""
    from scrutiny_packs.content.sources import needs_review

    flagged = needs_review(bank)
    found = []
    for pub in bank.sources.values():
        older = bank.sources.get(pub.supersedes)
        if older is None or pub.checked is None:
            continue
        waiting = sum(1 for n in flagged if n.cited.id == older.id)
        detail = f"replaces the {older.edition or older.year or 'earlier'} edition"
        if waiting:
            detail += f"; {waiting} citation{'s' if waiting != 1 else ''} of it flagged for review"
        edition = f" ({pub.edition})" if pub.edition else ""
        found.append(Change(pub.checked, "new-edition", None, pub.id, pub.title + edition, detail))
    return found


def review_changes(bank: Bank) -> list[Change]:
    """Each benchmark, indicator and glossary entry an editor reviewed or changed, on its ``last_reviewed``."""
    reviewed: list[tuple[Benchmark | Indicator | Term, Kind, str]]
    reviewed = [(b, "benchmark", b.title) for b in bank.benchmarks.values()]
    reviewed += [(i, "indicator", i.name) for i in bank.indicators.values()]
    reviewed += [(t, "glossary", t.term) for t in bank.glossary.values()]
    return [
        Change(item.last_reviewed, kind, None, item.id, label, item.change_note)
        for item, kind, label in reviewed
        if item.last_reviewed
    ]


def _order(c: Change) -> tuple:
    number = question_number(c.question.id) if c.question else None
    return (-c.date.toordinal(), _KIND_ORDER[c.kind], -(number or 0), c.question.id if c.question else c.item)


def all_changes(bank: Bank) -> list[Change]:
    """Every dated change, newest first; a day's new editions first, then its newest questions."""
    found = [c for q in bank.questions.values() for c in question_changes(q)]
    found += source_changes(bank) + review_changes(bank)
    return sorted(found, key=_order)


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
