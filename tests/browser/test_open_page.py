"""The suite's own browser: each test's ``open_page`` starts as a reader's first visit does, with nothing
of the site's kept from the test before it (tests/browser/conftest.py reuses one browser context per
window size and empties it between tests)."""

from __future__ import annotations

import pytest

from .harness import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("open-page-check")]  # one worker, in this order

KEPT = "() => [Object.keys(localStorage), document.cookie]"


def test_a_test_leaves_things_behind(open_page):
    page = open_page("my-pack/", viewport=DESKTOP)
    page.evaluate("() => { localStorage.setItem('sp-left-behind', '1'); document.cookie = 'left=1; path=/'; }")
    assert page.evaluate(KEPT) != [[], ""]


def test_the_next_test_finds_none_of_it(open_page):
    page = open_page("my-pack/", viewport=DESKTOP)
    assert page.evaluate(KEPT) == [[], ""]


def test_a_second_page_in_one_test_is_another_device(open_page):
    first = open_page("my-pack/", viewport=DESKTOP)
    first.evaluate("() => localStorage.setItem('sp-first-device', '1')")
    second = open_page("my-pack/", viewport=DESKTOP)
    assert second.evaluate(KEPT) == [[], ""]
    assert first.evaluate(KEPT) == [["sp-first-device"], ""], "the first page keeps what it was given"
