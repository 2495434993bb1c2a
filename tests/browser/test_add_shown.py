"""Adding to My pack from the lists: "Add all shown to my pack" by the filters, and the state of each
question's own button on every page it shows."""

from __future__ import annotations

import pytest

from .harness import DESKTOP
from .test_filters import subtree
from .test_mypack import announced, header_count, in_pack, listed_ids, open_my_pack

pytestmark = pytest.mark.browser

SHOWN_IN_ORDER = """() => [...document.querySelectorAll('.sp-qlist .sp-q')]
  .filter(card => card.offsetParent !== null).map(card => card.dataset.question)"""


def bank_order(bank, audience: str, area: str) -> list[str]:
    """The questions the bank lists for an audience under an area and its sub-areas, in page order, once each."""
    areas = subtree(bank, area)
    found: list[str] = []
    for a in bank.areas_in_order():
        if a.id in areas:
            found += [q.id for q in bank.active_questions() if a.id in q.areas and audience in q.audiences]
    return list(dict.fromkeys(found))


def added_says(page) -> str:
    status = page.locator("[data-sp-add-shown-status]")
    page.wait_for_function("() => document.querySelector('[data-sp-add-shown-status]').textContent.length > 0")
    return status.inner_text()


def test_add_all_shown_adds_exactly_the_filtered_questions_in_order_and_removes_none(new_context, page_kinds, bank):
    audience = "police" if "police" in bank.audiences else next(iter(bank.audiences))
    parent = next(
        a.id for a in bank.areas_in_order() if bank.child_areas(a.id) and len(bank_order(bank, audience, a.id)) >= 3
    )
    want = bank_order(bank, audience, parent)
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(page_kinds["module"].path)
    # Already in the pack: one question the filter will not show, and one it will.
    other = next(q.id for q in bank.active_questions() if q.id not in want)
    page.locator(f"button[data-sp-add='{other}']").first.click()
    page.locator(f"button[data-sp-add='{want[1]}']").first.click()
    assert header_count(page) == 2

    form = page.locator("form[data-sp-filters]")
    form.get_by_label("Audience").select_option(audience)
    form.get_by_label("Area").select_option(parent)
    shown = list(dict.fromkeys(page.evaluate(SHOWN_IN_ORDER)))
    assert shown == want, "the page lists the filtered questions in the bank's area order"
    button = form.get_by_role("button", name="Add all shown to my pack")
    button.click()
    n = len(want)
    assert added_says(page) == (
        f"Added {n - 1} question{'s' if n - 1 != 1 else ''} to your pack "
        f"(1 was in it already). Your pack has {n + 1} questions."
    )
    assert header_count(page) == n + 1
    for qid in want:
        assert in_pack(page.locator(f"button[data-sp-add='{qid}']").first), f"{qid}'s button does not show it added"
    status = page.locator("[data-sp-add-shown-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"

    # Pressed again, it adds nothing and says so; a new filter clears what it said.
    button.click()
    page.wait_for_function("() => document.querySelector('[data-sp-add-shown-status]').textContent.startsWith('All')")
    assert added_says(page) == f"All {n} questions shown are already in your pack. Your pack has {n + 1} questions."
    form.get_by_label("Origin").select_option("added")
    assert status.inner_text() == ""

    open_my_pack(page)
    assert listed_ids(page) == [other, want[1], want[0], *want[2:]]


def test_an_area_page_adds_what_its_audience_choice_shows(new_context, bank):
    from .test_filters import narrowable_area

    area, audience, _some, _total = narrowable_area(bank)
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"areas/{area.id}/?audience={audience}")
    in_order = [q.id for q in bank.questions_for_area(area.id) if audience in q.audiences]
    page.get_by_role("button", name="Add all shown to my pack").click()
    noun = "question" if len(in_order) == 1 else "questions"
    assert added_says(page) == f"Added {len(in_order)} {noun} to your pack. Your pack has {len(in_order)} {noun}."
    open_my_pack(page)
    assert listed_ids(page) == in_order


def test_a_question_in_the_pack_says_so_on_every_page_and_a_tap_there_says_it_removes(new_context, bank):
    area = next(a for a in bank.areas_in_order() if bank.questions_for_area(a.id))
    qid = bank.questions_for_area(area.id)[0].id
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(f"areas/{area.id}/")
    button = page.locator(f"button[data-sp-add='{qid}']")
    assert button.locator("[data-sp-add-label]").inner_text() == "Add to my pack"
    before = button.evaluate("b => getComputedStyle(b).backgroundColor")
    button.click()
    assert in_pack(button)
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") != before, (
        "the button looks different once added"
    )

    # On another page, the question's button already says it is in the pack, and what a tap does.
    page.goto(f"questions/{qid}/")
    button = page.locator(f"button[data-sp-add='{qid}']")
    assert in_pack(button)
    name = button.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()")
    assert name == f"In your pack — remove (ref. {qid})"
    button.click()
    announced(page, f"Removed {qid} from your pack.")
    assert button.locator("[data-sp-add-label]").inner_text() == "Add to my pack"
    assert header_count(page) == 0
