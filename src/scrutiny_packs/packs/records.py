"""Meeting records read across meetings: every answer to a question, every action agreed, and what a
body heard last time. The site's Follow-up page, the question pages, 'Since last time' in packs and
the ``actions`` command all read records through here, so they agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scrutiny_packs.ids import body_key, item_slug
from scrutiny_packs.model import Action, Answer, Bank

RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green"}
RAG_MEANINGS = {"red": "a concern", "amber": "partly assured", "green": "assured"}


@dataclass(frozen=True)
class Heard:
    """One answer to one question at one meeting, with where it was heard."""

    meeting: str  # meeting id
    body: str
    meeting_name: str
    date: dt.date | None
    item: str
    item_title: str
    answer: Answer
    example: bool = False

    @property
    def rag_label(self) -> str:
        return RAG_LABELS.get(self.answer.rag, self.answer.rag)

    @property
    def open_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.answer.actions if a.status == "open")


@dataclass(frozen=True)
class AgreedAction:
    action: Action
    heard: Heard

    @property
    def question(self) -> str:
        return self.heard.answer.question

    def overdue(self, today: dt.date) -> bool:
        return self.action.status == "open" and self.action.due is not None and self.action.due < today


def _key(h: Heard) -> tuple:
    return (h.date or dt.date.min, h.meeting)


def showing_examples(bank: Bank) -> bool:
    """Whether histories, lists and 'Since last time' read the example records: only while the bank
    has no record of its own, so that a council's own records are never mixed with the examples."""
    return not any(not r.example and not _example_meeting(bank, m) for m, r in bank.records.items())


def _example_meeting(bank: Bank, meeting_id: str) -> bool:
    agenda = bank.meetings.get(meeting_id)
    return bool(agenda and agenda.example)


def all_heard(bank: Bank) -> list[Heard]:
    """Every recorded answer, oldest meeting first, in agenda order within a meeting: the council's
    own records, or the examples while it has none (``showing_examples``)."""
    out: list[Heard] = []
    examples = showing_examples(bank)
    for meeting_id, record in bank.records.items():
        agenda = bank.meetings.get(meeting_id)
        if agenda is None or (record.example or agenda.example) != examples:
            continue
        titles = {item_slug(i.number): i.title for i in agenda.items}
        for item in record.items:
            for answer in item.answers:
                out.append(
                    Heard(
                        meeting_id,
                        agenda.body,
                        agenda.name,
                        agenda.date,
                        item.number,
                        titles.get(item_slug(item.number), ""),
                        answer,
                        record.example,
                    )
                )
    return sorted(out, key=_key)


def history(bank: Bank) -> dict[str, list[Heard]]:
    """Each question's answers across meetings, oldest first; questions in the bank's order."""
    by_question: dict[str, list[Heard]] = {}
    for heard in all_heard(bank):
        by_question.setdefault(heard.answer.question, []).append(heard)
    return {qid: by_question[qid] for qid in bank.questions if qid in by_question}


def agreed_actions(bank: Bank, status: str | None = "open", body: str | None = None) -> list[AgreedAction]:
    """Actions (``status`` 'open', 'done', 'dropped', or None for all), by due date then meeting."""
    out = [
        AgreedAction(action, heard)
        for heard in all_heard(bank)
        for action in heard.answer.actions
        if (status is None or action.status == status) and (body is None or body_key(heard.body) == body_key(body))
    ]
    return sorted(out, key=lambda a: (a.action.due or dt.date.max, _key(a.heard)))


def overdue_first(actions: list[AgreedAction], today: dt.date) -> list[AgreedAction]:
    """Overdue actions first, then the rest, each by due date (a stable sort keeps that order)."""
    return sorted(actions, key=lambda a: not a.overdue(today))


@dataclass(frozen=True)
class SinceLastTime:
    """For one question of a later pack: what the same body last heard, and its actions still open."""

    number: int
    question: str
    text: str
    heard: Heard
    open_actions: tuple[Action, ...]


def since_last_time(
    bank: Bank, body: str, before: dt.date | None, questions: list[tuple[int, str, str]]
) -> tuple[SinceLastTime, ...]:
    """For each (number, id, text) of a pack, the latest answer the body (any body, when none is given)
    recorded before the date (any, when none), and every action on it still open from those meetings."""
    key = body_key(body or "")
    earlier = [
        h
        for h in all_heard(bank)
        if (not key or body_key(h.body) == key) and (before is None or (h.date is not None and h.date < before))
    ]
    out = []
    for number, qid, text in questions:
        mine = [h for h in earlier if h.answer.question == qid]
        if not mine:
            continue
        still_open = tuple(a for h in mine for a in h.answer.actions if a.status == "open")
        out.append(SinceLastTime(number, qid, text, mine[-1], still_open))
    return tuple(out)
