"""A pack as Markdown, for pasting into a report or publishing elsewhere.

Plain text is escaped only where Markdown would otherwise change it, so the
file still reads well as text: no HTML entities, no escaped full stops.
"""

from __future__ import annotations

from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.text.templating import environment


def render_markdown(view: PackView) -> str:
    env = environment()
    template = env.get_template("packs/pack.md.j2")
    text = template.render(v=view)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
