"""The question bank's filters narrow the list without a reload; without JavaScript, plain links do the job."""

from __future__ import annotations

import pytest

from .harness import DESKTOP, screenshot

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
    return sorted(q.id for q in bank.active_questions()
                  if (not audience or audience in q.audiences)
                  and (areas is None or areas & set(q.areas))
                  and (not tag or tag in q.tags))


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

    parent = next(a.id for a in bank.areas_in_order() if bank.child_areas(a.id)
                  and expected(bank, audience=audience, area=a.id))
    form.get_by_label("Area").select_option(parent)
    want = expected(bank, audience=audience, area=parent)
    assert page.evaluate(VISIBLE_IDS) == want, f"area {parent} and its sub-areas, for {audience}"
    hidden_sections = page.eval_on_selector_all("article h2[id]", "hs => hs.filter(h => !h.offsetParent).map(h => h.id)")
    assert hidden_sections, "sections with no matching questions are hidden"
    for section in hidden_sections:
        assert page.locator(f'.md-sidebar--secondary a[href="#{section}"]').is_hidden(), \
            f"the contents list still offers the hidden section {section}"
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


def test_a_filtered_list_lives_in_the_address_and_opens_the_same_elsewhere(open_page, page_kinds, bank):
    page = open_page(page_kinds["module"].path, viewport=DESKTOP)
    form = page.locator("form[data-sp-filters]")
    form.get_by_label("Audience").select_option("councillors")
    form.get_by_label("Origin").select_option("added")
    want = sorted(q.id for q in bank.active_questions() if "councillors" in q.audiences and q.origin == "added")
    assert want and page.evaluate(VISIBLE_IDS) == want
    assert "audience=councillors" in page.url and "origin=added" in page.url
    # The same address in a fresh browser (a shared link, a bookmark) shows the same list.
    again = open_page(page.url, viewport=DESKTOP)
    assert again.locator("form[data-sp-filters]").get_by_label("Audience").input_value() == "councillors"
    assert again.evaluate(VISIBLE_IDS) == want
    # Back from a question page keeps the choices.
    again.locator(f"#question-{want[0]} .sp-q__text a").first.click()
    again.wait_for_url(f"**/questions/{want[0]}/**")
    again.go_back()
    again.wait_for_function("() => document.querySelector('[data-sp-filter-status]').textContent.length > 0")
    assert again.evaluate(VISIBLE_IDS) == want
    # A value the bank does not know is ignored, not an empty list.
    odd = open_page(page_kinds["module"].path + "?audience=nobody", viewport=DESKTOP)
    assert odd.evaluate(VISIBLE_IDS) == expected(bank)
