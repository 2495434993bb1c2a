"""The view model of a pack: everything a page, PDF, Word or Markdown pack shows, framed and numbered.

Built once per pack from the bank; every renderer draws from it and decides
nothing about content, so all formats say the same thing. Text here is plain
(``description`` and a guide's ``text`` are Markdown); renderers escape it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from scrutiny_packs.model import Bank, Framing, Meeting, PackOptions, PackSpec
from scrutiny_packs.packs.records import SinceLastTime, since_last_time
from scrutiny_packs.packs.select import Selected, select
from scrutiny_packs.text import sentences
from scrutiny_packs.text.credits import PACK_SOURCE_LINE
from scrutiny_packs.text.escape import truncate
from scrutiny_packs.text.framing import frame
from scrutiny_packs.text.glossary import glossary_of

FOOTER_TITLE_LIMIT = 90
FOOTER_MEETING_LIMIT = FOOTER_TITLE_LIMIT + 30


@dataclass(frozen=True)
class Detail:
    """One labelled line of the cover: 'Agenda item' / '6: The front door'."""

    label: str
    value: str
    iso_date: str = ""  # set when the value is a date


@dataclass(frozen=True)
class Guide:
    """A 'what good looks like' benchmark, shown once in a pack."""

    id: str
    title: str
    text: str  # Markdown


@dataclass(frozen=True)
class Figure:
    """Evidence to ask for: a performance indicator."""

    id: str
    name: str
    description: str  # plain text, whole


@dataclass(frozen=True)
class CitedSource:
    """A source the pack's questions or benchmarks cite, for the short list at its end."""

    name: str  # title, then publisher and edition
    url: str = ""
    superseded: bool = False


@dataclass(frozen=True)
class Gloss:
    """A term the pack's questions use, with what it stands for or is called now."""

    id: str
    term: str
    meaning: str  # plain


@dataclass(frozen=True)
class PackQuestion:
    number: int
    id: str
    text: str  # framed
    asked_of: str = ""
    listen_for: tuple[str, ...] = ()
    evidence: tuple[Figure, ...] = ()
    provenance: str = ""  # on a council's site: "National question q017, reworded for Example Council"


@dataclass(frozen=True)
class PackGroup:
    area_id: str
    title: str
    context: str  # the area's parents, e.g. 'Practice › Specific risk issues'
    questions: tuple[PackQuestion, ...]
    guides: tuple[Guide, ...] = ()  # benchmarks its questions cite, not shown earlier in the pack

    @property
    def first(self) -> int:
        return self.questions[0].number

    @property
    def last(self) -> int:
        return self.questions[-1].number

    @property
    def numbers(self) -> str:
        return sentences.question_numbers(self.first, self.last)

    @property
    def guides_title(self) -> str:
        return sentences.guides_heading(self.title)


@dataclass(frozen=True)
class PackView:
    id: str
    title: str
    footer_title: str
    framing: Framing
    framing_note: str
    details: tuple[Detail, ...]
    options: PackOptions
    groups: tuple[PackGroup, ...]
    description: str = ""  # Markdown
    audience: str = ""  # the asking body's name
    kicker: str = sentences.KICKER
    organisation: str = ""
    language: str = "en-GB"
    left_out: tuple[str, ...] = field(default=())  # retired questions the pack named
    terms: tuple[Gloss, ...] = ()  # "Terms used in this pack", alphabetically
    source_line: str = PACK_SOURCE_LINE  # credits the questions' sources, in every format
    cited: tuple[CitedSource, ...] = ()  # the sources its questions and benchmarks cite, by title
    footer_meeting: str = ""  # body, date and agenda item, for the running footer of every page
    anchor: str = "sp-pack"  # prefix of the ids in the pack's HTML (several packs share a meeting's papers)
    since: tuple[SinceLastTime, ...] = ()  # 'Since last time': what the same body last heard, per question
    since_asked: bool = False  # the pack asked for 'Since last time' (so an empty one says so)

    @property
    def footer_lines(self) -> tuple[str, ...]:
        """The running footer beside "Page X of Y": the meeting details when given, then the title."""
        return (self.footer_meeting, self.footer_title) if self.footer_meeting else (self.footer_title,)

    @property
    def questions(self) -> list[PackQuestion]:
        return [q for g in self.groups for q in g.questions]

    @property
    def count(self) -> int:
        return sum(len(g.questions) for g in self.groups)

    @property
    def has_guidance(self) -> bool:
        return any(q.listen_for for q in self.questions) or any(g.guides for g in self.groups)

    @property
    def has_evidence(self) -> bool:
        return any(q.evidence for q in self.questions)

    @property
    def how_to(self) -> str:
        """The cover's sentence on how to use the pack, for what this pack shows."""
        o = self.options
        return sentences.how_to(
            good=o.benchmarks and self.has_guidance,
            evidence=o.evidence and self.has_evidence,
            notes=o.notes_space,
            rag=o.rag,
        )


def long_date(day: dt.date) -> str:
    return sentences.long_date(day.year, day.month, day.day)


def meeting_line(meeting: Meeting, item: bool = True) -> str:
    """The meeting in one line for a running footer: body, date and (with ``item``) the agenda item."""
    parts = [meeting.body] if meeting.body else []
    if meeting.date:
        parts.append(long_date(meeting.date))
    if item and meeting.item:
        parts.append(sentences.FOOTER_ITEM.format(item=meeting.item))
    elif item and meeting.item_title:
        parts.append(meeting.item_title)
    return truncate(" \u00b7 ".join(parts), FOOTER_MEETING_LIMIT)


def _details(bank: Bank, spec: PackSpec, count: int) -> tuple[Detail, ...]:
    m = spec.meeting
    label = sentences.DETAILS
    out = []
    if m.body:
        out.append(Detail(label["body"], m.body))
    if m.name:
        out.append(Detail(label["meeting"], m.name))
    if m.date:
        out.append(Detail(label["date"], long_date(m.date), m.date.isoformat()))
    if m.place:
        out.append(Detail(label["place"], m.place))
    if m.item or m.item_title:
        out.append(
            Detail(label["item"], f"{m.item}: {m.item_title}" if m.item and m.item_title else m.item or m.item_title)
        )
    if spec.audience and spec.audience in bank.audiences:
        out.append(Detail(label["audience"], bank.audiences[spec.audience].name))
    out.append(Detail(label["questions"], str(count)))
    return tuple(out)


def framing_note(framing: Framing) -> str:
    if framing == "we":
        return "Framed as \u201cwe\u201d: questions the body asks of itself and its partners."
    return "Framed as \u201cyou\u201d: questions to put to the services being held to account."


def build_view(bank: Bank, spec: PackSpec, selected: Selected | None = None, anchor: str = "sp-pack") -> PackView:
    """The pack as it will be shown. ``selected`` is worked out here when not given."""
    selected = selected if selected is not None else select(bank, spec.selection)
    numbered: list[tuple[str, PackQuestion, tuple[str, ...]]] = []
    for number, q in enumerate(selected.questions, start=1):
        evidence = tuple(
            Figure(i, bank.indicators[i].name, plain_text(bank.indicators[i].description))
            for i in q.evidence
            if i in bank.indicators
        )
        pq = PackQuestion(
            number,
            q.id,
            frame(q.text, spec.framing),
            q.asked_of,
            q.listen_for,
            evidence,
            bank.provenance_of("questions", q.id),
        )
        numbered.append((selected.shown_under[q.id], pq, q.benchmarks))

    groups: list[PackGroup] = []
    shown_guides: set[str] = set()
    run: list[tuple[str, PackQuestion, tuple[str, ...]]] = []

    def close_run() -> None:
        if not run:
            return
        area_id = run[0][0]
        guides = []
        for _, _, benchmark_ids in run:
            for bid in _relevant(bank, benchmark_ids, area_id):
                if bid not in shown_guides:
                    shown_guides.add(bid)
                    b = bank.benchmarks[bid]
                    guides.append(Guide(b.id, b.title, b.text))
        trail = bank.area_trail(area_id)
        area = bank.areas.get(area_id)
        groups.append(
            PackGroup(
                area_id,
                area.name if area else area_id,
                " \u203a ".join(a.name for a in trail[:-1]),
                tuple(pq for _, pq, _ in run),
                tuple(guides) if spec.options.benchmarks else (),
            )
        )
        run.clear()

    for item in numbered:
        if run and run[-1][0] != item[0]:
            close_run()
        run.append(item)
    close_run()

    audience = bank.audiences.get(spec.audience) if spec.audience else None
    since: tuple[SinceLastTime, ...] = ()
    if spec.options.since_last_time:
        since = since_last_time(
            bank, spec.meeting.body, spec.meeting.date, [(pq.number, pq.id, pq.text) for _, pq, _ in numbered]
        )
    used = {t.id for t in glossary_of(tuple(bank.glossary.values())).terms_in(*(q.text for q in selected.questions))}
    terms = tuple(Gloss(t.id, t.term, t.summary) for t in bank.glossary.values() if t.id in used)
    shown = {g.id for group in groups for g in group.guides}
    citing = [q.source for q in selected.questions if q.source] + [
        s for bid in sorted(shown) if bid in bank.benchmarks for s in bank.benchmarks[bid].sources
    ]
    return PackView(
        cited=cited_sources(citing),
        id=spec.id,
        title=spec.title,
        footer_title=truncate(spec.title, FOOTER_TITLE_LIMIT),
        framing=spec.framing,
        framing_note=framing_note(spec.framing),
        details=_details(bank, spec, len(selected.questions)),
        options=spec.options,
        groups=tuple(groups),
        description=spec.description,
        audience=audience.name if audience else "",
        organisation=bank.settings.organisation,
        left_out=selected.left_out,
        footer_meeting=meeting_line(spec.meeting),
        anchor=anchor,
        since=since,
        since_asked=spec.options.since_last_time,
        terms=terms,
    )


def _relevant(bank: Bank, benchmark_ids: tuple[str, ...], area_id: str) -> list[str]:
    """The benchmarks a question cites that speak to the area it is shown under; all of them
    when none does. (A question in several areas cites benchmarks for each.)"""
    cited = [bid for bid in benchmark_ids if bid in bank.benchmarks]
    here = [bid for bid in cited if area_id in bank.benchmarks[bid].areas]
    return here or cited


# Bounded: a long run of unclosed brackets or marks made these quadratic.
_LINK = re.compile(r"\[([^\[\]]{0,2000})\]\([^()]{0,2000}\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.{1,300}?)(?<=\S)\1", re.DOTALL)
_ESCAPABLE = "\\`*_{}[]()#+-.!>"
_ESCAPED = re.compile(r"\\([" + re.escape(_ESCAPABLE) + "])")
_HIDE = {char: chr(0x86 + index) for index, char in enumerate(_ESCAPABLE)}  # C1 controls, not spaces
_SHOW = {ord(hidden): char for char, hidden in _HIDE.items()}


def plain_text(markdown: str) -> str:
    """Simple Markdown read as plain text: links keep their words, emphasis marks go, and a
    backslash-escaped mark is the mark itself."""
    # Escaped marks are set aside as control characters (which content never holds) meanwhile.
    text = _ESCAPED.sub(lambda m: _HIDE[m.group(1)], markdown)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("`", "")
    return " ".join(text.split()).translate(_SHOW)


def paragraphs(markdown: str) -> list[str]:
    """Simple Markdown as plain-text paragraphs (blank lines separate them)."""
    return [plain_text(p) for p in re.split(r"\n\s*\n", markdown.strip()) if p.strip()]


def cited_source(citation) -> tuple[str, CitedSource] | None:
    """One citation as the list of sources shows it, with the key it is listed once by (its source's id,
    or its document's title); None for a citation that names no document."""
    c = citation
    key = c.ref or c.document
    if not key:
        return None
    edition = c.edition or (str(c.year) if c.year else "")
    made = ", ".join(x for x in (c.publisher, edition) if x and x not in c.document)
    return key, CitedSource(
        f"{c.document} ({made})" if made else c.document, c.url if c.ref else "", bool(c.superseded_by)
    )


def cited_order(source: CitedSource) -> str:
    """Where a source comes in the list: by its name, whatever the letters' case."""
    return source.name.casefold()


def cited_sources(citations: list) -> tuple[CitedSource, ...]:
    """Each source cited once (the first citation of it), by title: 'Title (Publisher, edition)'."""
    found: dict[str, CitedSource] = {}
    for c in citations:
        made = cited_source(c)
        if made is not None and made[0] not in found:
            found[made[0]] = made[1]
    return tuple(sorted(found.values(), key=cited_order))
