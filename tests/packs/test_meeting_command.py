"""The command line and meetings: `pack` with meeting details in all four formats, and `meeting`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from scrutiny_packs.cli import main
from tests.conftest import ROOT

MEETING_OPTIONS = [
    "--body",
    "Children's Scrutiny Panel",
    "--meeting",
    "Ordinary meeting",
    "--date",
    "2027-01-19",
    "--item",
    "6",
    "--item-title",
    "The front door",
]
FOOTER = "Children's Scrutiny Panel \u00b7 19 January 2027 \u00b7 Item 6"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("suffix", [pytest.param(".pdf", marks=pytest.mark.pdf), ".docx", ".html", ".md"])
def test_pack_with_meeting_details_in_each_format(tmp_path, suffix):
    out = tmp_path / f"item-6{suffix}"
    done = invoke("pack", "--root", str(ROOT), "--question", "q004", *MEETING_OPTIONS, "-o", str(out))
    assert done.exit_code == 0, done.output
    assert f"Wrote {out}: 1 question, framed" in done.output  # one question, not "1 questions"
    if suffix == ".pdf":
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(out).pages]
        assert all(FOOTER in text and f"Page {i + 1} of {len(pages)}" in text for i, text in enumerate(pages))
        text = " ".join(pages)
    elif suffix == ".docx":
        doc = Document(str(out))
        assert doc.sections[0].footer.paragraphs[0].text.startswith(FOOTER)
        text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for t in doc.tables for c in t._cells)
    elif suffix == ".html":
        soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".sp-pack")["data-footer-meeting"] == FOOTER
        text = soup.get_text(" ")
    else:
        text = out.read_text(encoding="utf-8").replace("\\", "")
    text = " ".join(text.split())
    for detail in ("Children's Scrutiny Panel", "Ordinary meeting", "19 January 2027", "6: The front door"):
        assert detail in text, detail


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--date", "2027-02-30"],
            "--date: '2027-02-30' is not a valid date (write dates as YYYY-MM-DD, e.g. 2027-01-19)",
        ),
        (
            ["--date", "19/01/2027"],
            "--date: '19/01/2027' is not a valid date (write dates as YYYY-MM-DD, e.g. 2027-01-19)",
        ),
        (["--body", " "], "--body: must not be empty (fill it in, or leave the option out)"),
    ],
)
def test_bad_meeting_options_are_one_line_each(tmp_path, args, message):
    done = CliRunner().invoke(
        main, ["pack", "--root", str(ROOT), "--question", "q004", *args, "-o", str(tmp_path / "x.pdf")]
    )
    assert done.exit_code == 2
    assert done.output.strip() == message
    assert not (tmp_path / "x.pdf").exists()


# A two-item meeting, so that the PDF is quick to make; tests/packs/test_meeting_papers.py reads the
# example meeting's whole bundle page by page.
TWO_ITEMS = (
    'body: "Panel"\nname: "Meeting"\ndate: 2027-01-19\nitems:\n'
    '  - number: 4\n    title: "Front door"\n    selection:\n      questions: [q004, q013]\n'
    '  - number: 5\n    title: "Missing children"\n    selection:\n      questions: [q050]\n'
)


@pytest.mark.parametrize("suffix", [pytest.param(".pdf", marks=pytest.mark.pdf), ".docx", ".html", ".md"])
def test_meeting_command_writes_the_papers(tmp_path, suffix):
    meeting = tmp_path / "panel.yml"
    meeting.write_text(TWO_ITEMS, encoding="utf-8")
    out = tmp_path / f"papers{suffix}"
    done = invoke("meeting", "--root", str(ROOT), str(meeting), "-o", str(out))
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"Wrote {out}: 2 agenda items, ")
    data = out.read_bytes()
    assert data.startswith({".pdf": b"%PDF", ".docx": b"PK", ".html": b"<!DOCTYPE html>", ".md": b"# "}[suffix])
    if suffix == ".pdf":
        assert "Item 5" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


def test_meeting_command_finds_a_meeting_by_its_id(tmp_path, bank):
    out = tmp_path / "papers.md"
    done = invoke("meeting", "--root", str(ROOT), "example-childrens-scrutiny-panel", "-o", str(out))
    assert done.exit_code == 0, done.output
    agenda = bank.meetings["example-childrens-scrutiny-panel"]
    assert done.output.startswith(f"Wrote {out}: {len(agenda.items)} agenda items, ")
    text = out.read_text(encoding="utf-8")
    assert all(item.title in text for item in agenda.items)


def test_meeting_command_takes_a_file_and_reports_its_problems(tmp_path):
    good = tmp_path / "panel.yml"
    good.write_text(
        'body: "Panel"\nname: "Meeting"\ndate: 2027-01-19\nitems:\n'
        '  - number: 1\n    title: "Front door"\n    selection:\n      tags: [front-door]\n',
        encoding="utf-8",
    )
    done = invoke("meeting", "--root", str(ROOT), str(good), "-o", str(tmp_path / "p.md"))
    assert done.exit_code == 0, done.output
    assert "Front door" in (tmp_path / "p.md").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(
        'body: "Panel"\nname: "Meeting"\ndate: 2027-13-01\nitems:\n'
        '  - number: 1\n    title: "Front door"\n    pack: front-dor\n',
        encoding="utf-8",
    )
    done = CliRunner().invoke(main, ["meeting", "--root", str(ROOT), str(bad), "-o", str(tmp_path / "b.pdf")])
    assert done.exit_code == 2
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(
        "bad.yml:3: date: '2027-13-01' is not a valid date (write dates as YYYY-MM-DD, e.g. 2026-11-22, with a year from 1900 to 2999)"
    )
    bad.write_text(bad.read_text(encoding="utf-8").replace("2027-13-01", "2027-01-13"), encoding="utf-8")
    done = CliRunner().invoke(main, ["meeting", "--root", str(ROOT), str(bad), "-o", str(tmp_path / "b.pdf")])
    assert done.exit_code == 2 and "bad.yml:7: items[0].pack: 'front-dor' is not a known pack" in done.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["no-such-meeting", "-o", "x.pdf"], "no-such-meeting: is not a meeting file or a known meeting"),
        (["missing.yml", "-o", "x.pdf"], "missing.yml: meeting file not found (check the path)"),
        (["example-childrens-scrutiny-panel", "-o", "x.txt"], "-o: cannot write '.txt' files"),
    ],
)
def test_meeting_command_mistakes_are_one_line(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["meeting", "--root", str(ROOT), *args])
    assert done.exit_code == 2
    assert done.output.strip().splitlines()[0].startswith(message)
    assert len(done.output.strip().splitlines()) == 1
    assert not Path(tmp_path / "x.pdf").exists()
