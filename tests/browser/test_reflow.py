"""WCAG 1.4.10: at 320 CSS pixels wide (1280 px at 400% zoom) nothing needs sideways scrolling."""

from __future__ import annotations

import pytest

from .conftest import KIND_NAMES
from .harness import NARROWEST

pytestmark = pytest.mark.browser

OVERFLOW = """() => {
  const root = document.scrollingElement;
  const wide = [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("kind", KIND_NAMES, indirect=True)
def test_no_horizontal_scrolling_at_320_px(read_page, kind):
    page = read_page(kind.path, viewport=NARROWEST)
    result = page.evaluate(OVERFLOW)
    assert result["scrollWidth"] <= result["clientWidth"], (
        f"{kind.path or 'home'} is {result['scrollWidth']} px wide at {result['clientWidth']} px: {result['wide']}"
    )


def test_no_horizontal_scrolling_with_filters_and_search_open(open_page, page_kinds):
    page = open_page(page_kinds["module"].path, viewport=NARROWEST)
    assert page.locator("form[data-sp-filters]").is_visible()
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator("input.md-search__input").type("supervision")
    page.wait_for_selector(".md-search-result__item")
    result = page.evaluate(OVERFLOW)
    assert result["scrollWidth"] <= result["clientWidth"], result
