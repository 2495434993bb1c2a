"""Every pack format credits its questions' sources, so questions go into committee papers credited."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from pypdf import PdfReader

from scrutiny_packs.cli import main
from scrutiny_packs.text.credits import PACK_SOURCE_LINE
from tests.conftest import ROOT


def text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    elif path.suffix == ".docx":
        text = " ".join(p.text for p in docx.Document(str(path)).paragraphs)
    elif path.suffix == ".html":
        text = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    else:
        text = path.read_text(encoding="utf-8").replace("\\", "")
    return " ".join(re.sub(r"-\s+", "-", text).split())


@pytest.mark.parametrize("suffix", [pytest.param(".pdf", marks=pytest.mark.pdf), ".docx", ".html", ".md"])
def test_each_pack_format_ends_with_the_source_line(tmp_path, suffix):
    out = tmp_path / f"pack{suffix}"
    result = CliRunner().invoke(
        main, ["pack", "--root", str(ROOT), "--area", "domestic-violence", "--audience", "councillors", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = text_of(out)
    assert " ".join(PACK_SOURCE_LINE.split()) in text
    # It comes after the last question, where a reader looks for credits.
    assert text.rindex("Walsall Council's briefing note") > text.rindex("domestic")


@pytest.mark.parametrize("suffix", [pytest.param(".pdf", marks=pytest.mark.pdf), ".docx", ".html", ".md"])
def test_each_pack_format_lists_the_sources_its_questions_and_benchmarks_cite(tmp_path, suffix):
    from scrutiny_packs.packs.checks import load_checked
    from scrutiny_packs.text.sentences import SOURCES_CITED

    bank = load_checked(ROOT).bank
    out = tmp_path / f"pack{suffix}"
    result = CliRunner().invoke(main, ["pack", "--root", str(ROOT), "--question", "q160", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = text_of(out)
    assert text.count(SOURCES_CITED) == 1
    listed = text[text.index(SOURCES_CITED) :]
    # The question's source and those of each "what good looks like" guide the pack shows.
    shown = [b for b in bank.questions["q160"].benchmarks if bank.benchmarks[b].title in text]
    assert shown
    cited = [bank.questions["q160"].source] + [s for b in shown for s in bank.benchmarks[b].sources]
    titles = {" ".join(s.document.split()) for s in cited}
    assert len(titles) >= 2
    for title in titles:
        assert title in listed.replace("\u2019", "'"), title
    if suffix == ".md":  # one list item per source, as a reader of the Markdown sees them
        raw = out.read_text(encoding="utf-8")
        items = [line for line in raw[raw.index(SOURCES_CITED) :].splitlines() if line.startswith("- ")]
        assert len(items) == len(titles)
    assert listed.index(SOURCES_CITED) < listed.index("Sources: questions marked")
