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


def md_escape_piece(text: str) -> Markup:
    """A piece of a longer run of plain text made safe inside Markdown (inline), as md_escape does, but
    with a space at either end kept (as one space): the text between two marked-up words keeps the
    spaces that part it from them."""
    text = str(text)
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return Markup(f"{lead}{_md_escape(text)}{trail}")


def md_literal(text: str) -> str:
    """Plain text to place inside a Markdown field (which md_block then makes safe): Markdown's
    marks backslash-escaped, so it reads exactly as written. Unlike md_escape, no HTML entities:
    the field may also be read as plain text (``packs.layout.plain_text``)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def html_escape(text: str) -> Markup:
    return Markup(html.escape(str(text), quote=True))


def title_text(text: str) -> str:
    """A page title for MkDocs, which prints titles without escaping: escape it here."""
    return html.escape(" ".join(str(text).split()), quote=True)


# A '#' starting a line, also after list markers ('1. # x' is a heading inside a list item).
# (Written so that each space can be matched one way only: a pattern where runs of spaces could be
# split between two repeats takes exponential time on a line of list markers with no '#'.)
_LINE_START = r"^([ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)*)"
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
# The fence runs are atomic ((?>...)): given back one character at a time to what follows, a long
# run of backticks or tildes took quadratic time.
_FENCE = re.compile(r"^(?>(`{3,}|~{3,}))[ ]*\.?[\w#.+-]*[ ]*\n.*?\n\1[ ]*$", re.MULTILINE | re.DOTALL)
_OPENING_BACKTICKS = re.compile(r"(?<!\\)((?:\\\\)*)`+")  # not escaped by a backslash
_BACKTICK_RUN = re.compile(r"`+")
# Markdown finds code spans within one paragraph or list item at a time.
_BLANK_LINE = re.compile(r"(\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t]))")
_BRACE = re.compile(r"(?<!\\)((?:\\\\)*)\{")
_UNDERLINE = re.compile(r"(?<=[^\n]\n)([ \t]*)([=-])(?=[=-]*[ \t]*$)", re.MULTILINE)
_ADMONITION = re.compile(r"^!!!", re.MULTILINE)
_FENCE_ATTRIBUTES = re.compile(r"^((?>`{3,}|~{3,})[^\n{]*)\{", re.MULTILINE)


def _outside_fences(text: str) -> str:
    out, pos = [], 0
    for fence in _FENCE.finditer(text):
        out += [_plain_structure(text[pos : fence.start()]), fence.group()]
        pos = fence.end()
    out.append(_plain_structure(text[pos:]))
    return "".join(out)


def _plain_structure(text: str) -> str:
    text = _UNDERLINE.sub(lambda m: m.group(1) + ("&#61;" if m.group(2) == "=" else "\\-"), text)
    text = _ADMONITION.sub(r"\\!!!", text)
    text = _FENCE_ATTRIBUTES.sub(r"\1\\{", text)
    return "".join(_no_attribute_lists(block) for block in _BLANK_LINE.split(text))


def _no_attribute_lists(block: str) -> str:
    """Escape every '{' outside code spans, finding the spans as Python-Markdown does, and
    every '[' that no ']' closes; turn links to anything but a web or mail address, and
    images, into text."""
    spans = _code_spans(block)
    loose = _unclosed_brackets(block, spans) if "[" in block else []
    out, pos = [], 0
    for start, end in spans + [(len(block), len(block))]:
        part = _escape_at(block, pos, start, loose)
        out += [_safe_links(_BRACE.sub(r"\1\\{", part)), block[start:end]]
        pos = end
    return "".join(out)


_BRACKET_TOKEN = re.compile(r"\\.|[\[\]]", re.DOTALL)


def _unclosed_brackets(block: str, spans: list[tuple[int, int]]) -> list[int]:
    """Offsets of each '[' (outside code, not escaped) that no later ']' closes. Python-Markdown
    reads on from every '[' to the end of the paragraph looking for its ']': for a paragraph of
    unclosed brackets that is quadratic, and slower still among escapes. Escaped, they cost nothing
    and look the same."""
    opened: list[int] = []
    span = iter(spans + [(len(block) + 1, len(block) + 1)])
    code_start, code_end = next(span)
    for m in _BRACKET_TOKEN.finditer(block):
        at = m.start()
        while at >= code_end:
            code_start, code_end = next(span)
        if code_start <= at < code_end or m.group()[0] == "\\":
            continue
        if m.group() == "[":
            opened.append(at)
        elif opened:
            opened.pop()
    return opened


def _escape_at(text: str, start: int, end: int, offsets: list[int]) -> str:
    """text[start:end] with a backslash before each character at one of the (sorted) offsets."""
    out, pos = [], start
    for at in offsets:
        if start <= at < end:
            out += [text[pos:at], "\\"]
            pos = at
    out.append(text[pos:end])
    return "".join(out)


# -- links ---------------------------------------------------------------------------------------
# A link in a field may lead to a web page or an e-mail address, nowhere else: not a script or data
# address, nor a file or page relative to wherever the text is shown (the site, a PDF, an exported
# page). Any other link is shown as written, as text, in every format, sanitiser or none. So are
# images: the text carries none of its own.
LINK_SCHEMES = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)
HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Where a link's address starts: after '](' (inline links and images) or after '[label]:' at the
# start of a line, also inside list items and quotes (a reference definition).
_INLINE_LINK = re.compile(r"(?<!\\)((?:\\\\)*)\]\(")
_IMAGE = re.compile(r"(?<!\\)((?:\\\\)*)!\[")
_REFERENCE = re.compile(
    r"^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*)\[([^\[\]]*)\]:[ \t]*\n?[ \t]*", re.MULTILINE
)
_ADDRESS = re.compile(r"[ \t\n]*(\S*)")
_WRITTEN_ADDRESS = re.compile(r"[ \t\n]*(?:<([^<>\n]*)>|([^\s)]*))")  # as written: '<x>' stands for 'x'


def _allowed(text: str, at: int) -> bool:
    """Whether the link whose address starts at ``at`` (after its '(' or ':') leads to a web or
    mail address. Seen after '<' became '&lt;': an address in angle brackets is never allowed."""
    address = _ADDRESS.match(text, at)
    assert address is not None  # every part of the pattern is optional
    return bool(LINK_SCHEMES.match(address.group(1)))


def _safe_links(part: str) -> str:
    if "](" not in part and "]:" not in part and "![" not in part:
        return part
    part = _IMAGE.sub(r"\1\\![", part)  # '![alt](x)' reads as '!' and a link
    part = _REFERENCE.sub(
        lambda m: m.group() if _allowed(part, m.end()) else f"{m.group(1)}\\{m.group()[len(m.group(1)) :]}", part
    )
    return _INLINE_LINK.sub(lambda m: m.group() if _allowed(part, m.end()) else m.group()[:-1] + "\\(", part)


def _written_address(text: str, at: int) -> str:
    m = _WRITTEN_ADDRESS.match(text, at)
    assert m is not None  # every part of the pattern is optional
    return m.group(1) if m.group(1) is not None else m.group(2)


def link_targets(text: str) -> list[tuple[int, str]]:
    """(offset, address) of every link and image written in a Markdown text, outside code."""
    found: list[tuple[int, str]] = []
    if "](" not in text and "]:" not in text:
        return found
    chunks, pos = [], 0
    for fence in _FENCE.finditer(text):
        chunks.append((pos, text[pos : fence.start()]))
        pos = fence.end()
    chunks.append((pos, text[pos:]))
    for offset, chunk in chunks:
        starts = [0] + [m.end() for m in _BLANK_LINE.finditer(chunk)]
        for begin, end in zip(starts, starts[1:] + [len(chunk)]):
            block, cut = chunk[begin:end], 0
            for start, stop in _code_spans(block) + [(len(block), len(block))]:
                part = block[cut:start]
                base = offset + begin + cut
                for m in _REFERENCE.finditer(part):
                    found.append((base + m.end(), _written_address(part, m.end())))
                for m in _INLINE_LINK.finditer(part):
                    found.append((base + m.end(), _written_address(part, m.end())))
                cut = stop
    return sorted(found)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span with its backticks, pairing runs of backticks like
    Python-Markdown: an opening run closes at the next run as long; failing that, at the
    longest shorter run, with the opening run's extra backticks left as text."""
    spans: list[tuple[int, int]] = []
    i = 0
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
