"""Review dates: when each question falls due for another look, and which are overdue.

A question falls due ``review_interval_months`` (content/settings.yml) after
its ``last_reviewed`` date, or after ``added`` if it has never been reviewed.
It is overdue from its due date onwards. Retired questions are not reviewed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from scrutiny_packs.model import Bank, Question, question_number


@dataclass(frozen=True, slots=True)
class ReviewDue:
    id: str
    last_reviewed: dt.date | None
    due: dt.date | None  # None: never reviewed and no date added, so due now
    path: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month, months later; the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    if year > dt.MAXYEAR:  # content's dates stop at 2999; this never fails on any other date
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(q: Question, interval_months: int) -> dt.date | None:
    basis = q.last_reviewed or q.added
    return add_months(basis, interval_months) if basis else None


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    return due is None or due <= today


def overdue(bank: Bank, today: dt.date) -> list[ReviewDue]:
    """Active questions due for review on or before today, longest overdue first."""
    months = bank.settings.review_interval_months
    found = []
    for q in bank.active_questions():
        due = due_date(q, months)
        if is_overdue(due, today):
            found.append(ReviewDue(q.id, q.last_reviewed, due, q.path))
    return sorted(found, key=lambda r: (r.due or dt.date.min, question_number(r.id) or 0, r.id))
