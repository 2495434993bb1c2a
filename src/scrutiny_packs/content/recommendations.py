"""Recommendations and information requests, recorded in a meeting's record file.

A recommendation is what the committee asked the executive or a partner to do; the statutory guidance
on overview and scrutiny expects a response, and councils commonly allow two months, so a
recommendation's response falls due two months after its meeting unless the record sets a date. An
information request is what the committee asked to be sent to it. Both are read here from the record's
data and checked against the meeting: the item must be on its agenda, nothing can be due or answered
before the meeting, a paused recommendation says why. Overdue responses, actions and information are
warnings, never for example records.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from typing import Any

from scrutiny_packs.content.yaml_source import YamlDocument, field_name
from scrutiny_packs.ids import item_slug
from scrutiny_packs.model import (
    Agenda,
    InfoRequest,
    RecAction,
    Recommendation,
    Record,
    Response,
    StatusUpdate,
)
from scrutiny_packs.problems import Problem, Severity

RESPONSE_MONTHS = 2


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Dec + 2 = 28/29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _clean(text: Any) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def from_data(meeting_id: str, data: dict, example: bool) -> tuple[tuple[Recommendation, ...], tuple[InfoRequest, ...]]:
    """The recommendations and requests of a record's (schema-valid) data; due dates are set later."""
    recs = []
    for r in data.get("recommendations", ()):
        response = r.get("response")
        recs.append(
            Recommendation(
                ref=_clean(r["ref"]),
                meeting=meeting_id,
                item=_clean(r["item"]),
                text=_clean(r["text"]),
                to=_clean(r["to"]),
                response_due=_date(r.get("response_due")),
                lead=_clean(r.get("lead", "")),
                response=Response(response["decision"], _date(response["date"]), _clean(response.get("text", "")))
                if response
                else None,
                actions=tuple(
                    RecAction(
                        _clean(a["action"]),
                        _clean(a["owner"]),
                        _date(a["due"]),
                        a.get("status", "open"),
                        _date(a.get("done")),
                    )
                    for a in r.get("actions", ())
                ),
                status=r.get("status"),
                paused_reason=_clean(r.get("paused_reason", "")),
                history=tuple(
                    StatusUpdate(_date(h["date"]), h["status"], _clean(h.get("note", ""))) for h in r.get("history", ())
                ),
                example=example,
            )
        )
    requests = tuple(
        InfoRequest(
            meeting_id,
            _clean(q["item"]),
            _clean(q["asked"]),
            _clean(q["of"]),
            _date(q["due"]),
            _date(q.get("received")),
            example,
        )
        for q in data.get("requests", ())
    )
    return tuple(recs), requests


def with_due_dates(record: Record, agenda: Agenda | None) -> Record:
    """The record with each recommendation's response due date filled in: two months after the meeting."""
    if agenda is None or agenda.date is None or not record.recommendations:
        return record
    default = months_after(agenda.date, RESPONSE_MONTHS)
    recs = tuple(r if r.response_due else dataclasses.replace(r, response_due=default) for r in record.recommendations)
    return dataclasses.replace(record, recommendations=recs)


def _item_key(number: Any) -> str:
    return item_slug(number)


def check(meeting_id: str, doc: YamlDocument, display: str, agenda: Agenda | None) -> list[Problem]:
    """What cannot be true of a meeting's recommendations and requests, on the parsed data (valid or not)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    if agenda is None:
        return problems
    numbers = {_item_key(i.number) for i in agenda.items}
    held = agenda.date

    def problem(where: tuple, message: str, hint: str) -> None:
        problems.append(Problem(display, doc.line_of(where), field_name(where), message, hint))

    def check_item(where: tuple, number: Any) -> None:
        if isinstance(number, (str, int)) and not isinstance(number, bool) and _item_key(number) not in numbers:
            problem(
                where,
                f"item {number} is not on the agenda of {meeting_id}",
                "agenda items: " + ", ".join(a.number for a in agenda.items),
            )

    def not_before_meeting(where: tuple, value: Any, what: str) -> None:
        day = _date(value)
        if held and day and day < held:
            problem(
                where,
                f"{what} {day.isoformat()}, before the meeting on {held.isoformat()}",
                "nothing agreed at a meeting can fall due or be answered before it",
            )

    recs = data.get("recommendations")
    for i, rec in enumerate(recs if isinstance(recs, list) else ()):
        if not isinstance(rec, dict):
            continue
        base = ("recommendations", i)
        check_item(base + ("item",), rec.get("item"))
        not_before_meeting(base + ("response_due",), rec.get("response_due"), "response due")
        response = rec.get("response")
        if isinstance(response, dict):
            not_before_meeting(base + ("response", "date"), response.get("date"), "response dated")
        actions = rec.get("actions")
        for k, action in enumerate(actions if isinstance(actions, list) else ()):
            if isinstance(action, dict):
                not_before_meeting(base + ("actions", k, "due"), action.get("due"), "due")
                not_before_meeting(base + ("actions", k, "done"), action.get("done"), "done")
        if rec.get("status") == "paused" and not _clean(rec.get("paused_reason", "")):
            problem(
                base + ("status",),
                "a paused recommendation needs its reason",
                "add 'paused_reason:' saying why, e.g. 'waiting for the new strategy in April'",
            )
    requests = data.get("requests")
    for i, req in enumerate(requests if isinstance(requests, list) else ()):
        if not isinstance(req, dict):
            continue
        check_item(("requests", i, "item"), req.get("item"))
        not_before_meeting(("requests", i, "due"), req.get("due"), "due")
        not_before_meeting(("requests", i, "received"), req.get("received"), "received")
    return problems


def duplicate_refs(records: dict[str, Record], docs: dict[str, tuple[YamlDocument, str]]) -> list[Problem]:
    """A recommendation's reference is unique across every record."""
    seen: dict[str, str] = {}
    problems = []
    for meeting_id, record in records.items():
        doc, display = docs.get(meeting_id, (None, record.path))
        for i, rec in enumerate(record.recommendations):
            if rec.ref in seen:
                where = ("recommendations", i, "ref")
                problems.append(
                    Problem(
                        display,
                        doc.line_of(where) if doc else None,
                        field_name(where),
                        f"reference {rec.ref} is already used in {seen[rec.ref]}",
                        "give each recommendation the next free number in its municipal year",
                    )
                )
            else:
                seen[rec.ref] = display
    return problems


def overdue_problems(
    records: dict[str, Record], docs: dict[str, tuple[YamlDocument, str]], today: dt.date
) -> list[Problem]:
    """Warnings for responses, actions and information overdue on ``today`` (never for example records)."""
    problems = []

    def warn(record: Record, where: tuple, message: str, hint: str) -> None:
        doc = docs[record.meeting][0] if record.meeting in docs else None
        problems.append(
            Problem(
                record.path, doc.line_of(where) if doc else None, field_name(where), message, hint, Severity.WARNING
            )
        )

    for record in records.values():
        if record.example:
            continue
        for i, rec in enumerate(record.recommendations):
            base = ("recommendations", i)
            if rec.response is None and rec.response_due and rec.response_due < today:
                warn(
                    record,
                    base + ("ref",),
                    f"recommendation {rec.ref}: response overdue since {rec.response_due.isoformat()} ({rec.to})",
                    "add the response when it comes, or ask for it at the next meeting",
                )
            for k, action in enumerate(rec.actions):
                if action.status == "open" and action.due and action.due < today:
                    warn(
                        record,
                        base + ("actions", k, "due"),
                        f"recommendation {rec.ref}: action overdue since {action.due.isoformat()} "
                        f"({action.owner}: {action.what})",
                        "mark it 'done' with the date, or 'dropped', or agree a new due date",
                    )
        for i, req in enumerate(record.requests):
            if req.received is None and req.due and req.due < today:
                warn(
                    record,
                    ("requests", i, "due"),
                    f"information overdue since {req.due.isoformat()} ({req.of}: {req.asked})",
                    "add 'received:' with the date it arrived, or chase it",
                )
    return problems
