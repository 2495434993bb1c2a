"""The recommendations tracker: every recommendation, its response and actions, and the information a
committee is waiting for, read across all meeting records.

The Recommendations page, the Follow-up page and ``scrutiny-packs tracker`` all read it through here,
so what is overdue, and what a row says, is decided once. The tracker a committee receives each quarter
has one row per recommendation and one per action (never several in one cell).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scrutiny_packs.ids import item_slug
from scrutiny_packs.model import Agenda, Bank, InfoRequest, RecAction, Recommendation
from scrutiny_packs.packs.layout import long_date

STATUS_LABELS = {
    "green": "Green: achieved",
    "amber": "Amber: progressing",
    "red": "Red: not acceptable",
    "paused": "Paused",
}
STATUS_SHORT = {"green": "Green", "amber": "Amber", "red": "Red", "paused": "Paused"}
DECISION_LABELS = {"accepted": "Accepted", "partly accepted": "Partly accepted", "not accepted": "Not accepted"}

# The tracker's columns, in order: one row per recommendation, then one per action under it.
COLUMNS = (
    ("ref", "Reference"),
    ("row", "Row"),
    ("committee", "Committee"),
    ("meeting_date", "Date agreed"),
    ("item", "Item"),
    ("text", "Recommendation or action"),
    ("to", "To"),
    ("lead", "Lead or owner"),
    ("due", "Due"),
    ("response", "Response"),
    ("response_date", "Response date"),
    ("status", "Status"),
    ("state", "Where it stands"),
)


@dataclass(frozen=True)
class Tracked:
    """One recommendation with the meeting that agreed it."""

    rec: Recommendation
    agenda: Agenda

    @property
    def committee(self) -> str:
        return self.agenda.body

    @property
    def item_title(self) -> str:
        key = item_slug(self.rec.item)
        return next((i.title for i in self.agenda.items if item_slug(i.number) == key), "")

    def response_overdue(self, today: dt.date) -> bool:
        return self.rec.response is None and self.rec.response_due is not None and self.rec.response_due < today

    def open_actions(self) -> tuple[RecAction, ...]:
        return tuple(a for a in self.rec.actions if a.status == "open")

    def overdue_actions(self, today: dt.date) -> tuple[RecAction, ...]:
        return tuple(a for a in self.open_actions() if a.due and a.due < today)

    def is_open(self) -> bool:
        """Still to follow up: no response yet, an action open, or not yet green."""
        return self.rec.response is None or bool(self.open_actions()) or self.rec.status not in ("green",)

    def overdue(self, today: dt.date) -> bool:
        return self.response_overdue(today) or bool(self.overdue_actions(today))

    def state(self, today: dt.date) -> str:
        """Where it stands, in words: what is overdue or awaited first."""
        if self.response_overdue(today):
            return f"Response overdue since {_day(self.rec.response_due)}"
        if self.rec.response is None:
            return f"Response due {_day(self.rec.response_due)}"
        late = self.overdue_actions(today)
        if late:
            return f"{len(late)} action{'s' if len(late) > 1 else ''} overdue"
        if self.open_actions():
            return "Actions in progress"
        if self.rec.status == "paused":
            return f"Paused: {self.rec.paused_reason}"
        return "Complete" if self.rec.status == "green" else "Response received"

    def next_due(self) -> dt.date:
        """The date that matters next: the response, else the earliest open action."""
        if self.rec.response is None and self.rec.response_due:
            return self.rec.response_due
        dues = [a.due for a in self.open_actions() if a.due]
        return min(dues) if dues else dt.date.max


@dataclass(frozen=True)
class Awaited:
    """One information request with the meeting that made it."""

    request: InfoRequest
    agenda: Agenda

    @property
    def committee(self) -> str:
        return self.agenda.body

    def overdue(self, today: dt.date) -> bool:
        return self.request.received is None and self.request.due is not None and self.request.due < today


def _day(day: dt.date | None) -> str:
    return long_date(day) if day else ""


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def recommendations(bank: Bank, examples: bool | None = None) -> list[Tracked]:
    """Every recommendation in the bank's records, oldest meeting first, then by reference.

    ``examples``: None for all, True for only the shipped examples, False for only a council's own.
    """
    out = []
    for meeting_id, record in bank.records.items():
        agenda = bank.meetings.get(meeting_id)
        if agenda is None or (examples is not None and record.example != examples):
            continue
        out += [Tracked(rec, agenda) for rec in record.recommendations]
    return sorted(out, key=lambda t: (t.agenda.date or dt.date.min, _ref_key(t.rec.ref)))


def requests(bank: Bank, examples: bool | None = None) -> list[Awaited]:
    out = []
    for meeting_id, record in bank.records.items():
        agenda = bank.meetings.get(meeting_id)
        if agenda is None or (examples is not None and record.example != examples):
            continue
        out += [Awaited(req, agenda) for req in record.requests]
    return sorted(out, key=lambda a: (a.request.due or dt.date.max, a.agenda.date or dt.date.min))


def _ref_key(ref: str) -> tuple[str, int]:
    year, _, number = ref.partition("/")
    return (year, int(number) if number.isdigit() else 0)


def open_first(tracked: list[Tracked], today: dt.date) -> list[Tracked]:
    """Overdue first, then the rest still open, then complete; each by the date that matters next."""
    return sorted(tracked, key=lambda t: (not t.overdue(today), not t.is_open(), t.next_due()))


def rows(tracked: list[Tracked], today: dt.date) -> list[dict[str, str]]:
    """The tracker's rows: a recommendation, then each of its actions, keyed by COLUMNS."""
    out = []
    for t in tracked:
        r = t.rec
        out.append(
            {
                "ref": r.ref,
                "row": "Recommendation",
                "committee": t.committee,
                "meeting_date": _iso(t.agenda.date),
                "item": f"{r.item} {t.item_title}".strip(),
                "text": r.text,
                "to": r.to,
                "lead": r.lead,
                "due": _iso(r.response_due) if r.response is None else "",
                "response": (DECISION_LABELS[r.response.decision] + (f": {r.response.text}" if r.response.text else ""))
                if r.response
                else "",
                "response_date": _iso(r.response.date) if r.response else "",
                "status": STATUS_SHORT.get(r.status or "", "")
                + (f" ({r.paused_reason})" if r.status == "paused" else ""),
                "state": t.state(today),
            }
        )
        for a in r.actions:
            late = a.status == "open" and a.due is not None and a.due < today
            out.append(
                {
                    "ref": r.ref,
                    "row": "Action",
                    "committee": t.committee,
                    "meeting_date": _iso(t.agenda.date),
                    "item": f"{r.item} {t.item_title}".strip(),
                    "text": a.what,
                    "to": "",
                    "lead": a.owner,
                    "due": _iso(a.due),
                    "response": "",
                    "response_date": "",
                    "status": "",
                    "state": "Overdue"
                    if late
                    else {"open": "Open", "done": f"Done {_iso(a.done)}".strip(), "dropped": "Dropped"}[a.status],
                }
            )
    return out


@dataclass(frozen=True)
class Due:
    """A date something is due, for the calendar: a response, an action or information."""

    day: dt.date
    summary: str
    description: str
    uid: str


def due_dates(tracked: list[Tracked], awaited: list[Awaited]) -> list[Due]:
    """What is still awaited, by date: responses not yet given, open actions, information not yet received."""
    out = []
    for t in tracked:
        r = t.rec
        if r.response is None and r.response_due:
            out.append(
                Due(r.response_due, f"Response due: recommendation {r.ref}", f"{r.to}: {r.text}", f"{r.ref}/response")
            )
        for i, a in enumerate(r.actions):
            if a.status == "open" and a.due:
                out.append(
                    Due(a.due, f"Action due: recommendation {r.ref}", f"{a.owner}: {a.what}", f"{r.ref}/action/{i}")
                )
    for i, w in enumerate(awaited):
        q = w.request
        if q.received is None and q.due:
            out.append(
                Due(q.due, f"Information due: {w.committee}", f"{q.of}: {q.asked}", f"{q.meeting}/request/{q.item}/{i}")
            )
    return sorted(out, key=lambda d: (d.day, d.uid))


@dataclass(frozen=True)
class Agreed:
    """What one agenda item of a meeting agreed: its recommendations and information requests."""

    recommendations: tuple[Recommendation, ...]
    requests: tuple[InfoRequest, ...]


def agreed_at(bank: Bank, meeting_id: str, number: str) -> Agreed:
    record = bank.records.get(meeting_id)
    if record is None:
        return Agreed((), ())
    key = item_slug(number)
    return Agreed(
        tuple(r for r in record.recommendations if item_slug(r.item) == key),
        tuple(q for q in record.requests if item_slug(q.item) == key),
    )
