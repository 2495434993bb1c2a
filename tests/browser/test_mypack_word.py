"""My pack's Download Word: the Word file made in the browser is the one the built packs make.

Questions are chosen on the site as a reader chooses them, the pack set up on the My pack
page, and the downloaded .docx read with python-docx: paragraph by paragraph and table by
table it must be the file ``packs/docx.py`` writes for the same pack (the same link, read
by ``packs/link.py``), with the meeting details on the cover and in every page's footer.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table

from scrutiny_packs.packs import link
from scrutiny_packs.packs.docx import render_docx
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.publish import vendor
from scrutiny_packs.publish.offline import FOLDER, ZIP_PATH
from scrutiny_packs.text import sentences
from scrutiny_packs.text.credits import PACK_SOURCE_LINE
from scrutiny_packs.text.framing import frame
from tests.conftest import ROOT

from .harness import DESKTOP, axe_report, axe_violations, screenshot
from .test_keyboard import tab_until
from .test_mypack import (
    MEETING,
    add,
    announced,
    choose_from_two_pages,
    fill_meeting,
    open_my_pack,
)

pytestmark = pytest.mark.browser

VENDOR = next(iter(vendor.FILES))  # assets/javascripts/vendor/docx.js


def blocks(doc) -> list[tuple]:
    """The body in order: each paragraph as (style, text), each table as its cells' text by row."""
    out = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            out.append(("table", tuple(tuple(cell.text for cell in row.cells) for row in block.rows)))
        else:
            out.append((block.style.name, block.text))
    return out


def footer(doc) -> list[str]:
    return [p.text for p in doc.sections[0].footer.paragraphs]


def built_docx(bank, query: str):
    """The Word file the command line and the built packs make for this My pack link."""
    pack, notices = link.from_url(bank, query)
    assert notices == []
    return Document(io.BytesIO(render_docx(build_view(bank, link.to_spec(pack)))))


def download_word(page, tmp_path: Path, name: str = "pack.docx"):
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download Word").click()
    download = waiting.value
    target = tmp_path / name
    download.save_as(target)
    return download.suggested_filename, Document(str(target))


def query_of(page) -> str:
    return page.evaluate("() => localStorage.getItem('scrutiny-packs:my-pack')")


def test_the_word_file_is_the_built_packs_for_the_chosen_questions_framing_and_meeting(new_context, bank, tmp_path):
    page = new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    chosen = choose_from_two_pages(page, bank)
    open_my_pack(page)
    page.get_by_role("button", name=f"Move up (ref. {chosen[4]})").click()
    order = chosen[:3] + [chosen[4], chosen[3]]
    page.get_by_label("We: questions a board or partnership asks of itself").check()
    page.get_by_label("A red, amber or green (RAG) status box (printed pack)").check()
    fill_meeting(page)

    name, doc = download_word(page, tmp_path)
    assert name == "the-front-door-contacts-referrals.docx"
    announced(page, f"Downloading {name}.")
    query = query_of(page)
    assert query.startswith("ids=" + ",".join(order) + "&f=we")
    built = built_docx(bank, query)
    assert blocks(doc) == blocks(built)
    assert footer(doc) == footer(built)
    for field in ("title", "subject", "author", "keywords", "comments"):
        assert getattr(doc.core_properties, field) == getattr(built.core_properties, field), field

    # What a reader sees in it: the questions numbered in order, in the "we" wording.
    numbered = [p.text for p in doc.paragraphs if p.text[:1].isdigit() and ". " in p.text]
    assert numbered == [f"{n}. {frame(bank.questions[q].text, 'we')}" for n, q in enumerate(order, start=1)]
    assert all(run.bold for p in doc.paragraphs if p.text in numbered for run in p.runs)
    cover = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert cover == {
        "Body": MEETING["body"],
        "Meeting": MEETING["meeting"],
        "Date": "4 March 2026",
        "Agenda item": f"{MEETING['item']}: {MEETING['title']}",
        "Questions": "5",
    }
    assert doc.paragraphs[1].style.name == "Title" and doc.paragraphs[1].text == MEETING["title"]
    assert footer(doc) == [f"{MEETING['body']} · 4 March 2026 · Item {MEETING['item']}\tPage  of ", MEETING["title"]]
    fields = doc.sections[0].footer._element.xpath(".//w:instrText")
    assert sorted(f.text.strip() for f in fields) == ["NUMPAGES", "PAGE"], "Page X of Y, filled in by Word"
    answer_boxes = doc.tables[1:]
    assert len(answer_boxes) == len(order)
    assert all([c.text for c in t.rows[0].cells] == [sentences.NOTES, sentences.RAG_COLUMN] for t in answer_boxes)
    texts = [p.text for p in doc.paragraphs]
    assert sentences.LISTEN in texts and sentences.EVIDENCE in texts
    assert sentences.SOURCES_CITED in texts, "it ends with the sources cited, as the built packs' Word files do"
    assert texts[-1] == PACK_SOURCE_LINE
    screenshot(page, "my-pack-word-desktop", full_page=False)


@pytest.mark.parametrize("opts", ["", "e,r", "b,n"])
def test_the_options_leave_out_of_the_word_file_what_they_leave_out_of_the_built_one(open_page, bank, tmp_path, opts):
    # Questions with listen-for points, evidence, guides and glossary terms among them.
    ids = ["q050", "q001", "q014", "q013", "q002", "q020"]
    query = f"ids={','.join(ids)}&f=you&body=Panel&date=2026-03-04&title=Item%20six&opts={opts}"
    page = open_page(f"my-pack/?{query}", accept_downloads=True)
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    _, doc = download_word(page, tmp_path)
    built = built_docx(bank, query)
    assert blocks(doc) == blocks(built)
    assert footer(doc) == footer(built) == ["Panel · 4 March 2026 · Item six\tPage  of ", "Item six"]
    texts = [p.text for p in doc.paragraphs]
    assert (sentences.LISTEN in texts) == ("b" in opts)
    assert (sentences.EVIDENCE in texts) == ("e" in opts)
    assert sentences.TERMS in texts, "the cover lists the glossary terms the questions use"
    boxes = [[c.text for c in t.rows[0].cells] for t in doc.tables[1:]]
    expected = [sentences.NOTES] * ("n" in opts) + [sentences.RAG_COLUMN] * ("r" in opts)
    assert boxes == ([expected] * len(ids) if expected else [])


def test_the_button_is_reached_and_pressed_with_the_keyboard_and_the_page_passes_axe(open_page, bank, tmp_path):
    page = open_page("my-pack/?ids=q014,q001&f=we", accept_downloads=True)
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    violations = axe_violations(page)
    assert not violations, axe_report(violations)
    page.locator("#sp-mypack-title").focus()
    tab_until(page, lambda a: a["text"] == "Download Word")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is visible"
    with page.expect_download() as waiting:
        page.keyboard.press("Enter")
    assert waiting.value.suggested_filename == "scrutiny-questions.docx"
    announced(page, "Downloading scrutiny-questions.docx.")
    violations = axe_violations(page)
    assert not violations, axe_report(violations)


def test_an_empty_pack_says_so_instead_of_downloading(open_page):
    page = open_page("my-pack/?ids=")
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    button = page.get_by_role("button", name="Download Word")
    assert button.get_attribute("aria-disabled") == "true"
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    button.focus()  # a button marked aria-disabled still takes focus and a press, and says why it does nothing
    page.keyboard.press("Enter")
    announced(page, "Your pack is empty. Add questions first.")
    assert downloads == []


def test_the_docx_package_is_fetched_only_when_download_word_is_pressed(built_site, new_context, bank, tmp_path):
    from tests.conftest import page as parse_page

    shipped = (built_site / VENDOR).read_bytes()
    assert shipped == vendor.files(ROOT)[VENDOR].read_bytes(), "made from node_modules"
    assert len(shipped) < 600_000 and shipped.count(b"\n") < 100, "minified"
    named = parse_page(built_site, "my-pack/").select("script[src*='vendor/docx.js']")
    assert [(s["src"], s.get("type")) for s in named] == [("../assets/javascripts/vendor/docx.js", "text/plain")]
    for other in ("", "questions/q001/", "areas/"):
        assert not [s for s in parse_page(built_site, other).select("script[src]") if "vendor/" in s["src"]], other

    page = new_context(viewport=DESKTOP, accept_downloads=True).new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    choose_from_two_pages(page, bank)
    open_my_pack(page)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "docx" in u], "fetched before Download Word was pressed"
    assert page.evaluate("() => typeof window.docx") == "undefined"
    download_word(page, tmp_path)
    assert [u for u in fetched if u.endswith("vendor/docx.js")], "Download Word loads the docx package"


def test_download_word_works_in_the_offline_copy_opened_from_disk(new_context, offline_site, bank, tmp_path):
    with zipfile.ZipFile(offline_site / ZIP_PATH) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / FOLDER
    assert (root / VENDOR).is_file(), "the offline copy carries the docx package"
    context = new_context(allow=("file://",), viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto((root / "questions" / "q014.html").as_uri())
    add(page, "q014")
    page.goto((root / "my-pack.html").as_uri())
    page.wait_for_selector("[data-sp-mypack-list]:not([hidden])")
    _, doc = download_word(page, tmp_path)
    assert blocks(doc) == blocks(built_docx(bank, "ids=q014"))
    assert context.sp_guard.refused == [], f"the offline copy reached out to {context.sp_guard.refused}"
