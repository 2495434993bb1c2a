"""Nothing jumps as a page finishes loading. What a page's scripts show (a meeting's Record answers, My
pack's sections) has its place from the first paint, so a reader on a slow phone connection who starts
reading is not pushed down the page when the scripts arrive (the layout shift Lighthouse scores as CLS;
`make bench` prints it). And if a script never arrives, the page does not offer what cannot work."""

from __future__ import annotations

import time

import pytest

from scrutiny_packs.site import links

from .harness import DESKTOP, MOBILE

pytestmark = pytest.mark.browser

# Where the watched element is at every frame from the first paint on (page coordinates).
WATCH = """selector => {
  window.spTops = [];
  const look = () => {
    const e = document.querySelector(selector);
    if (e && e.getClientRects().length) window.spTops.push(Math.round(e.getBoundingClientRect().top + scrollY));
    if (document.readyState !== 'complete' || window.spTops.length < 5) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def open_slowly(new_context, path: str, viewport: dict, scripts: str, watch: str):
    """The page with ``scripts`` arriving a second late, as on a slow connection: the rest is painted
    first. Returns the page once loaded, with where ``watch`` stood at each frame."""
    context = new_context(viewport=viewport)

    def late(route, request):
        time.sleep(1.0)
        route.fallback()

    context.route(scripts, late)
    page = context.new_page()
    page.add_init_script(f"({WATCH})({watch!r})")
    page.goto(path)
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.spTops && window.spTops.length >= 5")
    return page


def open_without(new_context, path: str, viewport: dict, scripts: str):
    context = new_context(viewport=viewport)
    context.route(scripts, lambda route: route.abort())
    page = context.new_page()
    page.goto(path)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_a_meeting_page_does_not_move_when_record_answers_arrives(new_context, page_kinds, viewport):
    if "meeting" not in page_kinds:
        pytest.skip("the site has no meetings")
    page = open_slowly(new_context, page_kinds["meeting"].path, viewport, "**/record-answers.js", "#agenda")
    assert page.locator("[data-sp-record-mode]").is_visible(), "with its script, Record answers is offered"
    tops = page.evaluate("window.spTops")
    assert len(set(tops)) == 1, f"the agenda moved while the page loaded: {sorted(set(tops))}"


def test_without_its_script_a_meeting_page_offers_no_record_answers(new_context, page_kinds):
    if "meeting" not in page_kinds:
        pytest.skip("the site has no meetings")
    page = open_without(new_context, page_kinds["meeting"].path, MOBILE, "**/record-answers.js")
    assert not page.locator("[data-sp-record-mode]").is_visible(), "a button that cannot work is not shown"


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_my_pack_does_not_move_when_its_scripts_arrive(new_context, viewport):
    path = links.url_path(links.MY_PACK)
    page = open_slowly(new_context, path, viewport, "**/my-pack/editor.js", "#sp-mypack-questions-title")
    assert page.locator("[data-sp-mypack-empty]").is_visible(), "a first visit shows the empty pack"
    tops = page.evaluate("window.spTops")
    assert len(set(tops)) == 1, f"the pack's questions moved while the page loaded: {sorted(set(tops))}"


def test_without_its_scripts_my_pack_says_it_needs_javascript(new_context):
    page = open_without(new_context, links.url_path(links.MY_PACK), MOBILE, "**/my-pack/editor.js")
    assert page.locator("[data-sp-mypack-nojs]").is_visible()
    assert not page.locator("form[data-sp-mypack-form]").is_visible()
