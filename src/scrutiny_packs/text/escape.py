"""Making content text safe to place in Markdown and HTML.

Content is data, never markup: plain-text fields are escaped for HTML and
for Markdown; Markdown fields may use Markdown but not raw HTML, whose
angle brackets are escaped so they show as text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup

# Characters Python-Markdown treats as markup, backslash-escaped in plain text.
# (Python-Markdown's own escapable set; '<', '>' and '&' become HTML entities.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_escape(text: str) -> Markup:
    """Plain text made safe inside Markdown (inline), rendering exactly as written."""
    return _md_escape(str(text))


@lru_cache(maxsize=8192)  # names of areas and audiences are escaped on every listing
def _md_escape(text: str) -> Markup:
    escaped = html.escape(" ".join(text.split()), quote=False)
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def html_escape(text: str) -> Markup:
    return Markup(html.escape(str(text), quote=True))


def title_text(text: str) -> str:
    """A page title for MkDocs, which prints titles without escaping: escape it here."""
    return html.escape(" ".join(str(text).split()), quote=True)


# A '#' starting a line, also after list markers ('1. # x' is a heading inside a list item).
_LINE_START = r"^((?:[ \t]*(?:[-*+]|\d+[.)])[ \t]+)*[ \t]*)"
_HEADING = re.compile(_LINE_START + "#", re.MULTILINE)
_TOP_HEADING = re.compile(_LINE_START + "#(?!#)", re.MULTILINE)


def md_block(text: str) -> Markup:
    """A Markdown field made safe: Markdown works, raw HTML shows as text."""
    return _md_block(str(text))


@lru_cache(maxsize=2048)  # a benchmark's text is shown on the page of every question that cites it
def _md_block(text: str) -> Markup:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()  # Markdown reads a lone \r as a line break
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    # Headings inside a field would break the page's outline: show them as text.
    text = _HEADING.sub(r"\1\\#", text)
    return Markup(_outside_fences(text))


def md_prose(text: str) -> Markup:
    """The body of a Markdown page (a module or page file) made safe, like md_block, except
    that its section headings (## and deeper) stay headings. A single # would compete with
    the page's title, so it shows as text."""
    return _md_prose(str(text))


@lru_cache(maxsize=256)
def _md_prose(text: str) -> Markup:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()  # Markdown reads a lone \r as a line break
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _TOP_HEADING.sub(r"\1\\#", text)
    return Markup(_outside_fences(text))


# The site's Markdown extensions also let text set attributes on what it makes
# (attribute lists: '{: .class #id key=value}', also after a code fence) and add
# structure (underlined headings, '!!! note' boxes). In a field all of these
# show as written. Code is left alone: there they are text. (mkdocs.yml turns
# off the table of contents' '[TOC]' marker.)
_FENCE = re.compile(r"^(`{3,}|~{3,})[ ]*\.?[\w#.+-]*[ ]*\n.*?\n\1[ ]*$", re.MULTILINE | re.DOTALL)
_OPENING_BACKTICKS = re.compile(r"(?<!\\)((?:\\\\)*)`+")  # not escaped by a backslash
_BACKTICK_RUN = re.compile(r"`+")
# Markdown finds code spans within one paragraph or list item at a time.
_BLANK_LINE = re.compile(r"(\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t]))")
_BRACE = re.compile(r"(?<!\\)((?:\\\\)*)\{")
_UNDERLINE = re.compile(r"(?<=[^\n]\n)([ \t]*)([=-])(?=[=-]*[ \t]*$)", re.MULTILINE)
_ADMONITION = re.compile(r"^!!!", re.MULTILINE)
_FENCE_ATTRIBUTES = re.compile(r"^((?:`{3,}|~{3,})[^\n{]*)\{", re.MULTILINE)


def _outside_fences(text: str) -> str:
    out, pos = [], 0
    for fence in _FENCE.finditer(text):
        out += [_plain_structure(text[pos:fence.start()]), fence.group()]
        pos = fence.end()
    out.append(_plain_structure(text[pos:]))
    return "".join(out)


def _plain_structure(text: str) -> str:
    text = _UNDERLINE.sub(lambda m: m.group(1) + ("&#61;" if m.group(2) == "=" else "\\-"), text)
    text = _ADMONITION.sub(r"\\!!!", text)
    text = _FENCE_ATTRIBUTES.sub(r"\1\\{", text)
    return "".join(_no_attribute_lists(block) for block in _BLANK_LINE.split(text))


def _no_attribute_lists(block: str) -> str:
    """Escape every '{' outside code spans, finding the spans as Python-Markdown does."""
    out, pos = [], 0
    for start, end in _code_spans(block):
        out += [_BRACE.sub(r"\1\\{", block[pos:start]), block[start:end]]
        pos = end
    out.append(_BRACE.sub(r"\1\\{", block[pos:]))
    return "".join(out)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span with its backticks, pairing runs of backticks like
    Python-Markdown: an opening run closes at the next run as long; failing that, at the
    longest shorter run, with the opening run's extra backticks left as text."""
    spans, i = [], 0
    while True:
        opening = _OPENING_BACKTICKS.search(text, i)
        if not opening:
            return spans
        begin = opening.end(1)  # the first backtick (after any escaped backslashes)
        ticks = opening.end() - begin
        longest, longest_end, close = 0, 0, None
        for run in _BACKTICK_RUN.finditer(text, opening.end()):
            size = len(run.group())
            if size == ticks:
                close = (begin, run.end())
                break
            if size > longest:
                longest, longest_end = size, run.end()
        if close is None and 0 < longest < ticks:
            close = (begin + ticks - longest, longest_end)
        if close is None:
            i = opening.end()
            continue
        spans.append(close)
        i = close[1]


def truncate(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md_text(text: str) -> Markup:
    """One line of plain text, safe in Markdown: emphasis, code and link marks escaped, '<' made an entity."""
    text = " ".join(str(text).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")
    return Markup(text)
