"""Allow-list sanitising of page HTML (nh3), the last line of defence.

Content is escaped when pages are generated; this pass removes whatever
markup could still execute: scripts, event handlers, inline styles, iframes
and ``javascript:``/``data:`` URLs. Only the tags and attributes our own
templates and Python-Markdown produce survive. External links get
``rel="noopener noreferrer"``: nh3's ``link_rel`` would put it on the site's own links too, so it is
added to web and mail links after cleaning, where nh3 has already written every ``href`` first.
"""

from __future__ import annotations

import re
from functools import cache

import nh3

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "button",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "fieldset",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "mark",
    "ol",
    "option",
    "output",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "select",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "article",
    "aside",
    "nav",
    "header",
    "footer",
    "figure",
    "figcaption",
    "template",
    "noscript",
}
GLOBAL_ATTRIBUTES = {"class", "id", "title", "role", "hidden", "lang", "dir", "tabindex"}
ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang", "download"},
    "button": {"type", "name", "value", "disabled"},
    "form": {"action", "method", "name"},
    "input": {
        "type",
        "name",
        "value",
        "checked",
        "disabled",
        "placeholder",
        "autocomplete",
        "min",
        "max",
        "step",
        "required",
        "readonly",
        "inputmode",
        "size",
        "maxlength",
    },
    "label": {"for"},
    "select": {"name", "multiple", "disabled", "required"},
    "option": {"value", "selected", "disabled"},
    "textarea": {"name", "rows", "cols", "placeholder", "readonly"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "details": {"open"},
    "output": {"for", "name"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_EXTERNAL = re.compile(r'<a href="(https?:|mailto:)')


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
    )


@cache
def _absolute_only_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel=None,
        clean_content_tags={"script", "style"},
    )


def sanitize_html(html: str, relative_links: bool = True) -> str:
    """Clean HTML. Without ``relative_links``, links must be web or mail addresses: for text
    shown away from the site (a PDF, a pack file), where a relative address would lead to a
    file on the reader's machine."""
    cleaned = (_cleaner() if relative_links else _absolute_only_cleaner()).clean(html)
    return _EXTERNAL.sub(r'<a rel="noopener noreferrer" href="\1', cleaned)
