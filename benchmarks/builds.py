"""The headline: our build against plain mkdocs-material building the very same pages.

At each bank size: ``mkdocs build`` with our hook (the site's pages; no PDFs, no offline copy) and plain
``mkdocs build`` of ``scrutiny-packs export-markdown``'s output (the same pages, theme, nav and
extensions, no hook), built back to back in pairs, ours first in one run and plain first in the next.
Before them one build of ours with an empty pack cache fills the cache with the Word files (timed on
its own). Where asked: Zensical building the same export, a build that adds the offline copy, and one
that adds the PDF packs (pack cache emptied), each shown as what it adds to ours.
"""

from __future__ import annotations

import argparse
import math
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.context import Context, ints, say
from benchmarks.measure import PYTHON, Failed, Run, export_plain, mkdocs_build, run, zensical_build, zensical_installed
from benchmarks.report import Section, fmt, med, ratio

NAME = "builds"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf-sizes", default="100,1000", help="sizes at which to add the PDF packs ('' for none)")
    parser.add_argument(
        "--offline-sizes", default="100,1000", help="sizes at which to add the offline copy ('' for none)"
    )
    parser.add_argument("--no-zensical", action="store_true", help="leave Zensical out of the comparison")
    parser.add_argument(
        "--profile", type=Path, help="pyinstrument text profile of one of our builds at the largest size"
    )


@dataclass
class SiteSize:
    pages: int = 0
    mb: float = 0.0
    search_index_kb: float = 0.0


def site_size(site: Path) -> SiteSize:
    files = [p for p in site.rglob("*") if p.is_file()]
    index = next((p for p in (site / "search" / "search_index.json", site / "search.json") if p.is_file()), None)
    return SiteSize(
        pages=sum(1 for p in files if p.name == "index.html"),
        mb=sum(p.stat().st_size for p in files) / 1e6,
        search_index_kb=index.stat().st_size / 1e3 if index else math.nan,
    )


@dataclass
class AtSize:
    n: int
    ours: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    zensical: list[Run] = field(default_factory=list)
    first: Run | None = None  # ours with the pack cache empty
    offline: list[Run] = field(default_factory=list)  # ours plus the offline copy
    pdf: list[Run] = field(default_factory=list)  # ours plus the PDF packs, pack cache emptied
    sites: dict[str, SiteSize] = field(default_factory=dict)

    def wall(self, which: str) -> float:
        return med(r.wall_s for r in getattr(self, which))

    def cpu(self, which: str) -> float:
        return med(r.cpu_s for r in getattr(self, which))

    def peak(self, which: str) -> float:
        return med(r.peak_mb for r in getattr(self, which))

    def paired_wall_ratio(self) -> float:
        """The median of each pair's own ratio: the two builds of a pair share the machine's drift."""
        return med(a.wall_s / b.wall_s for a, b in zip(self.ours, self.plain))

    def figures(self) -> dict:
        runs = {k: [r.figures() for r in getattr(self, k)] for k in ("ours", "plain", "zensical", "offline", "pdf")}
        return {
            "questions": self.n,
            "cpu_ratio": ratio(self.cpu("ours"), self.cpu("plain")),
            "wall_ratio_paired": self.paired_wall_ratio(),
            "peak_mb": {"ours": self.peak("ours"), "plain": self.peak("plain")},
            "first_build": self.first.figures() if self.first else None,
            "runs": runs,
            "sites": {k: vars(v) for k, v in self.sites.items()},
        }


def _measure_size(ctx: Context, n: int) -> AtSize:
    args, work = ctx.args, ctx.work
    out = AtSize(n)
    project = ctx.project(n)
    config = project / "mkdocs.yml"
    plain = work / f"plain-{n}"
    site, plain_site = work / f"site-{n}", work / f"plain-site-{n}"
    say(f"{n:,}: export-markdown for the plain build")
    export_plain(project, plain)
    say(f"{n:,}: first build of ours (pack cache empty)")
    out.first = mkdocs_build(config, site, cold=True)[0]
    with_zensical = not args.no_zensical and zensical_installed()
    for i in range(ctx.runs):
        for which in ("ours", "plain") if i % 2 == 0 else ("plain", "ours"):
            say(f"{n:,}: run {i + 1}/{ctx.runs}: {which}")
            built = mkdocs_build(config, site) if which == "ours" else mkdocs_build(plain / "mkdocs.yml", plain_site)
            getattr(out, which).append(built[0])
        if with_zensical:
            say(f"{n:,}: run {i + 1}/{ctx.runs}: zensical, same export")
            out.zensical.append(zensical_build(plain))
    out.sites = {"ours": site_size(site), "plain": site_size(plain_site)}
    if out.zensical:
        out.sites["zensical"] = site_size(plain / "site")
    if n in ints(args.offline_sizes):
        for i in range(ctx.runs):
            say(f"{n:,}: run {i + 1}/{ctx.runs}: ours with the offline copy")
            out.offline.append(mkdocs_build(config, site, offline_copy=True)[0])
    if n in ints(args.pdf_sizes):
        for i in range(ctx.runs):
            say(f"{n:,}: run {i + 1}/{ctx.runs}: ours with the PDF packs, pack cache emptied")
            out.pdf.append(mkdocs_build(config, work / f"pdf-site-{n}", pdf=True, cold=True)[0])
    if args.profile and n == max(ctx.sizes):
        say(f"{n:,}: profiling one build of ours")
        profile(config, work / f"profile-site-{n}", args.profile)
    for name in (f"site-{n}", f"plain-site-{n}", f"pdf-site-{n}", f"profile-site-{n}"):
        shutil.rmtree(work / name, ignore_errors=True)
    return out


def profile(config: Path, site: Path, out: Path) -> None:
    env = {"SCRUTINY_PACKS_PDF": "0", "SCRUTINY_PACKS_OFFLINE_COPY": "0"}
    cmd = [PYTHON, "-m", "pyinstrument", "-r", "text", "-o", str(out), "-m", "mkdocs", "build", "-q"]
    run([*cmd, "-f", str(config), "-d", str(site)], "profiled build", env)


def _extra(r: AtSize, which: str, measure: str) -> float:
    if not getattr(r, which):
        return math.nan
    return getattr(r, measure)(which) - getattr(r, measure)("ours")


ROWS = [
    ("CPU RATIO ours / plain (whole process tree)", lambda r: fmt(ratio(r.cpu("ours"), r.cpu("plain")), ".3f")),
    ("CPU s: ours / plain", lambda r: f"{fmt(r.cpu('ours'))} / {fmt(r.cpu('plain'))}"),
    ("peak memory MB: ours / plain", lambda r: f"{fmt(r.peak('ours'), '.0f')} / {fmt(r.peak('plain'), '.0f')}"),
    ("wall s: ours / plain", lambda r: f"{fmt(r.wall('ours'))} / {fmt(r.wall('plain'))}"),
    ("wall ratio ours / plain (median of pairs)", lambda r: fmt(r.paired_wall_ratio(), ".3f")),
    ("zensical, same export: CPU s / wall s", lambda r: f"{fmt(r.cpu('zensical'))} / {fmt(r.wall('zensical'))}"),
    (
        "pages built: ours / plain",
        lambda r: " / ".join(str(r.sites[k].pages) if k in r.sites else "-" for k in ("ours", "plain")),
    ),
    (
        "search index KB: ours / plain",
        lambda r: " / ".join(
            fmt(r.sites[k].search_index_kb, ".0f") if k in r.sites else "-" for k in ("ours", "plain")
        ),
    ),
    ("first build, empty pack cache: CPU s", lambda r: fmt(r.first.cpu_s if r.first else None)),
    ("offline copy adds: CPU s", lambda r: fmt(_extra(r, "offline", "cpu"))),
    ("PDF packs add: CPU s", lambda r: fmt(_extra(r, "pdf", "cpu"))),
    ("peak memory MB with PDF packs", lambda r: fmt(r.peak("pdf") if r.pdf else None, ".0f")),
]


def measure(ctx: Context) -> Section:
    results: list[AtSize] = []
    failures: list[str] = []
    for n in ctx.sizes:
        try:
            results.append(_measure_size(ctx, n))
        except Failed as failed:  # one size failing (a build stopped from outside) keeps the others
            first_line = str(failed).splitlines()[0]
            say(f"{n:,}: left out: {first_line}")
            failures.append(f"Left out: {n:,} questions: {first_line}")
    section = Section(
        f"Build: ours against plain mkdocs-material, medians of {ctx.runs} run(s)",
        ["questions"] + [f"{r.n:,}" for r in results],
        [[label] + [row(r) for r in results] for label, row in ROWS],
        failures,
        {"sizes": [r.figures() for r in results]},
    )
    if not results:
        section.rows = []
    return section
