"""My pack in a real browser: choose questions on the site, order and frame them, print, share and copy.

Runs on the session's built site (served on 127.0.0.1) through the harness in this folder;
the offline check opens the downloadable zip from disk.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scrutiny_packs.packs import link
from scrutiny_packs.packs.html import render_body
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.publish.offline import FOLDER, ZIP_PATH
from scrutiny_packs.text.framing import SECOND_PERSON, frame
from tests.conftest import ROOT

from .harness import DESKTOP, MOBILE, NARROWEST, axe_report, axe_violations, screenshot

pytestmark = pytest.mark.browser

MEETING = {
    "body": "Children's Scrutiny Panel",
    "meeting": "Panel meeting, spring",
    "date": "2026-03-04",
    "item": "6",
    "title": "The front door: contacts & referrals",
}

FOCUSED = """() => { const e = document.activeElement;
  return e && e !== document.body ? {tag: e.tagName, name: (e.textContent || '').replace(/\\s+/g, ' ').trim(),
    action: e.getAttribute('data-action'), item: (e.closest('[data-question]') || {}).dataset?.question || null,
    type: e.type || null, value: e.value || null} : null; }"""


# -- helpers -----------------------------------------------------------------------------------


def listed_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-sp-mypack-list] > li", "items => items.map(i => i.dataset.question)")


def add_buttons(page) -> list[str]:
    return page.eval_on_selector_all("button[data-sp-add]", "bs => bs.map(b => b.dataset.spAdd)")


def in_pack(button) -> bool:
    """Whether an "Add to my pack" button says its question is in the pack (its name says what a tap does)."""
    # Its text, also where a closed fold hides it (an audience page's areas), where inner_text reads nothing.
    return " ".join((button.text_content() or "").split()).startswith("In your pack — remove")


def add(page, qid: str) -> None:
    button = page.locator(f"button[data-sp-add='{qid}']")
    # On an audience page each area's questions are folded: open the fold, as a reader would.
    button.evaluate("b => { const fold = b.closest('details'); if (fold) fold.open = true; }")
    button.click()
    assert in_pack(button)


def announced(page, words: str) -> str:
    """Wait until a live region says these words; return what the live regions say."""
    page.wait_for_function(
        "w => [...document.querySelectorAll('[aria-live]')].some(r => r.textContent.includes(w))", arg=words
    )
    return page.eval_on_selector_all("[aria-live]", "rs => rs.map(r => r.textContent).join(' ')")


def header_count(page) -> int:
    link = page.locator(".md-header [data-sp-mypack-link]")
    assert link.is_visible()
    return int(link.locator("[data-sp-mypack-count]").inner_text())


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    return [" ".join(p.split()) for p in pages]


def assert_in_order(text: str, wordings: list[str]) -> None:
    at = -1
    for number, wording in enumerate(wordings, start=1):
        wanted = f"{number}. {' '.join(wording.split())}"[:70]
        found = text.find(wanted)
        assert found > at, f"question {number} ({wanted!r}) missing or out of order"
        at = found


def choose_from_two_pages(page, bank) -> list[str]:
    """Three questions from an area page and two more from an audience page, chosen there."""
    area = next(a for a in bank.areas_in_order() if len(bank.questions_for_area(a.id)) >= 3)
    page.goto(f"areas/{area.id}/")
    first = add_buttons(page)[:3]
    for qid in first:
        add(page, qid)
    announced(page, "Your pack has 3 questions.")
    assert header_count(page) == 3
    audience = next(iter(bank.audiences))
    page.goto(f"audiences/{audience}/")
    second = [q for q in add_buttons(page) if q not in first][-2:]
    for qid in second:
        add(page, qid)
    assert header_count(page) == 5
    for qid in first:  # chosen on the other page, and shown as chosen here
        buttons = page.locator(f"button[data-sp-add='{qid}']")
        if buttons.count():
            assert in_pack(buttons.first)
    return first + second


def open_my_pack(page) -> None:
    with page.expect_navigation():
        page.locator(".md-header [data-sp-mypack-link]").click()
    assert page.url.rstrip("/").endswith("my-pack")
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")


def fill_meeting(page) -> None:
    for name, value in MEETING.items():
        page.locator(f"[data-sp-mypack-form] [name='{name}']").fill(value)
    page.locator("#sp-mypack-title").press("Tab")  # leaves the last field, as a reader would


def print_to_pdf(page, path: Path) -> list[str]:
    page.emulate_media(media="print")
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    return pdf_pages(path)


def python_pack_html(bank, query: str) -> str:
    pack, _notices = link.from_url(bank, query)
    return str(render_body(build_view(bank, link.to_spec(pack))))


def structure(root) -> list[tuple]:
    """Each element's tag, classes, id and own text, in document order: what the print stylesheet sees."""
    out = []
    for el in [root, *root.find_all(True)]:
        own = " ".join(" ".join(el.find_all(string=True, recursive=False)).split())
        out.append((el.name, tuple(sorted(el.get("class", []))), el.get("id"), own))
    return out


# -- the whole journey ---------------------------------------------------------------------------


def test_five_questions_from_two_pages_print_in_we_framing_in_the_chosen_order(new_context, bank, tmp_path):
    page = new_context(viewport=DESKTOP).new_page()
    chosen = choose_from_two_pages(page, bank)
    open_my_pack(page)
    assert listed_ids(page) == chosen

    # Reorder: the last question moves up one place.
    page.get_by_role("button", name=f"Move up (ref. {chosen[4]})").click()
    order = chosen[:3] + [chosen[4], chosen[3]]
    assert listed_ids(page) == order
    announced(page, f"{chosen[4]} moved up to position 4 of 5.")

    page.get_by_label("We: questions a board or partnership asks of itself").check()
    texts = page.eval_on_selector_all(".sp-mypack-item__text", "ps => ps.map(p => p.textContent.trim())")
    assert texts == [frame(bank.questions[q].text, "we") for q in order]
    fill_meeting(page)
    screenshot(page, "my-pack-reordered-we-desktop")

    pages = print_to_pdf(page, tmp_path / "my-pack.pdf")
    whole = " ".join(pages)
    assert_in_order(whole, [frame(bank.questions[q].text, "we") for q in order])
    for q in order:
        assert not SECOND_PERSON.search(" ".join(frame(bank.questions[q].text, "we").split()))
    cover = pages[0]
    assert cover.startswith("QUESTION PACK The front door: contacts & referrals"), cover[:200]
    for value in (
        "Children's Scrutiny Panel",
        "Panel meeting, spring",
        "4 March 2026",
        "6: The front door: contacts & referrals",
        "Framed as “we”",
    ):
        assert value in cover
    assert "1. " not in cover, "the questions start after the cover"
    assert all(p.strip() for p in pages), "no blank pages, first or last"
    for chrome in ("Skip to", "Add to my pack", "Move up", "Copy link", "Made with", "How the pack reads"):
        assert chrome not in whole, f"site or page controls printed: {chrome!r}"
    assert re.search(r"Page 1 of \d+", whole) or len(pages) >= 2
    if any(bank.questions[q].listen_for for q in order):  # each question's points, under the packs' label
        assert "listen for" in whole.lower()


def test_the_page_draws_exactly_the_pack_the_built_packs_draw(open_page, bank):
    """Same questions, numbering, grouping, framing, cover, terms used, guidance and footer as
    packs/layout.py and templates/packs/pack.html.j2, for each framing and choice of options."""
    ids = ",".join(["q050", "q001", "q014", "q013", "q002", "q020"])
    for f, opts in (("we", "b,e,n,r"), ("you", ""), ("we", "e,r"), ("you", "b,n")):
        query = f"ids={ids}&f={f}&body=Panel&date=2026-03-04&item=6a&title=Item%20six&opts={opts}"
        page = open_page(f"my-pack/?{query}")
        drawn = BeautifulSoup(page.locator("[data-sp-mypack-preview]").inner_html(), "html.parser")
        built = BeautifulSoup(python_pack_html(bank, query), "html.parser")
        assert structure(drawn.select_one(".sp-pack")) == structure(built.select_one(".sp-pack")), (f, opts)
        assert drawn.select_one(".sp-pack").attrs == built.select_one(".sp-pack").attrs
        # It ends, as every built pack does, with the sources its questions and guides cite, each linked.
        assert drawn.select(".sp-pack-cited li"), (f, opts)
        cited = [(a.get_text(), a["href"]) for a in drawn.select(".sp-pack-cited a")]
        assert cited == [(a.get_text(), a["href"]) for a in built.select(".sp-pack-cited a")], (f, opts)
        page.context.close()


def test_the_share_link_rebuilds_the_same_pack_in_a_fresh_browser(new_context, base_url, bank, tmp_path):
    context = new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(f"modules/{next(m.id for m in bank.modules.values() if m.generated == 'questions')}/")
    chosen = add_buttons(page)[5:9]
    for qid in chosen:
        add(page, qid)
    open_my_pack(page)
    page.get_by_role("button", name=f"Move down (ref. {chosen[0]})").click()
    order = [chosen[1], chosen[0], *chosen[2:]]
    page.get_by_label("We: questions a board or partnership asks of itself").check()
    page.get_by_label("A red, amber or green (RAG) status box (printed pack)").check()
    page.get_by_label("Evidence to ask for").uncheck()
    fill_meeting(page)
    page.get_by_role("button", name="Copy link").click()
    announced(page, "Link copied")
    link = page.locator("#sp-mypack-share-url").input_value()
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert link.startswith(base_url) and "?ids=" + ",".join(order) in link
    drawn = page.locator("[data-sp-mypack-preview]").inner_html()

    # A colleague's browser: nothing stored, only the link.
    fresh = new_context(viewport=DESKTOP).new_page()
    fresh.goto(link)
    fresh.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    assert listed_ids(fresh) == order
    assert fresh.get_by_label("We: questions a board or partnership asks of itself").is_checked()
    assert fresh.get_by_label("A red, amber or green (RAG) status box (printed pack)").is_checked()
    assert not fresh.get_by_label("Evidence to ask for").is_checked()
    for name, value in MEETING.items():
        assert fresh.locator(f"[data-sp-mypack-form] [name='{name}']").input_value() == value
    assert fresh.locator("[data-sp-mypack-preview]").inner_html() == drawn
    assert "?" not in fresh.url, "the link's query is tidied away once the pack is kept"
    assert not fresh.locator("#__search").is_checked(), "the link must not open the site's search"
    assert header_count(fresh) == 4

    # The same link on the command line, for the agenda papers.
    out = tmp_path / "from-link.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "pack", "--from-url", link, "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    cli_text = " ".join(pdf_pages(out))
    assert_in_order(cli_text, [frame(bank.questions[q].text, "we") for q in order])
    browser_text = " ".join(print_to_pdf(fresh, tmp_path / "browser.pdf"))
    for value in ("4 March 2026", "6: The front door: contacts & referrals", "RAG"):
        assert value in cli_text and value in browser_text


def test_unknown_and_retired_ids_in_a_link_are_shown_not_dropped(new_context, bank):
    """A link made before q003 was retired (replaced by q004), opened after."""
    context = new_context(viewport=DESKTOP)
    page = context.new_page()

    def retire_q003(route):
        response = route.fetch()
        body = response.text().replace('"q003":{', '"q003":{"retired":true,"replacedBy":"q004",', 1)
        route.fulfill(response=response, body=body)

    page.route(re.compile(r".*/assets/javascripts/my-pack-data\.js$"), retire_q003)  # the bank's data
    # Something chosen earlier in this browser, which the link replaces.
    page.goto("questions/q010/")
    add(page, "q010")
    page.goto("my-pack/?ids=q001,q998,q003,q002,q001&f=they&title=" + "x" * 250)
    assert listed_ids(page) == ["q001", "q002"]
    notices = page.locator("[data-sp-mypack-notices]")
    assert notices.is_visible()
    said = notices.inner_text()
    assert "q998 is not a question in the bank, so it was left out." in said
    assert "q003 has been retired, so it was left out; q004 replaces it." in said
    assert "q001 was listed more than once" in said
    assert "“they” is not a framing" in said
    assert "The agenda item title was longer than 200 characters, so only the first 200 were kept." in said
    assert page.locator("#sp-mypack-title").input_value() == "x" * 200
    violations = axe_violations(page)
    assert not violations, axe_report(violations)
    page.get_by_role("button", name="Put back my earlier pack").click()
    assert listed_ids(page) == ["q010"]
    assert header_count(page) == 1


# -- accessibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_my_pack_has_no_wcag_violations_empty_or_full(open_page, viewport):
    page = open_page("my-pack/", viewport=viewport)
    page.wait_for_selector("[data-sp-mypack-empty]:not([hidden])")
    name = "desktop" if viewport is DESKTOP else "mobile"
    screenshot(page, f"my-pack-empty-{name}")
    violations = axe_violations(page)
    assert not violations, "empty:\n" + axe_report(violations)

    page.goto("my-pack/?ids=q001,q014,q013,q050,q020,q002&f=we&item=6&title=Front%20door&opts=b,e,n,r")
    page.get_by_role("button", name="Copy link").click()
    page.locator("#sp-mypack-share-url").wait_for()
    page.get_by_role("button", name="Move down (ref. q001)").focus()
    screenshot(page, f"my-pack-full-{name}")
    violations = axe_violations(page)
    assert not violations, "full:\n" + axe_report(violations)


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE, NARROWEST], ids=["desktop", "mobile", "320"])
def test_the_page_on_making_links_reads_well_on_any_screen(open_page, viewport):
    page = open_page("my-pack-links/", viewport=viewport)
    assert page.locator("h1").inner_text().startswith("Making My pack links")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
    violations = axe_violations(page)
    assert not violations, axe_report(violations)


def test_my_pack_reflows_at_320_pixels(open_page):
    page = open_page("my-pack/?ids=q001,q014,q013&f=we&title=A%20long%20agenda%20item%20title", viewport=NARROWEST)
    page.wait_for_selector("[data-sp-mypack-list]:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROWEST["width"]
    assert page.locator(".md-header [data-sp-mypack-link]").is_visible()
    screenshot(page, "my-pack-320")


def test_the_keyboard_alone_adds_reorders_frames_and_prints(new_context, bank):
    page = new_context(viewport=DESKTOP, locale="en-GB").new_page()
    area = next(a for a in bank.areas_in_order() if len(bank.questions_for_area(a.id)) >= 3)
    page.goto(f"areas/{area.id}/")

    def tab_to(predicate, key="Tab", limit=250):
        seen = []
        for _ in range(limit):
            page.keyboard.press(key)
            now = page.evaluate(FOCUSED)
            if now and predicate(now):
                return now
            seen.append(now)
        raise AssertionError(f"never reached; focus went through {seen[-10:]}")

    added = []
    for _ in range(3):
        now = tab_to(lambda f: f["name"].startswith("Add to my pack"))
        page.keyboard.press("Enter" if len(added) % 2 == 0 else " ")
        added.append(re.search(r"ref\. (\S+)\)", now["name"]).group(1))
    assert all(in_pack(page.locator(f"button[data-sp-add='{q}']")) for q in added)
    announced(page, "Your pack has 3 questions.")

    tab_to(lambda f: f["tag"] == "A" and f["name"].startswith("My pack ("), key="Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    assert listed_ids(page) == added

    # Move the third question up: focus stays on the button that moved, which follows the question.
    tab_to(lambda f: f["action"] == "up" and f["item"] == added[2])
    page.keyboard.press("Enter")
    assert listed_ids(page) == [added[0], added[2], added[1]]
    assert page.evaluate(FOCUSED)["item"] == added[2] and page.evaluate(FOCUSED)["action"] == "up"
    page.keyboard.press("Enter")
    assert listed_ids(page) == [added[2], added[0], added[1]]
    announced(page, "moved up to position 1 of 3")
    focus = page.evaluate(FOCUSED)
    assert focus["item"] == added[2] and focus["action"] == "up", "focus is not lost at the top of the list"

    # Remove the middle one: focus goes to the next question's Remove button.
    tab_to(lambda f: f["action"] == "remove" and f["item"] == added[0])
    page.keyboard.press("Enter")
    assert listed_ids(page) == [added[2], added[1]]
    assert page.evaluate(FOCUSED)["item"] == added[1] and page.evaluate(FOCUSED)["action"] == "remove"
    announced(page, f"Removed {added[0]}. Your pack has 2 questions.")

    # Framing: the radio group takes the arrow keys.
    tab_to(lambda f: f["type"] == "radio")
    page.keyboard.press("ArrowDown")
    assert page.locator("#sp-mypack-framing-we").is_checked()
    texts = page.eval_on_selector_all(".sp-mypack-item__text", "ps => ps.map(p => p.textContent.trim())")
    assert texts == [frame(bank.questions[q].text, "we") for q in (added[2], added[1])]

    tab_to(lambda f: f["tag"] == "INPUT" and f["type"] == "text")
    page.keyboard.type(MEETING["body"])
    tab_to(lambda f: f["type"] == "date", limit=5)
    # The date field's parts come in the browser's own order: day first in the UK, month first
    # in the US. Typed day first; if the field took it month first, go back and type it again.
    page.keyboard.type("04032026")
    if page.locator("#sp-mypack-date").input_value() == "2026-04-03":
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type("03042026")
    assert page.locator("#sp-mypack-date").input_value() == "2026-03-04"

    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    tab_to(lambda f: f["name"] == "Print")
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    cover = page.locator("[data-sp-mypack-preview] .sp-pack-details").text_content()
    assert MEETING["body"] in cover and "4 March 2026" in cover

    tab_to(lambda f: f["name"] == "Copy link", limit=5)
    page.keyboard.press("Enter")
    link = page.locator("#sp-mypack-share-url")
    link.wait_for()
    assert f"ids={added[2]},{added[1]}&f=we" in link.input_value()


# -- copy and download -----------------------------------------------------------------------------


def test_download_as_csv_and_copy_as_text(new_context, base_url, bank):
    context = new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    order = ["q014", "q001", "q050"]
    page.goto(f"my-pack/?ids={','.join(order)}&f=we&title=Item%20six&opts=b,e,r")
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download as CSV").click()
    download = waiting.value
    assert download.suggested_filename == "item-six.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())  # so spreadsheets read it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Number", "Reference", "Area", "Question", "Ask", "Listen for", "Evidence to ask for", "RAG"]
    assert [r[1] for r in rows[1:]] == order
    assert [r[3] for r in rows[1:]] == [frame(bank.questions[q].text, "we") for q in order]
    assert rows[1][5] == "; ".join(bank.questions["q014"].listen_for)

    page.get_by_role("button", name="Copy as text").click()
    announced(page, "copied as text")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("Item six\n")
    assert_in_order(" ".join(text.split()), [frame(bank.questions[q].text, "we") for q in order])
    assert "Framed as “we”" in text


def test_the_browser_writes_links_as_the_command_line_reads_them(open_page):
    page = open_page("my-pack/")
    tricky = {
        "questions": ["q001", "q014"],
        "framing": "we",
        "body": "A & B = C, 100% + ‘quotes’ / #hash ?x",
        "meeting": "Ünïcödé 🙂 meeting",
        "date": "2026-03-04",
        "item": "6(a)",
        "title": "Item; six!*'",
        "options": {"benchmarks": False, "evidence": True, "notes_space": False, "rag": True},
    }
    query = page.evaluate("p => window.scrutinyPacksMyPack.encode(p)", tricky)
    expected = link.MyPack(
        ("q001", "q014"),
        "we",
        tricky["body"],
        tricky["meeting"],
        link.dt.date(2026, 3, 4),
        "6(a)",
        "Item; six!*'",
        link.PackOptions(False, True, False, True),
    )
    assert query == link.encode(expected)
    assert link.decode(query) == (expected, [])
    back = page.evaluate("q => window.scrutinyPacksMyPack.decode(q)", link.encode(expected))
    assert back["pack"] == tricky and back["notices"] == []


# -- offline: the downloaded zip, opened from disk --------------------------------------------------


def test_my_pack_works_from_the_offline_zip(new_context, offline_site, tmp_path):
    with zipfile.ZipFile(offline_site / ZIP_PATH) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / FOLDER
    context = new_context(allow=("file://",), viewport=DESKTOP)
    page = context.new_page()
    page.goto((root / "questions" / "q014.html").as_uri())
    add(page, "q014")
    page.goto((root / "areas" / "index.html").as_uri())
    assert header_count(page) == 1
    with page.expect_navigation():
        page.locator(".md-header [data-sp-mypack-link]").click()
    assert page.url.endswith("my-pack.html")
    page.wait_for_selector("[data-sp-mypack-list]:not([hidden])")
    assert listed_ids(page) == ["q014"]
    href = page.locator("[data-sp-mypack-list] a").get_attribute("href")
    assert (root / href.replace("../", "")).is_file() or (Path(page.url[len("file://") :]).parent / href).is_file()
    assert page.locator("[data-sp-mypack-preview] .sp-pack").count() == 1
    assert context.sp_guard.refused == []
