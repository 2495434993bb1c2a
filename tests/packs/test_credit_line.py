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


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".md"])
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
