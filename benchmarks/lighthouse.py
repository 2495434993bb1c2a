"""Lighthouse on the built site, as a phone sees it: performance and accessibility scores per page kind.

The shipped bank is built (no PDF packs, no offline copy) and served on 127.0.0.1, compressed with gzip as a
web server sends it, and Lighthouse (the npm package pinned in package.json, ``make node-deps``) loads each
kind of page in Debian's Chromium (``CHROME_PATH``, headless) with its default settings: a phone's screen
and a throttled network and processor. The scores are printed, never judged: a low one fails nothing.
``--lighthouse-site DIR`` scores an already built site instead of building one.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.bank import ROOT
from benchmarks.context import Context, say
from benchmarks.measure import Failed, mkdocs_build
from benchmarks.report import Section

NAME = "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
CATEGORIES = ("performance", "accessibility")
METRICS = {  # Lighthouse's audit id: the column it is shown in
    "first-contentful-paint": "FCP s",
    "largest-contentful-paint": "LCP s",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
}
FORMATS = {" s": ".2f", "ms": ".0f"}  # by the column's unit; CLS has none
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lighthouse-site", type=Path, help="score this built site instead of building one")


@dataclass(frozen=True)
class Scored:
    kind: str
    path: str
    scores: dict[str, float | None]
    metrics: dict[str, float | None]
    findings: list[str]  # the audits that cost points: accessibility failures, performance's largest savings


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind, by its address in the built site."""

    def first(folder: str) -> str | None:
        found = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        return f"{folder}/{found[0]}/" if found else None

    kinds = {
        "home": "",
        "question": first("questions"),
        "area": first("areas"),
        "audience": "audiences/councillors/" if (site / "audiences" / "councillors").is_dir() else first("audiences"),
        "glossary": "glossary/",
        "my pack": "my-pack/",
        "meeting": first("meetings"),
    }
    return {kind: path for kind, path in kinds.items() if path is not None}


class _Handler(SimpleHTTPRequestHandler):
    """Files as a web server sends them: text gzip-compressed when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def score(url: str, kind: str, path: str) -> Scored:
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE.is_file():
        raise Failed(f"Lighthouse is not installed ({LIGHTHOUSE}): run `make node-deps`")
    if not Path(CHROMIUM).is_file():
        raise Failed(f"no Chromium at {CHROMIUM}: run `make browser-deps` or set CHROME_PATH")
    command = [
        node,
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=600, env={**os.environ, "CHROME_PATH": CHROMIUM}
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise Failed(f"Lighthouse could not score {url}: {last}") from None
    audits = report.get("audits", {})
    scores = {c: _hundred(report["categories"].get(c, {}).get("score")) for c in CATEGORIES}
    metrics = {}
    for audit, column in METRICS.items():
        value = audits.get(audit, {}).get("numericValue")
        metrics[column] = None if value is None else value / 1000 if column.endswith(" s") else value
    return Scored(kind, path, scores, metrics, _findings(report))


def _hundred(value: float | None) -> float | None:
    return None if value is None else round(value * 100)


def _findings(report: dict) -> list[str]:
    audits = report.get("audits", {})
    found = []
    for ref in report["categories"].get("accessibility", {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"accessibility: {audit.get('title', ref['id'])}")
    savings = [
        (audit.get("details", {}).get("overallSavingsMs") or 0, audit.get("title", audit_id))
        for audit_id, audit in audits.items()
        if audit.get("details", {}).get("type") == "opportunity" and (audit.get("score") or 1) < 1
    ]
    found += [f"performance: {title} (about {ms:.0f} ms)" for ms, title in sorted(savings, reverse=True)[:3] if ms]
    return found


def measure(ctx: Context) -> Section:
    site = ctx.args.lighthouse_site
    if site is None:
        site = ctx.work / "lighthouse-site"
        say("lighthouse: building the shipped bank")
        mkdocs_build(ctx.shipped() / "mkdocs.yml", site)
    server = serve(Path(site))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = []
    try:
        for kind, path in page_kinds(Path(site)).items():
            say(f"lighthouse: {kind} ({path or '/'})")
            results.append(score(base + path, kind, path))
    finally:
        server.shutdown()
    header = ["page", "address", "performance", "accessibility", *METRICS.values()]
    rows = [
        [
            r.kind,
            "/" + r.path,
            *(_shown(r.scores[c]) for c in CATEGORIES),
            *(_shown(r.metrics[m], FORMATS.get(m[-2:], ".3f")) for m in METRICS.values()),
        ]
        for r in results
    ]
    notes = [f"  {r.kind}: {finding}" for r in results for finding in r.findings]
    data = {r.kind: {"path": r.path, **r.scores, **r.metrics, "findings": r.findings} for r in results}
    title = "Lighthouse 12.2.3, mobile (its default: a phone's screen, throttled network and processor)"
    return Section(title, header, rows, notes, data)


def _shown(value: float | None, spec: str = ".0f") -> str:
    return "-" if value is None else format(value, spec)
