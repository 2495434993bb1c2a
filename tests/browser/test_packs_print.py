"""A pack's web page printed from Chromium: the pack alone, laid out as the PDF pack is."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from scrutiny_packs.packs.defaults import all_packs
from scrutiny_packs.packs.layout import build_view

from ..packs_helpers import FOOTER, find_in_order, pdf_pages, squash

pytestmark = pytest.mark.browser

# Words of the website around a pack: none may reach paper.
CHROME = (
    "Skip to content",
    "Table of contents",
    "Toolkit",
    "Made with",
    "Search",
    "Download the PDF",
    "Download for Word",
    "Previous",
    "Next",
)


@pytest.mark.parametrize("pack_id", ["domestic-abuse-and-parental-mental-health", "police"])
def test_printed_pack_page_is_the_pack_without_the_site(open_page, built_site: Path, bank, tmp_path, pack_id):
    spec = next(s for s in all_packs(bank) if s.id == pack_id)
    view = build_view(bank, spec)
    page = open_page(f"packs/{pack_id}/")
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))

    pages = pdf_pages(printed)
    text = "\n".join(pages)
    for words in CHROME:
        assert words not in text, f"{words!r} was printed"
    assert find_in_order(text, [f"{q.number}. {q.text}" for q in view.questions]) == []
    # the cover is a page of its own, and no page (the last included) is empty
    assert squash(spec.title) in squash(pages[0]) and "1." not in pages[0].split("Contents")[0]
    for number, page_text in enumerate(pages, start=1):
        assert len(squash(FOOTER.sub("", page_text))) > 40, f"page {number} of {len(pages)} is blank"
    assert FOOTER.search(pages[-1]).groups() == (str(len(pages)), str(len(pages)))
    # A4, and the same length as the PDF pack give or take a page (the fonts' metrics differ slightly)
    box = PdfReader(printed).pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2
    pdf_length = len(pdf_pages(built_site / "packs" / pack_id / f"{pack_id}.pdf"))
    # Two layout engines break long packs a little differently: allow a page in twenty.
    assert abs(len(pages) - pdf_length) <= max(1, pdf_length // 20), (len(pages), pdf_length)
