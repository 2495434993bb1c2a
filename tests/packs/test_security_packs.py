"""Rules 2 and 3 in the printable packs: hostile text in a pack and its questions appears literally in
the PDF (pdftotext) and the Word file (python-docx), and neither file carries a script, a launch
action or a link to a script or data address.

The pack is tests/hostile/harmless/packs/hostile-pack.yml, built with the rest of the hostile corpus.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from scrutiny_packs.text.framing import frame
from tests.conftest import HOSTILE

pytestmark = pytest.mark.site

HARMLESS = HOSTILE / "harmless"


def _data(name: str) -> dict:
    return yaml.safe_load((HARMLESS / name).read_text(encoding="utf-8"))


def _words(text: str) -> str:
    return " ".join(str(text).split())


def _expected() -> list[str]:
    """Text the pack must show exactly as written (whitespace aside)."""
    pack = _data("packs/hostile-pack.yml")
    question = _data("questions/hostile-question.yml")
    meeting = pack["meeting"]
    return [_words(t) for t in (
        pack["title"], meeting["body"], meeting["name"], meeting["item"], meeting["item_title"],
        frame(_words(question["text"]), pack["framing"]), question["asked_of"], *question["listen_for"],
    )]


def _one(site: Path, suffix: str) -> Path:
    (found,) = site.rglob(f"hostile-pack{suffix}")
    return found


def test_pdf_shows_hostile_text_literally(hostile_site: Path):
    pdf = _one(hostile_site, ".pdf")
    text = _words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                 check=True).stdout)
    missing = [t for t in _expected() if t not in text]
    assert missing == []
    assert "{{ 7*7 }}" in text and "<class" not in text


def test_pdf_has_no_script_or_dangerous_link(hostile_site: Path):
    reader = PdfReader(_one(hostile_site, ".pdf"))
    assert reader.metadata.title == _data("packs/hostile-pack.yml")["title"]
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    names = root.get("/Names")
    assert not (names and "/JavaScript" in names.get_object())
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is None:
                continue
            action = action.get_object()
            assert action.get("/S") not in ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData")
            uri = str(action.get("/URI", ""))
            assert not uri.lower().startswith(("javascript:", "data:", "file:")), uri


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return _words(" ".join(parts))


def test_word_file_shows_hostile_text_literally(hostile_site: Path):
    path = _one(hostile_site, ".docx")
    text = _docx_text(path)
    missing = [t for t in _expected() if t not in text]
    assert missing == []
    assert docx.Document(str(path)).core_properties.title == _data("packs/hostile-pack.yml")["title"]


def test_word_file_has_no_macros_or_dangerous_links(hostile_site: Path):
    with zipfile.ZipFile(_one(hostile_site, ".docx")) as package:
        names = package.namelist()
        assert not [n for n in names if n.lower().endswith((".bin", ".vba")) or "vbaProject" in n]
        for name in names:
            if name.endswith(".rels"):
                rels = package.read(name).decode("utf-8").lower()
                for scheme in ("javascript:", "data:", "file:", "vbscript:"):
                    assert f'target="{scheme}' not in rels, (name, scheme)
