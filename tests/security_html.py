"""Finding markup that content managed to inject into built HTML (shared by the security tests).

Hostile content in tests/hostile/ marks every payload with "sp-xss", so an
element or attribute carrying the mark was made by content. Whatever the
mark, the site never has event-handler attributes or script/data addresses.
"""

from __future__ import annotations

import json

from bs4 import BeautifulSoup, NavigableString, Tag

MARK = "sp-xss"
# Elements content must never create. Our own templates use form controls,
# so those count only when they carry content's mark.
DANGEROUS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "img",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "base",
    "marquee",
    "video",
    "audio",
    "source",
    "form",
    "input",
    "button",
    "select",
    "textarea",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster", "background"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def _text(value: object) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def _own(el: Tag) -> str:
    """An element's own attributes and text, not its children's: what made this element."""
    return " ".join(_text(v) for v in el.attrs.values()) + "".join(
        str(child) for child in el.children if isinstance(child, NavigableString)
    )


def _is_data_block(el: Tag) -> bool:
    return el.name == "script" and el.get("type") == "application/json" and mark_free(el.attrs)


def mark_free(attrs: dict, mark: str = MARK) -> bool:
    return not any(mark in _text(v) for v in attrs.values())


def injected(soup: BeautifulSoup | Tag, mark: str = MARK) -> list[str]:
    """Every element or attribute in the HTML that content could have injected (empty when clean)."""
    found = []
    for el in soup.find_all(True):
        if _is_data_block(el):
            # Our own JSON data (e.g. the bank for My pack): content may be in it, as JSON strings.
            try:
                json.loads(el.string or "")
            except ValueError:
                found.append(f"JSON data block broken open: {str(el)[:120]}")
            continue
        if el.name in DANGEROUS and mark in _own(el) and not (el.name == "meta" and el.get("name") == "description"):
            found.append(f"<{el.name}> element: {str(el)[:120]}")
        for name, value in el.attrs.items():
            value = _text(value)
            if name.lower().startswith("on"):
                found.append(f"{name}= on <{el.name}>: {value[:80]}")
            if name.lower() in URL_ATTRIBUTES and value.strip().lower().replace("\t", "").startswith(BAD_SCHEMES):
                found.append(f"{name}={value[:60]!r} on <{el.name}>")
            if name.lower() == "style" and mark in _own(el):
                found.append(f"style={value[:60]!r} on <{el.name}>")
    return found


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")
