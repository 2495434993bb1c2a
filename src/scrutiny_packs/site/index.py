"""What the site's pages look things up in, worked out once per build: the questions, benchmarks and
indicators of each area, the glossary terms each question uses, the packs and meetings laid out, the
record of what meetings heard, and where each kind of page links to.

Page views (``site/views/``) are built from a ``SiteIndex``; templates never see it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from scrutiny_packs.ids import item_slug
from scrutiny_packs.model import Bank, Benchmark, Indicator, PackSpec, Publication, Question, Term
from scrutiny_packs.packs import records as heard_records
from scrutiny_packs.packs.defaults import all_packs
from scrutiny_packs.packs.files import site_uri as pack_file_uri
from scrutiny_packs.packs.layout import PackView, build_view
from scrutiny_packs.packs.meetings import MeetingItemView, MeetingView, build_meeting_view, bundle_uri, item_uri
from scrutiny_packs.site import links
from scrutiny_packs.text.glossary import Glossary


@dataclass(frozen=True, slots=True)
class SiteOptions:
    today: dt.date | None = None  # for review notices; None means today
    downloads: bool = True  # link pack PDF/Word files and data downloads
    edit_base: str | None = None  # e.g. https://github.com/org/repo/edit/main/ for "Suggest a change"
    offline_zip: str | None = None  # site path of the offline copy to offer on the home page
    pack_pdf: bool = True  # the build makes pack PDFs (not `mkdocs serve`, nor SCRUTINY_PACKS_PDF=0)
    pack_word: bool = True  # the build makes pack Word files (not `mkdocs serve`, unless SCRUTINY_PACKS_PDF=1)
    directory_urls: bool = True  # pages served as folders (questions/q004/); False in the offline copy (.html files)


def href(src: str, target: str, directory_urls: bool = True) -> str:
    """A link in raw HTML from one page to another, as served: '../../questions/q004/' with directory
    URLs, '../questions/q004.html' in the offline copy (MkDocs rewrites Markdown links, not raw HTML)."""
    target, _, anchor = target.partition("#")
    anchor = f"#{anchor}" if anchor else ""
    if not directory_urls:
        html = target[:-3] + ".html" if target.endswith(".md") else target
        return posixpath.relpath(html, posixpath.dirname(src) or ".") + anchor
    here, there = links.url_path(src).rstrip("/") or ".", links.url_path(target).rstrip("/") or "."
    rel = posixpath.relpath(there, here)
    return ("./" if rel == "." else rel + "/") + anchor


class SiteIndex:
    """The bank, the build's options and the lookups every page shares, each made once when first needed."""

    def __init__(self, bank: Bank, options: SiteOptions | None = None):
        self.bank = bank
        self.options = options or SiteOptions()
        self.today = self.options.today or dt.date.today()
        self.module_for = {p.generated: p.id for p in bank.modules.values() if p.generated}
        self.glossary = Glossary(bank.glossary.values())
        self.packs: list[PackSpec] = all_packs(bank)
        self._terms: dict[str, list[Term]] = {}

    # -- areas ------------------------------------------------------------------------------------
    @cached_property
    def questions_by_area(self) -> dict[str, list[Question]]:
        """Each area's active questions, in bank order."""
        found: dict[str, list[Question]] = {a: [] for a in self.bank.areas}
        for q in self.bank.questions.values():
            if q.retired:
                continue
            for a in q.areas:
                found.setdefault(a, []).append(q)
        return found

    @cached_property
    def benchmarks_by_area(self) -> dict[str, list[Benchmark]]:
        found: dict[str, list[Benchmark]] = {a: [] for a in self.bank.areas}
        for b in self.bank.benchmarks.values():
            for a in b.areas:
                found.setdefault(a, []).append(b)
        return found

    @cached_property
    def indicators_by_area(self) -> dict[str, list[Indicator]]:
        found: dict[str, list[Indicator]] = {a: [] for a in self.bank.areas}
        for i in self.bank.indicators.values():
            for a in i.areas:
                found.setdefault(a, []).append(i)
        return found

    @cached_property
    def area_depth(self) -> dict[str, int]:
        """How far down the area tree each area sits: 0 for a top-level area."""
        return {a.id: len(self.bank.area_trail(a.id)) - 1 for a in self.bank.areas.values()}

    @cached_property
    def tags(self) -> list[str]:
        return sorted({t for q in self.bank.active_questions() for t in q.tags})

    def question_areas(self, question_id: str) -> list[str]:
        q = self.bank.questions.get(question_id)
        return list(q.areas) if q else []

    # -- the glossary -----------------------------------------------------------------------------
    def terms(self, q: Question) -> list[Term]:
        """The glossary terms a question's text uses, in the order it first uses them."""
        found = self._terms.get(q.id)
        if found is None:
            found = self._terms[q.id] = self.glossary.terms_in(q.text)
        return found

    @cached_property
    def term_questions(self) -> dict[str, list[Question]]:
        """Each term's id, with the active questions that use it, in bank order."""
        found: dict[str, list[Question]] = {}
        for q in self.bank.active_questions():
            for term in self.terms(q):
                found.setdefault(term.id, []).append(q)
        return found

    # -- sources ----------------------------------------------------------------------------------
    def publisher_name(self, pub: Publication) -> str:
        found = self.bank.publishers.get(pub.publisher)
        return found.name if found else pub.publisher

    def source_name(self, source_id: str) -> str:
        """A source as a reader names it: title, publisher and edition."""
        pub = self.bank.sources.get(source_id)
        if pub is None:
            return source_id
        edition = pub.edition or (str(pub.year) if pub.year else "")
        return f"{pub.title} ({', '.join(x for x in (self.publisher_name(pub), edition) if x)})"

    # -- where things are -------------------------------------------------------------------------
    def href(self, src: str, target: str) -> str:
        """A link in raw HTML from page ``src`` to ``target``, as this build serves pages (``href``)."""
        return href(src, target, self.options.directory_urls)

    def benchmark_link(self, benchmark_id: str) -> str | None:
        """Where a benchmark is in full: its place on the guides' page, when the bank has one."""
        module = self.module_for.get("benchmarks")
        return f"{links.module(module)}#{benchmark_id}" if module else None

    def indicator_link(self, indicator_id: str) -> str | None:
        module = self.module_for.get("indicators")
        return f"{links.module(module)}#{indicator_id}" if module else None

    def question_bank_src(self) -> str | None:
        """The page listing every question, when the bank has one."""
        module = self.module_for.get("questions")
        return links.module(module) if module else None

    # -- packs and meetings -----------------------------------------------------------------------
    @cached_property
    def pack_views(self) -> dict[str, PackView]:
        """Every pack laid out once; its page, PDF and Word file are all drawn from this."""
        return {spec.id: build_view(self.bank, spec) for spec in self.packs}

    def pack_file(self, pack_id: str, kind: Literal["pdf", "docx"]) -> str | None:
        """The source path of a pack's PDF or Word file, when this build makes it."""
        made = self.options.pack_pdf if kind == "pdf" else self.options.pack_word
        if not self.options.downloads or not made:
            return None
        return pack_file_uri(pack_id, kind)

    @cached_property
    def meeting_views(self) -> dict[str, MeetingView]:
        """Every meeting's papers laid out once, by date then id; its page and files are drawn from this."""
        ordered = sorted(self.bank.meetings.values(), key=lambda a: (a.date or dt.date.max, a.id))
        return {a.id: build_meeting_view(self.bank, a) for a in ordered}

    def meeting_file(
        self, meeting: MeetingView, item: MeetingItemView | None = None, kind: Literal["pdf", "docx"] = "pdf"
    ) -> str | None:
        """The source path of a meeting's papers (no ``item``) or of one item's PDF or Word file."""
        if not self.options.downloads or (kind == "pdf" and not self.options.pack_pdf):
            return None
        return bundle_uri(meeting) if item is None else item_uri(meeting, item, kind)

    # -- meeting records --------------------------------------------------------------------------
    @cached_property
    def history(self) -> dict[str, list[heard_records.Heard]]:
        """Each recorded question's answers across meetings, oldest first."""
        return heard_records.history(self.bank)

    def last_heard(self, question_id: str) -> heard_records.Heard | None:
        found = self.history.get(question_id)
        return found[-1] if found else None

    def record_answers(self, meeting_id: str, number: str) -> list[heard_records.Heard]:
        """What the record of a meeting says for one agenda item, in the record's order."""
        slug = item_slug(number)
        return [h for h in heard_records.all_heard(self.bank) if h.meeting == meeting_id and item_slug(h.item) == slug]

    def item_areas(self, meeting_id: str, number: str) -> list[str]:
        """The areas of the questions a record answered at one agenda item: what a recommendation there is about."""
        heard = self.record_answers(meeting_id, number)
        return sorted({a for h in heard for a in self.question_areas(h.answer.question)})
