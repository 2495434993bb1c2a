"""Search quality on the shipped bank: the queries of tests/fixtures/search-queries.yml typed into the built
site's search box in Chromium (the browser tests' harness, tests/browser/search_quality.py), served and in
the offline copy opened from disk: success@5, mean reciprocal rank, the seconds from a first click in the box
to the first result, and the queries missed. Beside them, for the choice of engine (docs: README, "Search"),
MiniSearch on the very same documents and vocabulary (benchmarks/search_engines.mjs, on Node; skipped when
node_modules has no minisearch): its success@5, MRR and the size of the index it would ship.

One build of the shipped bank without PDFs (about a minute), then a minute or so of typing:
``make bench-search`` runs only this."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

from benchmarks.bank import ROOT
from benchmarks.context import Context, say
from benchmarks.measure import mkdocs_build
from benchmarks.report import Section

NAME = "search"
ENGINES = ROOT / "benchmarks" / "search_engines.mjs"
OFFLINE_ZIP = "downloads/scrutiny-packs-offline.zip"


def _minisearch(site: Path) -> dict | None:
    if not (ROOT / "node_modules" / "minisearch").is_dir() or not shutil.which("node"):
        return None
    queries = yaml.safe_load((ROOT / "tests" / "fixtures" / "search-queries.yml").read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump([{"query": q["query"], "answers": q["answers"]} for q in queries["queries"]], out)
    try:
        done = subprocess.run(["node", str(ENGINES), str(site), out.name], capture_output=True, text=True, timeout=600)
    finally:
        Path(out.name).unlink(missing_ok=True)
    return json.loads(done.stdout) if done.returncode == 0 else None


def measure(ctx: Context) -> Section:
    site = ctx.work / "search-site"
    say("search quality: building the shipped bank with its offline copy")
    mkdocs_build(ctx.shipped() / "mkdocs.yml", site, offline_copy=True)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.browser.search_quality import measure_site

    offline = ctx.work / "search-offline"
    try:
        say("search quality: typing the queries into the site's search box, served and from disk")
        online = measure_site(site)
        shutil.rmtree(offline, ignore_errors=True)
        with zipfile.ZipFile(site / OFFLINE_ZIP) as zipped:
            zipped.extractall(offline)
        from_disk = measure_site(next(offline.iterdir()), from_disk=True)
        say("search quality: MiniSearch on the same documents")
        mini = _minisearch(site)
        index = site / "search" / "search_index.json"
        lunr_gzip = len(gzip.compress(index.read_bytes(), 9))
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(offline, ignore_errors=True)
    rows = [
        [
            "lunr + rewriter, served",
            f"{online.scores.success_at_5:.1%}",
            f"{online.scores.mrr:.3f}",
            f"{lunr_gzip / 1024:.0f} KB",
            f"{online.first_result:.2f} s",
        ],
        [
            "lunr + rewriter, offline copy from disk",
            f"{from_disk.scores.success_at_5:.1%}",
            f"{from_disk.scores.mrr:.3f}",
            f"{lunr_gzip / 1024:.0f} KB",
            f"{from_disk.first_result:.2f} s",
        ],
    ]
    if mini:
        rows.append(
            [
                f"{mini['engine']} (Node, same documents and vocabulary)",
                f"{mini['success_at_5']:.1%}",
                f"{mini['mrr']:.3f}",
                f"{mini['index_gzip_bytes'] / 1024:.0f} KB",
                f"{mini['first_result_ms'] / 1000:.2f} s (load + first query, no page)",
            ]
        )
    notes = [f"  missed: {o.format()}" for o in online.scores.misses]
    data = {
        "summary": online.scores.summary(),
        "success_at_5": online.scores.success_at_5,
        "mrr": online.scores.mrr,
        "first_result_seconds": online.first_result,
        "offline_success_at_5": from_disk.scores.success_at_5,
        "offline_mrr": from_disk.scores.mrr,
        "offline_first_result_seconds": from_disk.first_result,
        "index_gzip_bytes": lunr_gzip,
        "minisearch": {k: v for k, v in (mini or {}).items() if k != "misses"},
    }
    return Section(
        f"Search quality (shipped bank, {len(online.scores.outcomes)} queries): {online.scores.summary()}",
        ["engine", "success@5", "MRR", "index (gzip)", "first result"],
        rows,
        notes,
        data,
    )
