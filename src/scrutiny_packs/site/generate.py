"""Generate every page of the site as Markdown, from the bank alone.

Used by the MkDocs hook (virtual files) and by ``export-markdown`` (files on
disk, for any other engine). Each page is rendered from a Jinja template in
``templates/site/``, given its page's view (a frozen dataclass built in ``site/views/``)
and the helpers in ``site/render.py``; content reaches them escaped (see ``text``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from scrutiny_packs.model import Bank, PackSpec, Question
from scrutiny_packs.packs.files import Printable, lazy_pack
from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.packs.meetings import MeetingView, meeting_printables
from scrutiny_packs.site import links
from scrutiny_packs.site.index import SiteIndex, SiteOptions
from scrutiny_packs.site.render import Renderer
from scrutiny_packs.site.views import areas, follow_up, glossary, meetings, packs, pages, questions, tools
from scrutiny_packs.site.views import sources as source_views
from scrutiny_packs.text import framing
from scrutiny_packs.text.escape import title_text
from scrutiny_packs.text.templating import macro

QUESTION_SEARCH_BOOST = 2  # Material's per-page search boost (front matter search.boost)


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    src_uri: str
    content: str
    edit_path: str | None = None  # repository path of the content file behind it
    in_nav: bool = True


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page before it is rendered: where it goes, and how to make its Markdown (``render``).

    The hook lists every page to MkDocs first and renders each when MkDocs reads it, so a large bank's
    pages are not all held in memory at once.
    """

    src_uri: str
    render: Callable[[], str]
    edit_path: str | None = None
    in_nav: bool = True

    def made(self) -> GeneratedPage:
        return GeneratedPage(self.src_uri, self.render(), self.edit_path, self.in_nav)


def front_matter(title: str, **extra: Any) -> str:
    """YAML front matter; JSON strings are valid YAML and need no further quoting.

    The theme prints front matter text (title, description) unescaped, so
    text values are HTML-escaped here. Characters beyond ASCII are written
    as they are: YAML cannot join JSON's escaped surrogate pairs (an emoji).
    """
    lines = ["---", f"title: {json.dumps(title_text(title), ensure_ascii=False)}"]
    for key, value in extra.items():
        if value is not None:
            value = title_text(value) if isinstance(value, str) else value
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


class SiteBuilder:
    """Plans the site's pages and renders each from its template and its view (``site/views/``): the
    lookups every page shares are in ``index`` (``site/index.py``), worked out once per build."""

    def __init__(self, bank: Bank, options: SiteOptions | None = None):
        self.bank = bank
        self.index = SiteIndex(bank, options)
        self.renderer = Renderer(self.index)
        self.glossary = self.index.glossary

    @property
    def meeting_views(self) -> dict[str, MeetingView]:
        return self.index.meeting_views

    def href(self, src: str, target: str) -> str:
        """A link in raw HTML from page ``src`` to ``target``, as this build serves pages."""
        return self.index.href(src, target)

    def printables(self) -> list[Printable]:
        """Everything the build makes as PDF and Word: every pack, every meeting's papers and items.
        Packs are laid out only when one of their files (or its cache key) is wanted."""
        out = [lazy_pack(spec.id, partial(self._pack_view, spec.id)) for spec in self.index.packs]
        for meeting in self.meeting_views.values():
            out += meeting_printables(meeting)
        return out

    # -- pages -------------------------------------------------------------------------------
    def pages(self) -> Iterator[GeneratedPage]:
        """Every page, rendered, in the order ``plan`` lists them."""
        return (planned.made() for planned in self.plan())

    def plan(self) -> Iterator[PlannedPage]:
        """Every page of the site, not yet rendered: the home page, modules and pages, areas, the glossary,
        audiences, packs, meetings, follow-up, My pack, the about pages, then one page per question."""
        bank = self.bank
        page, index = self._planned, self.index
        yield page(links.HOME, "Home", "site/home.md.j2", view=partial(areas.home_page, index))
        for module in bank.modules.values():
            yield page(
                links.module(module.id),
                module.title,
                "site/module.md.j2",
                module.path,
                description=module.description or None,
                view=partial(pages.module_page, index, module),
            )
        for own in bank.pages.values():
            yield page(
                links.page(own.id),
                own.title,
                "site/page.md.j2",
                own.path,
                description=own.description or None,
                view=partial(pages.own_page, index, own),
            )
        yield page(links.AREAS, "Areas", "site/areas.md.j2", view=partial(areas.areas_page, index))
        for area in bank.areas.values():
            yield page(
                links.area(area.id),
                area.name,
                "site/area.md.j2",
                area.path,
                in_nav=False,
                view=partial(areas.area_page, index, area),
            )
        if bank.glossary:
            yield page(
                links.GLOSSARY,
                "Glossary",
                "site/glossary.md.j2",
                view=partial(glossary.glossary_page, index),
                description="What the abbreviations and older names in the questions mean, "
                "and what they are called now.",
            )
        if bank.sources:
            yield page(
                links.SOURCES,
                "Sources",
                "site/sources.md.j2",
                description="Every publication the bank rests on, by kind, with what cites it and whether it is "
                "current.",
                view=partial(source_views.sources_page, index),
            )
            yield page(
                links.NEEDS_REVIEW,
                "Needs review",
                "site/needs-review.md.j2",
                view=partial(source_views.needs_review_page, index),
                in_nav=False,
                description="Items that cite a source a newer edition has replaced, for editors to check.",
            )
        yield page(links.AUDIENCES, "Audiences", "site/audiences.md.j2", view=partial(areas.audiences_page, index))
        for audience in bank.audiences.values():
            yield page(
                links.audience(audience.id),
                audience.name,
                "site/audience.md.j2",
                audience.path,
                view=partial(areas.audience_page, index, audience),
            )
        yield from self.pack_pages()
        yield from self.meeting_pages()
        if bank.records:
            yield page(
                links.FOLLOW_UP,
                "Follow-up",
                "site/follow-up.md.j2",
                view=partial(follow_up.follow_up_page, self.index),
                description="Actions agreed at meetings and still open, and how each question's "
                "answers were rated over time.",
            )
        if any(r.recommendations or r.requests for r in bank.records.values()):
            yield page(
                links.RECOMMENDATIONS,
                "Recommendations",
                "site/recommendations.md.j2",
                view=partial(follow_up.recommendations_page, self.index),
                sp_recommendations=True,
                description="What committees recommended, the responses due and given, the actions to carry "
                "them out, and the information still awaited.",
            )
        yield page(
            links.MY_PACK,
            "My pack",
            "site/my-pack.md.j2",
            view=partial(tools.my_pack_page, self.index),
            description="Choose questions, put them in order and print or share them as a pack for a meeting.",
            # sp_my_pack: the page loads the bank's data and its own scripts (overrides/main.html, site/mypack.py).
            sp_my_pack=True,
        )
        yield page(
            links.PLAN,
            "Plan a meeting",
            "site/plan.md.j2",
            view=partial(tools.plan_page, self.index),
            sp_plan=True,
            description="Agenda item titles in, questions suggested for each item; download the meeting file "
            "and the papers.",
        )
        yield from self.about_pages()
        for q in bank.questions.values():
            yield self.question_page(q)

    def _planned(
        self,
        src: str,
        title: str,
        template: str,
        edit_path: str | None = None,
        in_nav: bool = True,
        *,
        view: Callable[[], object],
        **front: Any,
    ) -> PlannedPage:
        """A page whose Markdown is its front matter and one template's output, made when asked for.

        ``view`` makes the page's view: it is called when the page is rendered, not when it is planned.
        """

        def render() -> str:
            return front_matter(title, **front) + self.renderer.render(template, src, view=view())

        return PlannedPage(src, render, edit_path, in_nav)

    def question_page(self, q: Question) -> PlannedPage:
        # Boosted in search: a question is what a search is for, above the pages that list questions.
        search = None if q.retired else {"boost": QUESTION_SEARCH_BOOST}
        return PlannedPage(links.question(q.id), partial(self._question_text, q, search), q.path, in_nav=False)

    def _question_text(self, q: Question, search: dict[str, int] | None) -> str:
        view = questions.question_page(self.index, q)
        return front_matter(framing.frame(q.text, "you"), search=search) + self.renderer.render(
            "site/question.md.j2", links.question(q.id), view=view
        )

    def about_pages(self) -> Iterator[PlannedPage]:
        """What's changed (from each question's dates) and the open data page documenting the files."""
        yield self._planned(
            links.CHANGES, "What's changed", "site/changes.md.j2", view=partial(pages.changes_page, self.index)
        )
        yield self._planned(links.DATA, "Open data", "site/data.md.j2", view=partial(pages.data_page, self.index))

    def meeting_pages(self) -> Iterator[PlannedPage]:
        """The meetings index and a page per meeting: its agenda, each item's questions and files.
        Meeting pages stay out of search, as pack pages do."""
        if not self.bank.meetings:
            return
        yield self._planned(
            links.MEETINGS, "Meetings", "site/meetings.md.j2", view=partial(meetings.meetings_page, self.index)
        )
        for meeting_id, meeting in self.meeting_views.items():
            # sp_record: the page loads record-answers.js (overrides/main.html), for its Record answers mode.
            yield self._planned(
                links.meeting(meeting_id),
                meeting.title,
                "site/meeting.md.j2",
                self.bank.meetings[meeting_id].path or None,
                in_nav=False,
                search={"exclude": True},
                sp_record=True,
                view=partial(meetings.meeting_page, self.index, meeting_id),
            )

    def pack_pages(self) -> Iterator[PlannedPage]:
        """The packs index and a page per pack. Pack pages stay out of search: their questions
        are indexed on their own pages already."""
        yield self._planned(
            links.PACKS, "Question packs", "site/packs.md.j2", view=partial(packs.packs_page, self.index)
        )
        for spec in self.index.packs:
            yield self._planned(
                links.pack(spec.id),
                spec.title,
                "site/pack.md.j2",
                spec.path or None,
                in_nav=False,
                search={"exclude": True},
                view=partial(self._pack_page, spec),
            )

    def _pack_page(self, spec: PackSpec) -> packs.PackPage:
        downloads = self.renderer.module("site/_pack_downloads.md.j2", links.pack(spec.id))
        return packs.pack_page(self.index, spec, macro(downloads, "downloads"))

    def _pack_view(self, pack_id: str) -> PackView:
        return self.index.pack_views[pack_id]
