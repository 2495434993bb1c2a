"""The benchmark's entry: run each measurement, print a short table for each, write every figure to JSON.

    python -m benchmarks [--quick] [--sizes 100,1000,10000] [--runs 3] [--only builds,serve] [--json FILE]

A measurement is a module of this package named in ``MEASUREMENTS``, with

- ``NAME``: its name for ``--only`` and ``--skip``, and its key in the JSON file;
- ``measure(ctx: Context) -> Section``: what it found (``report.Section``: a table and JSON-ready figures);
- optionally ``add_arguments(parser)``: its own options.

To add one, write the module and add its name below. The benchmark asserts nothing and exits 0 unless
it could not run at all; a measurement that fails is reported as left out and the others go on.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from benchmarks.bank import ROOT
from benchmarks.context import Context, say
from benchmarks.measure import Failed
from benchmarks.report import Section, write_json

MEASUREMENTS = ("builds", "serve", "near_duplicates", "suggest", "search", "lighthouse")
DEFAULT_JSON = ROOT / "build" / "bench" / "results.json"


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"benchmarks.{name}") for name in MEASUREMENTS]


def _names(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def parser(modules: list[ModuleType]) -> argparse.ArgumentParser:
    out = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    out.add_argument("--sizes", default="100,1000,10000", help="bank sizes, comma-separated")
    out.add_argument("--runs", type=int, default=3, help="runs of each build; the tables show medians")
    out.add_argument("--quick", action="store_true", help="a smoke run: 100 questions, one run of each")
    out.add_argument("--only", default="", help=f"only these measurements, comma-separated: {', '.join(MEASUREMENTS)}")
    out.add_argument("--skip", default="", help="leave these measurements out, comma-separated")
    out.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where the figures go (default {DEFAULT_JSON})")
    out.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    for module in modules:
        if hasattr(module, "add_arguments"):
            module.add_arguments(out.add_argument_group(module.NAME))
    return out


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            pass
    return found


def main(argv: list[str] | None = None) -> int:
    modules = _modules()
    args = parser(modules).parse_args(argv)
    chosen = _names(args.only) or list(MEASUREMENTS)
    unknown = sorted(set(chosen + _names(args.skip)) - set(MEASUREMENTS))
    if unknown:
        print(f"unknown measurement(s): {', '.join(unknown)} (known: {', '.join(MEASUREMENTS)})", file=sys.stderr)
        return 2
    chosen = [name for name in chosen if name not in _names(args.skip)]
    work = args.keep or Path(tempfile.mkdtemp(prefix="scrutiny-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ctx = Context(args, work)
    about = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "versions": _versions(),
        "load_average_before": os.getloadavg()[0],
        "options": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }
    sections: dict[str, Section] = {}
    try:
        for module in modules:
            if module.NAME not in chosen:
                continue
            try:
                sections[module.NAME] = module.measure(ctx)
            except Failed as failed:
                say(f"{module.NAME}: left out: {str(failed).splitlines()[0]}")
                sections[module.NAME] = Section(f"{module.NAME}: left out", [], notes=[str(failed)])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    about["load_average_after"] = os.getloadavg()[0]
    versions = ", ".join(f"{k} {v}" for k, v in _versions().items())
    print(
        f"Benchmark, {about['started']}: {about['cpus']} CPUs, Python {about['python']}, {versions}; "
        f"load average {about['load_average_before']:.1f} before, {about['load_average_after']:.1f} after"
    )
    for section in sections.values():
        print()
        print(section.text())
    write_json(args.json, about, sections)
    print(f"\nFigures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
