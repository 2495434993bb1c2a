"""A meeting's papers, read back as a clerk would: the bundle PDF page by page (pypdf), Word, HTML and Markdown."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from PIL import Image
from pypdf import PdfReader

from scrutiny_packs.packs.layout import plain_text
from scrutiny_packs.packs.meetings import build_meeting_view, render_bundle
from tests.packs_helpers import find_in_order, pdf_pages, squash

EXAMPLE = "example-childrens-scrutiny-panel"

# The module's PDF is rendered once: its tests run on one worker under `make test` (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("meeting-papers-pdf")


@pytest.fixture(scope="module")
def meeting(bank):
    return build_meeting_view(bank, bank.meetings[EXAMPLE])


@pytest.fixture(scope="module")
def pdf(meeting, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("meeting") / "papers.pdf"
    path.write_bytes(render_bundle(meeting, ".pdf"))
    return path


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    return [page.extract_text() for page in reader.pages]


def numbered(item) -> list[str]:
    """The item's questions as printed. (pypdf reads each question's number, which hangs in the margin,
    apart from its text, so the numbers are checked with pdftotext in tests/test_packs_formats.py.)"""
    return [q.text for q in item.view.questions]


@pytest.mark.pdf
def test_the_cover_holds_the_agenda(pages, meeting):
    cover = pages[0]
    assert "Example: Children's Scrutiny Panel" in cover
    agenda, _, contents = cover.partition("\nContents\n")
    assert "\nAgenda\n" in agenda and contents
    assert find_in_order(agenda, [f"Item {i.number}: {i.title}" for i in meeting.items]) == [], cover
    assert find_in_order(contents, [f"Item {i.number}: {i.title}" for i in meeting.items]) == [], cover


@pytest.mark.pdf
def test_every_items_questions_appear_once_in_order(pages, meeting):
    everything = "\n".join(pages)
    expected = [line for item in meeting.items for line in numbered(item)]
    assert find_in_order(everything, expected) == []


@pytest.mark.pdf
def test_each_item_starts_on_a_new_page_and_the_contents_give_its_page(pages, meeting):
    starts = []
    for item in meeting.items:
        start = next(i for i, text in enumerate(pages) if squash(item.view.title) in squash(text) and i > 0)
        starts.append(start)
        before = squash("\n".join(pages[:start]))
        assert squash(numbered(item)[0]) not in before  # nothing of the item comes before its first page
        # the contents on the cover give the page the item starts on
        line = next(text for text in pages[0].splitlines() if f"Item {item.number}:" in text and "page" in text)
        assert line.rstrip().endswith(f"page {start + 1}"), line
    for earlier, later in zip(meeting.items, meeting.items[1:]):
        start = starts[meeting.items.index(later)]
        assert squash(numbered(earlier)[-1]) not in squash(pages[start])  # the earlier item ended before


@pytest.mark.pdf
def test_every_page_names_the_meeting_and_its_item_beside_page_x_of_y(pages, meeting):
    starts = [
        next(i for i, text in enumerate(pages) if squash(item.view.title) in squash(text) and i > 0)
        for item in meeting.items
    ]
    total = len(pages)
    for index, text in enumerate(pages):
        flat = " ".join(text.split())
        assert f"Page {index + 1} of {total}" in flat
        assert "Example: Children's Scrutiny Panel \u00b7 16 March 2027" in flat
        if index == 0:
            continue
        item = meeting.items[max(i for i, start in enumerate(starts) if start <= index)]
        assert f"16 March 2027 \u00b7 Item {item.number}" in flat, (index, flat[-200:])


def test_the_papers_in_word_html_and_markdown_hold_the_same_questions(meeting):
    expected = [line for item in meeting.items for line in numbered(item)]
    doc = Document(io.BytesIO(render_bundle(meeting, ".docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert find_in_order(text, expected) == []
    # one section per item after the cover, each starting a new page, each footer naming its item
    assert len(doc.sections) == 1 + len(meeting.items)
    assert [p.text.split("\t")[0] for p in doc.sections[0].footer.paragraphs] == [
        meeting.footer_meeting,
        "Meeting papers",
    ]
    for section, item in zip(doc.sections[1:], meeting.items):
        assert section.start_type == 2  # WD_SECTION.NEW_PAGE
        assert f"Item {item.number}" in section.footer.paragraphs[0].text
    html = BeautifulSoup(render_bundle(meeting, ".html").decode("utf-8"), "html.parser")
    assert find_in_order(html.get_text(" "), expected) == []
    ids = [tag["id"] for tag in html.select("[id]")]
    assert len(ids) == len(set(ids))  # several packs in one document, no id twice
    md = render_bundle(meeting, ".md").decode("utf-8").replace("\\", "")
    assert find_in_order(md, expected) == []
    assert re.search(r"^## Agenda$", md, re.MULTILINE)


@pytest.mark.pdf
def test_the_evidence_to_ask_for_is_printed_whole(pdf, meeting, bank):
    """Each indicator's description is printed to its last word, never cut off with an ellipsis."""
    text = squash("".join(pdf_pages(pdf)))
    shown = {f.id for item in meeting.items for q in item.view.questions for f in q.evidence}
    assert shown
    for iid in shown:
        description = plain_text(bank.indicators[iid].description)
        assert squash(description) in text, f"{iid}: {description[-80:]!r}"
    assert "\u2026" not in text


def _last_ink(png: Path) -> float:
    """How far down the page (a share of its height) the last printed line above the footer is."""
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    footer = int(height * (1 - 24 / 297))  # the page's bottom margin, where the footer is
    for y in range(footer - 1, 0, -1):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            return y / height
    return 0.0


@pytest.mark.pdf
def test_pages_are_filled_before_the_next_begins(pdf, pages, meeting, tmp_path):
    """A question runs on to the next page rather than leave a third of this one blank; only a cover
    and the last page of an agenda item may end early."""
    starts = {
        next(i for i, text in enumerate(pages) if squash(item.view.title) in squash(text) and i > 0)
        for item in meeting.items
    }
    ends_early = {0, len(pages) - 1} | {s - 1 for s in starts} | starts
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(pages)
    short = [
        f"page {i + 1} ends {_last_ink(png):.0%} down"
        for i, png in enumerate(images)
        if i not in ends_early and _last_ink(png) < 0.65
    ]
    assert not short, short
