"""A pack as a Word document (.docx), for officers who paste questions into committee reports.

The same view model as the PDF, in Word's own structure: a cover, the
contents, a Heading 1 per area, questions as numbered paragraphs (the
number is text, so it survives copy and paste), a table cell for notes and
the RAG status, and a footer with the pack title and "Page X of Y".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import weakref

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from scrutiny_packs.packs.layout import PackView, long_date, paragraphs
from scrutiny_packs.text import sentences
from scrutiny_packs.text.plural import count_of


@dataclasses.dataclass(frozen=True, slots=True)
class WordMeasures:
    """How a pack's Word file looks, in points (pt) and millimetres (mm), colours as RRGGBB.

    One source: this module draws with them, and the My pack page's Word file (word.js) gets them as
    data (``browser_measures``, in the page's bank data from site/mypack.py), so the two files match.
    """

    font: str = "Arial"
    ink: str = "1A1A1A"  # the title and headings
    muted: str = "4D4D4D"
    accent: str = "303F9F"
    page_mm: tuple[float, float] = (210, 297)
    margin_mm: float = 18  # top, left and right
    bottom_margin_mm: float = 20
    body_pt: float = 11
    title_pt: float = 24
    kicker_pt: float = 9
    note_pt: float = 8.5  # labels, an area's context, a question's reference line, the source line
    point_pt: float = 10  # what to listen for, the evidence, the terms
    small_pt: float = 8  # the footer and the labels of the answer table
    details_mm: tuple[float, float] = (40, 134)  # the cover's table: label, value
    notes_mm: float = 174
    notes_beside_rag_mm: float = 144
    rag_mm: float = 30
    answer_height_mm: float = 28
    label_space_pt: tuple[float, float] = (6, 2)  # before, after
    point_after_pt: float = 1
    group_before_pt: float = 12
    question_space_pt: tuple[float, float] = (10, 2)
    meta_after_pt: float = 2
    answer_after_pt: float = 4
    sources_before_pt: float = 12


WORD = WordMeasures()
FONT = WORD.font
MUTED = RGBColor.from_string(WORD.muted)
ACCENT = RGBColor.from_string(WORD.accent)
INK = RGBColor.from_string(WORD.ink)
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(WORD.page_mm[0]), Mm(WORD.page_mm[1]), Mm(WORD.margin_mm)


def browser_measures() -> dict:
    """The measures as plain JSON for the browser's Word file."""
    return {f.name: (list(v) if isinstance(v := getattr(WORD, f.name), tuple) else v) for f in dataclasses.fields(WORD)}


def render_docx(view: PackView) -> bytes:
    doc = Document()
    _setup(doc, view)
    add_pack(doc, view)
    return save(doc)


def new_document(view: PackView):
    """A Word document set up as for ``view`` (page, styles, properties, footer), still empty."""
    doc = Document()
    _setup(doc, view)
    return doc


def add_pack(doc, view: PackView, cover_break: bool = True) -> None:
    """The pack's cover and questions, at the end of the document."""
    _cover(doc, view, cover_break)
    if view.since_asked:
        _since(doc, view)
    for group in view.groups:
        _group(doc, view, group)
    if view.cited:
        _paragraph(doc, sentences.SOURCES_CITED, "Heading 1")
        _bullets(
            doc,
            [
                ("", c.name + (f" {c.url}" if c.url else "") + (f" ({sentences.SUPERSEDED})" if c.superseded else ""))
                for c in view.cited
            ],
        )
    sources = _paragraph(doc)
    sources.paragraph_format.space_before = Pt(WORD.sources_before_pt)
    _run(sources, view.source_line, size=WORD.note_pt, color=MUTED)


def _since(doc, view: PackView) -> None:
    """'Since last time': the last RAG status, the answer heard and the actions still open, per question."""
    doc.add_paragraph("Since last time", "Heading 1")

    def _on(day: dt.date | None) -> str:
        return long_date(day) if day else "(no date given)"

    if not view.since:
        doc.add_paragraph("No earlier meeting of this body has a record of these questions.")
    for s in view.since:
        p = doc.add_paragraph()
        p.add_run(f"Question {s.number}").bold = True
        p.add_run(f" (ref. {s.question}): {s.text}")
        p = doc.add_paragraph(
            f"Last asked {_on(s.heard.date)}, {s.heard.meeting_name}, item {s.heard.item}. RAG status: "
        )
        p.add_run(s.heard.rag_label).bold = True
        p.add_run(".")
        doc.add_paragraph(s.heard.answer.summary)
        for a in s.open_actions:
            doc.add_paragraph(f"Open action: {a.what} Owner: {a.owner}. Due {_on(a.due)}.", "List Bullet")


def save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# -- document set-up -----------------------------------------------------------------------


def _setup(doc, view: PackView) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = MARGIN
    section.bottom_margin = Mm(WORD.bottom_margin_mm)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(WORD.body_pt)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:eastAsia"), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), view.language)
    rpr.append(lang)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.color.rgb = INK
    doc.styles["Title"].font.size = Pt(WORD.title_pt)

    props = doc.core_properties
    props.title = view.title
    props.subject = f"{count_of(view.count, 'safeguarding scrutiny question')}" + (
        f" for {view.audience}" if view.audience else ""
    )
    props.author = view.organisation
    props.keywords = "safeguarding, children, scrutiny, questions"
    props.language = view.language
    props.comments = view.framing_note

    set_footer(section, view.footer_lines)


def set_footer(section, lines: tuple[str, ...]) -> None:
    """The section's running footer: the first line beside "Page X of Y", then any other lines under it
    (as in the PDF: a meeting pack's body, date and item, then its title)."""
    footer = section.footer
    footer.is_linked_to_previous = False
    first = footer.paragraphs[0]
    first.paragraph_format.tab_stops.add_tab_stop(PAGE_WIDTH - 2 * MARGIN, WD_TAB_ALIGNMENT.RIGHT)
    _run(first, lines[0] if lines else "", size=WORD.small_pt, color=MUTED)
    _run(first, "\tPage ", size=WORD.small_pt, color=MUTED)
    _field(first, "PAGE")
    _run(first, " of ", size=WORD.small_pt, color=MUTED)
    _field(first, "NUMPAGES")
    for line in lines[1:]:
        _run(footer.add_paragraph(), line, size=WORD.small_pt, color=MUTED)


def _run(
    paragraph,
    text: str,
    bold: bool = False,
    size: float | None = None,
    color: RGBColor | None = None,
    caps: bool = False,
):
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    if caps:
        run.font.all_caps = True
    return run


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(round(WORD.small_pt * 2)))  # in half-points
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph_element(paragraph).append(field)


# python-docx finds a style named in add_paragraph or add_heading by going through every style,
# and add_table measures the page by searching the whole document: in a pack of hundreds of
# questions that made the Word file slow, and slower per question the longer the pack. These
# two do the same with the style ids and the text width looked up once per document.
def _paragraph(doc, text: str = "", style: str | None = None) -> Paragraph:
    """doc.add_paragraph(text, style)."""
    element = OxmlElement("w:p")
    if style is not None:
        element.style = _lookups(doc)[style]
    p = Paragraph(_append(doc, element), doc)
    if text:
        p.add_run(text)
    return p


def _table(doc, rows: int, cols: int) -> Table:
    """doc.add_table(rows, cols) in the 'Table Grid' style."""
    element = CT_Tbl.new_tbl(rows, cols, _lookups(doc)["width"])
    element.tblStyle_val = _lookups(doc)["Table Grid"]
    return Table(_append(doc, element), doc)


def _append(doc, element):
    """Add a block at the end of the body, before its closing section properties (as python-docx does)."""
    end = _lookups(doc)["sectPr"]
    if end is not None:
        end.addprevious(element)
    else:
        doc.element.body.append(element)
    return element


_LOOKUPS: dict[int, dict] = {}  # by id() of a live document (python-docx documents are not hashable)


def _lookups(doc) -> dict:
    """Style ids, the text width and the body's section properties, found once per document."""
    found = _LOOKUPS.get(id(doc))
    if found is None:
        found = {
            name: doc.styles[name].style_id
            for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid")
        }
        section = doc.sections[-1]
        found["width"] = section.page_width - section.left_margin - section.right_margin
        found["sectPr"] = doc.element.body.find(qn("w:sectPr"))
        _LOOKUPS[id(doc)] = found
        weakref.finalize(doc, _LOOKUPS.pop, id(doc), None)
    return found


def paragraph_element(paragraph: Paragraph):
    """The XML element of a paragraph, to add a field to it.

    The one private attribute of python-docx this module uses: python-docx is pinned in
    pyproject.toml, and tests/packs/test_docx_internals.py fails loudly if an upgrade moves it.
    """
    return paragraph._p


def _label(doc, text: str) -> None:
    p = _paragraph(doc)
    p.paragraph_format.space_before = Pt(WORD.label_space_pt[0])
    p.paragraph_format.space_after = Pt(WORD.label_space_pt[1])
    p.paragraph_format.keep_with_next = True
    _run(p, text, bold=True, size=WORD.note_pt, color=MUTED, caps=True)


def _bullets(doc, items: list[tuple[str, str]]) -> None:
    """Bulleted points; each is (bold lead, text)."""
    for lead, text in items:
        p = _paragraph(doc, style="List Bullet")
        p.paragraph_format.space_after = Pt(WORD.point_after_pt)
        if lead:
            _run(p, lead, bold=True, size=WORD.point_pt)
            _run(p, ": ", size=WORD.point_pt)
        _run(p, text, size=WORD.point_pt)


# -- content -------------------------------------------------------------------------------


def _cover(doc, view: PackView, page_break: bool = True) -> None:
    p = _paragraph(doc)
    _run(p, view.kicker, bold=True, size=WORD.kicker_pt, color=ACCENT, caps=True)
    _paragraph(doc, view.title, "Title")

    table = _table(doc, rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for detail in view.details:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Mm(WORD.details_mm[0]), Mm(WORD.details_mm[1])
        _run(cells[0].paragraphs[0], detail.label, bold=True)
        cells[1].paragraphs[0].add_run(detail.value)
    _paragraph(doc)

    for text in paragraphs(view.description) if view.description else ():
        _paragraph(doc, text)
    _paragraph(doc, view.framing_note)
    _paragraph(doc, view.how_to)

    _paragraph(doc, sentences.CONTENTS, "Heading 1")
    for group in view.groups:
        p = _paragraph(doc, style="List Bullet")
        _run(p, group.title)
        _run(p, f" ({group.numbers})", color=MUTED)
    if view.terms:
        _paragraph(doc, sentences.TERMS, "Heading 1")
        _bullets(doc, [(t.term, t.meaning) for t in view.terms])
    if page_break:
        _paragraph(doc).add_run().add_break(WD_BREAK.PAGE)


def _group(doc, view: PackView, group) -> None:
    if group.context:
        p = _paragraph(doc)
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.space_before = Pt(WORD.group_before_pt)
        _run(p, group.context, size=WORD.note_pt, color=MUTED, caps=True)
    _paragraph(doc, group.title, "Heading 1")
    options = view.options
    for q in group.questions:
        p = _paragraph(doc)
        p.paragraph_format.space_before = Pt(WORD.question_space_pt[0])
        p.paragraph_format.space_after = Pt(WORD.question_space_pt[1])
        p.paragraph_format.keep_with_next = True
        _run(p, f"{q.number}. ", bold=True)
        _run(p, q.text, bold=True)
        meta = _paragraph(doc)
        meta.paragraph_format.space_after = Pt(WORD.meta_after_pt)
        _run(
            meta,
            (f"Ask: {q.asked_of} \u00b7 " if q.asked_of else "")
            + f"Ref. {q.id}"
            + (f" \u00b7 {q.provenance}" if q.provenance else ""),
            size=WORD.note_pt,
            color=MUTED,
        )
        if options.benchmarks and q.listen_for:
            _label(doc, sentences.LISTEN)
            _bullets(doc, [("", point) for point in q.listen_for])
        if options.evidence and q.evidence:
            _label(doc, sentences.EVIDENCE)
            _bullets(doc, [(f.name, f.description) for f in q.evidence])
        if options.notes_space or options.rag:
            _answer_table(doc, options.notes_space, options.rag)
    if group.guides:
        _paragraph(doc, group.guides_title, "Heading 2")
        for guide in group.guides:
            _paragraph(doc, guide.title, "Heading 3")
            for text in paragraphs(guide.text):
                _paragraph(doc, text)


def _answer_table(doc, notes: bool, rag: bool) -> None:
    """Room to write: a notes cell and/or a RAG status cell, side by side."""
    columns = [(sentences.NOTES, Mm(WORD.notes_beside_rag_mm if rag else WORD.notes_mm))] if notes else []
    if rag:
        columns.append((sentences.RAG_COLUMN, Mm(WORD.rag_mm)))
    table = _table(doc, rows=1, cols=len(columns))
    row = table.rows[0]
    row.height = Mm(WORD.answer_height_mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell, (label, width) in zip(row.cells, columns):
        cell.width = width
        _run(cell.paragraphs[0], label, bold=True, size=WORD.small_pt, color=MUTED)
    spacer = _paragraph(doc)
    spacer.paragraph_format.space_after = Pt(WORD.answer_after_pt)
