"""Long pages on a phone: an audience's questions fold under each area and the glossary's terms under
each letter, so the page is short enough to scroll through, and a link to what is inside opens it."""

from __future__ import annotations

import pytest

from scrutiny_packs.site import links

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def height(page) -> int:
    return page.evaluate("() => document.documentElement.scrollHeight")


def test_an_audience_page_folds_its_questions_by_area(new_context, bank):
    audience = max(bank.audiences, key=lambda a: len([q for q in bank.active_questions() if a in q.audiences]))
    page = new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()
    page.goto(links.url_path(links.audience(audience)))
    assert height(page) < 20_000, f"{height(page)} px tall on a phone"
    first = page.locator("details.sp-fold").first
    question = first.locator(".sp-q__text").first
    assert not question.is_visible()
    folded = height(page)
    first.locator("summary").tap()
    question.wait_for(state="visible")
    assert height(page) > folded


def test_a_link_to_a_glossary_term_opens_its_fold(new_context, bank):
    term = list(bank.glossary.values())[-1]
    page = new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()
    page.goto(links.url_path(links.GLOSSARY))
    assert height(page) < 15_000, f"{height(page)} px tall on a phone"
    heading = page.locator(f"[id='{term.id}']")
    assert not heading.is_visible()
    page.goto(links.url_path(links.GLOSSARY) + f"#{term.id}")
    heading.wait_for(state="visible")
    assert heading.is_visible()
