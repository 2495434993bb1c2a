"""Search quality on the shipped bank: the queries of tests/fixtures/search-queries.yml typed into the built
site's search box in Chromium (the browser tests' harness, tests/browser/search_quality.py): success@5
and mean reciprocal rank, and the queries missed."""

from __future__ import annotations

import shutil
import sys

from benchmarks.bank import ROOT
from benchmarks.context import Context, say
from benchmarks.measure import mkdocs_build
from benchmarks.report import Section

NAME = "search"


def measure(ctx: Context) -> Section:
    site = ctx.work / "search-site"
    say("search quality: building the shipped bank")
    mkdocs_build(ctx.shipped() / "mkdocs.yml", site)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.browser.search_quality import measure_site

    say("search quality: typing the queries into the site's search box")
    try:
        scores = measure_site(site)
    finally:
        shutil.rmtree(site, ignore_errors=True)
    notes = [f"  missed: {o.format()}" for o in scores.misses]
    return Section(f"Search quality (shipped bank): {scores.summary()}", [], [], notes, {"summary": scores.summary()})
