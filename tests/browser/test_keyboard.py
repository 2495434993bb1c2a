"""What axe cannot see: the keyboard alone gets everywhere, and focus always shows."""

from __future__ import annotations

import re

import pytest

from scrutiny_packs.text.framing import frame

from .conftest import KIND_NAMES
from .harness import DESKTOP, MOBILE, wait_for_search_ready
from .phrases import distinctive_phrase

pytestmark = pytest.mark.browser

ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, name: e.getAttribute('name'), cls: String(e.className), text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
          href: e.getAttribute('href'), inMain: !!e.closest('article'), x: r.x, y: r.y, w: r.width, h: r.height};
}"""


def tab_until(page, predicate, limit: int = 40) -> dict:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        seen.append(active)
        if active and predicate(active):
            return active
    raise AssertionError(f"not reached with {limit} presses of Tab; focus went through: {seen}")


def wait_for_results_to_settle(page, question_id: str) -> None:
    """Results are redrawn while the query is typed: wait for the final list, which any phrase
    unique to the question puts first (asserted in test_search), before moving into it."""
    page.wait_for_function(
        "id => { const a = document.querySelector('.md-search-result__link');"
        " return a && a.getAttribute('href').includes('questions/' + id + '/'); }",
        arg=question_id,
    )
    # Each key typed sends a query; an answer to an earlier one can still redraw the list, taking
    # away an element the keyboard has just moved to. Go on once the list has been still a while.
    page.evaluate(
        """() => new Promise(resolve => {
          const list = document.querySelector('.md-search-result');
          let timer = setTimeout(done, 500);
          const seen = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 500); });
          function done() { seen.disconnect(); resolve(); }
          seen.observe(list, {childList: true, subtree: true, characterData: true});
        })"""
    )
    page.wait_for_function(
        "id => document.querySelector('.md-search-result__link').getAttribute('href').includes('questions/' + id + '/')",
        arg=question_id,
    )


def test_keyboard_only_from_home_to_a_question(open_page, bank):
    question = bank.questions["q010"] if "q010" in bank.questions else next(iter(bank.active_questions()))
    phrase = distinctive_phrase(bank, question.id)
    page = open_page("", viewport=DESKTOP)
    tab_until(page, lambda a: a["tag"] == "INPUT" and "md-search__input" in a["cls"], limit=10)
    wait_for_search_ready(page)
    page.keyboard.type(phrase, delay=15)
    wait_for_results_to_settle(page, question.id)
    page.keyboard.press("ArrowDown")
    first = page.evaluate(ACTIVE)
    assert first and first["tag"] == "A" and "md-search-result__link" in first["cls"], first
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(rf"/questions/{question.id}/", page.url), page.url
    heading = page.locator("article h1").inner_text().rstrip("¶").strip()
    assert heading == frame(question.text, "you")


def test_keyboard_only_on_a_phone_menu_and_search(open_page, bank):
    """On narrow screens the menu and search buttons are labels: they must take the keyboard too."""
    page = open_page("", viewport=MOBILE)
    menu = tab_until(page, lambda a: a["text"] == "Menu", limit=5)
    assert menu["w"] > 0 and menu["x"] >= 0
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked(), "Enter on the menu button opens the menu"
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not page.locator("#__drawer").is_checked(), "Escape closes the menu"
    assert page.evaluate(ACTIVE)["text"] == "Menu", "focus goes back to the menu button"

    tab_until(page, lambda a: a["text"] == "Search", limit=3)
    page.keyboard.press(" ")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    wait_for_search_ready(page)
    question = next(iter(bank.active_questions()))
    page.keyboard.type(distinctive_phrase(bank, question.id), delay=15)
    wait_for_results_to_settle(page, question.id)
    # On a phone Material may still be wiring its keys when the results land, and drop the
    # first press: press again (the keyboard is still all that is used), a few times at most.
    for _ in range(5):
        page.keyboard.press("ArrowDown")
        if page.evaluate("() => document.activeElement.classList.contains('md-search-result__link')"):
            break
        page.wait_for_timeout(300)
    active = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
    assert f"questions/{question.id}/" in active, active
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/questions/{question.id}/" in page.url


FOCUS_STYLE = """e => { const s = getComputedStyle(e);
  return {outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), shadow: s.boxShadow, background: s.backgroundColor}; }"""

# One round trip per Tab: what has focus, where it is, how it looks; marks it
# so its unfocused look can be read afterwards. Null once focus leaves the
# page or comes back round to an element already seen.
FOCUS_STOP = (
    "index => { const style = "
    + FOCUS_STYLE
    + """;
  const e = document.activeElement;
  if (!e || e === document.body || e.dataset.spStop) return null;
  e.dataset.spStop = index;
  const r = e.getBoundingClientRect();
  return {stop: index, tag: e.tagName, cls: String(e.className),
          text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
          inArticle: !!e.closest('article'),
          x: r.x, y: r.y, w: r.width, h: r.height, focused: style(e)};
}"""
)

# A long page repeats the same few controls for each of its questions (a link, Add to my pack, a fold): the
# walk reads every stop before the article and its first WALK_HEAD stops in the article (the filters, then
# the first questions' controls), then goes on from the page's last WALK_TAIL controls to its end.
WALK_HEAD = 100
WALK_TAIL = 40
TO_THE_TAIL = """tail => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && !e.dataset.spStop && e.getClientRects().length > 0);
  if (all.length <= tail) return true;
  const target = all[all.length - tail];
  target.focus();
  return document.activeElement === target;
}"""

UNFOCUSED = (
    "() => { const style = "
    + FOCUS_STYLE
    + """;
  document.activeElement && document.activeElement.blur();
  return Object.fromEntries([...document.querySelectorAll('[data-sp-stop]')].map(e => [e.dataset.spStop, style(e)]));
}"""
)


# The header, the menu and search at both widths, on the short pages (home, a question). The longer pages'
# controls (filters, folds, Add buttons, the pack's RAG key and guide) are drawn by the same styles at any
# width, so each is walked once: the question bank on a desktop (with the side navigation and contents),
# a pack on a phone.
@pytest.mark.parametrize(
    "kind, width",
    [
        ("home", "desktop"),
        ("home", "mobile"),
        ("question", "desktop"),
        ("question", "mobile"),
        ("module", "desktop"),
        ("pack", "mobile"),
    ],
    indirect=["kind"],
)
def test_focus_is_visible_on_every_interactive_element(read_page, kind, width):
    """Tab through the page (a long one's first and last stops): each stop shows a ring that is not there
    without focus, on screen."""
    viewport = DESKTOP if width == "desktop" else MOBILE
    page = read_page(kind.path, viewport=viewport)
    stops, in_article = [], 0
    for index in range(1000):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_STOP, index)
        if info is None:  # the walk is complete
            break
        stops.append(info)
        in_article += info["inArticle"]
        if info["inArticle"] and in_article == WALK_HEAD:  # once, on reaching it
            assert page.evaluate(TO_THE_TAIL, WALK_TAIL), "the walk could not go on from the page's last controls"
    if kind.name == "module":  # the question bank's own controls were among the stops read
        seen = {stop["tag"] for stop in stops} | {c for stop in stops for c in stop["cls"].split()}
        assert {"SELECT", "sp-add", "A"} <= seen, sorted(seen)
    assert len(stops) > 5, "the page should have links and controls to tab through"

    unfocused_styles = page.evaluate(UNFOCUSED)
    problems = []
    for info in stops:
        unfocused = unfocused_styles[str(info["stop"])]
        focused = info["focused"]
        ring = (focused["style"] not in ("none", "hidden") and focused["width"] >= 2) or focused["shadow"] != "none"
        changed = focused != unfocused
        on_screen = (
            info["w"] > 0
            and info["h"] > 0
            and info["x"] + info["w"] > 0
            and info["x"] < viewport["width"]
            and info["y"] + info["h"] > 0
            and info["y"] < viewport["height"]
        )
        if not (ring and changed and on_screen):
            problems.append(
                f"{info['tag']}.{info['cls']} {info['text']!r}: ring={ring} changed={changed} "
                f"on_screen={on_screen} ({info['x']:.0f},{info['y']:.0f} {info['w']:.0f}x{info['h']:.0f})"
            )
    assert not problems, (
        f"{len(problems)} of {len(stops)} focus stops on {kind.path or 'home'} "
        f"are not clearly visible:\n" + "\n".join(problems[:20])
    )


@pytest.mark.parametrize("kind", KIND_NAMES, indirect=True)
def test_every_page_starts_with_a_working_skip_link(read_page, kind):
    page = read_page(kind.path)
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first and first["text"] == "Skip to main content", f"the first Tab stop is {first}"
    box = page.locator("a.sp-skip").bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 0, "the skip link is on screen when focused"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main-content", timeout=5_000)
    page.keyboard.press("Tab")
    after = page.evaluate(ACTIVE)
    assert after and after["inMain"], f"after skipping, Tab should land in the main content, not on {after}"


SHORTCUTS = ["f", "s", "/", "p", ",", "n", "."]


def test_single_key_shortcuts_do_nothing(open_page, page_kinds):
    """WCAG 2.1.4: a stray key press (or a word said to speech software) changes nothing."""
    page = open_page(page_kinds["module"].path)
    # Material's shortcuts would open search, or follow these links to the previous/next page.
    assert page.locator("link[rel=prev]").count() == 1 and page.locator("link[rel=next]").count() == 1
    url = page.url
    navigations = []
    page.on("request", lambda request: request.is_navigation_request() and navigations.append(request.url))
    for key in SHORTCUTS:  # one after another on the same page, as stray presses come
        page.locator("article h1").click()  # focus on the page, not in a field
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        assert page.url == url and not navigations, f"pressing {key!r} changed page to {navigations}"
        assert not page.locator("#__search").is_checked(), f"pressing {key!r} opened search"
        assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')") is False, (
            f"pressing {key!r} put focus in the search box"
        )


def test_shortcut_letters_still_type_in_search(open_page):
    page = open_page("")
    page.locator("input.md-search__input").click()
    page.keyboard.type("snap/fn.,")
    assert page.locator("input.md-search__input").input_value() == "snap/fn.,"


HIDDEN_BY_HEADER = """() => {
  const e = document.activeElement, header = document.querySelector('.md-header');
  if (!e || e === document.body || header.contains(e)) return null;
  const r = e.getBoundingClientRect(), bottom = header.getBoundingClientRect().bottom;
  return {text: (e.textContent || '').trim().slice(0, 50), top: r.top, bottom: r.bottom, header: bottom,
          hidden: r.bottom <= bottom + 1};
}"""


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_tabbing_back_up_a_page_never_hides_focus_under_the_header(open_page, page_kinds, width):
    """WCAG 2.4.11: the sticky header must not cover the element that has focus."""
    page = open_page(page_kinds["module"].path, viewport=DESKTOP if width == "desktop" else MOBILE)
    page.evaluate(
        "() => { const links = document.querySelectorAll('article a[href]'); links[links.length - 1].focus(); }"
    )
    hidden = []
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(HIDDEN_BY_HEADER)
        if state and state["hidden"]:
            hidden.append(state)
    assert not hidden, f"focus went under the header {len(hidden)} times, e.g. {hidden[:3]}"
