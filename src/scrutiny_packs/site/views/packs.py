"""The packs index and each pack's page."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from scrutiny_packs.model import PackSpec
from scrutiny_packs.packs import html as pack_html
from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.site import links
from scrutiny_packs.site.index import SiteIndex

# A pack page's body, gzip-compressed as served: under it, the page (with the site around it, about 12 KB)
# stays within the 60 KB every page's own HTML keeps to (tests/browser/test_budgets.py). A longer pack's page
# links its guides instead of repeating them (pack_body).
PACK_PAGE_BODY_BUDGET = 44 * 1024
_PIECE = 64 * 1024  # compressed this much at a time, to stop as soon as a body is over the budget


@dataclass(frozen=True, slots=True)
class PackEntry:
    """A pack as the packs index lists it."""

    spec: PackSpec
    count: int  # its questions
    framing: str
    pdf: str | None  # its files, when this build makes them
    docx: str | None


@dataclass(frozen=True, slots=True)
class PacksPage:
    by_audience: tuple[PackEntry, ...]  # made by the build for each audience
    by_meeting: tuple[PackEntry, ...]  # kept as files in content/packs/


@dataclass(frozen=True, slots=True)
class PackPage:
    body: Markup  # the pack as its PDF has it, with the download links after its cover


def _over_budget(html: str) -> bool:
    """Whether ``html``, gzip-compressed as served, is larger than ``PACK_PAGE_BODY_BUDGET``.

    Compressed a piece at a time, stopping as soon as what has come out is over: a long pack's body is
    megabytes, and its answer is known after the first few hundred kilobytes."""
    data = html.encode()
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip's format, as gzip.compress makes it
    size = 0
    for start in range(0, len(data), _PIECE):
        size += len(compressor.compress(data[start : start + _PIECE]))
        if size > PACK_PAGE_BODY_BUDGET:
            return True
    return size + len(compressor.flush()) > PACK_PAGE_BODY_BUDGET


def _entry(index: SiteIndex, spec: PackSpec) -> PackEntry:
    view = index.pack_views[spec.id]
    return PackEntry(spec, view.count, view.framing, index.pack_file(spec.id, "pdf"), index.pack_file(spec.id, "docx"))


def packs_page(index: SiteIndex) -> PacksPage:
    # Audience packs are made by the build and have no file; meeting packs come from content/packs/.
    return PacksPage(
        by_audience=tuple(_entry(index, spec) for spec in index.packs if spec.path == ""),
        by_meeting=tuple(_entry(index, spec) for spec in index.packs if spec.path != ""),
    )


def pack_body(index: SiteIndex, src: str, view: PackView, downloads: Callable[..., Markup]) -> Markup:
    """A pack's body for its web page: the pack as the PDF has it, unless that makes the page heavier than
    a phone should load (``PACK_PAGE_BODY_BUDGET``). Then each "what good looks like" guide is a link to its
    place on the guides' page; if that is still too heavy, each piece of evidence to ask for is its name,
    linked to its description. The PDF and Word files keep them in full. ``downloads(linked, evidence_linked)``
    is the download links and the note saying what printing the page gives."""
    full = pack_html.render_body(view, downloads(False), True)
    guides, indicators = index.module_for.get("benchmarks"), index.module_for.get("indicators")
    if guides is None or not _over_budget(full):
        return full

    def module_href(module: str, anchor: str) -> str:
        return index.href(src, f"{links.module(module)}#{anchor}")

    guide_href = partial(module_href, guides)
    lighter = pack_html.render_body(view, downloads(True), True, guide_href=guide_href)
    if indicators is None or not _over_budget(lighter):
        return lighter
    evidence_href = partial(module_href, indicators)
    return pack_html.render_body(view, downloads(True, True), True, guide_href=guide_href, evidence_href=evidence_href)


def pack_page(index: SiteIndex, spec: PackSpec, downloads: Callable[..., Markup]) -> PackPage:
    """A pack's page. ``downloads(pack, pdf, docx, linked, evidence_linked)`` makes its download links (the
    macro in templates/site/_pack_downloads.md.j2)."""
    view = index.pack_views[spec.id]
    pdf, docx = index.pack_file(spec.id, "pdf"), index.pack_file(spec.id, "docx")
    return PackPage(pack_body(index, links.pack(spec.id), view, partial(downloads, view, pdf, docx)))
