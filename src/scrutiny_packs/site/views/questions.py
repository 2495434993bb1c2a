"""A question's own page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scrutiny_packs.content import review
from scrutiny_packs.model import Area, Audience, Benchmark, Question, Term
from scrutiny_packs.packs.records import Heard
from scrutiny_packs.site.index import SiteIndex
from scrutiny_packs.site.render import term_note_id
from scrutiny_packs.site.views.areas import LinkedIndicator

RETIRED_IN_SEARCH = "Retired question."  # search-query.js reads this word to rank it last


@dataclass(frozen=True, slots=True)
class TermNote:
    """A glossary term a question uses, and the id of its entry under the page's Terms used."""

    term: Term
    note_id: str


@dataclass(frozen=True, slots=True)
class BenchmarkNote:
    benchmark: Benchmark
    provenance: str  # "" for an unchanged national benchmark
    target: str | None  # its place on the guides' page, when the bank has one


@dataclass(frozen=True, slots=True)
class QuestionPage:
    q: Question
    replaced_by: Question | None  # the question that replaces a retired one, when the bank has it
    review_due: dt.date | None  # when the question fell due for review, if that has passed and it is not retired
    search_text: str
    audiences: tuple[Audience, ...]
    areas: tuple[Area, ...]
    provenance: str
    last_heard: Heard | None
    terms: tuple[TermNote, ...]
    benchmarks: tuple[BenchmarkNote, ...]
    evidence: tuple[LinkedIndicator, ...]
    edit_url: str | None  # "Suggest a change", when the build has an edit address


def review_due(index: SiteIndex, q: Question) -> dt.date | None:
    """The date a question falls due for review, when that date has passed."""
    if q.last_reviewed is None:
        return None
    due = review.due_date(q, index.bank.settings.review_interval_months)
    return due if review.is_overdue(due, index.today) else None


def search_text(index: SiteIndex, q: Question) -> str:
    """What search reads beside a question's wording, and shows in its result: its areas, the audiences
    it suits, who answers; and, last, every name its terms go by (other spellings, older and current
    names, plain-English search words), so that a search for any of them finds the question. The site's
    search (search-query.js) leaves that last "Terms:" sentence out of the result it shows, and puts a
    question that starts with ``RETIRED_IN_SEARCH`` after the others that match as well."""
    bank = index.bank
    areas = "; ".join(bank.areas[a].name for a in q.areas if a in bank.areas)
    parts = [RETIRED_IN_SEARCH] if q.retired else []
    parts.append(f"{'Areas' if len(q.areas) > 1 else 'Area'}: {areas}.")
    suits = ", ".join(bank.audiences[a].name for a in q.audiences if a in bank.audiences)
    if suits:
        parts.append(f"For: {suits}.")
    if q.asked_of:
        parts.append(f"Ask: {q.asked_of}.")
    words = list(dict.fromkeys(w for t in index.terms(q) for w in t.search_words))
    if words:
        parts.append(f"Terms: {'; '.join(words)}.")
    return " ".join(parts)


def question_page(index: SiteIndex, q: Question) -> QuestionPage:
    bank = index.bank
    edit_base = index.options.edit_base
    return QuestionPage(
        q=q,
        replaced_by=bank.questions.get(q.replaced_by) if q.replaced_by else None,
        review_due=None if q.retired else review_due(index, q),
        search_text=search_text(index, q),
        audiences=tuple(bank.audiences[a] for a in q.audiences),
        areas=tuple(bank.areas[a] for a in q.areas),
        provenance=bank.provenance_of("questions", q.id),
        last_heard=index.last_heard(q.id),
        terms=tuple(TermNote(t, term_note_id(t)) for t in index.terms(q)),
        benchmarks=tuple(
            BenchmarkNote(bank.benchmarks[b], bank.provenance_of("benchmarks", b), index.benchmark_link(b))
            for b in q.benchmarks
        ),
        evidence=tuple(LinkedIndicator(bank.indicators[i], index.indicator_link(i)) for i in q.evidence),
        edit_url=f"{edit_base}{q.path}" if edit_base and q.path else None,
    )
