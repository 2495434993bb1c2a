"""What a meeting page's Record answers form starts from: the published record and the meeting's rules
for recommendations and information requests, as data for the browser.

The published record (``content/meetings/<meeting id>.record.yml``) is handed to the page in the form's
own terms (entries by "<item>|<question>", recommendations and requests as flat fields), so a clerk can
reopen it on any device, edit it and download it again. The rules the browser cannot know on its own
come from here as well: the default response due date (two months after the meeting, as the tracker and
``validate`` count it), the references other records already use, and the schema's fields and values.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from scrutiny_packs.content import recommendations
from scrutiny_packs.model import Action, Agenda, Bank, Recommendation, Record

REF = re.compile(r"^(?P<year>[0-9]{4}-[0-9]{2})/(?P<number>[0-9]{1,3})$")
MUNICIPAL_YEAR_STARTS = 4  # April


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _fields(node: dict) -> list[str]:
    return [k for k in node["properties"] if k != "editor_note"]


@cache
def follow_up_shape() -> dict[str, Any]:
    """The recommendation's and the information request's fields, required fields and values, from the schema."""
    from scrutiny_packs.site.record_form import _max_length, _schema

    schema, defs = _schema("record.schema.json"), _schema("_defs.schema.json")["$defs"]
    rec = schema["properties"]["recommendations"]["items"]
    req = schema["properties"]["requests"]["items"]
    response = rec["properties"]["response"]
    pattern = rec["properties"]["ref"]["pattern"]
    return {
        "recommendation": {
            "order": _fields(rec),
            "required": list(rec["required"]),
            "maxLength": {k: n for k, v in rec["properties"].items() if (n := _max_length(v, defs)) is not None},
            "refPattern": pattern[:-2] + "$" if pattern.endswith("\\Z") else pattern,
            "status": list(rec["properties"]["status"]["enum"]),
        },
        "response": {
            "order": _fields(response),
            "required": list(response["required"]),
            "decision": list(response["properties"]["decision"]["enum"]),
            "maxLength": {k: n for k, v in response["properties"].items() if (n := _max_length(v, defs)) is not None},
        },
        "request": {
            "order": _fields(req),
            "required": list(req["required"]),
            "maxLength": {k: n for k, v in req["properties"].items() if (n := _max_length(v, defs)) is not None},
        },
        "history": {"order": _fields(rec["properties"]["history"]["items"])},
        "recAction": {"order": _fields(rec["properties"]["actions"]["items"])},
        "responseMonths": recommendations.RESPONSE_MONTHS,
    }


def municipal_year(day: dt.date) -> str:
    """The municipal year a day falls in, as references write it: 2026-27 runs from April 2026."""
    start = day.year if day.month >= MUNICIPAL_YEAR_STARTS else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def meeting_rules(bank: Bank, agenda: Agenda) -> dict[str, Any]:
    """What the browser checks a meeting's recommendations against: the default response due date, the
    references other records use (each unique across every record) and the next free reference."""
    taken = sorted(r.ref for m, rec in bank.records.items() if m != agenda.id for r in rec.recommendations)
    own = [r.ref for r in bank.records[agenda.id].recommendations] if agenda.id in bank.records else []
    year = municipal_year(agenda.date) if agenda.date else ""
    numbers = [int(m["number"]) for ref in taken + own if (m := REF.match(ref)) and m["year"] == year]
    return {
        "responseDue": _iso(recommendations.months_after(agenda.date, recommendations.RESPONSE_MONTHS))
        if agenda.date
        else "",
        "refsTaken": taken,
        "nextRef": f"{year}/{max(numbers, default=0) + 1}" if year else "",
        "example": agenda.example,
    }


def _action(a: Action) -> dict[str, str]:
    out = {"action": a.what, "owner": a.owner, "due": _iso(a.due), "status": a.status}
    if a.done:
        out["done"] = _iso(a.done)
    return out


def _recommendation(r: Recommendation, default_due: dt.date | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ref": r.ref,
        "item": r.item,
        "text": r.text,
        "to": r.to,
        "lead": r.lead,
        # Left empty when it is the default, so that it stays two months after the meeting.
        "response_due": "" if r.response_due == default_due else _iso(r.response_due),
        "status": r.status or "",
        "paused_reason": r.paused_reason,
        "actions": [
            {
                k: v
                for k, v in (
                    ("action", a.what),
                    ("owner", a.owner),
                    ("due", _iso(a.due)),
                    ("status", a.status),
                    ("done", _iso(a.done)),
                )
                if v
            }
            for a in r.actions
        ],
        "history": [
            {k: v for k, v in (("date", _iso(h.date)), ("status", h.status), ("note", h.note)) if v} for h in r.history
        ],
    }
    if r.response:
        out |= {
            "response.decision": r.response.decision,
            "response.date": _iso(r.response.date),
            "response.text": r.response.text,
        }
    return out


def published_state(record: Record | None, agenda: Agenda) -> dict[str, Any] | None:
    """The published record as the form's state, or None when the meeting has none."""
    if record is None:
        return None
    default_due = recommendations.months_after(agenda.date, recommendations.RESPONSE_MONTHS) if agenda.date else None
    entries = {}
    for item in record.items:
        for a in item.answers:
            values = {"rag": a.rag, "summary": a.summary}
            if a.revisit_date:
                values["revisit.date"] = _iso(a.revisit_date)
            if a.revisit_meeting:
                values["revisit.meeting"] = a.revisit_meeting
            entries[f"{item.number}|{a.question}"] = {"values": values, "actions": [_action(x) for x in a.actions]}
    return {
        "entries": entries,
        "recommendations": [_recommendation(r, default_due) for r in record.recommendations],
        "requests": [
            {
                k: v
                for k, v in (
                    ("item", q.item),
                    ("asked", q.asked),
                    ("of", q.of),
                    ("due", _iso(q.due)),
                    ("received", _iso(q.received)),
                )
                if v
            }
            for q in record.requests
        ],
    }
