"""The question bank's filters narrow the list without a reload; without JavaScript, plain links do the job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import page as built_page

from .harness import DESKTOP, MOBILE, axe_report, axe_violations, screenshot
from .test_keyboard import tab_until

pytestmark = pytest.mark.browser

VISIBLE_IDS = """() => [...new Set([...document.querySelectorAll('.sp-q')]
  .filter(card => card.offsetParent !== null).map(card => card.dataset.question))].sort()"""


def subtree(bank, area_id: str) -> set[str]:
    found = {area_id}
    for area in bank.areas.values():
        trail = [a.id for a in bank.area_trail(area.id)]
        if area_id in trail:
            found.add(area.id)
    return found


def expected(bank, audience: str = "", area: str = "", tag: str = "") -> list[str]:
    areas = subtree(bank, area) if area else None
    return sorted(
        q.id
        for q in bank.active_questions()
        if (not audience or audience in q.audiences)
        and (areas is None or areas & set(q.areas))
        and (not tag or tag in q.tags)
    )


def test_filters_narrow_the_list_without_reloading(open_page, page_kinds, bank):
    page = open_page(page_kinds["module"].path, viewport=DESKTOP)
    form = page.locator("form[data-sp-filters]")
    assert form.is_visible(), "with JavaScript on, the filters appear"
    page.evaluate("() => { window.spNotReloaded = true; }")
    url = page.url
    status = form.locator("[data-sp-filter-status]")
    assert page.evaluate(VISIBLE_IDS) == expected(bank)

    audience = "police" if "police" in bank.audiences else next(iter(bank.audiences))
    form.get_by_label("Audience").select_option(audience)
    want = expected(bank, audience=audience)
    assert 0 < len(want) < len(expected(bank))
    assert page.evaluate(VISIBLE_IDS) == want
    assert status.inner_text() == f"Showing {len(want)} of {len(expected(bank))} questions."
    assert status.get_attribute("role") == "status"

    parent = next(
        a.id for a in bank.areas_in_order() if bank.child_areas(a.id) and expected(bank, audience=audience, area=a.id)
    )
    form.get_by_label("Area").select_option(parent)
    want = expected(bank, audience=audience, area=parent)
    assert page.evaluate(VISIBLE_IDS) == want, f"area {parent} and its sub-areas, for {audience}"
    hidden_sections = page.eval_on_selector_all(
        "article h2[id]", "hs => hs.filter(h => !h.offsetParent).map(h => h.id)"
    )
    assert hidden_sections, "sections with no matching questions are hidden"
    for section in hidden_sections:
        assert page.locator(f'.md-sidebar--secondary a[href="#{section}"]').is_hidden(), (
            f"the contents list still offers the hidden section {section}"
        )
    screenshot(page, "question-bank-filtered-desktop", full_page=False)

    form.get_by_label("Audience").select_option("")
    form.get_by_label("Area").select_option("")
    tag = max(bank_tags(bank), key=lambda t: len(expected(bank, tag=t)))
    form.get_by_label("Tag").select_option(tag)
    assert page.evaluate(VISIBLE_IDS) == expected(bank, tag=tag)

    form.get_by_label("Tag").select_option("")
    assert page.evaluate(VISIBLE_IDS) == expected(bank)
    assert page.url == url and page.evaluate("() => window.spNotReloaded") is True, "no reload"


def bank_tags(bank) -> set[str]:
    return {t for q in bank.active_questions() for t in q.tags}


def test_without_javascript_plain_links_do_the_filtering(open_page, page_kinds, bank):
    page = open_page(page_kinds["module"].path, viewport=DESKTOP, js=False)
    assert page.locator("form[data-sp-filters]").is_hidden(), "a form that cannot work stays hidden"
    links = page.locator(".sp-filter-links a")
    hrefs = {links.nth(i).inner_text(): links.nth(i).get_attribute("href") for i in range(links.count())}
    for audience in bank.audiences.values():
        assert audience.label in hrefs, f"no link for {audience.label}"
    assert "area" in hrefs
    audience = next(iter(bank.audiences.values()))
    page.locator(".sp-filter-links").get_by_role("link", name=audience.label, exact=True).click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == audience.name
    assert page.locator(".sp-q").count() >= len(bank.questions_for_audience(audience.id))


def opens_the_same_elsewhere(open_page, url: str, want: list[str]):
    """The filtered address in a fresh browser (a shared link, a bookmark) shows the same list, and so
    do a reload and Back from one of its questions; the page is returned at the end."""
    again = open_page(url, viewport=DESKTOP)
    assert again.evaluate(VISIBLE_IDS) == want, "opened afresh"
    again.reload()
    assert again.evaluate(VISIBLE_IDS) == want, "after a reload"
    again.locator(f"#question-{want[0]} .sp-q__text a").first.click()
    again.wait_for_url(f"**/questions/{want[0]}/**")
    again.go_back()
    again.wait_for_function("() => document.querySelector('[data-sp-filter-status]').textContent.length > 0")
    assert again.evaluate(VISIBLE_IDS) == want, "after Back from a question"
    return again


def test_a_filtered_list_lives_in_the_address_and_opens_the_same_elsewhere(open_page, page_kinds, bank):
    page = open_page(page_kinds["module"].path, viewport=DESKTOP)
    form = page.locator("form[data-sp-filters]")
    form.get_by_label("Audience").select_option("councillors")
    form.get_by_label("Origin").select_option("added")
    want = sorted(q.id for q in bank.active_questions() if "councillors" in q.audiences and q.origin == "added")
    assert want and page.evaluate(VISIBLE_IDS) == want
    assert "audience=councillors" in page.url and "origin=added" in page.url
    again = opens_the_same_elsewhere(open_page, page.url, want)
    assert again.locator("form[data-sp-filters]").get_by_label("Audience").input_value() == "councillors"
    assert again.locator("form[data-sp-filters]").get_by_label("Origin").input_value() == "added"
    # A value the bank does not know is ignored, not an empty list.
    odd = open_page(page_kinds["module"].path + "?audience=nobody", viewport=DESKTOP)
    assert odd.evaluate(VISIBLE_IDS) == expected(bank)


# -- area pages: narrowed by audience, the same script and the same address ----------------------

PHONE = {"width": 390, "height": 844}


def narrowable_area(bank):
    """An area whose questions are for several audiences, one of them for only some of its questions."""
    for area in bank.areas_in_order():
        questions = bank.questions_for_area(area.id)
        for audience in bank.audiences:
            some = [q.id for q in questions if audience in q.audiences]
            if 0 < len(some) < len(questions):
                return area, audience, sorted(some), len(questions)
    pytest.fail("no area page has questions for some audiences and not others")


def test_an_area_page_narrows_by_audience_and_keeps_it_in_the_address(open_page, bank):
    area, audience, want, total = narrowable_area(bank)
    page = open_page(f"areas/{area.id}/", viewport=DESKTOP)
    form = page.locator("form[data-sp-filters]")
    assert page.evaluate(VISIBLE_IDS) == sorted(q.id for q in bank.questions_for_area(area.id))
    form.get_by_label("Audience").select_option(audience)
    assert page.evaluate(VISIBLE_IDS) == want
    status = form.locator("[data-sp-filter-status]")
    assert status.inner_text() == f"Showing {len(want)} of {total} questions."
    assert f"audience={audience}" in page.url
    screenshot(page, "area-narrowed-by-the-form-desktop", full_page=False)
    again = opens_the_same_elsewhere(open_page, page.url, want)
    assert again.locator("[data-sp-filter-status]").inner_text() == f"Showing {len(want)} of {total} questions."
    form.get_by_label("Audience").select_option("")
    assert status.inner_text() == f"Showing all {total} questions."
    assert "audience=" not in page.url


def test_without_javascript_an_area_page_shows_all_its_questions(open_page, bank):
    area, audience, _want, total = narrowable_area(bank)
    page = open_page(f"areas/{area.id}/?audience={audience}", viewport=DESKTOP, js=False)
    assert page.locator("form[data-sp-filters]").is_hidden()
    assert len(page.evaluate(VISIBLE_IDS)) == total


def _area_pages(site: Path, bank) -> dict[str, Any]:
    """Each area page with questions, parsed from the built site, by the area's id."""
    return {
        area.id: built_page(site, f"areas/{area.id}/")
        for area in bank.areas_in_order()
        if bank.questions_for_area(area.id)
    }


def test_every_area_page_puts_its_questions_first_and_the_benchmarks_after(built_site, bank):
    """The questions come first, the benchmarks follow under their own heading: for screen readers as on
    screen (read from the built pages, every area)."""
    pages = _area_pages(built_site, bank)
    assert pages
    for area_id, doc in pages.items():
        order = [h.get_text(" ", strip=True).replace("¶", "").strip() for h in doc.select("article h2")]
        assert order and order[0].startswith("Questions"), f"{area_id}: the questions come first, not {order[:2]}"
        if "What good looks like" in order:
            assert order.index("What good looks like") > 0, area_id


def _most_above_the_questions(site: Path, bank, count: int = 4) -> list[str]:
    """The area pages that put the most above their first question (its text, and a line's worth for each
    paragraph, list item and heading), read from the built pages: where the first question falls lowest."""
    above = {}
    for area_id, doc in _area_pages(site, bank).items():
        article = doc.select_one("article")
        first = article.select_one(".sp-qlist")
        before = [e for e in first.find_all_previous(["p", "li", "h1", "h2", "h3", "dd"]) if article in e.parents]
        above[area_id] = sum(len(e.get_text(" ", strip=True)) + 40 for e in before)
    return sorted(above, key=above.get, reverse=True)[:count]


def test_on_a_phone_the_first_question_is_on_the_first_screen(new_context, bank, built_site):
    """On the area pages with the most above their first question, the first question ends on the first screen."""
    checked = []
    page = new_context(viewport=PHONE).new_page()  # one phone, reading each area page in turn
    for area_id in _most_above_the_questions(built_site, bank):
        page.goto(f"areas/{area_id}/")
        first = page.locator(".sp-qlist .sp-q__text").first.bounding_box()
        assert first["y"] + first["height"] <= PHONE["height"], (
            f"{area_id}: the first question ends {first['y'] + first['height']:.0f} px down, below the first screen"
        )
        checked.append(area_id)
    page.context.close()
    assert len(checked) == 4


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_filtered_lists_have_no_wcag_violations(open_page, page_kinds, bank, viewport):
    bank_page = open_page(page_kinds["module"].path + "?audience=police&origin=added", viewport=viewport)
    bank_page.locator("button[data-sp-add-shown]").click()
    bank_page.wait_for_function("() => document.querySelector('[data-sp-add-shown-status]').textContent.length > 0")
    violations = axe_violations(bank_page)
    assert not violations, f"axe on the filtered bank:\n{axe_report(violations)}"
    area, audience, want, total = narrowable_area(bank)
    area_page = open_page(f"areas/{area.id}/?audience={audience}", viewport=viewport)
    assert area_page.locator("[data-sp-filter-status]").inner_text() == f"Showing {len(want)} of {total} questions."
    violations = axe_violations(area_page)
    screenshot(area_page, f"area-narrowed-{'phone' if viewport is MOBILE else 'desktop'}", full_page=False)
    assert not violations, f"axe on an area page narrowed by audience:\n{axe_report(violations)}"


FOCUSED = """() => { const e = document.activeElement;
  return e && e !== document.body ? {tag: e.tagName, name: e.getAttribute('name'),
    text: (e.textContent || '').replace(/\\s+/g, ' ').trim()} : null; }"""


def test_the_keyboard_alone_narrows_an_area_and_adds_what_it_shows(open_page, bank):
    area, audience, want, _total = narrowable_area(bank)
    page = open_page(f"areas/{area.id}/", viewport=DESKTOP)
    choices = page.eval_on_selector_all("#sp-filter-audience option", "os => os.map(o => o.value)")
    tab_until(page, lambda a: a["name"] == "audience", limit=80)
    for _ in range(choices.index(audience)):
        page.keyboard.press("ArrowDown")
    assert page.locator("#sp-filter-audience").input_value() == audience
    assert page.evaluate(VISIBLE_IDS) == want
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Add all shown to my pack"
    page.keyboard.press("Enter")
    status = page.locator("[data-sp-add-shown-status]")
    status.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('[data-sp-add-shown-status]').textContent.length > 0")
    noun = "question" if len(want) == 1 else "questions"
    assert status.inner_text() == f"Added {len(want)} {noun} to your pack. Your pack has {len(want)} {noun}."
