"""A pack drawn as PDF, Word, HTML and Markdown, read back as a reader would."""

from __future__ import annotations

import dataclasses
import io

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from scrutiny_packs.model import PackOptions, PackSpec, Selection
from scrutiny_packs.packs.docx import render_docx
from scrutiny_packs.packs.html import render_body, render_document
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.packs.md import render_markdown
from scrutiny_packs.packs.output import write_pack
from scrutiny_packs.text.framing import SECOND_PERSON, frame
from tests.packs_helpers import FOOTER, find_in_order, ink, page_png, pdf_pages, squash

# The module's PDF is rendered once: its tests run on one worker under `make test` (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("pack-formats-pdf")


@pytest.fixture(scope="module")
def spec(bank):
    """The shipped 'we' pack, with every option on."""
    base = bank.packs["domestic-abuse-and-parental-mental-health"]
    return dataclasses.replace(base, options=PackOptions(benchmarks=True, evidence=True, notes_space=True, rag=True))


@pytest.fixture(scope="module")
def view(bank, spec):
    return build_view(bank, spec)


@pytest.fixture(scope="module")
def pdf(view, tmp_path_factory):
    return write_pack(view, tmp_path_factory.mktemp("pdf") / "pack.pdf")


def expected_lines(view) -> list[str]:
    return [f"{q.number}. {q.text}" for q in view.questions]


# -- PDF -----------------------------------------------------------------------------------


@pytest.mark.pdf
def test_pdf_has_every_question_once_in_order_framed_we(pdf, view, bank):
    text = "\n".join(pdf_pages(pdf))
    assert find_in_order(text, expected_lines(view)) == []
    reframed = 0
    for q in view.questions:
        stored = bank.questions[q.id].text
        assert q.text == frame(stored, "we") and not SECOND_PERSON.search(q.text)
        if frame(stored, "you") != q.text:
            reframed += 1
            assert squash(frame(stored, "you")) not in squash(text), f"{q.id} printed as 'you'"
    assert reframed >= 3


@pytest.mark.pdf
def test_pdf_is_a4_tagged_pdf_ua_with_title_and_language(pdf, spec):
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == spec.title
    xmp = reader.xmp_metadata
    assert xmp is not None and b"pdfuaid" in xmp.stream.get_data()
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points


@pytest.mark.pdf
def test_pdf_cover_shows_the_meeting(pdf, spec):
    cover = squash(pdf_pages(pdf)[0])
    for value in (
        spec.title,
        spec.meeting.body,
        "9 February 2027",
        f"{spec.meeting.item}: {spec.meeting.item_title}",
        "Safeguarding children partnership (formerly LSCB)",
    ):
        assert squash(value) in cover, value
    assert "1." not in pdf_pages(pdf)[0].split("Contents")[0], "questions start after the cover"


@pytest.mark.pdf
def test_every_pdf_page_has_footer_with_title_and_page_x_of_y_and_content(pdf, view):
    pages = pdf_pages(pdf)
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert FOOTER.search(text).groups() == (str(number), str(len(pages))), f"page {number}"
        assert squash(view.footer_title) in squash(text)
        body = FOOTER.sub("", text).replace(view.footer_title, "")
        assert len(squash(body)) > 40, f"page {number} is blank apart from its footer"


@pytest.mark.pdf
def test_pdf_pages_one_and_two_are_not_blank(pdf, tmp_path):
    for page in (1, 2):
        png = page_png(pdf, page, tmp_path)
        assert ink(png) > 0.01, f"page {page} looks blank"


@pytest.mark.pdf
def test_pdf_has_notes_space_and_rag_column(pdf, view):
    text = squash("\n".join(pdf_pages(pdf)))
    assert text.count("NOTES") >= view.count
    assert text.count("RAG") >= view.count


@pytest.mark.pdf
def test_pdf_uses_embedded_text_fonts_and_draws_no_missing_glyphs(pdf):
    reader = PdfReader(pdf)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{font} not embedded"
    assert fonts and all(("Liberation" in f or "DejaVu" in f) for f in fonts), fonts
    assert "\ufffd" not in "".join(pdf_pages(pdf))


def test_hostile_text_is_printed_as_text_and_links_stay_harmless(bank, tmp_path):
    spec = PackSpec(
        "hostile",
        "<script>alert('x')</script> {{ 7*7 }}",
        description="[click](javascript:alert('y')) <b>bold?</b> {% raw %}",
        selection=Selection(questions=("q001",)),
    )
    view = build_view(bank, spec)
    path = write_pack(view, tmp_path / "hostile.pdf")
    text = "\n".join(pdf_pages(path))
    assert "<script>alert('x')</script> {{ 7*7 }}" in text
    assert "<b>bold?</b>" in text
    reader = PdfReader(path)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                assert "javascript" not in str(action.get_object().get("/URI", "")).lower()
    assert reader.metadata.title == spec.title


# -- Word ----------------------------------------------------------------------------------


def test_docx_has_every_question_once_in_order_and_a_footer(view, spec):
    doc = Document(io.BytesIO(render_docx(view)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert find_in_order(text, expected_lines(view)) == []
    assert doc.core_properties.title == spec.title
    footer_xml = doc.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    footer = [p.text for p in doc.sections[0].footer.paragraphs]
    assert view.footer_title in "\n".join(footer)
    assert footer[0].startswith(view.footer_meeting) and "\tPage " in footer[0]  # beside "Page X of Y"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    closing = ("Contents", "Terms used in this pack", "Sources cited in this pack")
    assert [g.title for g in view.groups] == [h for h in headings if h not in closing]
    cells = [c.text for t in doc.tables for c in t.rows[0].cells]
    assert cells.count("Notes") == view.count
    assert sum("RAG" in c for c in cells) == view.count
    width, height = doc.sections[0].page_width, doc.sections[0].page_height
    assert (round(width.mm), round(height.mm)) == (210, 297)


# -- HTML and Markdown ---------------------------------------------------------------------


def test_standalone_html_is_the_same_body_with_its_stylesheet(view, spec):
    html = render_document(view)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en-GB"
    assert soup.title.string == spec.title
    assert "@page sp-pack" in soup.style.string
    items = soup.select("li.sp-pack-q")
    assert [li["data-question"] for li in items] == [q.id for q in view.questions]
    numbers = [li.select_one(".sp-pack-q__number").get_text() for li in items]
    assert numbers == [f"{n}." for n in range(1, view.count + 1)]
    assert str(render_body(view)) in html  # the page and the PDF share one body


def test_embedded_body_takes_the_page_markdown_under_the_meeting_details(view):
    plain = BeautifulSoup(str(render_body(view)), "html.parser")
    assert not plain.select("[markdown]")
    body = str(render_body(view, "[PDF](x.pdf)", embed=True))
    soup = BeautifulSoup(body, "html.parser")
    assert soup.select_one(".sp-pack")["markdown"] == "block"
    assert soup.select_one(".sp-pack-cover")["markdown"] == "block"
    # a Markdown paragraph of its own (blank lines round it), after the details and before the questions
    assert "</dl>\n\n[PDF](x.pdf)\n\n" in body
    assert body.index("[PDF](x.pdf)") < body.index('class="sp-pack-area"')


def test_markdown_pack_lists_numbered_questions(view):
    md = render_markdown(view)
    lines = [line for line in md.splitlines() if line[:1].isdigit()]
    assert [line.split(" (ref.")[0].split(" *(Ask")[0] for line in lines] == expected_lines(view)
    assert md.startswith(f"# {view.title}\n")
    assert "&#x27;" not in md and "\\." not in md


# -- Terms used in this pack ----------------------------------------------------------------


def test_view_lists_the_terms_its_questions_use_alphabetically(view, bank):
    from scrutiny_packs.text.glossary import Glossary

    used = {t.id for q in view.questions for t in Glossary(bank.glossary.values()).terms_in(bank.questions[q.id].text)}
    assert used and {t.id for t in view.terms} == used
    assert [t.term for t in view.terms] == sorted((t.term for t in view.terms), key=str.casefold)
    assert all(t.meaning == bank.glossary[t.id].summary for t in view.terms)


@pytest.mark.pdf
def test_every_format_prints_the_terms_used(view, pdf):
    assert view.terms
    lines = [f"{t.term}{t.meaning}" for t in view.terms]
    html = BeautifulSoup(str(render_body(view)), "html.parser")
    heading = html.find(id="sp-pack-terms")
    assert heading.get_text() == "Terms used in this pack"
    rows = [(dt.get_text(), dt.find_next_sibling("dd").get_text()) for dt in heading.find_next("dl").find_all("dt")]
    assert rows == [(t.term, t.meaning) for t in view.terms]
    text = "\n".join(pdf_pages(pdf))
    assert "Terms used in this pack" in text and find_in_order(text.split("Terms used in this pack", 1)[1], lines) == []
    doc = Document(io.BytesIO(render_docx(view)))
    paras = [p.text for p in doc.paragraphs]
    start = paras.index("Terms used in this pack")
    assert paras[start + 1 : start + 1 + len(view.terms)] == [f"{t.term}: {t.meaning}" for t in view.terms]
    md = render_markdown(view)
    assert "## Terms used in this pack" in md
    assert all(f"- **{t.term}**:" in md for t in view.terms if not set(t.term) & set("*_[]`\\"))
