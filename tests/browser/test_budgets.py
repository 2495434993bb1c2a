"""Pages a phone loads fast: each page's own HTML is small, and a first visit fetches only what the page
shows, not the search index (fetched when search is first used) or the Word maker (when Download Word is
pressed). Sizes are measured as they travel, gzip-compressed, as a web server sends them."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from scrutiny_packs.site import links

from .harness import MOBILE

pytestmark = pytest.mark.browser

PAGE_HTML_BUDGET = 60 * 1024  # one page's own HTML, compressed
FIRST_VISIT_BUDGET = 150 * 1024  # everything a first visit fetches before any interaction, compressed
KINDS = ("home", "question", "area", "audience", "glossary", "my-pack", "meeting")
MY_PACK_DATA = "assets/javascripts/my-pack-data.js"
MY_PACK_ONLY = ("my-pack/editor.js", "my-pack/render.js", "my-pack/word.js", MY_PACK_DATA)


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def test_every_pages_own_html_is_within_its_budget(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    sizes = {p.relative_to(built_site).as_posix(): compressed(p.read_bytes()) for p in pages}
    over = [f"{path}: {size // 1024} KB" for path, size in sizes.items() if size > PAGE_HTML_BUDGET]
    assert not over, f"over {PAGE_HTML_BUDGET // 1024} KB: {over}"


def _path(name: str, page_kinds) -> str:
    if name == "my-pack":
        return links.url_path(links.MY_PACK)
    if name not in page_kinds:
        pytest.skip(f"the site has no {name} page")
    return page_kinds[name].path


@pytest.mark.parametrize("name", KINDS)
def test_a_first_visit_fetches_little(name, new_context, page_kinds):
    context = new_context(viewport=MOBILE, has_touch=True, is_mobile=True)
    page = context.new_page()
    sizes: dict[str, int] = {}

    def measure(response):
        try:
            sizes[response.url] = compressed(response.body())
        except Exception:  # a redirect or an aborted request has no body
            sizes.setdefault(response.url, 0)

    page.on("response", measure)
    page.goto(_path(name, page_kinds), wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    fetched = sorted(sizes.items(), key=lambda item: -item[1])
    assert not [u for u in sizes if "search_index" in u], "the search index was fetched before search was used"
    assert not [u for u in sizes if "vendor/docx" in u], "the Word maker was fetched before Download Word"
    assert not [u for u in sizes if MY_PACK_DATA in u], "the bank's data was fetched with no pack to draw"
    if name != "my-pack":
        assert not [u for u in sizes if u.endswith(MY_PACK_ONLY)], "a My pack page's script was loaded elsewhere"
    total = sum(sizes.values())
    listing = ", ".join(f"{u.rsplit('/', 2)[-2:]}: {n // 1024} KB" for u, n in fetched[:6])
    assert total <= FIRST_VISIT_BUDGET, f"{name}: {total // 1024} KB compressed ({listing})"


def test_the_search_index_is_fetched_when_search_is_first_used(new_context, page_kinds):
    context = new_context(viewport=MOBILE, has_touch=True, is_mobile=True)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(page_kinds["question"].path)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "search_index" in u]
    page.locator("label.md-header__button[for='__search']").tap()
    box = page.locator("input.md-search__input")
    box.fill("neglect")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert [u for u in fetched if "search_index" in u]


def test_my_pack_fetches_the_banks_data_when_there_is_a_pack_to_draw(new_context, bank):
    """A first visit with nothing chosen fetches none of the bank's data; a link to a pack, or a question
    added on another page, and the page draws the pack from it."""
    context = new_context(viewport=MOBILE, has_touch=True, is_mobile=True)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(links.url_path(links.MY_PACK))
    page.wait_for_selector("[data-sp-mypack-form]:not([hidden])")
    assert page.locator("[data-sp-mypack-empty]").is_visible()
    assert not [u for u in fetched if MY_PACK_DATA in u]
    qid = next(q.id for q in bank.active_questions())
    other = context.new_page()  # the same question added in another tab: this page shows it
    other.goto(f"questions/{qid}/")
    other.locator(f"button[data-sp-add='{qid}']").click()
    page.locator(f"[data-sp-mypack-list] > li[data-question='{qid}']").wait_for()
    assert [u for u in fetched if MY_PACK_DATA in u]
    assert page.locator(f".sp-pack [data-question='{qid}']").count() == 1  # the pack drawn for printing
    assert not page.locator("[data-sp-mypack-empty]").is_visible()


def test_a_long_packs_page_links_what_it_does_not_repeat(built_site: Path, bank):
    """A pack page too long to repeat its guides (and, longer still, its evidence's descriptions) links each
    to its text on the guides' (or the indicators') page instead, and says so: nothing is out of reach."""
    from bs4 import BeautifulSoup

    parsed: dict[Path, BeautifulSoup] = {}  # each linked page parsed once, however many links lead to it

    def target_page(path: Path) -> BeautifulSoup:
        if path not in parsed:
            parsed[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return parsed[path]

    linked = 0
    for page in sorted((built_site / "packs").glob("*/index.html")):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in doc.select(".sp-pack-guides__links a, .sp-pack-q__evidence a"):
            path, _, anchor = a["href"].partition("#")
            target = (page.parent / path / "index.html").resolve()
            heading = target_page(target).find(id=anchor)
            assert heading is not None, (page, a["href"])
            assert a.get_text(strip=True) == heading.get_text(strip=True).removesuffix("¶").strip(), a["href"]
        if doc.select(".sp-pack-guides__links"):
            linked += 1
            assert not doc.select(".sp-pack-guide__title"), page
            assert "links each guide" in doc.select_one(".sp-pack-downloads").get_text()
        else:
            assert not doc.select(".sp-pack-q__evidence a"), page
    assert linked, "no pack page is long enough to link its guides (the test cannot fail)"
