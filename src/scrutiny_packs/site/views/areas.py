"""The pages that find questions by area or audience: the home page, the areas and audiences indexes,
and a page per area and per audience."""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny_packs.model import Area, Audience, Benchmark, Indicator, PackSpec, Page, Question
from scrutiny_packs.packs.defaults import packs_for_audience
from scrutiny_packs.site.index import SiteIndex


@dataclass(frozen=True, slots=True)
class AreaTree:
    """An area, how many active questions it has (its own, not its sub-areas'), and its sub-areas."""

    area: Area
    count: int
    children: tuple[AreaTree, ...]


@dataclass(frozen=True, slots=True)
class AudienceCount:
    audience: Audience
    count: int  # its active questions


@dataclass(frozen=True, slots=True)
class AreaGroup:
    area: Area
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class LinkedIndicator:
    indicator: Indicator
    target: str | None  # its place on the indicators' page, when the bank has one


@dataclass(frozen=True, slots=True)
class AreaPage:
    area: Area
    trail: tuple[Area, ...]  # the areas it is part of, outermost first
    questions: tuple[Question, ...]
    audiences: tuple[Audience, ...]  # the audience filter's choices: those its questions are for
    children: tuple[Area, ...]
    benchmarks: tuple[Benchmark, ...]
    indicators: tuple[LinkedIndicator, ...]


@dataclass(frozen=True, slots=True)
class AreasPage:
    tops: tuple[AreaTree, ...]


@dataclass(frozen=True, slots=True)
class AudiencePage:
    audience: Audience
    packs: tuple[PackSpec, ...]
    groups: tuple[AreaGroup, ...]  # its questions under their areas


@dataclass(frozen=True, slots=True)
class AudiencesPage:
    audiences: tuple[AudienceCount, ...]


@dataclass(frozen=True, slots=True)
class HomePage:
    audiences: tuple[AudienceCount, ...]
    tops: tuple[AreaTree, ...]
    question_bank: str | None  # the page listing every question, when the bank has one
    question_count: int  # active questions
    modules: tuple[Page, ...]  # the other modules
    offline_zip: str | None  # the offline copy, when this build makes one


def area_tree(index: SiteIndex, parent: str | None = None) -> tuple[AreaTree, ...]:
    return tuple(
        AreaTree(a, len(index.questions_by_area[a.id]), area_tree(index, a.id)) for a in index.bank.child_areas(parent)
    )


def audience_counts(index: SiteIndex) -> tuple[AudienceCount, ...]:
    bank = index.bank
    return tuple(AudienceCount(a, len(bank.questions_for_audience(a.id))) for a in bank.audiences.values())


def area_groups(index: SiteIndex, questions: list[Question]) -> tuple[AreaGroup, ...]:
    """Questions grouped under the areas they belong to, in the toolkit's order."""
    groups = (
        AreaGroup(area, tuple(q for q in questions if area.id in q.areas)) for area in index.bank.areas_in_order()
    )
    return tuple(group for group in groups if group.questions)


def audiences_among(index: SiteIndex, questions: tuple[Question, ...]) -> tuple[Audience, ...]:
    """The audiences at least one of these questions is for, in the bank's order."""
    wanted = {a for q in questions for a in q.audiences}
    return tuple(a for a in index.bank.audiences.values() if a.id in wanted)


def area_page(index: SiteIndex, area: Area) -> AreaPage:
    bank = index.bank
    questions = tuple(index.questions_by_area[area.id])
    return AreaPage(
        area=area,
        trail=tuple(bank.area_trail(area.id)[:-1]),
        questions=questions,
        audiences=audiences_among(index, questions),
        children=tuple(bank.child_areas(area.id)),
        benchmarks=tuple(index.benchmarks_by_area[area.id]),
        indicators=tuple(LinkedIndicator(i, index.indicator_link(i.id)) for i in index.indicators_by_area[area.id]),
    )


def areas_page(index: SiteIndex) -> AreasPage:
    return AreasPage(area_tree(index))


def audience_page(index: SiteIndex, audience: Audience) -> AudiencePage:
    return AudiencePage(
        audience=audience,
        packs=tuple(packs_for_audience(index.packs, audience.id)),
        groups=area_groups(index, index.bank.questions_for_audience(audience.id)),
    )


def audiences_page(index: SiteIndex) -> AudiencesPage:
    return AudiencesPage(audience_counts(index))


def home_page(index: SiteIndex) -> HomePage:
    bank = index.bank
    return HomePage(
        audiences=audience_counts(index),
        tops=area_tree(index),
        question_bank=index.question_bank_src(),
        question_count=len(bank.active_questions()),
        modules=tuple(m for m in bank.modules.values() if m.generated != "questions"),
        offline_zip=index.options.offline_zip,
    )
