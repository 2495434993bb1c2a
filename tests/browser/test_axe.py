"""axe-core finds no WCAG 2.2 AA problems on any kind of page, in any state we ship.

Under `make screenshots` each check also saves a screenshot under build/screenshots/ for reviewers.
"""

from __future__ import annotations

import pytest

from .conftest import KIND_NAMES
from .harness import DESKTOP, MOBILE, axe_report, axe_violations, screenshot, search, wait_for_search_ready
from .test_plan import PHONE, item, plan_two_items

pytestmark = pytest.mark.browser


# Colour contrast, two thirds of axe's time on a long page, is checked on every kind of page on a desktop.
# Our stylesheets set no colour by width, so on a phone it is checked where something else differs: the
# theme's phone-only header, menu and search (the home page, and the menu and search open, below), and the
# pages whose tables our styles turn into cards on a phone.
PHONE_CONTRAST_KINDS = frozenset({"home", "follow-up", "recommendations"})


@pytest.mark.parametrize("kind", KIND_NAMES, indirect=True)
@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_page_has_no_wcag_violations(read_page, kind, width):
    page = read_page(kind.path, viewport=DESKTOP if width == "desktop" else MOBILE)
    contrast = width == "desktop" or kind.name in PHONE_CONTRAST_KINDS
    violations = axe_violations(page, without=() if contrast else ("color-contrast",))
    screenshot(page, f"{kind.name}-{width}")
    assert not violations, f"axe found problems on {kind.path or 'the home page'} ({width}):\n{axe_report(violations)}"


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_open_search_with_results_has_no_wcag_violations(open_page, bank, width):
    page = open_page("", viewport=DESKTOP if width == "desktop" else MOBILE)
    if width == "mobile":
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator("input.md-search__input").click()
    wait_for_search_ready(page)
    results = search(page, "supervision")
    assert len(results) >= 3, "the search for 'supervision' should find several pages"
    page.wait_for_timeout(400)  # let the panel finish opening before checking colours
    violations = axe_violations(page)
    screenshot(page, f"search-results-{width}", full_page=False)
    assert not violations, f"axe found problems with search open ({width}):\n{axe_report(violations)}"


def test_open_navigation_drawer_has_no_wcag_violations(open_page):
    page = open_page("", viewport=MOBILE)
    page.locator('label.md-header__button[for="__drawer"]').click()
    assert page.locator("#__drawer").is_checked()
    page.wait_for_timeout(400)  # the drawer slides in
    assert page.locator(".md-sidebar--primary").is_visible()
    violations = axe_violations(page)
    screenshot(page, "navigation-drawer-mobile", full_page=False)
    assert not violations, f"axe found problems with the menu open:\n{axe_report(violations)}"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_plan_a_meeting_with_two_items_has_no_wcag_violations(open_page, viewport):
    page = plan_two_items(open_page, viewport)
    item(page, "5").locator("details.sp-plan-more summary").click()
    violations = axe_violations(page)
    screenshot(page, f"plan-a-meeting-{viewport['width']}", full_page=False)
    assert not violations, f"axe found problems on Plan a meeting ({viewport['width']} px):\n{axe_report(violations)}"
