"""The meetings index and each meeting's page: its agenda, each item's questions, files and record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutiny_packs.model import Question
from scrutiny_packs.packs import records as heard_records
from scrutiny_packs.packs import tracker as tracking
from scrutiny_packs.packs.meetings import MeetingItemView, MeetingView
from scrutiny_packs.site import record_form, record_published
from scrutiny_packs.site.index import SiteIndex


@dataclass(frozen=True, slots=True)
class MeetingsPage:
    meetings: tuple[MeetingView, ...]  # by date, then id


@dataclass(frozen=True, slots=True)
class HeardLine:
    """One answer the meeting's record gives at an agenda item."""

    heard: heard_records.Heard
    number: int | None  # the question's number in the item's pack, when it is in it
    question: Question | None  # None when the bank no longer has the question
    revisit_name: str  # the meeting to come back to it at, by name when the bank has it; "" for none


@dataclass(frozen=True, slots=True)
class ItemPage:
    """An agenda item on its meeting's page."""

    item: MeetingItemView
    pdf: str | None  # its files, when this build makes them
    docx: str | None
    heard: tuple[HeardLine, ...]  # what the record says was heard, in the record's order
    agreed: tracking.Agreed  # the recommendations and information requests agreed at it


@dataclass(frozen=True, slots=True)
class MeetingPage:
    meeting: MeetingView
    papers: str | None  # the papers as one PDF, when this build makes it
    items: tuple[ItemPage, ...]
    published: bool  # the meeting's record is published: the record form opens with it
    example: bool  # that record is an example, its answers invented
    record: dict[str, Any]  # the record schema's field names, RAG values and limits (site/record_form.py)
    follow_up: dict[str, Any]  # the same for recommendations and requests (site/record_published.py)
    later_meetings: list[dict[str, str]]  # the meetings an answer may be revisited at
    rag_labels: dict[str, str]
    rag_meanings: dict[str, str]


def meetings_page(index: SiteIndex) -> MeetingsPage:
    return MeetingsPage(tuple(index.meeting_views.values()))


def _heard(index: SiteIndex, h: heard_records.Heard, numbers: dict[str, int]) -> HeardLine:
    bank = index.bank
    qid, revisit = h.answer.question, h.answer.revisit_meeting
    revisit_name = (bank.meetings[revisit].name if revisit in bank.meetings else revisit) if revisit else ""
    return HeardLine(h, numbers.get(qid), bank.questions.get(qid), revisit_name)


def _item(index: SiteIndex, meeting: MeetingView, item: MeetingItemView) -> ItemPage:
    numbers = {q.id: q.number for q in item.view.questions}
    return ItemPage(
        item,
        index.meeting_file(meeting, item, "pdf"),
        index.meeting_file(meeting, item, "docx"),
        tuple(_heard(index, h, numbers) for h in index.record_answers(meeting.id, item.number)),
        tracking.agreed_at(index.bank, meeting.id, item.number),
    )


def meeting_page(index: SiteIndex, meeting_id: str) -> MeetingPage:
    meeting = index.meeting_views[meeting_id]
    record = index.bank.records.get(meeting_id)
    return MeetingPage(
        meeting=meeting,
        papers=index.meeting_file(meeting),
        items=tuple(_item(index, meeting, i) for i in meeting.items),
        published=bool(record),
        example=bool(record and record.example),
        record=record_form.record_shape(),
        follow_up=record_published.follow_up_shape(),
        later_meetings=record_form.later_meetings(index.bank, meeting),
        rag_labels=heard_records.RAG_LABELS,
        rag_meanings=heard_records.RAG_MEANINGS,
    )
