"""The recommendations tracker as files a committee receives: Word, PDF, CSV and XLSX (one row per
recommendation or action), and an iCalendar file of what falls due.

Every format draws on the same rows (``tracker.rows``), so the five agree.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from scrutiny_packs.packs import tracker
from scrutiny_packs.packs.layout import long_date
from scrutiny_packs.text.spreadsheet import csv_text

SUFFIXES = (".docx", ".pdf", ".csv", ".xlsx", ".ics")


@dataclass(frozen=True)
class TrackerReport:
    title: str
    organisation: str
    today: dt.date
    rows: list[dict[str, str]]
    due: list[tracker.Due]
    awaited: list[tracker.Awaited]


def to_csv(report: TrackerReport) -> bytes:
    rows = ([row[key] for key, _ in tracker.COLUMNS] for row in report.rows)
    text = csv_text([label for _, label in tracker.COLUMNS], rows)
    return text.encode("utf-8-sig")  # the byte order mark tells spreadsheet programs it is UTF-8


def to_xlsx(report: TrackerReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("Recommendations")
    sheet.append([label for _, label in tracker.COLUMNS])
    for row in report.rows:
        sheet.append([row[key] for key, _ in tracker.COLUMNS])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"  # text stays text: a cell starting '=' is never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"text": 60, "response": 40, "state": 28, "committee": 28, "to": 28, "lead": 28, "item": 30}
    for index, (key, _) in enumerate(tracker.COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(key, 14)
    sheet.freeze_panes = "A2"
    if report.rows:
        ref = f"A1:{get_column_letter(len(tracker.COLUMNS))}{len(report.rows) + 1}"
        table = Table(displayName="Tracker", ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_docx(report: TrackerReport) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_heading(report.title, level=1)
    doc.add_paragraph(f"{report.organisation}. Tracker as at {long_date(report.today)}.")
    shown = [(k, label) for k, label in tracker.COLUMNS if k not in ("committee", "meeting_date")]
    if report.rows:
        table = doc.add_table(rows=1, cols=len(shown))
        table.style = "Table Grid"
        for cell, (_, label) in zip(table.rows[0].cells, shown):
            cell.text = label
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for row in report.rows:
            cells = table.add_row().cells
            for cell, (key, _) in zip(cells, shown):
                cell.text = row[key]
    else:
        doc.add_paragraph("No recommendations have been recorded.")
    awaited = [w for w in report.awaited if w.request.received is None]
    doc.add_heading("Information awaited", level=2)
    if awaited:
        for w in awaited:
            q = w.request
            late = " (overdue)" if w.overdue(report.today) else ""
            doc.add_paragraph(
                f"{q.asked} From {q.of}, due {q.due.isoformat() if q.due else ''}{late}.", style="List Bullet"
            )
    else:
        doc.add_paragraph("Nothing is awaited.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_html(report: TrackerReport) -> str:
    from scrutiny_packs.text.templating import environment

    return environment().get_template("packs/tracker.html.j2").render(report=report, columns=tracker.COLUMNS)


def to_pdf(report: TrackerReport) -> bytes:
    from scrutiny_packs.packs.pdf import render_pdf

    return render_pdf(to_html(report))


def to_ics(report: TrackerReport) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Scrutiny Packs//Recommendations tracker//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", report.title)
    stamp = dt.datetime.combine(report.today, dt.time(0, 0), tzinfo=dt.UTC)
    for due in report.due:
        event = Event()
        event.add("uid", f"{due.uid}@scrutiny-packs")
        event.add("dtstamp", stamp)
        event.add("dtstart", due.day)
        event.add("dtend", due.day + dt.timedelta(days=1))
        event.add("summary", due.summary)
        event.add("description", due.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


WRITERS = {".csv": to_csv, ".xlsx": to_xlsx, ".docx": to_docx, ".pdf": to_pdf, ".ics": to_ics}


def render(report: TrackerReport, suffix: str) -> bytes:
    return WRITERS[suffix](report)


def write(report: TrackerReport, target: Path) -> None:
    from scrutiny_packs.packs.pdf import write_atomically

    write_atomically(target, render(report, target.suffix.lower()))
