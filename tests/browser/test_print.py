"""Printing a question or a pack from the browser gives the content only, with no blank last page."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from scrutiny_packs.text.framing import frame

pytestmark = pytest.mark.browser

# Words that only the site's furniture uses: header, menus, search, contents, footer.
CHROME_WORDS = [
    "Skip to main content",
    "Type to start searching",
    "Initializing search",
    "Table of contents",
    "Toolkit",
    "All audiences",
    "Content guide",
    "Accessibility statement",
    "Made with",
    "Material for MkDocs",
    "Back to top",
    "My pack",
    "Edit this page",
]


def pdf_pages(pdf_path) -> list[str]:
    count = len(PdfReader(str(pdf_path)).pages)
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf_path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages.append(text)
    return pages


def print_to_pdf(page, path):
    page.emulate_media(media="print")
    path.write_bytes(page.pdf(format="A4", print_background=True))
    return pdf_pages(path)


def assert_content_only(pages: list[str], where: str) -> None:
    text = "\n".join(pages)
    # Matched as the furniture writes them: content may well say "toolkit" or "decisions made within".
    found = [w for w in CHROME_WORDS if w in text]
    assert not found, f"the printed {where} contains site furniture: {found}"
    assert pages[-1].strip(), f"the printed {where} ends with a blank page (of {len(pages)})"


def test_printed_question_page_is_content_only(open_page, page_kinds, bank, tmp_path):
    kind = page_kinds["question"]
    page = open_page(kind.path)
    pages = print_to_pdf(page, tmp_path / "question.pdf")
    qid = kind.src.rsplit("/", 1)[-1].removesuffix(".md")
    joined = " ".join(" ".join(pages).split())
    assert " ".join(frame(bank.questions[qid].text, "you").split()) in joined
    assert_content_only(pages, "question page")


def test_printed_pack_page_is_content_only(open_page, page_kinds, tmp_path):
    if "pack" not in page_kinds:
        pytest.skip("the site has no pack pages yet")
    page = open_page(page_kinds["pack"].path)
    heading = page.locator("article h1").inner_text().rstrip("¶").strip()
    pages = print_to_pdf(page, tmp_path / "pack.pdf")
    assert heading.split()[0] in pages[0]
    assert_content_only(pages, "pack page")
