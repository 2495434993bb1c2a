"""Typed, immutable content: what the loader produces and everything else reads."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

Framing = Literal["you", "we"]
Order = Literal["area", "listed", "bank"]  # how a pack orders its questions
Section = Literal["modules", "pages"]  # the folders of Markdown pages under content/
Origin = Literal["walsall-2012", "added"]  # the 2012 Walsall toolkit, or written for the bank since

_NUMBERED = re.compile(r"q(\d+)")


def question_number(question_id: str) -> int | None:
    """The number in a question id such as 'q014' (14), or None for an id of another shape."""
    match = _NUMBERED.fullmatch(question_id)
    return int(match.group(1)) if match else None


SourceKind = Literal[
    "act",
    "regulations",
    "statutory-guidance",
    "non-statutory-guidance",
    "inspection-framework",
    "statistics-release",
    "national-review",
    "research",
    "practice-example",
]
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)


@dataclass(frozen=True, slots=True)
class Source:
    """One citation as readers see it: the publication (from content/sources/ when ``ref`` names
    one) and where in it (``section``, the citation's locator)."""

    document: str
    module: str = ""
    section: str = ""
    quote: str = ""
    note: str = ""
    year: int | None = None
    publisher: str = ""
    url: str = ""
    ref: str = ""  # the id of the publication in content/sources/, when the citation names one
    edition: str = ""
    superseded_by: str = ""  # the id of the newer edition, when this one has been replaced


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes sources, and the web hosts that are its own (content/publishers.yml)."""

    id: str
    name: str
    hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Publication:
    """A published source, from content/sources/<id>.yml: one edition of one document."""

    id: str
    title: str
    publisher: str  # a publisher id
    kind: SourceKind
    edition: str = ""
    date: dt.date | None = None
    url: str = ""
    supersedes: str = ""
    superseded_by: str = ""
    applies_from: dt.date | None = None
    checked: dt.date | None = None
    note: str = ""
    path: str = ""

    @property
    def year(self) -> int | None:
        if self.date:
            return self.date.year
        found = re.search(r"\b(19|20)\d{2}\b", self.edition)
        return int(found.group(0)) if found else None

    @property
    def current(self) -> bool:
        return not self.superseded_by


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    name: str
    description: str
    parent: str | None = None
    order: int = 0
    path: str = ""


@dataclass(frozen=True, slots=True)
class Audience:
    id: str
    name: str
    description: str
    short_name: str = ""
    framing: Framing = "you"
    order: int = 0
    path: str = ""

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    source: Source


@dataclass(frozen=True, slots=True)
class Benchmark:
    id: str
    title: str
    areas: tuple[str, ...]
    text: str
    examples: tuple[Example, ...] = ()
    last_reviewed: dt.date | None = None
    path: str = ""
    sources: tuple[Source, ...] = ()  # published guidance the text rests on
    change_note: str = ""  # what the last review changed, and why


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    areas: tuple[str, ...]
    description: str
    how_to_read: str = ""
    source: Source | None = None
    path: str = ""
    last_reviewed: dt.date | None = None
    change_note: str = ""  # what the last review changed, and why


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    areas: tuple[str, ...]
    audiences: tuple[str, ...]
    asked_of: str = ""
    benchmarks: tuple[str, ...] = ()
    listen_for: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: Source | None = None
    notes: str = ""
    last_reviewed: dt.date | None = None
    status: Literal["active", "retired"] = "active"
    replaced_by: str | None = None
    path: str = ""
    added: dt.date | None = None
    origin: Origin = "added"
    distinct_from: tuple[str, ...] = ()  # older questions a reviewer judged to ask something different
    split_into: tuple[str, ...] = ()  # a retired question split into several: their ids
    change_note: str = ""  # what the last review changed, and why

    @property
    def retired(self) -> bool:
        return self.status == "retired" or self.replaced_by is not None


@dataclass(frozen=True, slots=True)
class NowCalled:
    """A glossary term's current name, when it has changed since the questions were written."""

    term: str
    since: int | None = None
    by: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry: an abbreviation or a name the questions use, with what it means now."""

    id: str
    term: str
    explanation: str
    also_written: tuple[str, ...] = ()
    stands_for: str = ""
    now_called: NowCalled | None = None
    search_terms: tuple[str, ...] = ()
    source: Source | None = None
    path: str = ""
    last_reviewed: dt.date | None = None
    change_note: str = ""  # what the last review changed, and why

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way of writing the term that counts as the term in text: itself, its other
        spellings and what it stands for (never its search words, which are only related)."""
        return (self.term,) + self.also_written + ((self.stands_for,) if self.stands_for else ())

    @property
    def expansion(self) -> str:
        """A short account of the term: what it stands for or its current name, e.g.
        'Serious case review; since 2019, local child safeguarding practice review'."""
        parts = [self.stands_for] if self.stands_for else []
        if self.now_called:
            since = f"since {self.now_called.since}, " if self.now_called.since else "now "
            name = self.now_called.term
            parts.append(since + (name[:1].lower() + name[1:] if _SENTENCE_CASE.match(name) else name))
        return "; ".join(parts)

    @property
    def summary(self) -> str:
        """The expansion, or else the explanation's first sentence: what a list of terms shows."""
        if self.expansion:
            return self.expansion
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", self.explanation, maxsplit=1)[0]
        return first

    @property
    def search_words(self) -> tuple[str, ...]:
        """Every name people may search with for the term: its forms, its current name and its search words."""
        words = list(self.forms) + ([self.now_called.term] if self.now_called else []) + list(self.search_terms)
        return tuple(dict.fromkeys(words))


_SENTENCE_CASE = re.compile(r"[A-Z][a-z]")  # 'Local child ...' reads as 'local child ...' mid-sentence


@dataclass(frozen=True, slots=True)
class Page:
    """A Markdown page from content/modules/ or content/pages/."""

    id: str
    section: Section
    title: str
    body: str
    order: int = 0
    generated: str | None = None
    description: str = ""
    path: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    body: str = ""
    name: str = ""
    date: dt.date | None = None
    item: str = ""
    item_title: str = ""
    place: str = ""


@dataclass(frozen=True, slots=True)
class Selection:
    areas: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    exclude_areas: tuple[str, ...] = ()
    exclude_audiences: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    exclude_questions: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()  # narrows every other list: only questions of these origins
    # "": each kind of list narrows, values within one widen, ``questions`` adds (packs.select);
    # "any" and "all": the older meanings, kept for files written with them.
    match: Literal["", "any", "all"] = ""
    order: Order = "area"


@dataclass(frozen=True, slots=True)
class PackOptions:
    benchmarks: bool = True
    evidence: bool = True
    notes_space: bool = True
    rag: bool = False
    since_last_time: bool = False  # what the same body heard last time: RAG, answer and open actions


@dataclass(frozen=True, slots=True)
class PackSpec:
    id: str
    title: str
    audience: str | None = None
    framing: Framing = "you"
    description: str = ""
    meeting: Meeting = field(default_factory=Meeting)
    selection: Selection = field(default_factory=Selection)
    options: PackOptions = field(default_factory=PackOptions)
    path: str = ""


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One agenda item of a meeting: a pack from content/packs/ (``pack``) or one written inline
    (``inline``, a PackSpec whose meeting details the meeting fills in)."""

    number: str
    title: str
    pack: str | None = None
    inline: PackSpec | None = None


@dataclass(frozen=True, slots=True)
class Agenda:
    """A meeting from content/meetings/: its details and agenda items in order."""

    id: str
    body: str
    name: str
    date: dt.date | None
    items: tuple[AgendaItem, ...]
    place: str = ""
    description: str = ""
    path: str = ""
    since_last_time: bool = False  # every item's pack gets 'Since last time'
    example: bool = False  # an example meeting, shown only while the settings allow examples


RAG = Literal["red", "amber", "green"]
ActionStatus = Literal["open", "done", "dropped"]


@dataclass(frozen=True, slots=True)
class Action:
    """An action agreed at a meeting: what, who (a role, never a person), by when, and where it stands."""

    what: str
    owner: str
    due: dt.date | None
    status: ActionStatus = "open"
    done: dt.date | None = None  # when it was done


@dataclass(frozen=True, slots=True)
class Answer:
    """What was heard for one question at one agenda item."""

    question: str
    summary: str
    rag: RAG
    actions: tuple[Action, ...] = ()
    revisit_date: dt.date | None = None  # come back to it on this date ...
    revisit_meeting: str = ""  # ... or at this later meeting (an id in content/meetings/)


@dataclass(frozen=True, slots=True)
class RecordItem:
    number: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True, slots=True)
class Record:
    """A meeting's record, from content/meetings/<meeting>.record.yml: the answers heard at each item."""

    meeting: str
    items: tuple[RecordItem, ...]
    example: bool = False
    path: str = ""
    recommendations: tuple[Recommendation, ...] = ()
    requests: tuple[InfoRequest, ...] = ()


RecStatus = Literal["green", "amber", "red", "paused"]
Decision = Literal["accepted", "partly accepted", "not accepted"]


@dataclass(frozen=True, slots=True)
class Response:
    """The executive's or a partner's answer to a recommendation."""

    decision: Decision
    date: dt.date | None
    text: str = ""


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    date: dt.date | None
    status: RecStatus
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecAction:
    """An action to carry out a recommendation: what, who (a role), by when, and when it was done."""

    what: str
    owner: str
    due: dt.date | None
    status: ActionStatus = "open"
    done: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Recommendation:
    """What a committee asked the executive or a partner to do, from a meeting's record."""

    ref: str  # municipal year and number, e.g. 2026-27/3
    meeting: str
    item: str
    text: str
    to: str
    response_due: dt.date | None  # two months after the meeting unless the record sets it
    lead: str = ""
    response: Response | None = None
    actions: tuple[RecAction, ...] = ()
    status: RecStatus | None = None
    paused_reason: str = ""
    history: tuple[StatusUpdate, ...] = ()
    example: bool = False


@dataclass(frozen=True, slots=True)
class InfoRequest:
    """Information a committee asked to be sent to it, and when it arrived."""

    meeting: str
    item: str
    asked: str
    of: str
    due: dt.date | None
    received: dt.date | None = None
    example: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    organisation: str = "Scrutiny Packs"
    examples: bool = True  # show the shipped example meetings and records
    release: str = ""  # the national bank's release this content is, e.g. 3.0.0
    review_interval_months: int = 12
    contact: str = ""
    documents: dict[str, str] = field(default_factory=dict)

    def document_title(self, document: str) -> str:
        return self.documents.get(document, document)


ProvenanceKind = Literal["reworded", "retagged", "added"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an item of a council's site came from: the national bank, changed by the council's overlay,
    or the council itself. Items with none are the national bank's, unchanged."""

    council: str
    how: ProvenanceKind
    kind: str  # what the item is, in words: question, benchmark, glossary entry

    def sentence(self, item_id: str) -> str:
        if self.how == "added":
            return f"{self.kind.capitalize()} {item_id}, added by {self.council}"
        return f"National {self.kind} {item_id}, {self.how} for {self.council}"


@dataclass(slots=True)
class Bank:
    """Everything in content/, indexed by id, in display order."""

    settings: Settings = field(default_factory=Settings)
    areas: dict[str, Area] = field(default_factory=dict)
    audiences: dict[str, Audience] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    benchmarks: dict[str, Benchmark] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    modules: dict[str, Page] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    packs: dict[str, PackSpec] = field(default_factory=dict)
    meetings: dict[str, Agenda] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)  # by meeting id
    glossary: dict[str, Term] = field(default_factory=dict)  # alphabetical by term
    sources: dict[str, Publication] = field(default_factory=dict)  # by title
    publishers: dict[str, Publisher] = field(default_factory=dict)
    # A council's site: what its overlay changed or added, by (collection, id). Empty for the national site.
    provenance: dict[tuple[str, str], Provenance] = field(default_factory=dict)

    def provenance_of(self, collection: str, item_id: str) -> str:
        """ "National question q017, reworded for Example Council", or "" for an unchanged national item."""
        found = self.provenance.get((collection, item_id))
        return found.sentence(item_id) if found else ""

    def child_areas(self, area_id: str | None) -> list[Area]:
        return [a for a in self.areas.values() if a.parent == area_id]

    def area_and_descendants(self, area_id: str) -> set[str]:
        found = {area_id}
        frontier = [area_id]
        while frontier:
            current = frontier.pop()
            for child in self.child_areas(current):
                if child.id not in found:
                    found.add(child.id)
                    frontier.append(child.id)
        return found

    def area_trail(self, area_id: str) -> list[Area]:
        """The area and its ancestors, outermost first."""
        trail: list[Area] = []
        current = self.areas.get(area_id)
        while current is not None and current not in trail:
            trail.insert(0, current)
            current = self.areas.get(current.parent) if current.parent else None
        return trail

    def areas_in_order(self) -> list[Area]:
        """Every area, depth first, in display order."""
        out: list[Area] = []

        def walk(parent: str | None) -> None:
            for area in self.child_areas(parent):
                out.append(area)
                walk(area.id)

        walk(None)
        return out

    def active_questions(self) -> list[Question]:
        return [q for q in self.questions.values() if not q.retired]

    def questions_for_area(self, area_id: str, include_retired: bool = False) -> list[Question]:
        return [q for q in self.questions.values() if area_id in q.areas and (include_retired or not q.retired)]

    def questions_for_audience(self, audience_id: str) -> list[Question]:
        return [q for q in self.active_questions() if audience_id in q.audiences]
