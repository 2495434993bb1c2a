"""A meeting's papers: each agenda item's pack, and the bundle of them all.

An item's pack is a pack file from content/packs/ or a selection written in
the meeting file; either way its meeting details become the meeting's (body,
name, date, place, item number and title), so every page of every item's
PDF and Word file says which meeting and item it belongs to. The bundle is a
cover with the agenda and contents, then each item from a new page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from scrutiny_packs import ids
from scrutiny_packs.model import Agenda, AgendaItem, Bank, Meeting, PackSpec
from scrutiny_packs.packs.files import Kind, Printable, meeting_uri, printable_pack
from scrutiny_packs.packs.html import render_body, stylesheet_text
from scrutiny_packs.packs.layout import Detail, PackView, build_view, long_date, meeting_line
from scrutiny_packs.packs.md import render_markdown
from scrutiny_packs.text.plural import count_of
from scrutiny_packs.text.templating import environment


def item_slug(number: str) -> str:
    """An item number as it appears in a file name and an id: '6a' -> '6a', '6 (a)' -> '6-a' (``ids.item_slug``)."""
    return ids.item_slug(number) or "item"


def item_id(agenda: Agenda, item: AgendaItem) -> str:
    return f"{agenda.id}-item-{item_slug(item.number)}"


def meeting_details(agenda: Agenda, item: AgendaItem | None = None) -> Meeting:
    return Meeting(
        body=agenda.body,
        name=agenda.name,
        date=agenda.date,
        place=agenda.place,
        item=item.number if item else "",
        item_title=item.title if item else "",
    )


def item_spec(bank: Bank, agenda: Agenda, item: AgendaItem) -> PackSpec | None:
    """The item's pack, with the meeting's details; None when it names a pack the bank lacks."""
    if item.pack is not None:
        base = bank.packs.get(item.pack)
    else:
        base = item.inline
    if base is None:
        return None
    options = replace(base.options, since_last_time=True) if agenda.since_last_time else base.options
    return replace(
        base, id=item_id(agenda, item), meeting=meeting_details(agenda, item), path=agenda.path, options=options
    )


@dataclass(frozen=True)
class MeetingItemView:
    number: str
    title: str
    slug: str
    view: PackView

    @property
    def anchor(self) -> str:
        return self.view.anchor


@dataclass(frozen=True)
class MeetingView:
    id: str
    body: str
    name: str
    date_text: str
    iso_date: str
    place: str
    description: str  # Markdown
    items: tuple[MeetingItemView, ...]
    footer_meeting: str  # body and date, for the cover's running footer
    organisation: str = ""
    language: str = "en-GB"

    @property
    def title(self) -> str:
        return f"{self.body}: {self.name}" + (f", {self.date_text}" if self.date_text else "")

    @property
    def details(self) -> tuple[Detail, ...]:
        out = [Detail("Body", self.body), Detail("Meeting", self.name)]
        if self.date_text:
            out.append(Detail("Date", self.date_text, self.iso_date))
        if self.place:
            out.append(Detail("Place", self.place))
        return tuple(out)

    @property
    def count(self) -> int:
        return sum(i.view.count for i in self.items)


def build_meeting_view(bank: Bank, agenda: Agenda) -> MeetingView:
    items = []
    for item in agenda.items:
        spec = item_spec(bank, agenda, item)
        if spec is None:
            continue
        slug = item_slug(item.number)
        items.append(MeetingItemView(item.number, item.title, slug, build_view(bank, spec, anchor=f"sp-item-{slug}")))
    return MeetingView(
        id=agenda.id,
        body=agenda.body,
        name=agenda.name,
        date_text=long_date(agenda.date) if agenda.date else "",
        iso_date=agenda.date.isoformat() if agenda.date else "",
        place=agenda.place,
        description=agenda.description,
        items=tuple(items),
        footer_meeting=meeting_line(meeting_details(agenda), item=False),
        organisation=bank.settings.organisation,
    )


# -- the bundle --------------------------------------------------------------------------------


def render_bundle_document(meeting: MeetingView) -> str:
    """The meeting's papers as one HTML document: what the bundle PDF is made from."""
    return (
        environment()
        .get_template("packs/meeting.html.j2")
        .render(m=meeting, css=Markup(stylesheet_text()), body=render_body)
    )


def render_bundle_docx(meeting: MeetingView) -> bytes:
    """The papers in Word: the cover with the agenda, then each item in a section of its own (a new
    page, with the item in its footer)."""
    from docx.enum.section import WD_SECTION  # python-docx is imported late, only when a Word file is made
    from docx.shared import Pt

    from scrutiny_packs.packs import docx as pack_docx

    first = meeting.items[0].view if meeting.items else None
    if first is None:
        raise ValueError("the meeting has no items")
    doc = pack_docx.new_document(
        replace(first, title=meeting.title, footer_title="Meeting papers", footer_meeting=meeting.footer_meeting)
    )
    p = doc.add_paragraph()
    run = p.add_run("Meeting papers")
    run.bold, run.font.size, run.font.all_caps = True, Pt(9), True
    doc.add_paragraph(meeting.body, "Title")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for detail in meeting.details:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(detail.label).bold = True
        cells[1].paragraphs[0].add_run(detail.value)
    for text in pack_docx.paragraphs(meeting.description) if meeting.description else ():
        doc.add_paragraph(text)
    doc.add_paragraph("Agenda", "Heading 1")
    agenda = doc.add_table(rows=1, cols=3)
    agenda.style = "Table Grid"
    for cell, label in zip(agenda.rows[0].cells, ("Item", "Title", "Questions")):
        cell.paragraphs[0].add_run(label).bold = True
    for item in meeting.items:
        cells = agenda.add_row().cells
        cells[0].paragraphs[0].add_run(item.number)
        cells[1].paragraphs[0].add_run(item.title)
        cells[2].paragraphs[0].add_run(count_of(item.view.count, "question"))
    for item in meeting.items:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        pack_docx.set_footer(section, item.view.footer_lines)
        pack_docx.add_pack(doc, item.view, cover_break=False)
    return pack_docx.save(doc)


def render_bundle_markdown(meeting: MeetingView) -> str:
    lines = [f"# {_md(meeting.title)}", ""]
    lines += [f"- **{d.label}:** {_md(d.value)}" for d in meeting.details]
    lines.append("")
    if meeting.description:
        lines += [_md_block(meeting.description), ""]
    lines += ["## Agenda", ""]
    lines += [f"- Item {_md(i.number)}: {_md(i.title)} ({count_of(i.view.count, 'question')})" for i in meeting.items]
    for item in meeting.items:
        lines.append("")
        lines += [("#" + line if line.startswith("#") else line) for line in render_markdown(item.view).splitlines()]
    return "\n".join(lines).strip() + "\n"


def _md(text: str) -> str:
    from scrutiny_packs.text.escape import md_text

    return md_text(text)


def _md_block(text: str) -> str:
    """A Markdown field as the items' descriptions are written: Markdown yes, HTML and unsafe links no."""
    from scrutiny_packs.text.escape import md_block

    return md_block(text)


def render_bundle(meeting: MeetingView, suffix: str) -> bytes:
    """The papers in the format a file name ends with: .pdf, .docx, .html or .md."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        from scrutiny_packs.packs.html import stylesheet_path
        from scrutiny_packs.packs.pdf import render_pdf

        return render_pdf(render_bundle_document(meeting), stylesheet_path().parent)
    if suffix == ".docx":
        return render_bundle_docx(meeting)
    if suffix == ".html":
        return render_bundle_document(meeting).encode("utf-8")
    if suffix == ".md":
        return render_bundle_markdown(meeting).encode("utf-8")
    raise ValueError(f"no writer for {suffix!r} files")


# -- the files the site publishes ----------------------------------------------------------------


def bundle_uri(meeting: MeetingView) -> str:
    return meeting_uri(meeting.id, meeting.id, "pdf")


def item_uri(meeting: MeetingView, item: MeetingItemView, kind: Kind) -> str:
    return meeting_uri(meeting.id, item.view.id, kind)


def meeting_printables(meeting: MeetingView) -> list[Printable]:
    """The papers as one PDF, and each item's pack as a PDF and a Word file, beside the meeting's page."""
    out = [Printable(meeting.id, {"pdf": bundle_uri(meeting)}, lambda: render_bundle_document(meeting))]
    for item in meeting.items:
        out.append(printable_pack(item.view, {kind: item_uri(meeting, item, kind) for kind in ("pdf", "docx")}))
    return out
