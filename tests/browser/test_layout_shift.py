"""Nothing jumps as a page finishes loading. What a page's scripts show (a meeting's Record answers, My
pack's sections) has its place from the first paint, before the scripts that fill it have arrived, so a
reader on a slow phone connection who starts reading is not pushed down the page when they do (the
layout shift Lighthouse scores as CLS; `make bench` prints it). Here the filling scripts are held back
for good, which is the moment between first paint and their arrival, made to last."""

from __future__ import annotations

import pytest

from scrutiny_packs.site import links

from .harness import DESKTOP, MOBILE

pytestmark = pytest.mark.browser

BOX = "e => { const r = e.getBoundingClientRect(); return {top: r.top + scrollY, height: r.height}; }"


def open_without(new_context, path: str, viewport: dict, scripts: str):
    context = new_context(viewport=viewport)
    context.route(scripts, lambda route: route.abort())
    page = context.new_page()
    page.goto(path)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_a_meeting_page_gives_record_answers_its_place_before_its_script_arrives(
    new_context, open_page, page_kinds, viewport
):
    if "meeting" not in page_kinds:
        pytest.skip("the site has no meetings")
    path = page_kinds["meeting"].path
    waiting = open_without(new_context, path, viewport, "**/record-answers.js")
    ready = open_page(path, viewport=viewport)
    ready.wait_for_load_state("load")
    assert ready.locator("[data-sp-record-mode]").is_visible(), "with its script, Record answers is offered"
    before = waiting.eval_on_selector("#agenda", BOX)
    after = ready.eval_on_selector("#agenda", BOX)
    assert before == after, f"the agenda moves from {before} to {after} when Record answers' script arrives"


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_my_pack_gives_its_sections_their_place_before_its_scripts_arrive(new_context, viewport):
    path = links.url_path(links.MY_PACK)
    waiting = open_without(new_context, path, viewport, "**/my-pack/{editor,packs,page}.js")
    assert waiting.locator("[data-sp-mypack-packs-section]").is_visible()
    assert waiting.locator("form[data-sp-mypack-form]").is_visible()
    assert not waiting.locator("[data-sp-mypack-nojs]").is_visible(), "the no-JavaScript notice is not shown"
