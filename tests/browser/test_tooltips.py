"""An abbreviation in a question shows what it stands for in a tooltip, by mouse and by keyboard."""

from __future__ import annotations

import pytest

from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder
from scrutiny_packs.text.framing import frame
from scrutiny_packs.text.glossary import is_abbreviation

from .harness import DESKTOP
from .test_keyboard import tab_until

pytestmark = pytest.mark.browser


def question_with_an_abbreviation(bank):
    """The first question whose text writes a glossary term as an abbreviation, and that term."""
    glossary = SiteBuilder(bank).glossary
    for q in bank.active_questions():
        for use in glossary.uses(q.text):
            if use.term.expansion and is_abbreviation(use.text(q.text)):
                return q, use.term
    raise AssertionError("no question writes a glossary abbreviation")


def test_an_abbreviation_shows_its_expansion_on_focus_and_on_hover(open_page, bank):
    question, term = question_with_an_abbreviation(bank)
    page = open_page(links.url_path(links.question(question.id)), viewport=DESKTOP)
    abbr = page.locator(".sp-framings dd abbr").first
    expansion = abbr.get_attribute("title")
    assert expansion == term.expansion

    # Material also shows tooltips for the header's buttons and the page's links; this is the abbreviation's.
    tip = page.get_by_role("tooltip").filter(has_text=expansion)
    abbr.hover()
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == expansion
    page.mouse.move(0, 0)
    tip.wait_for(state="detached")
    assert abbr.get_attribute("title") == expansion, "the expansion is back in place for the next reader"

    reached = tab_until(page, lambda a: a["tag"] == "ABBR", limit=60)
    assert reached["inMain"], reached
    assert page.evaluate("() => document.activeElement.textContent") == abbr.inner_text()
    tip.wait_for(state="visible")
    assert tip.inner_text().strip() == expansion
    described = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    assert described and page.locator(f"[id='{described}']").inner_text().strip() == expansion


def test_abbreviations_inside_question_links_are_not_extra_tab_stops(open_page, page_kinds):
    page = open_page(page_kinds["area"].path, viewport=DESKTOP)
    assert page.locator("a abbr[tabindex]").count() == 0


def test_a_tap_on_an_abbreviation_in_a_question_link_shows_its_meaning(new_context, bank):
    """On a phone, tapping 'LSCB' in a question's text on an area page says what it stands for and stays on
    the page; tapping the rest of the text still opens the question."""
    builder = SiteBuilder(bank)
    question = next(q for q in bank.active_questions() if "<abbr" in builder.renderer.marked(frame(q.text, "you")))
    context = new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(links.url_path(links.area(question.areas[0])))
    abbr = page.locator(f"#question-{question.id} .sp-q__text a abbr").first
    abbr.scroll_into_view_if_needed()
    expansion = abbr.get_attribute("title")
    url = page.url
    abbr.tap()
    shown = page.get_by_text(f"{abbr.inner_text()}: {expansion}")
    shown.wait_for(state="visible")
    page.wait_for_timeout(300)
    assert page.url == url, "the tap followed the link"
    box = shown.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box

    page.locator("h1").tap()
    shown.wait_for(state="hidden")
    abbr.scroll_into_view_if_needed()
    # A word of the link that is not an abbreviation: the question opens as before.
    word = abbr.evaluate(
        """(abbr) => {
            const link = abbr.closest("a");
            const text = [...link.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim().length > 2);
            const range = document.createRange();
            const at = text.textContent.search(/\\S/);
            range.setStart(text, at);
            range.setEnd(text, at + 1);
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }"""
    )
    with page.expect_navigation():
        page.touchscreen.tap(word["x"], word["y"])
    assert f"/questions/{question.id}/" in page.url
