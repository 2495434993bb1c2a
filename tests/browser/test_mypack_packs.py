"""My pack keeps several named packs, one per agenda item, and switches between them without losing any.

A browser that kept one pack before packs had names finds it as the first named pack; a second pack is
made, named and filled with the site's own "Add to my pack" buttons; switching shows each pack's own
questions, and both are still there after a reload.
"""

from __future__ import annotations

import pytest

from scrutiny_packs.site import links

from .harness import DESKTOP, axe_report, axe_violations, screenshot
from .test_mypack import add

pytestmark = pytest.mark.browser

MY_PACK = links.url_path(links.MY_PACK)
KEY = "scrutiny-packs:my-pack"


def listed(page) -> list[str]:
    """The questions of the pack shown, by reference, as the My pack page lists them."""
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    return page.locator("[data-sp-mypack-list] > li").evaluate_all("items => items.map(li => li.dataset.question)")


def packs(page):
    return page.get_by_role("list", name="Your packs").get_by_role("button")


def test_my_pack_keeps_two_named_packs_and_switches_between_them(open_page):
    page = open_page(MY_PACK, viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("key => localStorage.setItem(key, 'ids=q001,q004&item=5&title=Front%20door')", KEY)
    page.reload()
    assert listed(page) == ["q001", "q004"], "the pack kept before packs had names is shown"
    assert packs(page).all_inner_texts() == ["Pack 1"]
    name = page.get_by_label("Name of the pack shown")
    name.fill("Item 5: front door")
    name.press("Enter")
    page.get_by_role("button", name="New pack").click()
    assert listed(page) == [], "a new pack starts empty"
    assert page.evaluate("() => document.activeElement.id") == "sp-mypack-pack-name"
    page.keyboard.type("Item 6: domestic abuse")
    page.keyboard.press("Enter")
    assert packs(page).all_inner_texts() == ["Item 5: front door", "Item 6: domestic abuse"]

    # The site's buttons add to the pack shown.
    page.goto(links.url_path(links.question("q017")))
    add(page, "q017")
    page.goto(MY_PACK)
    assert listed(page) == ["q017"]
    shown = page.get_by_role("button", name="Item 6: domestic abuse")
    assert shown.get_attribute("aria-current") == "true"

    # Switching shows each pack's own questions and details, by keyboard too.
    page.get_by_role("button", name="Item 5: front door").focus()
    page.keyboard.press("Enter")
    assert listed(page) == ["q001", "q004"]
    assert page.get_by_label("Agenda item title").input_value() == "Front door"
    assert page.get_by_role("button", name="Item 5: front door").get_attribute("aria-current") == "true"
    violations = axe_violations(page)
    screenshot(page, "my-pack-named-packs", full_page=False)
    assert not violations, axe_report(violations)
    page.get_by_role("button", name="Item 6: domestic abuse").click()
    assert listed(page) == ["q017"]
    assert page.get_by_label("Agenda item title").input_value() == ""

    page.reload()
    assert listed(page) == ["q017"] and packs(page).all_inner_texts() == [
        "Item 5: front door",
        "Item 6: domestic abuse",
    ]
    page.get_by_role("button", name="Item 5: front door").click()
    assert listed(page) == ["q001", "q004"], "nothing lost across a reload"
    assert errors == []


def test_a_planned_meetings_items_are_kept_in_my_pack_as_named_packs(open_page):
    from .test_plan import plan_two_items, refs

    page = plan_two_items(open_page)
    five, six = refs(page, "5"), refs(page, "6")
    page.get_by_role("button", name="Keep in My pack: item 5").click()
    page.get_by_role("button", name="Keep in My pack: item 6").click()
    page.get_by_role("button", name="Keep in My pack: item 5").click()  # again: the same pack, not a third
    assert " ".join(page.locator(".md-header [data-sp-mypack-link]").inner_text().split()) == "My pack (5 questions )"
    page.goto(MY_PACK)
    assert packs(page).all_inner_texts() == ["Item 5: Children missing education", "Item 6: Domestic abuse"]
    assert listed(page) == five
    assert page.get_by_label("Agenda item number").input_value() == "5"
    assert page.get_by_label("Body or committee").input_value() == "Children and Young People Scrutiny Panel"
    page.get_by_role("button", name="Item 6: Domestic abuse").click()
    assert listed(page) == six
    assert page.get_by_label("Agenda item title").input_value() == "Domestic abuse"
