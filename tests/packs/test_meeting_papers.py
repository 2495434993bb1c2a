"""A meeting's papers, read back as a clerk would: the bundle PDF page by page (pypdf), Word, HTML and Markdown."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from scrutiny_packs.packs.meetings import build_meeting_view, render_bundle
from tests.packs_helpers import find_in_order, squash

EXAMPLE = "example-childrens-scrutiny-panel"


@pytest.fixture(scope="module")
def meeting(bank):
    return build_meeting_view(bank, bank.meetings[EXAMPLE])


@pytest.fixture(scope="module")
def pages(meeting) -> list[str]:
    reader = PdfReader(io.BytesIO(render_bundle(meeting, ".pdf")))
    return [page.extract_text() for page in reader.pages]


def numbered(item) -> list[str]:
    """The item's questions as printed. (pypdf reads each question's number, which hangs in the margin,
    apart from its text, so the numbers are checked with pdftotext in tests/test_packs_formats.py.)"""
    return [q.text for q in item.view.questions]


def test_the_cover_holds_the_agenda(pages, meeting):
    cover = pages[0]
    assert "Example: Children's Scrutiny Panel" in cover
    agenda, _, contents = cover.partition("\nContents\n")
    assert "\nAgenda\n" in agenda and contents
    assert find_in_order(agenda, [f"Item {i.number}: {i.title}" for i in meeting.items]) == [], cover
    assert find_in_order(contents, [f"Item {i.number}: {i.title}" for i in meeting.items]) == [], cover


def test_every_items_questions_appear_once_in_order(pages, meeting):
    everything = "\n".join(pages)
    expected = [line for item in meeting.items for line in numbered(item)]
    assert find_in_order(everything, expected) == []


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
