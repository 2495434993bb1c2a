"""A pack as Markdown, for pasting into a report or publishing elsewhere.

Plain text is escaped only where Markdown would otherwise change it, so the
file still reads well as text: no HTML entities, no escaped full stops.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.text.templating import environment

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md_text(text: str) -> Markup:
    """One line of plain text, safe in Markdown: emphasis, code and link marks escaped, '<' made an entity."""
    text = " ".join(str(text).split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")
    return Markup(text)


def render_markdown(view: PackView) -> str:
    env = environment()
    template = env.get_template("packs/pack.md.j2")
    text = template.render(v=view)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
