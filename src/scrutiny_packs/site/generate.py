"""Generate every page of the site as Markdown, from the bank alone.

Used by the MkDocs hook (virtual files) and by ``export-markdown`` (files on
disk, for any other engine). Pages are rendered from Jinja templates in
``templates/site/``; content reaches them escaped (see ``text``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import framing
from ..model import Bank, Question
from ..text import html_escape, md_block, md_escape, title_text, truncate
from . import links


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    src_uri: str
    content: str
    edit_path: str | None = None  # repository path of the content file behind it
    in_nav: bool = True


@dataclass(frozen=True, slots=True)
class SiteOptions:
    today: dt.date | None = None  # for review notices; None means today
    downloads: bool = True  # link pack PDF/Word files and data downloads
    edit_base: str | None = None  # e.g. https://github.com/org/repo/edit/main/ for "Suggest a change"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scrutiny_packs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_escape, mdblock=md_block, h=html_escape, truncate_words=truncate)
    return env


def front_matter(title: str, **extra: Any) -> str:
    """YAML front matter; JSON strings are valid YAML and need no further quoting.

    The theme prints front matter text (title, description) unescaped, so
    text values are HTML-escaped here.
    """
    lines = ["---", f"title: {json.dumps(title_text(title))}"]
    for key, value in extra.items():
        if value is not None:
            value = title_text(value) if isinstance(value, str) else value
            lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


class SiteBuilder:
    """Holds the bank and the indexes the page templates need, computed once."""

    def __init__(self, bank: Bank, options: SiteOptions | None = None):
        self.bank = bank
        self.options = options or SiteOptions()
        self.today = self.options.today or dt.date.today()
        self.env = environment()
        self.module_for = {p.generated: p.id for p in bank.modules.values() if p.generated}
        self.questions_by_area: dict[str, list[Question]] = {a: [] for a in bank.areas}
        for q in bank.questions.values():
            if q.retired:
                continue
            for a in q.areas:
                self.questions_by_area.setdefault(a, []).append(q)
        self.benchmarks_by_area: dict[str, list] = {a: [] for a in bank.areas}
        for b in bank.benchmarks.values():
            for a in b.areas:
                self.benchmarks_by_area.setdefault(a, []).append(b)
        self.indicators_by_area: dict[str, list] = {a: [] for a in bank.areas}
        for i in bank.indicators.values():
            for a in i.areas:
                self.indicators_by_area.setdefault(a, []).append(i)
        self.tags = sorted({t for q in bank.active_questions() for t in q.tags})
        self.area_depth = {a.id: len(bank.area_trail(a.id)) - 1 for a in bank.areas.values()}

    # -- helpers passed to templates ------------------------------------------------------
    def _render(self, template: str, src: str, **context: Any) -> str:
        def link(target: str) -> str:
            return links.relative(src, target)

        return self.env.get_template(template).render(
            bank=self.bank, links=links, link=link, src=src, b=self, frame=framing.frame, **context
        )

    def benchmark_link(self, benchmark_id: str) -> str | None:
        module = self.module_for.get("benchmarks")
        return f"{links.module(module)}#{benchmark_id}" if module else None

    def indicator_link(self, indicator_id: str) -> str | None:
        module = self.module_for.get("indicators")
        return f"{links.module(module)}#{indicator_id}" if module else None

    def question_bank_src(self) -> str | None:
        module = self.module_for.get("questions")
        return links.module(module) if module else None

    def review_due(self, q: Question) -> dt.date | None:
        """The date a question falls due for review, when that date has passed."""
        if q.last_reviewed is None:
            return None
        months = self.bank.settings.review_interval_months
        year, month = divmod(q.last_reviewed.month - 1 + months, 12)
        due = _safe_date(q.last_reviewed.year + year, month + 1, q.last_reviewed.day)
        return due if due < self.today else None

    def area_groups(self, questions: Iterable[Question]) -> list[tuple[Any, list[Question]]]:
        """Questions grouped under the areas they belong to, in the toolkit's order."""
        wanted = list(questions)
        groups = []
        for area in self.bank.areas_in_order():
            members = [q for q in wanted if area.id in q.areas]
            if members:
                groups.append((area, members))
        return groups

    # -- pages -------------------------------------------------------------------------------
    def pages(self) -> Iterable[GeneratedPage]:
        bank = self.bank
        yield GeneratedPage(links.HOME, front_matter("Home") + self._render("site/home.md.j2", links.HOME))
        for module in bank.modules.values():
            src = links.module(module.id)
            yield GeneratedPage(src, front_matter(module.title, description=module.description or None)
                                + self._render("site/module.md.j2", src, page=module), module.path)
        for page in bank.pages.values():
            src = links.page(page.id)
            yield GeneratedPage(src, front_matter(page.title, description=page.description or None)
                                + self._render("site/page.md.j2", src, page=page), page.path)
        yield GeneratedPage(links.AREAS, front_matter("Areas") + self._render("site/areas.md.j2", links.AREAS))
        for area in bank.areas.values():
            src = links.area(area.id)
            yield GeneratedPage(src, front_matter(area.name) + self._render("site/area.md.j2", src, area=area),
                                area.path, in_nav=False)
        yield GeneratedPage(links.AUDIENCES, front_matter("Audiences")
                            + self._render("site/audiences.md.j2", links.AUDIENCES))
        for audience in bank.audiences.values():
            src = links.audience(audience.id)
            questions = bank.questions_for_audience(audience.id)
            yield GeneratedPage(src, front_matter(audience.name)
                                + self._render("site/audience.md.j2", src, audience=audience, questions=questions),
                                audience.path)
        for q in bank.questions.values():
            src = links.question(q.id)
            yield GeneratedPage(src, front_matter(framing.frame(q.text, "you"))
                                + self._render("site/question.md.j2", src, q=q), q.path, in_nav=False)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def generate(bank: Bank, options: SiteOptions | None = None) -> list[GeneratedPage]:
    return list(SiteBuilder(bank, options).pages())
