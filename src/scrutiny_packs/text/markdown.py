"""Markdown fields rendered to safe HTML: the one way content Markdown becomes markup in packs."""

from __future__ import annotations

import markdown as markdown_lib
from markupsafe import Markup

from scrutiny_packs.text.escape import md_block
from scrutiny_packs.text.sanitize import sanitize_html


def markdown_html(text: str) -> Markup:
    """A Markdown field as HTML. Raw HTML in it shows as text (see ``text.md_block``), and
    links other than http(s) and mailto are dropped, relative ones too: a pack is read away
    from the site (``sanitize``)."""
    return Markup(sanitize_html(markdown_lib.markdown(str(md_block(text)), output_format="html"), relative_links=False))
