"""Making content text safe to place in Markdown and HTML.

Content is data, never markup: plain-text fields are escaped for HTML and
for Markdown; Markdown fields may use Markdown but not raw HTML, whose
angle brackets are escaped so they show as text.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Characters Python-Markdown treats as markup, backslash-escaped in plain text.
# (Python-Markdown's own escapable set; '<', '>' and '&' become HTML entities.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_escape(text: str) -> Markup:
    """Plain text made safe inside Markdown (inline), rendering exactly as written."""
    escaped = html.escape(" ".join(str(text).split()), quote=True)
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


def html_escape(text: str) -> Markup:
    return Markup(html.escape(str(text), quote=True))


def title_text(text: str) -> str:
    """A page title for MkDocs, which prints titles without escaping: escape it here."""
    return html.escape(" ".join(str(text).split()), quote=True)


def md_block(text: str) -> Markup:
    """A Markdown field made safe: Markdown works, raw HTML shows as text."""
    text = str(text).replace("\r\n", "\n").strip()
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    # Headings inside a field would break the page's outline: show them as text.
    text = re.sub(r"^(\s*)#", r"\1\\#", text, flags=re.MULTILINE)
    return Markup(text)


def truncate(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"
