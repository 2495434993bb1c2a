"""How well the site's own search finds what people mean: success@5 and MRR over a query set.

Each query in tests/fixtures/search-queries.yml is typed into the search box of a built site,
in real Chromium, and the result pages are read in order. A query succeeds when one of the
questions that answer it is among the first five results; its reciprocal rank is 1/rank of
the first right question (0 if none in the list). Used by tests/browser/test_search_quality.py
and by the benchmark (benchmarks/search.py), so both measure the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .harness import search, wait_for_search_ready

QUERIES = Path(__file__).resolve().parents[1] / "fixtures" / "search-queries.yml"
TOP = 5
# A question's page: questions/q001/ on the site, questions/q001.html in the offline copy opened from disk.
_QUESTION = re.compile(r"(?:^|/)questions/([a-z0-9-]+)(?:/|\.html)(?:[?#]|$)")


@dataclass(frozen=True)
class Query:
    query: str
    kind: str
    answers: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    query: Query
    results: tuple[str, ...]  # result hrefs, best first

    @property
    def rank(self) -> int | None:
        """The 1-based place of the first question that answers the query, if listed."""
        for place, href in enumerate(self.results, start=1):
            found = _QUESTION.search(href)
            if found and found.group(1) in self.query.answers:
                return place
        return None

    @property
    def success(self) -> bool:
        return self.rank is not None and self.rank <= TOP

    def format(self) -> str:
        shown = ", ".join(_short(h) for h in self.results[:TOP]) or "nothing"
        return f"{self.query.query!r} ({self.query.kind}): rank {self.rank or '-'}; top {TOP}: {shown}"


def _short(href: str) -> str:
    path = href.split("?", 1)[0]
    if path.startswith("file://"):  # the offline copy: the page's folder and name are enough
        path = "/".join(path.split("/")[-2:])
    path = re.sub(r"^[a-z]+://[^/]+/", "", path).removesuffix(".html").removesuffix("/index")
    return re.sub(r"^(\.\./|\./)+", "", path.strip("/")) or "home"


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), str(q.get("kind", "")), frozenset(q["answers"])) for q in data["queries"]]


def results_for(page: Any, query: str, timeout: float = 15_000) -> list[str]:
    """Put a query in the open search box and return the result pages' hrefs, best first: a page's
    sections are listed under it, and the page is counted once."""
    pages: dict[str, str] = {}
    for href in search(page, query, timeout):
        pages.setdefault(href.split("#", 1)[0].split("?", 1)[0], href)
    return list(pages.values())


def run_queries(page: Any, queries: list[Query]) -> list[Outcome]:
    """Enter each query into the search box of ``page`` (a Playwright page on the site)."""
    page.locator("input.md-search__input").click()
    wait_for_search_ready(page)
    return [Outcome(q, tuple(results_for(page, q.query))) for q in queries]


@dataclass(frozen=True)
class Scores:
    outcomes: tuple[Outcome, ...]

    @property
    def success_at_5(self) -> float:
        return sum(o.success for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank if o.rank else 0.0 for o in self.outcomes) / len(self.outcomes)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    def summary(self) -> str:
        return (
            f"{len(self.outcomes)} queries: success@{TOP} {self.success_at_5:.1%}, MRR {self.mrr:.3f}, "
            f"{len(self.misses)} missed"
        )


def first_result_seconds(page: Any, query: str = "domestic abuse", timeout: float = 30_000) -> float:
    """Seconds from a first click in the search box of a page just opened (its index not yet loaded) to
    the first result of ``query`` on screen: what a reader waits the first time they search."""
    started = page.evaluate("() => performance.now()")
    field = page.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=timeout, polling=10
    )
    return (page.evaluate("() => performance.now()") - started) / 1000


@dataclass(frozen=True)
class Measured:
    scores: Scores
    first_result: float  # seconds, first_result_seconds


def measure_site(site: Path, queries: list[Query] | None = None, from_disk: bool = False) -> Measured:
    """Measure a built site in Debian's Chromium (for the benchmark): served locally, or, with ``from_disk``,
    ``site`` is an unpacked offline copy opened from disk (file://)."""
    from playwright.sync_api import sync_playwright

    from .harness import CHROMIUM, CHROMIUM_ARGS, DESKTOP, RequestGuard, SiteServer

    queries = queries if queries is not None else load_queries()
    with SiteServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=DESKTOP, base_url=server.url)
            RequestGuard("file://" if from_disk else server.url).attach(context)
            page = context.new_page()
            page.goto((site / "index.html").as_uri() if from_disk else "")
            first = first_result_seconds(page)
            page.locator("input.md-search__input").fill("")
            page.locator("input.md-search__input").press("End")
            return Measured(Scores(tuple(run_queries(page, queries))), first)
        finally:
            browser.close()


if __name__ == "__main__":  # python -m tests.browser.search_quality SITE_DIR [--from-disk]
    import sys

    measured = measure_site(Path(sys.argv[1]), from_disk="--from-disk" in sys.argv)
    for outcome in measured.scores.outcomes:
        print(("   " if outcome.success else "MISS ") + outcome.format())
    print(f"{measured.scores.summary()}; first result {measured.first_result:.2f} s")
