"""Packs in the built site: a page, a PDF and a Word file for every pack, listed and linked."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from docx import Document
from pypdf import PdfReader

from scrutiny_packs.packs.defaults import all_packs
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.text.framing import SECOND_PERSON
from tests.conftest import page
from tests.packs_helpers import FOOTER, find_in_order, ink, page_png, pdf_pages, squash

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def packs(bank):
    return {spec.id: (spec, build_view(bank, spec)) for spec in all_packs(bank)}


def target(site: Path, url_path: str, href: str) -> Path:
    """The file a link on the page at url_path points to."""
    resolved = urlparse(urljoin(f"http://site/{url_path}", href)).path.lstrip("/")
    path = site / posixpath.normpath(resolved)
    return path / "index.html" if resolved.endswith("/") or path.is_dir() else path


def test_every_default_and_content_pack_is_built(built_site, bank, packs):
    assert set(packs) == set(bank.audiences) | set(bank.packs)
    assert len(bank.packs) >= 2
    for pack_id in packs:
        folder = built_site / "packs" / pack_id
        assert (folder / "index.html").is_file(), pack_id
        assert (folder / f"{pack_id}.pdf").stat().st_size > 5000, pack_id
        assert (folder / f"{pack_id}.docx").stat().st_size > 5000, pack_id


def test_each_pack_page_shows_its_questions_in_order_and_links_its_files(built_site, packs):
    for pack_id, (spec, view) in packs.items():
        url = f"packs/{pack_id}/"
        soup = page(built_site, url)
        body = soup.select_one("article .sp-pack")
        assert body is not None and body["data-framing"] == view.framing
        assert soup.select_one("h1").get_text(" ", strip=True).startswith(spec.title)
        items = body.select("li.sp-pack-q")
        assert [li["data-question"] for li in items] == [q.id for q in view.questions]
        texts = [li.select_one(".sp-pack-q__text").get_text(" ", strip=True) for li in items]
        assert texts == [f"{q.number}. {q.text}" for q in view.questions]
        links = {a.get_text(strip=True): a["href"] for a in soup.select(".sp-pack-downloads a")}
        assert target(built_site, url, links["Download the PDF (A4)"]) == built_site / url / f"{pack_id}.pdf"
        assert target(built_site, url, links["Download for Word (.docx)"]) == built_site / url / f"{pack_id}.docx"


def test_each_pdf_holds_every_selected_question_once_in_order_and_framing(built_site, packs):
    for pack_id, (_spec, view) in packs.items():
        pdf = built_site / "packs" / pack_id / f"{pack_id}.pdf"
        pages = pdf_pages(pdf)
        assert find_in_order("\n".join(pages), [f"{q.number}. {q.text}" for q in view.questions]) == [], pack_id
        if view.framing == "we":
            assert not any(SECOND_PERSON.search(q.text) for q in view.questions)
        # a footer on every page, and something above it
        for number, text in enumerate(pages, start=1):
            assert FOOTER.search(text).groups() == (str(number), str(len(pages))), (pack_id, number)
            assert len(squash(FOOTER.sub("", text).replace(view.footer_title, ""))) > 40, (pack_id, number)


def test_each_pdf_is_tagged_with_its_title(built_site, packs):
    for pack_id, (spec, _view) in packs.items():
        reader = PdfReader(built_site / "packs" / pack_id / f"{pack_id}.pdf")
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
        assert "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
        assert reader.metadata.title == spec.title


def test_each_docx_holds_every_question(built_site, packs):
    for pack_id, (spec, view) in packs.items():
        doc = Document(str(built_site / "packs" / pack_id / f"{pack_id}.docx"))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert find_in_order(text, [f"{q.number}. {q.text}" for q in view.questions]) == [], pack_id
        assert doc.core_properties.title == spec.title


def test_first_two_pages_of_a_pack_are_not_blank(built_site, tmp_path):
    pdf = built_site / "packs" / "front-door-contacts-and-referrals" / "front-door-contacts-and-referrals.pdf"
    for number in (1, 2):
        assert ink(page_png(pdf, number, tmp_path)) > 0.01, f"page {number} looks blank"


def test_packs_index_lists_every_pack_with_its_files(built_site, packs):
    soup = page(built_site, "packs/")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.select("article h2")]
    assert headings[:2] == ["Packs for each audience", "Packs for meetings"]
    hrefs = {target(built_site, "packs/", a["href"]) for a in soup.select("article a[href]")}
    for pack_id in packs:
        folder = built_site / "packs" / pack_id
        assert {folder / "index.html", folder / f"{pack_id}.pdf", folder / f"{pack_id}.docx"} <= hrefs, pack_id


def test_audience_pages_list_their_packs(built_site, bank, packs):
    for audience_id in bank.audiences:
        soup = page(built_site, f"audiences/{audience_id}/")
        box = soup.select_one(".sp-audience-packs")
        linked = {target(built_site, f"audiences/{audience_id}/", a["href"]) for a in box.select("a[href]")}
        wanted = {
            built_site / "packs" / pid / "index.html"
            for pid, (spec, _) in packs.items()
            if spec.audience == audience_id
        }
        assert linked == wanted and wanted


def test_packs_are_in_the_nav_and_pack_pages_are_not_searched(built_site, packs):
    nav = page(built_site, "").select_one("nav.md-nav--primary")
    assert any(a.get_text(strip=True) == "Packs" for a in nav.select("a"))
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    for pack_id in packs:
        assert not any(loc.startswith(f"packs/{pack_id}/") for loc in locations), pack_id


def test_pack_pages_load_the_pack_stylesheets(built_site):
    soup = page(built_site, "packs/police/")
    sheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    for name in ("pack-print.css", "pack-site.css"):
        href = next(h for h in sheets if h.endswith(name))
        assert target(built_site, "packs/police/", href).is_file()


def test_pdfs_are_left_out_of_previews_and_the_page_says_so(edited_site):
    site = edited_site  # built without PDFs, as a preview is
    assert not list((site / "packs").rglob("*.pdf"))
    soup = page(site, "packs/police/")
    note = soup.select_one(".sp-pack-downloads").get_text(" ", strip=True)
    assert "The PDF is not available in this preview." in note and "mkdocs" not in note.lower()
    assert not [a for a in soup.select("a[href]") if a["href"].endswith(".pdf")]
    docx = [a["href"] for a in soup.select(".sp-pack-downloads a")]
    assert docx and target(site, "packs/police/", docx[0]).is_file()  # Word files are quick: always made


@pytest.mark.parametrize(
    "command,setting,pdf,word",
    [
        ("build", None, True, True),
        ("serve", None, False, False),
        ("build", "0", False, True),
        ("serve", "1", True, True),
        ("gh-deploy", None, True, True),
    ],
)
def test_who_makes_pack_files(command, setting, pdf, word):
    from scrutiny_packs.publish.options import BuildOptions

    environ = {} if setting is None else {"SCRUTINY_PACKS_PDF": setting}
    options = BuildOptions.read(command, environ=environ)
    assert (options.pdf, options.word) == (pdf, word)


@pytest.mark.parametrize(
    "command,setting,copy",
    [
        ("build", None, True),
        ("build", "0", False),
        ("serve", None, False),
        ("gh-deploy", "1", True),
    ],
)
def test_who_makes_the_offline_copy(command, setting, copy):
    from scrutiny_packs.publish.options import BuildOptions

    environ = {} if setting is None else {"SCRUTINY_PACKS_OFFLINE_COPY": setting}
    assert BuildOptions.read(command, environ=environ).offline_copy is copy
