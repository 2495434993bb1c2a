"""Follow-up (open actions and each question's RAG history) and Recommendations (what committees
recommended, and the information they asked for), from the meetings' records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scrutiny_packs.ids import body_key
from scrutiny_packs.model import Area, Question, RecAction
from scrutiny_packs.packs import records as heard_records
from scrutiny_packs.packs import tracker as tracking
from scrutiny_packs.site.follow_up import body_choices
from scrutiny_packs.site.index import SiteIndex


@dataclass(frozen=True, slots=True)
class ActionRow:
    action: heard_records.AgreedAction
    body_key: str  # its body's name in the filter's normal form (site/follow_up.py)
    areas: tuple[str, ...]  # its question's areas
    overdue: bool


@dataclass(frozen=True, slots=True)
class RagHistory:
    question: Question
    heard: tuple[heard_records.Heard, ...]  # oldest first


@dataclass(frozen=True, slots=True)
class FollowUpPage:
    today: dt.date
    examples: bool  # some records are examples, their answers invented
    actions: tuple[ActionRow, ...]  # open actions, overdue first, then by due date
    bodies: tuple[tuple[str, str], ...]  # the body filter's choices: (key, name)
    areas: tuple[Area, ...]  # the area filter's choices: the areas with an open action's question
    history: tuple[RagHistory, ...]


@dataclass(frozen=True, slots=True)
class RecActionLine:
    action: RecAction
    late: bool  # its due date has passed (it shows as overdue unless done or dropped)


@dataclass(frozen=True, slots=True)
class RecCard:
    tracked: tracking.Tracked
    areas: tuple[str, ...]  # what the recommendation is about: its agenda item's questions' areas
    overdue: bool  # its response or one of its open actions
    response_overdue: bool
    state: str  # where it stands, in words
    states: str  # the status filter's values it matches, space-separated
    actions: tuple[RecActionLine, ...]


@dataclass(frozen=True, slots=True)
class AwaitedLine:
    awaited: tracking.Awaited
    overdue: bool


@dataclass(frozen=True, slots=True)
class TrackerSection:
    """The council's own recommendations and requests, or the shipped examples'."""

    prefix: str  # of the ids of its cards and filters
    cards: tuple[RecCard, ...]  # overdue first
    awaited: tuple[AwaitedLine, ...]  # by due date: awaited first, then received
    committees: tuple[str, ...]  # the committee filter's choices
    areas: tuple[Area, ...]  # the area filter's choices, in the bank's order


@dataclass(frozen=True, slots=True)
class RecommendationsPage:
    today: dt.date
    own: TrackerSection
    examples: TrackerSection
    status_labels: dict[str, str]
    decision_labels: dict[str, str]


def follow_up_page(index: SiteIndex) -> FollowUpPage:
    bank, today = index.bank, index.today
    actions = heard_records.overdue_first(heard_records.agreed_actions(bank, "open"), today)
    asked = {a.question for a in actions}
    return FollowUpPage(
        today=today,
        examples=any(r.example for r in bank.records.values()),
        actions=tuple(
            ActionRow(a, body_key(a.heard.body), tuple(index.question_areas(a.question)), a.overdue(today))
            for a in actions
        ),
        bodies=tuple(body_choices(a.heard.body for a in actions)),
        areas=tuple(
            area for area in bank.areas_in_order() if asked & {q.id for q in index.questions_by_area.get(area.id, ())}
        ),
        history=tuple(RagHistory(bank.questions[qid], tuple(heard)) for qid, heard in index.history.items()),
    )


def _committees(tracked: list[tracking.Tracked]) -> tuple[str, ...]:
    """Each committee once, case ignored, as first written; sorted, case ignored."""
    seen: dict[str, str] = {}
    for t in tracked:
        seen.setdefault(t.committee.lower(), t.committee)
    return tuple(sorted(seen.values(), key=str.lower))


def _card(index: SiteIndex, t: tracking.Tracked) -> RecCard:
    today = index.today
    overdue = t.overdue(today)
    states = ("overdue" if overdue else "", "open" if t.is_open() else "complete", t.rec.status or "")
    return RecCard(
        t,
        tuple(index.item_areas(t.rec.meeting, t.rec.item)),
        overdue,
        t.response_overdue(today),
        t.state(today),
        " ".join(s for s in states if s),
        tuple(RecActionLine(a, a.due is not None and a.due < today) for a in t.rec.actions),
    )


def _section(index: SiteIndex, examples: bool, prefix: str) -> TrackerSection:
    bank = index.bank
    tracked = tracking.open_first(tracking.recommendations(bank, examples), index.today)
    awaited = sorted(tracking.requests(bank, examples), key=lambda w: w.request.received is not None)
    cards = tuple(_card(index, t) for t in tracked)
    wanted = {a for card in cards for a in card.areas}
    return TrackerSection(
        prefix,
        cards,
        tuple(AwaitedLine(w, w.overdue(index.today)) for w in awaited),
        _committees(tracked),
        tuple(a for a in bank.areas_in_order() if a.id in wanted),
    )


def recommendations_page(index: SiteIndex) -> RecommendationsPage:
    return RecommendationsPage(
        today=index.today,
        own=_section(index, False, "sp-rec"),
        examples=_section(index, True, "sp-rec-example"),
        status_labels=tracking.STATUS_LABELS,
        decision_labels=tracking.DECISION_LABELS,
    )
