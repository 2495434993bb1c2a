"""ModernGov's answers read into meetings and agenda items.

Element names are compared without namespace or case. Text can arrive HTML-escaped twice
(``&amp;amp;``), numbers with a leading space, booleans as the strings True and False, and dates as
dd/mm/yyyy. An item marked restricted, or titled exempt, Part 2 or confidential, is never kept: it
is counted so that the officer can be told, and its title is not repeated anywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

_EXEMPT = re.compile(
    r"\b(exempt|part\s*(?:2|ii|two|b)\b|confidential|not\s+for\s+publication|exclusion\s+of\s+(?:the\s+)?press)",
    re.IGNORECASE,
)
_PROCEDURAL = re.compile(
    r"^\W*(apologies|minutes|declarations?\s+of\s+interests?|disclosures?\s+of\s+interests?|urgent\s+(?:business|items?)"
    r"|any\s+other\s+(?:urgent\s+)?business|date\s+of\s+(?:the\s+)?next\s+meeting|dates\s+of\s+future\s+meetings"
    r"|chair'?s?\s+announcements|substitut|public\s+questions|petitions|work\s*programme|forward\s+plan"
    r"|election\s+of\s+(?:vice[- ])?chair|appointment\s+of\s+(?:vice[- ])?chair|welcome|membership)",
    re.IGNORECASE,
)
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Committee:
    id: int
    title: str


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: int
    date: dt.date | None
    time: str
    status: str
    location: str
    committee_id: int | None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    id: int | None
    number: str  # as the agenda shows it: '5', '6a'
    title: str
    text: str  # the item's description, as plain text
    exempt: bool
    procedural: bool


@dataclass(frozen=True, slots=True)
class Meeting:
    summary: MeetingSummary
    committee: Committee | None
    items: tuple[AgendaItem, ...]  # every item in agenda order, exempt ones included and marked


def _local(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""


def _child(el: Element, name: str) -> Element | None:
    return next((c for c in el if _local(c) == name), None)


def _all(el: Element, name: str) -> list[Element]:
    return [e for e in el.iter() if _local(e) == name]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, _attrs) -> None:
        if tag in ("p", "br", "li", "div", "tr"):
            self.parts.append(" ")


def plain(text: str | None) -> str:
    """Text as a reader sees it: HTML tags dropped, entities read (twice-escaped ones too), one space
    between words, no control or invisible formatting characters."""
    text = text or ""
    for _ in range(3):  # '&amp;amp;' is '&amp;' escaped again: read until nothing changes
        if "&" not in text and "<" not in text:
            break
        parser = _Text()
        parser.feed(text)
        parser.close()
        unescaped = "".join(parser.parts)
        if unescaped == text:
            break
        text = unescaped
    return " ".join(_CONTROL.sub(" ", text).split())


def _text(el: Element, name: str) -> str:
    found = _child(el, name)
    return plain(found.text if found is not None else "")


def _int(el: Element, name: str) -> int | None:
    value = _text(el, name)
    return int(value) if value.isdigit() else None


def _flag(el: Element, name: str) -> bool:
    return _text(el, name).lower() == "true"


def date_of(text: str) -> dt.date | None:
    """A date written dd/mm/yyyy (as ModernGov writes them), or yyyy-mm-dd."""
    for pattern, order in ((_DATE, (3, 2, 1)), (_ISO, (1, 2, 3))):
        m = pattern.search(text)
        if m:
            try:
                return dt.date(*(int(m.group(i)) for i in order))
            except ValueError:
                return None
    return None


def committees(root: Element) -> list[Committee]:
    out = []
    for el in _all(root, "committee"):
        cid = _int(el, "committeeid")
        if cid is not None:
            out.append(Committee(cid, _text(el, "committeetitle")))
    return out


def _summary(el: Element) -> MeetingSummary | None:
    mid = _int(el, "meetingid")
    if mid is None:
        return None
    committee = _int(el, "committeeid")
    return MeetingSummary(
        mid,
        date_of(_text(el, "meetingdate")),
        _text(el, "meetingtime"),
        _text(el, "meetingstatus"),
        _text(el, "meetinglocation"),
        committee,
    )


def meetings(root: Element) -> list[MeetingSummary]:
    return [s for el in _all(root, "meeting") if (s := _summary(el)) is not None]


def _number(el: Element) -> str:
    shown = _text(el, "fulldisplaynumberformat") or _text(el, "agendaitemnumber")
    return shown.strip().rstrip(".").strip()


def agenda_item(el: Element) -> AgendaItem:
    title = _text(el, "agendaitemtitle")
    text = _text(el, "agendatext")
    exempt = _flag(el, "isrestricted") or bool(_EXEMPT.search(title))
    return AgendaItem(
        _int(el, "agendaitemid"), _number(el), title, text, exempt, bool(_PROCEDURAL.search(title)) and not exempt
    )


def meeting(root: Element, meeting_id: int) -> Meeting | None:
    """The meeting with this id in a GetMeeting answer, or None when the answer holds none."""
    candidates = ([root] if _local(root) == "meeting" else []) + _all(root, "meeting")
    for el in candidates:
        summary = _summary(el)
        if summary is None or summary.id != meeting_id:
            continue
        committee_el = _child(el, "committee")
        committee = None
        source = committee_el if committee_el is not None else el
        title = _text(source, "committeetitle") or _text(root, "committeetitle")
        cid = _int(source, "committeeid")
        if title:
            committee = Committee(cid or 0, title)
        if committee and summary.committee_id is None and cid is not None:
            summary = MeetingSummary(summary.id, summary.date, summary.time, summary.status, summary.location, cid)
        items = tuple(agenda_item(i) for i in _all(el, "agendaitem"))
        return Meeting(summary, committee, items)
    return None
