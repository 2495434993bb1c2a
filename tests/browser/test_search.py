"""Search: a distinctive phrase finds its question first, and the result count is announced."""

from __future__ import annotations

import re

import pytest

from .harness import DESKTOP, live_text, search, wait_for_search_ready
from .phrases import distinctive_phrase

pytestmark = pytest.mark.browser


def sample_questions(bank, count: int = 8) -> list[str]:
    """Questions spread evenly through the bank, so every part of it gets searched."""
    ids = [q.id for q in bank.active_questions()]
    step = max(1, len(ids) // count)
    return ids[::step][:count]


@pytest.fixture
def search_page(open_page):
    page = open_page("", viewport=DESKTOP)
    page.locator("input.md-search__input").click()
    wait_for_search_ready(page)
    return page


def test_a_distinctive_phrase_finds_its_question_first(search_page, bank):
    misses = []
    for qid in sample_questions(bank):
        phrase = distinctive_phrase(bank, qid)
        results = search(search_page, phrase)
        first = results[0] if results else None
        if not first or not re.search(rf"(^|/)questions/{qid}/(\?|$)", first):
            misses.append(f"{qid}: {phrase!r} -> {results[:3]}")
    assert not misses, "these searches did not put the question first:\n" + "\n".join(misses)


def test_search_dialog_has_a_name_and_announces_the_count(search_page, bank):
    assert search_page.get_by_role("dialog", name="Search this site").count() == 1
    status = search_page.locator(".md-search-result__meta")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"

    qid = sample_questions(bank)[1]
    results = search(search_page, distinctive_phrase(bank, qid))
    text = live_text(search_page, ".md-search-result__meta")
    match = re.fullmatch(r"(\d+) matching documents?", text)
    assert match, f"the live region says {text!r}"
    shown = search_page.locator(".md-search-result__item").count()
    assert int(match.group(1)) == len(results) == shown or (int(match.group(1)) > 10 and shown >= 10)

    search(search_page, "qqzxv wwqzy")
    assert live_text(search_page, ".md-search-result__meta") == "No matching documents"
