"""A meeting file for content/meetings/ from a ModernGov meeting, with questions suggested for each item.

Each agenda item with questions gets the five that best fit its title and text as its question list
(``selection.questions``, in that order), each with its text in a comment, and the next five as
commented lines to move up: the officer keeps, removes or reorders them. Items the suggestions find
nothing for (apologies, minutes, declarations of interest) and exempt items are left out and named in
``Imported.left_out``; an exempt item's title is never written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from scrutiny_packs.editing.moderngov.client import Service
from scrutiny_packs.editing.moderngov.parse import AgendaItem, Meeting
from scrutiny_packs.model import Bank
from scrutiny_packs.packs.suggest import suggest
from scrutiny_packs.text.sentences import MONTHS
from scrutiny_packs.text.slug import slug

KEPT = 5  # suggestions written as the item's questions
MORE = 5  # further suggestions written as comments
TEXT_LIMIT = 200  # the meeting schema's limit on body, name, place and titles


@dataclass(frozen=True, slots=True)
class LeftOut:
    number: str
    reason: str  # "exempt (restricted)", "no questions suggested"


@dataclass(frozen=True, slots=True)
class Imported:
    id: str  # the meeting file's name without .yml
    text: str  # the file
    items: int  # agenda items written
    left_out: tuple[LeftOut, ...]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _short(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"


def _number(item: AgendaItem, position: int) -> str:
    number = item.number or str(position)
    return number if not number.isdigit() else str(int(number))


def meeting_id(meeting: Meeting) -> str:
    title = meeting.committee.title if meeting.committee else "meeting"
    date = meeting.summary.date.isoformat() if meeting.summary.date else str(meeting.summary.id)
    return f"{slug(title, 50, 'meeting')}-{date}"


def meeting_file(bank: Bank, service: Service, meeting: Meeting, audience: str | None) -> Imported:
    """The meeting file's text for ``meeting``; with no item to write, ``items`` is 0 (write nothing)."""
    s = meeting.summary
    body = meeting.committee.title if meeting.committee and meeting.committee.title else "Committee"
    date = s.date
    assert date is not None  # the caller refuses a meeting without a date
    name = f"Meeting on {date.day} {MONTHS[date.month - 1]} {date.year}"
    source = service.page("ieListDocuments.aspx", **({"CId": s.committee_id} if s.committee_id else {}), MId=s.id)
    lines = [
        "# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/meeting.schema.json",
        f"# Imported from the council's committee system ({service.base_url}); its agenda items in order,",
        "# each with the questions suggested for its title. Keep, remove or reorder them, then run",
        "# 'scrutiny-packs validate'. 'scrutiny-packs suggest \"TITLE\"' suggests more.",
        f"body: {_quoted(_short(body))}",
        f"name: {_quoted(name)}",
        f"date: {date.isoformat()}",
    ]
    if s.time:
        lines.append(f"time: {_quoted(s.time[:40])}")
    if s.location:
        lines.append(f"place: {_quoted(_short(s.location))}")
    lines.append(f"source: {_quoted(source)}")
    lines.append("items:")
    left_out: list[LeftOut] = []
    written, seen = 0, set()
    for position, item in enumerate(meeting.items, start=1):
        number = _number(item, position)
        if item.exempt:
            left_out.append(LeftOut(number, "exempt: restricted or Part 2, never put in a pack"))
            continue
        if not item.title:
            left_out.append(LeftOut(number, "no title"))
            continue
        if number in seen:
            number = f"{number}-{position}"
        found = [] if item.procedural else suggest(bank, f"{item.title}. {item.text}", audience, KEPT + MORE)
        if not found:
            why = "procedural" if item.procedural else "no questions suggested"
            left_out.append(LeftOut(number, f"{why} ({_comment(item.title, 60)})"))
            continue
        seen.add(number)
        written += 1
        lines.append(f"  - number: {number if number.isdigit() else _quoted(number)}")
        lines.append(f"    title: {_quoted(_short(item.title))}")
        if item.id is not None:
            lines.append(f"    link: {_quoted(service.page('mgAi.aspx', ID=item.id))}")
        if audience:
            lines.append(f"    audience: {audience}")
        lines += ["    selection:", "      questions:"]
        lines += [f"        - {f.question.id}  # {_comment(f.question.text)}" for f in found[:KEPT]]
        lines.append("      order: listed")
        if found[KEPT:]:
            lines.append("      # More suggestions: move a line up into 'questions' to use it.")
            lines += [f"      #   - {f.question.id}  # {_comment(f.question.text)}" for f in found[KEPT:]]
    if left_out:
        lines.append("# Not written here:")
        lines += [f"#   item {lo.number}: {lo.reason}" for lo in left_out]
    return Imported(meeting_id(meeting), "\n".join(lines) + "\n", written, tuple(left_out))
