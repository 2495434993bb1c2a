"""The one Jinja environment every template renders with: site pages and packs alike.

Templates hold markup; the filters here are the only way content reaches them,
each escaping for its context (see ``text``). Content itself is never a template.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import cast

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.environment import TemplateModule
from markupsafe import Markup

from scrutiny_packs.ids import item_slug
from scrutiny_packs.text import sentences
from scrutiny_packs.text.escape import html_escape, md_block, md_escape, md_prose, md_text, truncate
from scrutiny_packs.text.labels import tag_name
from scrutiny_packs.text.markdown import markdown_html
from scrutiny_packs.text.plural import count_of, plural_form


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
    env.filters.update(
        md=md_escape,  # plain text inside Markdown
        mdblock=md_block,  # a Markdown field: Markdown yes, HTML no
        mdprose=md_prose,  # a Markdown page body: headings allowed
        h=html_escape,
        truncate_words=truncate,
        markdown=markdown_html,  # a Markdown field rendered to sanitised HTML (packs)
        mdtext=md_text,  # plain text in a Markdown pack
        count_of=lambda n, word, many=None: count_of(n if isinstance(n, int) else len(n), word, many),  # "1 question"
        plural=lambda word, n, many=None: plural_form(word, n if isinstance(n, int) else len(n), many),
        tag_name=tag_name,  # a tag id as words, e.g. 'Workforce stability'
        item_slug=item_slug,  # an agenda item number as ids and links read it: '8 (b)' -> '8-b'
    )
    env.globals["say"] = sentences  # the words every format of a pack shares
    return env


def macro(module: TemplateModule, name: str) -> Callable[..., Markup]:
    """A macro a template defines (``{% macro name(...) %}``), to call from Python."""
    return cast(Callable[..., Markup], getattr(module, name))
