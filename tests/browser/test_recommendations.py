"""The Recommendations and Follow-up pages as a clerk reads them: filters kept in the address, and no
word broken in the middle, on a phone or a desktop."""

from __future__ import annotations

import pytest

from .harness import DESKTOP, MOBILE

pytestmark = pytest.mark.browser

# Every word in a table cell or card, and whether its letters sit on more than one line.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const box of document.querySelectorAll(selector)) {
    if (box.offsetParent === null) continue;  // hidden
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("follow-up/", "article td, article th"),
        ("recommendations/", "article .sp-rec-card, article .sp-rec-requests li"),
    ],
    ids=["follow-up", "recommendations"],
)
def test_no_word_is_broken_in_the_middle(open_page, path, selector, viewport):
    page = open_page(path, viewport=viewport)
    page.wait_for_load_state("load")
    assert page.locator(selector).count() > 0
    assert page.evaluate(BROKEN_WORDS, selector) == []


def test_the_filters_are_kept_in_the_address(open_page):
    page = open_page("recommendations/?status=open&area=nonsense", viewport=DESKTOP)
    form = page.locator("form[data-sp-rec-filters]").first
    form.wait_for(state="visible")
    assert form.locator("select[name=status]").input_value() == "open"
    assert form.locator("select[name=area]").input_value() == ""  # a value the list does not offer is ignored
    cards = page.locator("article.sp-rec-card")
    shown = [c.get_attribute("id") for c in cards.all() if c.is_visible()]
    assert shown and all("open" in (c.get_attribute("data-states") or "") for c in cards.all() if c.is_visible())
    form.locator("select[name=status]").select_option("complete")
    assert "status=complete" in page.url
    status = form.locator("[data-sp-rec-status]").inner_text()
    visible = sum(1 for c in cards.all() if c.is_visible())
    assert status == f"Showing {visible} of {cards.count()} recommendations."
    form.locator("select[name=status]").select_option("")
    assert "status=" not in page.url
    assert form.locator("[data-sp-rec-status]").inner_text() == f"Showing all {cards.count()} recommendations."
