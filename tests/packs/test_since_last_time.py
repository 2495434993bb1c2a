"""'Since last time' in a later pack for the same body: the last RAG status, the answer and the open
actions, in the PDF, Word and Markdown alike."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from scrutiny_packs.cli import main
from tests.conftest import ROOT

EXAMPLE = "example-childrens-scrutiny-panel-2026-10"
LATER = "example-childrens-scrutiny-panel"


def _pack(tmp_path, suffix: str, *extra: str):
    out = tmp_path / f"pack{suffix}"
    done = CliRunner().invoke(
        main,
        [
            "pack",
            "--root",
            str(ROOT),
            "--question",
            "q004",
            "--question",
            "q160",
            "--question",
            "q001",
            "--order",
            "listed",
            "--body",
            "Example: Children's Scrutiny Panel",
            "--date",
            "2027-03-16",
            *extra,
            "-o",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert done.exit_code == 0, done.output
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.pdf
def test_since_last_time_in_the_pdf(tmp_path, bank):
    reader = PdfReader(_pack(tmp_path, ".pdf", "--since-last-time"))
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    section = text[text.index("Since last time") :]
    assert "RAG status: Amber" in section and "RAG status: Red" in section
    q004 = next(a for i in bank.records[EXAMPLE].items for a in i.answers if a.question == "q004")
    assert _words(q004.actions[0].what) in section  # its open action
    assert "Circulate the front door" not in text  # done, so not listed
    assert "(ref. q001)" not in section  # never recorded: not in the section


def test_no_section_unless_asked(tmp_path):
    # The section comes from the pack's contents, which every format draws alike (the PDF above with it).
    doc = Document(io.BytesIO(_pack(tmp_path, ".docx").read_bytes()))
    assert "Since last time" not in [p.text for p in doc.paragraphs]
    assert "Since last time" not in _pack(tmp_path, ".md").read_text(encoding="utf-8")


def test_since_last_time_in_word_and_markdown(tmp_path):
    doc = Document(io.BytesIO(_pack(tmp_path, ".docx", "--since-last-time").read_bytes()))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Since last time" in paragraphs
    assert any(p.startswith("Open action: Report the survey") for p in paragraphs)
    md = _pack(tmp_path, ".md", "--since-last-time").read_text(encoding="utf-8")
    assert re.search(r"## Since last time\n\n- \*\*Question 1\*\* \(ref\. q004\)", md)
    assert "RAG status: **Amber**" in md


def test_only_earlier_meetings_of_the_same_body_count(bank):
    from scrutiny_packs.packs.records import since_last_time

    assert since_last_time(bank, "Another body", None, [(1, "q004", "")]) == ()
    assert since_last_time(bank, bank.meetings[EXAMPLE].body, bank.meetings[EXAMPLE].date, [(1, "q004", "")]) == ()
    found = since_last_time(bank, bank.meetings[LATER].body, bank.meetings[LATER].date, [(1, "q004", "")])
    assert found[0].heard.answer.rag == "amber"
