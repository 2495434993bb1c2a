"""Fixtures for the browser tests: the built site served locally, Debian's Chromium
through pytest-playwright, every request off the machine refused.

pytest-playwright's own fixtures (``browser``, ``context``, ``page``,
``new_context``) work here as usual; this file points them at Chromium on disk
and at the local server (``page.goto("questions/q001/")`` is relative to it).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scrutiny_packs.publish import offline
from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder

from .harness import CHROMIUM, CHROMIUM_ARGS, DESKTOP, RequestGuard, SiteServer


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The session's built site on http://127.0.0.1:<free port>/, shut down at the end."""
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def offline_copy(offline_site: Path, tmp_path_factory) -> Path:
    """The offline copy as a reader has it: the zip from the published site, unpacked."""
    archive = offline_site / offline.ZIP_PATH
    assert archive.is_file(), f"the build did not make {offline.ZIP_PATH}"
    target = tmp_path_factory.mktemp("offline")
    assert archive.stat().st_size < 8 * 1024 * 1024, "small enough to download on a poor connection"
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert all(n.startswith(offline.FOLDER + "/") for n in names), "everything unpacks into one folder"
        left_out = [n for n in names if n.endswith((".map", "/404.html", "sitemap.xml")) or "/lunr/" in n]
        assert not left_out, f"files the offline copy does not need: {left_out[:5]}"
        zipped.extractall(target)
    return target / offline.FOLDER


@pytest.fixture(scope="session")
def base_url(site_server: SiteServer) -> str:
    return site_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run `make browser-deps` "
            "(Debian: apt-get install chromium), then run the tests again."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture
def new_context(new_context: Callable[..., Any], site_server: SiteServer) -> Callable[..., Any]:
    """pytest-playwright's context factory, noting what a page asks of anywhere but the local site
    (Chromium refuses everything off the machine itself, harness.CHROMIUM_ARGS).

    ``new_context(allow=("file://",), ...)`` allows other places instead; the
    context's ``sp_guard.refused`` lists what was asked for elsewhere.
    """

    def make(allow: tuple[str, ...] | None = None, **kwargs: Any) -> Any:
        context = new_context(**kwargs)
        RequestGuard(*(allow if allow is not None else (site_server.url,))).attach(context)
        return context

    return make


@pytest.fixture
def open_page(new_context: Callable[..., Any]) -> Callable[..., Any]:
    """open_page(path, viewport=DESKTOP, js=True): a fresh context and page, loaded at path."""

    def open_(path: str, viewport: dict | None = None, js: bool = True, **kwargs: Any) -> Any:
        context = new_context(viewport=viewport or DESKTOP, java_script_enabled=js, **kwargs)
        page = context.new_page()
        page.goto(path)
        return page

    return open_


@pytest.fixture(scope="session")
def _reading_pages(browser: Any, site_server: SiteServer):
    """This worker's pages for ``read_page``, one per window size, closed at the end of the run."""
    pages: dict[tuple[int, int], Any] = {}
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def read_page(_reading_pages: dict[tuple[int, int], Any], browser: Any, site_server: SiteServer) -> Callable[..., Any]:
    """read_page(path, viewport=DESKTOP): a page loaded at path, for a test that only reads what it shows
    (axe, the skip link, reflow, the focus walk) and changes nothing a later page would keep.

    The page is this worker's one page for that window size, navigated to path: a page load in a fresh
    context costs four times one in a page already open (a new renderer, JavaScript compiled anew), and
    the checks run on every kind of page at every width. Each test still starts from a newly loaded
    document; only what a page keeps in storage would carry over, so a test that clicks "Add", fills a
    form or saves anything uses ``open_page``.
    """

    def read(path: str, viewport: dict | None = None) -> Any:
        viewport = viewport or DESKTOP
        key = (viewport["width"], viewport["height"])
        page = _reading_pages.get(key)
        if page is None or page.is_closed():
            context = browser.new_context(base_url=site_server.url, viewport=viewport)
            RequestGuard(site_server.url).attach(context)
            page = _reading_pages[key] = context.new_page()
        page.goto(path)
        return page

    return read


# -- the kinds of page every check runs on ---------------------------------------------------


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str  # relative to the site root, as served with directory URLs
    src: str  # the generated source page


KIND_NAMES = (
    "home",
    "module",
    "area",
    "audience",
    "question",
    "question-with-terms",
    "glossary",
    "packs-index",
    "pack",
    "audience-pack",
    "meetings-index",
    "meeting",
    "statement",
    "follow-up",
    "recommendations",
    "sources",
    "needs-review",
    "council-guide",
)


@pytest.fixture(scope="session")
def page_kinds(bank) -> dict[str, PageKind]:
    """One page of each kind the site generates, found from the bank (not hard-coded)."""
    pages = [p.src_uri for p in SiteBuilder(bank).pages()]
    bank_module = next((m.id for m in bank.modules.values() if m.generated == "questions"), None)
    area = next(a.id for a in bank.areas_in_order() if any(a.id in q.areas for q in bank.active_questions()))
    found = {
        "home": links.HOME,
        "module": links.module(bank_module) if bank_module else None,
        "area": links.area(area),
        "audience": links.audience(next(iter(bank.audiences))),
        "question": links.question(next(iter(bank.active_questions())).id),
        # A question whose text uses an abbreviation (marked up) and has a Terms used list.
        "question-with-terms": links.question(
            next(
                q.id
                for q in bank.active_questions()
                if any(t.stands_for for t in SiteBuilder(bank).glossary.terms_in(q.text))
            )
        ),
        "glossary": links.GLOSSARY if links.GLOSSARY in pages else None,
        "packs-index": links.PACKS if links.PACKS in pages else None,
        # A pack from content/packs/, as a meeting's item uses: framed "we", a RAG key, a guide (a short page
        # with the most kinds of markup); and an audience's pack (every question for that audience).
        "pack": next((links.pack(p) for p in bank.packs if links.pack(p) in pages), None),
        "audience-pack": next((links.pack(a) for a in bank.audiences if links.pack(a) in pages), None),
        "meetings-index": links.MEETINGS if links.MEETINGS in pages else None,
        "meeting": next((p for p in pages if p.startswith("meetings/") and p != links.MEETINGS), None),
        "statement": links.page("accessibility") if links.page("accessibility") in pages else None,
        "follow-up": links.FOLLOW_UP if links.FOLLOW_UP in pages else None,
        "recommendations": links.RECOMMENDATIONS if links.RECOMMENDATIONS in pages else None,
        "sources": links.SOURCES if links.SOURCES in pages else None,
        "needs-review": links.NEEDS_REVIEW if links.NEEDS_REVIEW in pages else None,
        # "Run your council's own site": indented code blocks and lists nested in lists.
        "council-guide": links.page("council-site") if links.page("council-site") in pages else None,
    }
    return {name: PageKind(name, links.url_path(src), src) for name, src in found.items() if src}


@pytest.fixture
def kind(request, page_kinds: dict[str, PageKind]) -> PageKind:
    """Indirect parameter: the PageKind named by the test's parameter."""
    name = request.param
    if name not in page_kinds:
        if name in ("packs-index", "pack", "audience-pack"):
            pytest.skip("the site has no pack pages yet")
        if name in ("meetings-index", "meeting"):
            pytest.skip("the site has no meetings")
        pytest.fail(f"the site has no page of kind {name!r}")
    return page_kinds[name]
