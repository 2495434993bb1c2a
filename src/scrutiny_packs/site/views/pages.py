"""The pages written as Markdown in content/ (modules and pages), What's changed and Open data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from scrutiny_packs.content import sources
from scrutiny_packs.model import Area, Audience, Benchmark, Indicator, Page, Question
from scrutiny_packs.site import changes, links, opendata
from scrutiny_packs.site.index import SiteIndex
from scrutiny_packs.site.views.areas import AreaGroup, area_groups
from scrutiny_packs.text.escape import md_literal, md_prose


@dataclass(frozen=True, slots=True)
class FilterArea:
    """An area as the question bank's area filter lists it, indented by its depth."""

    area: Area
    depth: int


@dataclass(frozen=True, slots=True)
class BenchmarkGroup:
    area: Area
    benchmarks: tuple[Benchmark, ...]


@dataclass(frozen=True, slots=True)
class IndicatorGroup:
    area: Area
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class CoverageRow:
    area: Area
    depth: int
    by_audience: tuple[int, ...]  # in the bank's audience order
    total: int
    added: int  # of those, written since 2012


@dataclass(frozen=True, slots=True)
class ModulePage:
    """A module; what it lists depends on what it is generated as (``page.generated``)."""

    page: Page
    body: Markup  # its Markdown, made safe, its citations linked
    audiences: tuple[Audience, ...]
    question_groups: tuple[AreaGroup, ...] = ()  # the question bank: every active question, by area
    filter_areas: tuple[FilterArea, ...] = ()  # the question bank's area filter
    tags: tuple[str, ...] = ()  # the question bank's tag filter
    benchmark_groups: tuple[BenchmarkGroup, ...] = ()  # what good looks like, by area
    indicator_groups: tuple[IndicatorGroup, ...] = ()  # the performance information, by area


@dataclass(frozen=True, slots=True)
class OwnPage:
    """A page from content/pages/."""

    page: Page
    body: Markup
    audiences: tuple[Audience, ...]
    coverage: tuple[CoverageRow, ...] = ()  # on the coverage page


@dataclass(frozen=True, slots=True)
class ChangeLine:
    change: changes.Change
    target: str  # the page (and anchor) it links to
    replaced_by: str | None = None  # a retired question's replacement, when the bank has it


@dataclass(frozen=True, slots=True)
class ChangeDay:
    date: dt.date
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True, slots=True)
class ChangesPage:
    days: tuple[ChangeDay, ...]  # newest first
    left_off: int  # older changes not listed


@dataclass(frozen=True, slots=True)
class DataPage:
    downloads: bool  # this build publishes the data files
    json_path: str
    csv_path: str
    separator: str
    top_fields: tuple[opendata.Field, ...]
    question_fields: tuple[opendata.Field, ...]
    csv_fields: tuple[opendata.Field, ...]
    sources_json_path: str
    sources_csv_path: str
    source_fields: tuple[opendata.Field, ...]
    records_json_path: str
    records_csv_path: str
    record_top_fields: tuple[opendata.Field, ...]
    record_fields: tuple[opendata.Field, ...]
    record_csv_fields: tuple[opendata.Field, ...]


def page_body(index: SiteIndex, page: Page, src: str) -> Markup:
    """A page's Markdown made safe, with {contact} standing for settings.yml's contact (plain text) and
    each [[src:ID LOCATOR]] made a citation linked to its entry on the Sources page (prose itself may
    link only to full web addresses)."""
    bank = index.bank
    prose = md_prose(page.body.replace("{contact}", md_literal(bank.settings.contact)))

    def cited(match: re.Match[str]) -> str:
        sid, locator = match.group(1), (match.group(2) or "").strip()
        if sid not in bank.sources:
            return match.group(0)
        text = index.source_name(sid) + (f", {locator}" if locator else "")
        return f"[{md_literal(text)}]({links.relative(src, links.SOURCES + '#' + sid)})"

    return Markup(sources.MARKDOWN_REF.sub(cited, str(prose)))


def module_page(index: SiteIndex, page: Page) -> ModulePage:
    bank = index.bank
    view = ModulePage(page, page_body(index, page, links.module(page.id)), tuple(bank.audiences.values()))
    if page.generated == "questions":
        return ModulePage(
            page,
            view.body,
            view.audiences,
            question_groups=area_groups(index, bank.active_questions()),
            filter_areas=tuple(FilterArea(a, index.area_depth[a.id]) for a in bank.areas_in_order()),
            tags=tuple(index.tags),
        )
    if page.generated == "benchmarks":
        found = [BenchmarkGroup(a, tuple(index.benchmarks_by_area[a.id])) for a in bank.areas_in_order()]
        return ModulePage(page, view.body, view.audiences, benchmark_groups=tuple(g for g in found if g.benchmarks))
    if page.generated == "indicators":
        got = [IndicatorGroup(a, tuple(index.indicators_by_area[a.id])) for a in bank.areas_in_order()]
        return ModulePage(page, view.body, view.audiences, indicator_groups=tuple(g for g in got if g.indicators))
    return view


def coverage(index: SiteIndex) -> tuple[CoverageRow, ...]:
    """Each area with questions (its sub-areas' included), counted per audience, in area order."""
    bank = index.bank
    rows = []
    for area in bank.areas_in_order():
        under = bank.area_and_descendants(area.id)
        questions = [q for q in bank.active_questions() if under & set(q.areas)]
        if not questions:
            continue
        rows.append(
            CoverageRow(
                area,
                index.area_depth[area.id],
                tuple(sum(1 for q in questions if a in q.audiences) for a in bank.audiences),
                len(questions),
                sum(1 for q in questions if q.origin == "added"),
            )
        )
    return tuple(rows)


def own_page(index: SiteIndex, page: Page) -> OwnPage:
    body = page_body(index, page, links.page(page.id))
    audiences = tuple(index.bank.audiences.values())
    return OwnPage(page, body, audiences, coverage(index) if page.generated == "coverage" else ())


def _target(index: SiteIndex, c: changes.Change, q: Question | None) -> str:
    if c.kind == "new-edition":
        return f"{links.SOURCES}#{c.item}"
    if c.kind == "benchmark":
        return index.benchmark_link(c.item) or links.SOURCES
    if c.kind == "indicator":
        return index.indicator_link(c.item) or links.SOURCES
    if c.kind == "glossary":
        return f"{links.GLOSSARY}#{c.item}"
    return links.question(q.id) if q else links.SOURCES


def _line(index: SiteIndex, c: changes.Change) -> ChangeLine:
    q = c.question
    replaced = q.replaced_by if c.kind == "replaced" and q and q.replaced_by in index.bank.questions else None
    return ChangeLine(c, _target(index, c, q), replaced)


def changes_page(index: SiteIndex) -> ChangesPage:
    days, left_off = changes.changes_by_day(index.bank)
    return ChangesPage(
        tuple(ChangeDay(d.date, tuple(_line(index, c) for c in d.changes)) for d in days),
        left_off,
    )


def data_page(index: SiteIndex) -> DataPage:
    return DataPage(
        downloads=index.options.downloads,
        json_path=opendata.JSON_PATH,
        csv_path=opendata.CSV_PATH,
        separator=opendata.LIST_SEPARATOR,
        top_fields=opendata.TOP_FIELDS,
        question_fields=opendata.question_fields(index.bank),
        csv_fields=opendata.CSV_FIELDS,
        sources_json_path=opendata.SOURCES_JSON_PATH,
        sources_csv_path=opendata.SOURCES_CSV_PATH,
        source_fields=opendata.SOURCE_FIELDS,
        records_json_path=opendata.RECORDS_JSON_PATH,
        records_csv_path=opendata.RECORDS_CSV_PATH,
        record_top_fields=opendata.RECORD_TOP_FIELDS,
        record_fields=opendata.RECORD_FIELDS,
        record_csv_fields=opendata.RECORD_CSV_FIELDS,
    )
