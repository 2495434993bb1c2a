"""Recommendations and information requests: what `validate` refuses and warns of, and the tracker a
committee receives (`scrutiny-packs tracker`), read back as a clerk would open each file."""

from __future__ import annotations

import csv
import io
import subprocess

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from icalendar import Calendar

from scrutiny_packs.cli import main
from tests.editing.test_actions_command import as_own

EXAMPLE = "example-childrens-scrutiny-panel-2026-10"  # held on 2026-10-13

RECORD_TAIL = """
  - ref: "2026-27/3"
    item: 6
    text: "=HYPERLINK(\\"http://example.invalid\\") That the partnership publish its audit."
    to: "Safeguarding children partnership"
    lead: "Partnership Business Manager"
    actions:
      - action: "Publish the audit of notices to schools."
        owner: "Partnership Business Manager"
        due: 2026-11-30
      - action: "Report the audit to the panel."
        owner: "Partnership Business Manager"
        due: 2027-02-28
        status: done
        done: 2027-01-10
"""


def _record(project):
    return project / "content" / "meetings" / f"{EXAMPLE}.record.yml"


def _with_third(project):
    path = _record(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nrequests:\n", RECORD_TAIL + "requests:\n"), encoding="utf-8")
    return project


def validate(project, *args):
    return CliRunner().invoke(main, ["validate", "--root", str(project), *args])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '      date: 2026-12-01\n      text: "The monthly',
            '      date: 2026-10-01\n      text: "The monthly',
            "recommendations[0].response.date: response dated 2026-10-01, before the meeting on 2026-10-13",
        ),
        (
            "    item: 6\n    text: >-",
            "    item: 9\n    text: >-",
            "recommendations[1].item: item 9 is not on the agenda",
        ),
        (
            "    status: amber\n",
            "    status: paused\n",
            "recommendations[0].status: a paused recommendation needs its reason",
        ),
        ('  - ref: "2026-27/2"', '  - ref: "2026-27/1"', "recommendations[1].ref: reference 2026-27/1 is already used"),
        (
            '    of: "Safeguarding children partnership"\n    due: 2026-12-15\n',
            '    of: "Safeguarding children partnership"\n    due: 2026-09-15\n',
            "requests[0].due: due 2026-09-15, before the meeting",
        ),
    ],
    ids=["response-before-meeting", "unknown-item", "paused-without-reason", "duplicate-ref", "request-due-early"],
)
def test_impossible_recommendations_are_refused_at_their_line(project, old, new, expected):
    path = _record(project)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = validate(project)
    assert done.exit_code == 1
    errors = [line for line in done.stderr.splitlines() if expected in line]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"content/meetings/{EXAMPLE}.record.yml:")
    assert int(errors[0].split(":")[1]) > 0  # the line of the field


def test_a_recommendation_without_text_is_refused(project):
    path = _record(project)
    text = path.read_text(encoding="utf-8")
    start = text.index("    text: >-\n      That the safeguarding children partnership")
    end = text.index("    to:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    done = validate(project)
    assert done.exit_code == 1
    assert "recommendations[1].text: missing required field (add 'text:' to the file)" in done.stderr


def test_overdue_responses_actions_and_information_are_warned_of_for_a_councils_own_record(project):
    done = validate(as_own(project), "--today", "2027-02-01")
    assert done.exit_code == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if "recommendation" in line or "information" in line]
    assert any("recommendation 2026-27/2: response overdue since 2026-12-13" in w for w in warned)  # two months on
    assert any("recommendation 2026-27/1: action overdue since 2027-01-31" in w for w in warned)
    assert any("information overdue since 2026-12-15" in w for w in warned)


def tracker(project, *args):
    return CliRunner().invoke(main, ["tracker", "--root", str(project), "--today", "2027-01-20", *args])


def test_the_tracker_in_five_formats_one_row_per_recommendation_or_action(project, tmp_path):
    project = as_own(_with_third(project))
    files = {suffix: tmp_path / f"tracker{suffix}" for suffix in (".csv", ".xlsx", ".docx", ".pdf", ".ics")}
    done = tracker(project, *[arg for f in files.values() for arg in ("-o", str(f))])
    assert done.exit_code == 0, done.output
    assert "3 recommendations (2 overdue), 1 information request" in done.output

    rows = list(csv.DictReader(io.StringIO(files[".csv"].read_text(encoding="utf-8-sig"))))
    assert [(r["Reference"], r["Row"]) for r in rows] == [
        ("2026-27/2", "Recommendation"),  # response overdue since 13 December: first
        ("2026-27/3", "Recommendation"),  # its response too, and an action overdue since 30 November
        ("2026-27/3", "Action"),
        ("2026-27/3", "Action"),
        ("2026-27/1", "Recommendation"),  # accepted, its action due on 31 January
        ("2026-27/1", "Action"),
    ]
    assert rows[0]["Due"] == "2026-12-13" and rows[0]["Where it stands"] == "Response overdue since 13 December 2026"
    assert rows[1]["Recommendation or action"].startswith("'=HYPERLINK(")  # shown, never run
    assert rows[3]["Where it stands"] == "Done 2027-01-10"
    assert rows[4]["Response"].startswith("Accepted: ") and rows[4]["Status"] == "Amber"

    sheet = openpyxl.load_workbook(files[".xlsx"]).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Reference", "Row"] and len(values) == 1 + len(rows)
    assert [v[0] for v in values[1:]] == [r["Reference"] for r in rows]
    cell = sheet.cell(3, 6)
    assert cell.value.startswith("=HYPERLINK(") and cell.data_type == "s"  # text, not a formula

    table = docx.Document(str(files[".docx"])).tables[0]
    assert len(table.rows) == 1 + len(rows)
    assert [r.cells[0].text for r in table.rows[1:]] == [r["Reference"] for r in rows]

    text = subprocess.run(
        ["pdftotext", "-layout", str(files[".pdf"]), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Recommendations tracker" in text and "2026-27/3" in text and "Information awaited" in text

    events = Calendar.from_ical(files[".ics"].read_bytes()).walk("VEVENT")
    due = sorted((str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()) for e in events)
    assert due == [
        ("Action due: recommendation 2026-27/1", "2027-01-31"),
        ("Action due: recommendation 2026-27/3", "2026-11-30"),
        ("Information due: Example: Children's Scrutiny Panel", "2026-12-15"),
        ("Response due: recommendation 2026-27/2", "2026-12-13"),  # two months after 13 October
        ("Response due: recommendation 2026-27/3", "2026-12-13"),
    ]


def test_the_tracker_never_mixes_the_examples_with_a_councils_own(project, tmp_path):
    out = tmp_path / "t.csv"
    assert tracker(project, "-o", str(out)).exit_code == 0
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1  # the council has none of its own
    assert tracker(project, "--examples", "-o", str(out)).exit_code == 0
    assert "2026-27/1" in out.read_text(encoding="utf-8-sig")


def test_the_tracker_refuses_an_unknown_format_and_content(project):
    bad = tracker(project, "-o", str(project / "t.txt"))
    assert bad.exit_code == 2 and "can write .docx, .pdf, .csv, .xlsx, .ics" in bad.output
    inside = tracker(project, "-o", str(project / "content" / "t.csv"))
    assert inside.exit_code == 2 and "refusing to write inside content/" in inside.output
    assert not (project / "content" / "t.csv").exists()
