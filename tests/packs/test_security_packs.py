"""Rules 2 and 3 in the printable packs: hostile text in a pack and its questions appears literally in
the PDF (pdftotext) and the Word file (python-docx), and neither file carries a script, a launch
action or a link to a script or data address.

The pack is tests/hostile/harmless/packs/hostile-pack.yml, built with the rest of the hostile corpus (its
Word file by the build, its PDF by the build's pack files job: conftest's ``hostile_pack_pdf``).
"""

from __future__ import annotations

import base64
import dataclasses
import http.server
import io
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import docx
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scrutiny_packs.packs.checks import load_checked
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
    return [
        _words(t)
        for t in (
            pack["title"],
            meeting["body"],
            meeting["name"],
            meeting["item"],
            meeting["item_title"],
            frame(_words(question["text"]), pack["framing"]),
            question["asked_of"],
            *question["listen_for"],
        )
    ]


def _one(site: Path, suffix: str) -> Path:
    (found,) = site.rglob(f"hostile-pack{suffix}")
    return found


def test_pdf_shows_hostile_text_literally(hostile_pack_pdf: Path):
    text = _words(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(hostile_pack_pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    missing = [t for t in _expected() if t not in text]
    assert missing == []
    assert "{{ 7*7 }}" in text and "<class" not in text


def test_pdf_has_no_script_or_dangerous_link(hostile_pack_pdf: Path):
    reader = PdfReader(hostile_pack_pdf)
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


# -- what a pack reads and where its links lead: its own assets, and web or mail addresses only --------


def _annotation_uris(pdf: bytes) -> list[str]:
    uris = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                uris.append(str(action.get_object()["/URI"]))
    return uris


def _images(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for item in (resources.get("/XObject") or {}).values():
            count += item.get_object().get("/Subtype") == "/Image"
    return count


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self):
        _Counting.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b".sp-pack { color: red; }")

    def log_message(self, *args):
        pass


def test_weasyprint_reads_only_the_packs_own_assets(tmp_path):
    from scrutiny_packs.packs.html import stylesheet_path
    from scrutiny_packs.packs.pdf import render_pdf

    picture = tmp_path / "private.png"
    picture.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
    )
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    remote = f"http://127.0.0.1:{server.server_port}"
    try:
        document = (
            f'<html lang="en"><head><link rel="stylesheet" href="{remote}/evil.css">'
            f'<link rel="stylesheet" href="file:///etc/passwd"></head><body>'
            f'<img src="{picture.as_uri()}" alt=""><img src="{remote}/pixel.png" alt="">'
            f'<img src="../../../../{picture}" alt=""><p style="background: url({remote}/bg.png)">x</p>'
            "</body></html>"
        )
        pdf = render_pdf(document, stylesheet_path().parent)
    finally:
        server.shutdown()
    assert _Counting.hits == []
    assert _images(pdf) == 0


def _view_with(bank, description: str = "", benchmark_text: str | None = None):
    """A one-question pack whose description (and the text of the question's first benchmark) is given."""
    from scrutiny_packs.model import PackSpec, Selection
    from scrutiny_packs.packs.layout import build_view

    question = next(q for q in bank.active_questions() if q.benchmarks)
    if benchmark_text is not None:
        bank = dataclasses.replace(
            bank,
            benchmarks={
                **bank.benchmarks,
                question.benchmarks[0]: dataclasses.replace(
                    bank.benchmarks[question.benchmarks[0]], text=benchmark_text
                ),
            },
        )
    spec = PackSpec(
        "test-pack",
        "A test pack",
        description=description,
        selection=Selection(questions=(question.id,), order="listed"),
    )
    return build_view(bank, spec)


RELATIVE = (
    "See [the passwords](../../../../etc/passwd), [a page](x.md), [a folder](/tmp/), "
    "[a section](#top), [the web](https://example.com/ok) and [mail](mailto:team@example.com)."
)


def test_links_in_a_pack_lead_only_to_web_and_mail_addresses(bank):
    from scrutiny_packs.packs.output import render

    view = _view_with(bank, RELATIVE)
    # The pack's own links (its sources list) are web addresses too; of the description's, only two survive.
    uris = _annotation_uris(render(view, ".pdf"))
    assert {"https://example.com/ok", "mailto:team@example.com"} <= set(uris)
    assert all(u.startswith(("https://", "mailto:")) for u in uris), uris
    assert not [u for u in uris if "passwd" in u or "x.md" in u or "/tmp/" in u or "#top" in u], uris
    soup = BeautifulSoup(render(view, ".html").decode("utf-8"), "html.parser")
    description = soup.select_one(".sp-pack-description")
    assert sorted(a["href"] for a in description.find_all("a", href=True)) == [
        "https://example.com/ok",
        "mailto:team@example.com",
    ]
    assert "the passwords" in description.get_text()  # the words stay


def test_a_pack_file_with_relative_links_is_refused_naming_file_line_and_link(project, tmp_path):
    spec = tmp_path / "item-6.yml"
    spec.write_text(
        f'title: "Item 6"\ndescription: >\n  {RELATIVE}\nselection:\n  areas: [workforce]\n', encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrutiny_packs.cli",
            "pack",
            "--root",
            str(project),
            "--spec",
            str(spec),
            "-o",
            str(tmp_path / "item-6.pdf"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "item-6.yml:3: description: link '../../../../etc/passwd' is not a full web address" in result.stderr
    assert "description: link '#top' is not a full web address" in result.stderr
    assert not (tmp_path / "item-6.pdf").exists()


def test_a_very_long_word_wraps_inside_the_pdf_page(bank, tmp_path):
    from scrutiny_packs.packs.output import render

    word = "Longword" * 625  # 5,000 characters, no space to break at
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(render(_view_with(bank, word[:3000], benchmark_text=word), ".pdf"))
    width = float(PdfReader(str(pdf)).pages[0].mediabox.width)
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = BeautifulSoup(bbox, "html.parser").find_all("word")
    pieces = [w for w in words if set(w.get_text()) <= set("Longword")]
    assert sum(len(w.get_text()) for w in pieces) >= 8000  # the description's 3,000 and the benchmark's 5,000
    assert max(float(w["xmax"]) for w in words) <= width - 17 * 72 / 25.4 + 1  # inside the right margin


def test_a_word_file_keeps_long_words_in_ordinary_paragraphs_word_can_wrap(bank):
    """Word breaks a word longer than the line itself; it cannot inside a table cell laid out
    to fit its content, nor in text told not to wrap. The long word is in neither."""
    from scrutiny_packs.packs.output import render

    word = "Longword" * 625
    data = render(_view_with(bank, benchmark_text=word), ".docx")
    document = docx.Document(io.BytesIO(data))
    holders = [p for p in document.paragraphs if word in p.text]
    assert holders and all(p._p.getparent().tag.endswith("}body") for p in holders)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "w:noWrap" not in package.read("word/document.xml").decode("utf-8")


# -- plain text stays plain in a pack, whatever Markdown it looks like -----------------------------------

MARKDOWN_NAME = "Police **bold** [a link](https://example.com/sp-name) `code`"


def test_an_audience_name_is_plain_text_in_its_pack(bank):
    from scrutiny_packs.packs.defaults import audience_pack
    from scrutiny_packs.packs.layout import build_view
    from scrutiny_packs.packs.output import render

    audience = dataclasses.replace(bank.audiences["police"], name=MARKDOWN_NAME)
    bank = dataclasses.replace(bank, audiences={**bank.audiences, "police": audience})
    view = build_view(bank, audience_pack(audience))
    soup = BeautifulSoup(render(view, ".html").decode("utf-8"), "html.parser")
    description = soup.select_one(".sp-pack-description")
    assert not description.find(["strong", "a", "code"])
    assert MARKDOWN_NAME[1:] in _words(description.get_text())  # ('police', mid-sentence)
    pdf = render(view, ".pdf")  # rendered once, read twice
    text = _words(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode())
    assert f"suited to p{MARKDOWN_NAME[1:]}" in text
    assert "https://example.com/sp-name" not in _annotation_uris(pdf)
    word_text = " ".join(p.text for p in docx.Document(io.BytesIO(render(view, ".docx"))).paragraphs)
    assert MARKDOWN_NAME[1:] in _words(word_text)


def test_the_markdown_pack_keeps_no_live_link_to_a_script(tmp_path):
    import markdown

    from scrutiny_packs.packs.layout import build_view
    from scrutiny_packs.packs.md import render_markdown
    from tests.conftest import add_hostile, copy_project
    from tests.security_html import injected, parse

    bank = load_checked(add_hostile(copy_project(tmp_path / "project"), "harmless")).bank
    text = render_markdown(build_view(bank, bank.packs["hostile-pack"]))
    assert "javascript:alert('sp-xss-pack-link')" in text  # shown, as text
    soup = parse(markdown.markdown(text, extensions=["tables"]))
    assert not injected(soup)
    assert not [a for a in soup.find_all("a", href=True) if not a["href"].startswith(("https:", "http:", "mailto:"))]


# -- a My pack link's text: no control characters in any format ---------------------------------------------


def test_control_and_invisible_characters_in_a_my_pack_link_never_reach_a_pack(project, tmp_path):
    """Before, they were written raw into the HTML, PDF and Markdown packs, and Word refused them
    with a bare ValueError. Now each is read as a space, with a notice naming the field."""
    link = "https://example.org/my-pack/?ids=q001,q002&body=A%00B%1b%5B31m&title=Item%E2%80%AE%206&meeting=M%07"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    outputs = {}
    for suffix in (".docx", ".pdf", ".html", ".md"):
        target = tmp_path / f"pack{suffix}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrutiny_packs.cli",
                "pack",
                "--root",
                str(project),
                "--from-url",
                link,
                "-o",
                str(target),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        for field in ("body", "meeting", "title"):
            assert (
                f"--from-url: warning: {field}: the " in result.stderr and "each was read as a space" in result.stderr
            ), (field, result.stderr)
        outputs[suffix] = target
    texts = {
        ".docx": _docx_text(outputs[".docx"]),
        ".pdf": subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(outputs[".pdf"]), "-"], capture_output=True, text=True, check=True
        ).stdout.replace("\f", ""),  # (pdftotext's page breaks)
        ".html": outputs[".html"].read_text(encoding="utf-8"),
        ".md": outputs[".md"].read_text(encoding="utf-8"),
    }
    for suffix, text in texts.items():
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", text), suffix
        assert "A B [31m" in text.replace("\\[", "["), suffix


# -- a pack that names a retired question says so ------------------------------------------------------------


def test_a_pack_naming_a_retired_question_warns_and_names_its_replacement(project):

    question = project / "content" / "questions" / "q002.yml"
    question.write_text(question.read_text(encoding="utf-8") + "status: retired\nreplaced_by: q003\n", encoding="utf-8")
    (project / "content" / "packs" / "item-6.yml").write_text(
        'title: "Item 6"\nselection:\n  questions: [q001, q002]\n  order: listed\n', encoding="utf-8"
    )
    result = load_checked(project)
    assert result.ok
    assert [p.format() for p in result.problems if p.path == "content/packs/item-6.yml"] == [
        "content/packs/item-6.yml:3: warning: selection.questions[1]: 'q002' is retired, so the pack leaves it out; "
        "'q003' replaces it (list 'q003' instead)"
    ]
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrutiny_packs.cli",
            "pack",
            "--root",
            str(project),
            "--question",
            "q001",
            "--question",
            "q002",
            "-o",
            str(project / "p.md"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0 and "warning: q002 is retired and was left out; q003 replaces it" in cli.stderr


# -- a meeting's description in its Markdown papers: escaped like an item's -----------------------------

HOSTILE_MEETING = """body: "A panel"
name: "Ordinary meeting"
date: 2027-01-19
description: >-
  [a script](javascript:alert('sp-xss-meeting')) and [a file](file:///etc/passwd)
  <script>alert('sp-xss-meeting-script')</script> <iframe src="https://example.com/"></iframe>
  ![a remote image](https://example.com/pixel.png) <img src="https://example.com/track.png">
items:
  - number: 6
    title: "The front door"
    selection:
      questions: [q004]
"""


def test_a_meetings_description_is_escaped_in_its_markdown_papers(tmp_path):
    import markdown
    from click.testing import CliRunner

    from scrutiny_packs.cli import main
    from tests.conftest import ROOT
    from tests.security_html import injected, parse

    source = tmp_path / "panel.yml"
    source.write_text(HOSTILE_MEETING, encoding="utf-8")
    out = tmp_path / "papers.md"
    done = CliRunner().invoke(main, ["meeting", "--root", str(ROOT), str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert "alert('sp-xss-meeting-script')" in text  # shown, as text
    soup = parse(markdown.markdown(text, extensions=["tables"]))
    assert not injected(soup)
    assert not soup.find_all(["script", "iframe", "img"])
    assert not [a for a in soup.find_all("a", href=True) if not a["href"].startswith(("https:", "http:", "mailto:"))]
