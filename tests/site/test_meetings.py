"""Meetings in the built site: a page per meeting with its items' questions and files, and the offline copy."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from scrutiny_packs.packs.defaults import all_packs
from scrutiny_packs.packs.meetings import build_meeting_view
from tests.conftest import page
from tests.packs_helpers import find_in_order
from tests.site.test_pack_pages import target

pytestmark = pytest.mark.site
EXAMPLE = "example-childrens-scrutiny-panel"


@pytest.fixture(scope="module")
def meeting(bank):
    return build_meeting_view(bank, bank.meetings[EXAMPLE])


def test_the_meeting_page_lists_each_item_with_its_questions_and_files(built_site, meeting):
    url = f"meetings/{EXAMPLE}/"
    soup = page(built_site, url)
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True).startswith("Example: Children's Scrutiny Panel")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    # The Record answers mode opens and closes the page (hidden until its script shows it).
    assert headings == ["Record answers", "Agenda"] + [f"Item {i.number}: {i.title}" for i in meeting.items] + [
        "Recommendations and information requests",
        "Download record file",
    ]
    for item, heading in zip(meeting.items, article.select("h2")[2:]):
        listed = heading.find_next("ol")
        assert [li.get_text(" ", strip=True) for li in listed.select("li")] == [q.text for q in item.view.questions]
        for a in listed.select("a"):
            assert target(built_site, url, a["href"]).is_file()
        files = {a.get_text(strip=True): target(built_site, url, a["href"]) for a in heading.find_next("p").select("a")}
        assert set(files) == {"PDF", "Word"}
        text = "\n".join(p.extract_text() for p in PdfReader(files["PDF"]).pages)
        assert find_in_order(text, [q.text for q in item.view.questions]) == []
        assert f"Item {item.number}" in PdfReader(files["PDF"]).pages[-1].extract_text()
        footer = Document(str(files["Word"])).sections[0].footer.paragraphs[0].text
        assert f"Item {item.number}" in footer
    papers = next(a for a in article.select("a") if "papers" in a.get_text())
    reader = PdfReader(target(built_site, url, papers["href"]))
    assert len(reader.pages) > len(meeting.items)


def test_meetings_are_in_the_nav_and_the_index_lists_them(built_site, meeting):
    soup = page(built_site, "meetings/")
    assert any(a.get_text(strip=True) == "Meetings" for a in soup.select("nav a"))
    links = [a["href"] for a in soup.select("article a")]
    assert any(EXAMPLE in href for href in links)
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert f"{len(meeting.items)} agenda items, {meeting.count} questions" in text


def test_the_offline_copy_holds_every_pack_and_meeting_file(offline_site, bank, meeting):
    with zipfile.ZipFile(offline_site / "downloads" / "scrutiny-packs-offline.zip") as archive:
        names = set(archive.namelist())
        wanted = [f"packs/{spec.id}/{spec.id}.{kind}" for spec in all_packs(bank) for kind in ("pdf", "docx")]
        wanted += [f"meetings/{EXAMPLE}/{EXAMPLE}.pdf"]
        wanted += [f"meetings/{EXAMPLE}/{i.view.id}.{kind}" for i in meeting.items for kind in ("pdf", "docx")]
        for name in wanted:
            assert f"scrutiny-packs/{name}" in names, name
            data = archive.read(f"scrutiny-packs/{name}")
            assert data.startswith(b"%PDF" if name.endswith(".pdf") else b"PK"), name
        pdf = archive.read(f"scrutiny-packs/meetings/{EXAMPLE}/{EXAMPLE}.pdf")
        assert len(PdfReader(io.BytesIO(pdf)).pages) > 1
        # the offline copy's pages are plain .html files
        pack_page = archive.read("scrutiny-packs/packs/police.html").decode("utf-8")
        assert "police.pdf" in pack_page and "not available" not in pack_page
