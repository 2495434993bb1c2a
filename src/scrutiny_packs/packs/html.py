"""A pack as HTML: the body shared by the web page and the PDF, and a standalone document.

One template (``templates/packs/pack.html.j2``) draws the pack body; the
standalone document wraps it with the print stylesheet inlined. The web page
embeds the same body, so a printed page and the PDF look alike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.text.templating import environment, macro

STYLESHEET = "pack-print.css"  # the pack: PDF, downloadable .html and web page alike
SITE_STYLESHEET = "pack-site.css"  # a pack's web page: download links, and no site chrome in print


def asset_path(name: str) -> Path:
    return Path(str(resources.files("scrutiny_packs").joinpath("assets", name)))


def stylesheet_path() -> Path:
    return asset_path(STYLESHEET)


def site_stylesheets() -> dict[str, Path]:
    """The stylesheets the site serves on every page (mkdocs.yml extra_css, added by the hook)."""
    return {f"assets/stylesheets/{name}": asset_path(name) for name in (STYLESHEET, SITE_STYLESHEET)}


@cache
def stylesheet_text() -> str:
    return stylesheet_path().read_text(encoding="utf-8")


def render_body(
    view: PackView,
    between: str = "",
    embed: bool = False,
    guide_href: Callable[[str], str] | None = None,
    evidence_href: Callable[[str], str] | None = None,
) -> Markup:
    """The pack body. ``embed`` readies it for a Markdown page; ``between`` goes under the meeting details;
    with ``guide_href`` (a guide's id: its address) each guide is a link rather than shown in full, and with
    ``evidence_href`` (an indicator's id: its address) each piece of evidence is its name, linked."""
    body = macro(environment().get_template("packs/pack.html.j2").module, "body")
    return Markup(body(view, Markup(between), embed, guide_href, evidence_href))


def render_document(view: PackView) -> str:
    """The pack as a complete HTML document with its stylesheet inlined."""
    return environment().get_template("packs/document.html.j2").render(v=view, css=Markup(stylesheet_text()))
