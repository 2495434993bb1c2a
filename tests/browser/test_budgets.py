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
# My pack carries the whole bank as JSON in its HTML (site/mypack.py data_script, about 88 KB compressed),
# read at once by my-pack/page.js. Loading it from its own file needs page.js to wait for it: left for the
# change that splits page.js. These marks fail the run (strict) once the page is within budget.
# Known to be over, each until the page is made lighter: My pack embeds the bank's data; the councillors'
# and partnership's whole-bank packs list every question for them (over 240 questions since 2026-27).
OVER_TODAY = ("my-pack/index.html", "packs/councillors/index.html", "packs/partnership/index.html")
MY_PACK_OVER = pytest.mark.xfail(strict=True, reason="My pack embeds the bank's data (page.js reads it at load)")
# My pack's scripts, split by job, are each loaded on every page for its Add buttons and header link: the
# audience and meeting pages go just over (about 151 and 157 KB) until the page-only ones load on My pack.
SCRIPTS_OVER = pytest.mark.xfail(strict=True, reason="My pack's page-only scripts are loaded on every page")
KINDS = (
    "home",
    "question",
    "area",
    pytest.param("audience", marks=SCRIPTS_OVER),
    "glossary",
    pytest.param("my-pack", marks=MY_PACK_OVER),
    pytest.param("meeting", marks=SCRIPTS_OVER),
)


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def test_every_pages_own_html_is_within_its_budget(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    sizes = {p.relative_to(built_site).as_posix(): compressed(p.read_bytes()) for p in pages}
    over = [f"{path}: {size // 1024} KB" for path, size in sizes.items() if size > PAGE_HTML_BUDGET]
    assert not [o for o in over if o.split(":")[0] not in OVER_TODAY], f"over {PAGE_HTML_BUDGET // 1024} KB: {over}"
    # The known exception is still over: when it is not, take it off OVER_TODAY.
    assert sorted(o.split(":")[0] for o in over) == sorted(OVER_TODAY), over


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
