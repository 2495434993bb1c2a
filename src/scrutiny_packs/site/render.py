"""Rendering a page's template: the helpers every site template is given, beside its page's view.

Each template receives ``view`` (its page's frozen dataclass, from ``site/views/``) and the same few
helpers: ``link``, ``href`` and ``src`` for the page being made, ``links``, ``frame``, ``cite``,
``origin``, ``origin_names``, ``marked``, ``marked_md`` and ``card``.
"""

from __future__ import annotations

import posixpath
from typing import Any

from jinja2 import Template
from jinja2.environment import TemplateModule
from markupsafe import Markup

from scrutiny_packs.model import Question, Term
from scrutiny_packs.site import links
from scrutiny_packs.site.index import SiteIndex
from scrutiny_packs.text import credits, framing
from scrutiny_packs.text.escape import md_escape_piece
from scrutiny_packs.text.templating import environment, macro


def term_note_id(term: Term) -> str:
    """The id of a term's entry under a question page's Terms used."""
    return f"term-{term.id}"


class Renderer:
    """Renders the site's templates for one build, each looked up once; caches question cards."""

    def __init__(self, index: SiteIndex):
        self.index = index
        self.env = environment()
        self._templates: dict[str, Template] = {}
        self._cards: dict[tuple[str, bool, bool, str], Markup] = {}
        self._card_modules: dict[str, TemplateModule] = {}

    def render(self, template: str, src: str, **values: Any) -> str:
        """``template`` rendered for the page at ``src``, with the common helpers and ``values``."""
        return self._template(template).render(self.context(src), **values)

    def module(self, template: str, src: str, **values: Any) -> TemplateModule:
        """A template's macros, bound to the page at ``src``: to call one from Python (``macro``)."""
        return self._template(template).make_module({**self.context(src), **values})

    def _template(self, name: str) -> Template:
        found = self._templates.get(name)
        if found is None:  # looked up once per build, not once per page
            found = self._templates[name] = self.env.get_template(name)
        return found

    def context(self, src: str) -> dict[str, Any]:
        index = self.index
        settings = index.bank.settings

        def link(target: str) -> str:
            return links.relative(src, target)

        def href(target: str) -> str:
            return index.href(src, target)

        def card(q: Question, show_areas: bool = True, show_listen: bool = False) -> Markup:
            return self.card(q, show_areas, show_listen, src)

        return dict(
            links=links,
            link=link,
            href=href,
            src=src,
            frame=framing.frame,
            cite=lambda source: credits.cite(source, settings),
            origin=lambda q: credits.origin_label(q, settings),
            origin_names=credits.ORIGIN_NAMES,
            marked=self.marked,
            marked_md=self.marked_md,
            card=card,
        )

    def marked(self, text: str, focusable: bool = False) -> Markup:
        """Plain text as HTML, its abbreviations marked up with what they stand for; when ``focusable``
        (a question's own page, where no link holds them) reachable by keyboard and described by the
        page's Terms used entry (``term_note_id``)."""
        return self.index.glossary.mark_up(text, note_id=term_note_id if focusable else None)

    def marked_md(self, text: str) -> Markup:
        """Plain text as inline Markdown, its abbreviations marked up with what they stand for."""
        return self.index.glossary.mark_up(text, escape=md_escape_piece)

    def card(self, q: Question, show_areas: bool, show_listen: bool, src: str) -> Markup:
        """A question's card on a list page. Lists show each question several times over; the links
        in a card depend only on the page's folder, so it is rendered once per folder and reused."""
        folder = posixpath.dirname(src)
        key = (q.id, show_areas, show_listen, folder)
        markup = self._cards.get(key)
        if markup is None:
            module = self._card_modules.get(folder)
            if module is None:
                module = self._card_modules[folder] = self.module("site/_macros.md.j2", src)
            bank = self.index.bank
            audiences = [bank.audiences[a].label for a in q.audiences]
            areas = [bank.areas[a].name for a in q.areas]
            card = macro(module, "question_card")
            markup = self._cards[key] = card(q, audiences, areas, show_areas, show_listen)
        return markup
