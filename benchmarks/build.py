"""Build benchmark: our hook against plain mkdocs-material and Zensical on the very same pages.

For each bank size N it makes a temporary copy of the project whose question
bank holds N questions (the real ones first, then synthetic questions with the
real ones' field shapes), and measures, as medians of several runs:

- our build (``mkdocs build`` with the hook, PDF packs off) and the plain
  build of the same pages (``scrutiny-packs export-markdown`` then
  ``mkdocs build`` with no hook), their ratio, and peak memory of each;
- Zensical building that same export (``zensical build --clean``: no cache from
  the previous run), beside them, where Zensical is installed (the "engines" extra);
- site size, search index size, the largest question page;
- the PDF packs (a build with PDFs on, less the build without);
- our own work alone: load and validate, select and frame packs, generate pages;
- ``mkdocs serve``: time from saving one question file to the served page
  showing the change.

Usage (``make bench`` runs the defaults)::

    python benchmarks/build.py [--sizes 100,1000,10000] [--runs 3] [--quick]
                               [--pdf-sizes 100,1000] [--serve-sizes 100,1000]
                               [--profile FILE]

It prints one table and exits 0; it asserts nothing (the targets are in
benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "content", "hooks", "overrides")
PYTHON = sys.executable
SEED = 20261122
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/question.schema.json\n"


# -- the synthetic bank -------------------------------------------------------------------------


def _real_questions(content: Path) -> list[tuple[Path, dict]]:
    out = []
    for path in sorted((content / "questions").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("status", "active") == "active" and not data.get("replaced_by"):
            out.append((path, data))
    return out


_WORD = re.compile(r"^[A-Za-z][a-z'-]+$")


def _vary(text: str, words: list[str], rng: random.Random, share: float) -> str:
    """The text with about `share` of its plain words swapped for others from the bank."""
    out = []
    for token in text.split(" "):
        if _WORD.match(token) and rng.random() < share:
            out.append(rng.choice(words))
        else:
            out.append(token)
    return " ".join(out)


def synthesise(content: Path, n: int, seed: int = SEED) -> Iterator[tuple[str, str]]:
    """(file name, YAML text) for N questions: the real ones, then synthetic ones shaped like them."""
    real = _real_questions(content)
    rng = random.Random(seed)
    texts = [d["text"] for _, d in real]
    listen = [x for _, d in real for x in d.get("listen_for", [])]
    words = sorted({w for t in texts + listen for w in t.split() if _WORD.match(w)})
    width = 3
    for i in range(1, n + 1):
        name = f"q{i:0{width}d}.yml"
        if i <= len(real):
            yield name, real[i - 1][0].read_text(encoding="utf-8")
            continue
        base = real[rng.randrange(len(real))][1]  # wording, source, review date
        shape = real[rng.randrange(len(real))][1]  # areas, audiences, benchmarks, evidence, tags
        data: dict[str, Any] = {"text": _vary(base["text"], words, rng, 0.3)}
        for key in ("areas", "audiences", "benchmarks", "evidence", "tags"):
            if shape.get(key):
                data[key] = list(shape[key])
        if base.get("listen_for"):
            count = len(base["listen_for"])
            data["listen_for"] = [_vary(x, words, rng, 0.2) for x in rng.sample(listen, count)]
        if shape.get("asked_of"):
            data["asked_of"] = shape["asked_of"]
        for key in ("source", "notes", "last_reviewed"):
            if base.get(key):
                data[key] = base[key]
        # The order of keys in the real files: text first, source near the end.
        order = [
            "text",
            "areas",
            "audiences",
            "asked_of",
            "listen_for",
            "benchmarks",
            "evidence",
            "tags",
            "source",
            "notes",
            "last_reviewed",
        ]
        data = {k: data[k] for k in order if k in data}
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
        yield name, SCHEMA_LINE + body


def make_project(n: int, dest: Path) -> Path:
    """A copy of the project (config, content, hook, theme overrides) with N questions.

    Meeting records are left out: they record answers to the questions the shipped bank's agenda items
    select, and the synthetic questions change which those are (so a record would no longer validate).
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("questions", "__pycache__", "*.record.yml"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    questions = dest / "content" / "questions"
    questions.mkdir()
    for name, text in synthesise(ROOT / "content", n):
        (questions / name).write_text(text, encoding="utf-8")
    return dest


def make_shipped(dest: Path) -> Path:
    """A copy of the project as it is (the shipped bank)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


# -- running things ----------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system, the process and every child it waited for


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run a command; wall time and the peak resident memory of its process tree's largest member."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, stderr, usage.ru_utime + usage.ru_stime)


def must(result: Run, what: str) -> Run:
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{tail}")
    return result


PACK_CACHE = ".cache/packs"  # where the hook keeps pack PDF and Word files, by content


def mkdocs_build(
    config: Path, site: Path, pdf: bool = False, offline_copy: bool = False, cold: bool = False, quiet: bool = True
) -> Run:
    """One `mkdocs build`. pdf/offline_copy switch the hook's extras; cold empties its pack cache first."""
    if site.exists():
        shutil.rmtree(site)
    if cold:
        shutil.rmtree(config.parent / PACK_CACHE, ignore_errors=True)
    env = {"SCRUTINY_PACKS_PDF": "1" if pdf else "0", "SCRUTINY_PACKS_OFFLINE_COPY": "1" if offline_copy else "0"}
    cmd = [PYTHON, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-f", str(config), "-d", str(site)]
    return must(run(cmd, env), f"mkdocs build of {config}")


_PACK_SUMMARY = re.compile(r"Pack files: (\d+) PDF and (\d+) Word made.*?([\d.]+) s of PDF rendering")


def pdf_render_seconds(result: Run) -> float | None:
    """Seconds the hook reports spending on PDF rendering (added up over its workers)."""
    match = _PACK_SUMMARY.search(result.stderr)
    return float(match.group(3)) if match else None


def export_plain(project: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    must(
        run([PYTHON, "-m", "scrutiny_packs.cli", "export-markdown", "--root", str(project), str(out)]),
        "export-markdown",
    )


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def zensical_build(export: Path) -> Run:
    """One `zensical build` of an export, into export/site, its cache emptied first (a full build)."""
    shutil.rmtree(export / "site", ignore_errors=True)
    cmd = [PYTHON, "-m", "zensical", "build", "--clean", "--config-file", str(export / "mkdocs.yml")]
    return must(run(cmd, cwd=export), f"zensical build of {export}")


# -- what a built site weighs --------------------------------------------------------------------


@dataclass
class SiteStats:
    html_pages: int = 0
    total_bytes: int = 0
    download_bytes: int = 0  # PDF and Word packs
    index_bytes: int = 0
    index_pack_bytes: int = 0  # entries for pages under packs/, which the target leaves out
    largest_question_bytes: int = 0
    largest_question: str = ""
    pdf_files: int = 0
    pdf_pages: int = 0


def _pdf_pages(path: Path) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except ImportError:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        match = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
        return int(match.group(1)) if match else 0


def site_stats(site: Path, count_pdf_pages: bool = False) -> SiteStats:
    stats = SiteStats()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        stats.total_bytes += size
        if path.suffix in (".pdf", ".docx"):
            stats.download_bytes += size
        if path.suffix == ".pdf":
            stats.pdf_files += 1
            if count_pdf_pages:
                stats.pdf_pages += _pdf_pages(path)
        if path.name == "index.html":
            stats.html_pages += 1
            rel = path.relative_to(site).as_posix()
            if rel.startswith("questions/") and size > stats.largest_question_bytes:
                stats.largest_question_bytes, stats.largest_question = size, rel
    index = site / "search" / "search_index.json"  # Material's search plugin
    if not index.is_file():
        index = site / "search.json"  # Zensical's search
    if index.is_file():
        stats.index_bytes = index.stat().st_size
        data = json.loads(index.read_text(encoding="utf-8"))
        for doc in data.get("docs") or data.get("items") or []:
            if doc.get("location", "").startswith("packs/"):
                stats.index_pack_bytes += len(json.dumps(doc)) + 2
    return stats


# -- our own work, alone -----------------------------------------------------------------------


def own_work(project: Path) -> dict[str, float]:
    """CPU seconds for each of our phases, in this process (a fresh interpreter per measure).

    CPU time rather than wall time: the machine may be shared, and this is the part we
    control. "select" lays out every default and example pack (selection and framing);
    "generate" renders every page's Markdown (packs included, reusing that layout).
    """
    clock = time.process_time
    timings: dict[str, float] = {}
    start = clock()
    from scrutiny_packs.packs.checks import load_checked
    from scrutiny_packs.site.generate import SiteBuilder

    timings["import"] = clock() - start
    start = clock()
    result = load_checked(project)
    timings["load"] = clock() - start
    if not result.ok:
        raise SystemExit(
            "the synthetic bank does not validate:\n"
            + "\n".join(p.format() for p in result.problems if p.is_error)[:3000]
        )
    bank = result.bank
    start = clock()
    builder = SiteBuilder(bank)
    if hasattr(builder, "pack_views"):
        builder.pack_views  # noqa: B018 (lays out every pack)
        timings["select"] = clock() - start
        start = clock()
    pages = sum(1 for _ in builder.pages())
    timings["generate"] = clock() - start
    start = clock()
    try:  # the data files and the My pack page's data, where this version has them
        from scrutiny_packs.site import mypack, opendata
    except ImportError:
        pass
    else:
        list(opendata.data_files(bank))
        mypack.data_script(bank)
        timings["data"] = clock() - start
    timings["pages"] = pages
    timings["questions"] = len(bank.questions)
    return timings


def measure_own_work(project: Path) -> dict[str, float]:
    out = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--own-work", str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if out.returncode != 0:
        raise SystemExit(f"own-work measure failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- mkdocs serve: save a file, wait for the served page to change ----------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@dataclass
class ServeResult:
    page: list[float] = field(default_factory=list)  # save -> the question's own page shows it
    lists: list[float] = field(default_factory=list)  # save -> the question bank page (every question) shows it
    made_pdf: bool | None = None
    made_word: bool | None = None


def serve_latency(project: Path, edits: int, startup_timeout: float = 900, dirty: bool = True) -> ServeResult:
    """Seconds from saving a question file to the served pages showing it, per edit; and whether
    serve made any PDF or Word file (it should not unless asked). ``dirty``: `mkdocs serve
    --dirty`, as `make serve` runs it (only changed pages are rendered again)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SCRUTINY_PACKS_PDF", None)
    env.pop("SCRUTINY_PACKS_OFFLINE_COPY", None)
    log = tempfile.TemporaryFile()  # noqa: SIM115 (the server's log, read after it stops)
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "mkdocs",
            "serve",
            *(["--dirty"] if dirty else []),
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    target = project / "content" / "questions" / "q001.yml"
    original = target.read_text(encoding="utf-8")
    page_url = base + "questions/q001/"
    list_url = base + "modules/question-bank/"
    result = ServeResult()
    try:
        deadline = time.monotonic() + startup_timeout
        while _get(page_url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit("mkdocs serve did not start:\n" + log.read().decode()[-3000:])
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher take its first snapshot
        for k in range(1, edits + 1):
            marker = f"Benchmark edit {k} {time.time_ns()}"
            edited = re.sub(
                r"^text: (.*)$",
                lambda m, marker=marker: f'text: "{marker} ' + m.group(1).strip('"') + '"',
                original,
                count=1,
                flags=re.MULTILINE,
            )
            start = time.perf_counter()
            target.write_text(edited, encoding="utf-8")
            for url, into in ((page_url, result.page), (list_url, result.lists)):
                while True:
                    body = _get(url)
                    if body is not None and marker in body:
                        into.append(time.perf_counter() - start)
                        break
                    if time.perf_counter() - start > 600 or proc.poll() is not None:
                        log.seek(0)
                        raise SystemExit("mkdocs serve never showed the edit:\n" + log.read().decode()[-3000:])
                    time.sleep(0.02)
            time.sleep(2.0)  # let it settle before the next edit
        if _get(base + "packs/") is not None:
            result.made_pdf, result.made_word = _served_file(base, ".pdf"), _served_file(base, ".docx")
    finally:
        target.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return result


def _served_file(base: str, suffix: str) -> bool:
    """Whether any served pack page links a file ending in suffix that exists."""
    index = _get(base + "packs/") or ""
    pages = [urllib.parse.urljoin(base + "packs/", h) for h in re.findall(r'href="([^"#]+/)"', index)]
    for page in [base + "packs/"] + [u for u in pages if u.startswith(base + "packs/")]:
        body = _get(page) or ""
        for href in re.findall(r'href="([^"]+' + re.escape(suffix) + ')"', body):
            url = urllib.parse.urljoin(page, href)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                continue
    return False


# -- near-duplicate warnings: hand-labelled pairs, and the time at 10,000 questions ---------------

LABELLED_PAIRS = ROOT / "tests" / "fixtures" / "near-duplicates.yml"


def near_duplicate_figures() -> list[list[str]]:
    """Rows: precision and recall on the labelled pairs (both tests, characters alone), and seconds
    to check 10,001 synthetic questions."""
    import itertools

    from scrutiny_packs.content.duplicates import near_duplicates, normalise
    from scrutiny_packs.content.load import load_bank
    from scrutiny_packs.model import Question

    pairs = yaml.safe_load(LABELLED_PAIRS.read_text(encoding="utf-8"))["pairs"]

    def scores(**options: Any) -> tuple[float, float, int, int]:
        flagged = [
            bool(
                near_duplicates(
                    [Question("q001", p["a"], ("a",), ("b",)), Question("q002", p["b"], ("a",), ("b",))], **options
                )
            )
            for p in pairs
        ]
        hits = sum(f and p["same"] for f, p in zip(flagged, pairs))
        return (
            hits / max(1, sum(flagged)),
            hits / sum(p["same"] for p in pairs),
            sum(flagged) - hits,
            sum(p["same"] for p in pairs) - hits,
        )

    rows = []
    for label, options in (("words and characters (validate)", {}), ("characters alone (before)", {"by_words": False})):
        precision, recall, false_alarms, missed = scores(**options)
        rows.append([f"labelled pairs, {label}", f"{precision:.2f}", f"{recall:.2f}", f"{false_alarms} / {missed}"])
    bank = load_bank(ROOT).bank
    rng = random.Random(7)
    vocabulary = sorted({w for q in bank.questions.values() for w in normalise(q.text).split()})
    vocabulary += [f"term{i}" for i in range(3000)]
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocabulary))))
    templates = [q.text.split() for q in bank.questions.values()]
    questions = []
    for n in range(10_000):
        template = rng.choice(templates)
        fresh = rng.choices(vocabulary, cum_weights=cumulative, k=len(template))
        words = [w if rng.random() < 0.4 else f for w, f in zip(template, fresh)]
        questions.append(Question(id=f"q{n:05d}", text=" ".join(words), areas=("a",), audiences=("b",)))
    questions.append(Question(id="q10000", text=questions[123].text + " now", areas=("a",), audiences=("b",)))
    started = time.process_time()
    found = near_duplicates(questions)
    seconds = time.process_time() - started
    rows.append(["10,001 synthetic questions: CPU s / pairs found", f"{seconds:.2f}", str(len(found)), "-"])
    return rows


# -- where the time goes: a second hook that only reads the clock ---------------------------------

_TIMING_HOOK = '''"""Benchmark timing hook ({where}): notes the time of MkDocs events.
Written by benchmarks/build.py."""
import json, os, sys, time
from mkdocs.plugins import event_priority

state = sys.modules.setdefault("_scrutiny_bench_timing", type(sys)("_scrutiny_bench_timing"))
if not hasattr(state, "marks"):
    state.marks, state.pages = [], {{}}

def _mark(name):
    state.marks.append((name + ":{where}", time.perf_counter()))

def _page(page, name):
    state.pages.setdefault(page.file.src_uri, {{}})[name + ":{where}"] = time.perf_counter()

{events}
'''
_EVENTS = ("config", "files", "nav", "env", "post_build")
_PAGE_EVENTS = ("page_markdown", "page_content", "page_context", "post_page")


def _timing_hook(where: str, priority: int) -> str:
    lines = []
    for name in _EVENTS:
        arg = {"config": "config", "files": "files", "nav": "nav", "env": "env", "post_build": "config"}[name]
        ret = f"    return {arg}" if name != "post_build" else ""
        lines.append(f"@event_priority({priority})\ndef on_{name}({arg}, **kwargs):\n    _mark({name!r})\n{ret}\n")
    for name in _PAGE_EVENTS:
        first = {"page_markdown": "markdown", "page_content": "html", "page_context": "context", "post_page": "output"}[
            name
        ]
        lines.append(
            f"@event_priority({priority})\ndef on_{name}({first}, page, **kwargs):\n"
            f"    _page(page, {name!r})\n    return {first}\n"
        )
    if where == "last":
        lines.append(
            '@event_priority(-100)\ndef on_shutdown():\n    json.dump({"marks": state.marks, "pages": state.pages}, '
            'open(os.environ["SCRUTINY_BENCH_TIMING"], "w"))\n'
        )
    return _TIMING_HOOK.format(where=where, events="\n".join(lines))


def breakdown(project: Path, site: Path) -> dict[str, float]:
    """Seconds by phase for one of our builds (pages only), from MkDocs' own events."""
    timed = project.parent / f"{project.name}-timed"
    if timed.exists():
        shutil.rmtree(timed)
    shutil.copytree(project, timed)  # with the pack cache, filled by the builds before
    config_text = (timed / "mkdocs.yml").read_text(encoding="utf-8")
    (timed / "hooks" / "bench_first.py").write_text(_timing_hook("first", 100), encoding="utf-8")
    (timed / "hooks" / "bench_last.py").write_text(_timing_hook("last", -100), encoding="utf-8")
    config_text = re.sub(r"^hooks:\n", "hooks:\n  - hooks/bench_first.py\n", config_text, count=1, flags=re.MULTILINE)
    config_text = re.sub(
        r"^(hooks:\n(?:  - .*\n)+)", r"\1  - hooks/bench_last.py\n", config_text, count=1, flags=re.MULTILINE
    )
    (timed / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    out = timed / "timing.json"
    env = {"SCRUTINY_PACKS_PDF": "0", "SCRUTINY_PACKS_OFFLINE_COPY": "0", "SCRUTINY_BENCH_TIMING": str(out)}
    whole = must(
        run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(timed / "mkdocs.yml"), "-d", str(site)], env),
        "timed build",
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    shutil.rmtree(timed, ignore_errors=True)
    marks = dict(data["marks"])
    pages = data["pages"]
    result: dict[str, float] = {"whole build (wall)": whole.seconds}

    def span(a: str, b: str) -> float:
        return marks.get(b, float("nan")) - marks.get(a, float("nan"))

    result["on_config, all plugins (ours: load + validate)"] = span("config:first", "config:last")
    result["on_files, all plugins (ours: generate pages, start pack files)"] = span("files:first", "files:last")
    result["on_env, all plugins (ours: wait for pack files)"] = span("env:first", "env:last")
    result["search index written (on_post_build)"] = span("post_build:first", "post_build:last")
    convert: dict[str, float] = {}
    render: dict[str, float] = {}
    search = 0.0
    for uri, ev in pages.items():
        kind = _page_kind(uri)
        convert[kind] = convert.get(kind, 0.0) + ev.get("page_content:last", 0) - ev.get("page_markdown:first", 0)
        search += ev.get("page_context:last", 0) - ev.get("page_context:first", 0)
        render[kind] = render.get(kind, 0.0) + ev.get("post_page:first", 0) - ev.get("page_context:last", 0)
    for kind in sorted(convert, key=lambda k: -convert[k]):
        result[f"Markdown -> HTML + sanitise: {kind}"] = convert[kind]
    for kind in sorted(render, key=lambda k: -render[k]):
        result[f"theme template: {kind}"] = render[kind]
    result["search indexing (all pages)"] = search
    first_page = min((ev.get("page_markdown:first", float("inf")) for ev in pages.values()), default=float("nan"))
    last_page = max((ev.get("post_page:last", 0) for ev in pages.values()), default=float("nan"))
    result["from on_nav to first page"] = first_page - marks.get("nav:last", float("nan"))
    result["page events, first to last (all page work)"] = last_page - first_page
    return result


def _page_kind(uri: str) -> str:
    head = uri.split("/")[0]
    if head in ("questions", "areas", "audiences", "modules", "packs"):
        return head + "/"
    return "other pages"


# -- the table -----------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    ours: list[Run] = field(default_factory=list)  # site pages only: no PDFs, no offline copy
    plain: list[Run] = field(default_factory=list)
    zensical: list[Run] = field(default_factory=list)  # Zensical on the plain build's export
    first: Run | None = None  # the first build of ours, pack cache empty (Word files made)
    offline: list[Run] = field(default_factory=list)  # ours plus the offline copy
    pdf: list[Run] = field(default_factory=list)  # ours plus PDF and Word packs, cache emptied each time
    own: list[dict[str, float]] = field(default_factory=list)
    serve: ServeResult | None = None
    ours_site: SiteStats | None = None
    plain_site: SiteStats | None = None
    zensical_site: SiteStats | None = None
    pdf_site: SiteStats | None = None
    breakdown: dict[str, float] = field(default_factory=dict)


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _fmt(value: float | None, spec: str) -> str:
    if value is None or value != value:  # None or NaN
        return "-"
    return format(value, spec)


def _wall(runs: list[Run]) -> float:
    return med([r.seconds for r in runs])


def _cpu(runs: list[Run]) -> float:
    return med([r.cpu_seconds for r in runs])


def _own(r: Result, *keys: str) -> float:
    if not r.own:
        return float("nan")
    return med([sum(o.get(k, 0.0) for k in keys) for o in r.own])


def _pair(a: str, b: str) -> str:
    return f"{a} / {b}"


def _pages(stats: SiteStats | None) -> str:
    return str(stats.html_pages) if stats else "-"


def _ratio(a: list[Run], b: list[Run], measure: Callable[[list[Run]], float]) -> float | None:
    return measure(a) / measure(b) if a and b else None


def _paired_ratio(a: list[Run], b: list[Run]) -> float | None:
    """The median of each run's own ratio: a's build over b's, built back to back."""
    pairs = [x.seconds / y.seconds for x, y in zip(a, b)]
    return med(pairs) if pairs else None


def _pairs(a: list[Run], b: list[Run]) -> str:
    return ", ".join(f"{x.seconds / y.seconds:.3f}" for x, y in zip(a, b)) or "-"


ROWS: list[tuple[str, Callable[[Result], str]]] = [
    (
        "pages built (ours / plain / zensical)",
        lambda r: " / ".join(_pages(s) for s in (r.ours_site, r.plain_site, r.zensical_site)),
    ),
    ("ours: wall s", lambda r: _fmt(_wall(r.ours), ".2f")),
    ("plain mkdocs-material: wall s", lambda r: _fmt(_wall(r.plain), ".2f")),
    ("zensical, same export: wall s", lambda r: _fmt(_wall(r.zensical) if r.zensical else None, ".2f")),
    ("RATIO ours / plain (wall), median of each run's pair", lambda r: _fmt(_paired_ratio(r.ours, r.plain), ".3f")),
    ("  each run's pair, ours / plain (wall)", lambda r: _pairs(r.ours, r.plain)),
    ("ratio ours / plain (wall), of the medians", lambda r: _fmt(_ratio(r.ours, r.plain, _wall), ".3f")),
    ("ratio ours / plain (CPU)", lambda r: _fmt(_ratio(r.ours, r.plain, _cpu), ".3f")),
    ("ratio zensical / plain (wall)", lambda r: _fmt(_ratio(r.zensical, r.plain, _wall), ".3f")),
    ("ratio zensical / plain (CPU)", lambda r: _fmt(_ratio(r.zensical, r.plain, _cpu), ".3f")),
    ("ours: ms per question", lambda r: _fmt(1000 * _wall(r.ours) / r.n, ".2f")),
    ("plain: ms per question", lambda r: _fmt(1000 * _wall(r.plain) / r.n, ".2f")),
    ("zensical: ms per question", lambda r: _fmt(1000 * _wall(r.zensical) / r.n if r.zensical else None, ".2f")),
    ("ours: growth from previous size", lambda r: r.__dict__.get("_growth", "-")),
    (
        "our own work: ms per question (CPU)",
        lambda r: _fmt(1000 * _own(r, "load", "select", "generate", "data") / r.n, ".3f"),
    ),
    ("  load + validate", lambda r: _fmt(1000 * _own(r, "load") / r.n, ".3f")),
    ("  select + frame (pack layout)", lambda r: _fmt(1000 * _own(r, "select") / r.n, ".3f")),
    ("  generate pages", lambda r: _fmt(1000 * _own(r, "generate") / r.n, ".3f")),
    ("  open data + My pack data", lambda r: _fmt(1000 * _own(r, "data") / r.n, ".3f")),
    (
        "peak memory MB (ours / plain / zensical)",
        lambda r: " / ".join(_fmt(med([x.max_rss_mb for x in runs]), ".0f") for runs in (r.ours, r.plain, r.zensical)),
    ),
    (
        "site MB, pages only (ours / plain / zensical)",
        lambda r: " / ".join(
            _fmt(s.total_bytes / 1e6 if s else None, ".1f") for s in (r.ours_site, r.plain_site, r.zensical_site)
        ),
    ),
    (
        "search index KB (ours / plain / zensical)",
        lambda r: " / ".join(
            _fmt(s.index_bytes / 1e3 if s else None, ".0f") for s in (r.ours_site, r.plain_site, r.zensical_site)
        ),
    ),
    (
        "search index B per question (no packs)",
        lambda r: _fmt((r.ours_site.index_bytes - r.ours_site.index_pack_bytes) / r.n if r.ours_site else None, ".0f"),
    ),
    (
        "largest question page KB",
        lambda r: _fmt(r.ours_site.largest_question_bytes / 1e3 if r.ours_site else None, ".1f"),
    ),
    ("first build, empty pack cache: wall s", lambda r: _fmt(r.first.seconds if r.first else None, ".2f")),
    ("offline copy: extra wall s", lambda r: _fmt(_wall(r.offline) - _wall(r.ours) if r.offline else None, ".2f")),
    (
        "PDF packs: files / pages",
        lambda r: _pair(str(r.pdf_site.pdf_files), str(r.pdf_site.pdf_pages)) if r.pdf_site else "-",
    ),
    ("PDF + Word packs: extra wall s", lambda r: _fmt(_wall(r.pdf) - _wall(r.ours) if r.pdf else None, ".2f")),
    (
        "PDF rendering s per PDF page",
        lambda r: _fmt(
            med([x for x in (pdf_render_seconds(p) for p in r.pdf) if x is not None]) / r.pdf_site.pdf_pages
            if r.pdf and r.pdf_site and r.pdf_site.pdf_pages
            else None,
            ".3f",
        ),
    ),
    ("peak memory MB with PDFs", lambda r: _fmt(med([x.max_rss_mb for x in r.pdf]) if r.pdf else None, ".0f")),
    ("serve --dirty: save -> its page shows it, s", lambda r: _fmt(med(r.serve.page) if r.serve else None, ".2f")),
    ("serve --dirty: save -> every list shows it, s", lambda r: _fmt(med(r.serve.lists) if r.serve else None, ".2f")),
    (
        "serve made PDF / Word files",
        lambda r: (
            "-"
            if r.serve is None or r.serve.made_pdf is None
            else _pair("yes" if r.serve.made_pdf else "no", "yes" if r.serve.made_word else "no")
        ),
    ),
]


def _markdown_table(header: list[str], body: list[list[str]]) -> str:
    """A Markdown table: first column left-aligned, the figures right-aligned."""
    widths = [max(len(line[i]) for line in [header] + body) for i in range(len(header))]
    lines = [
        "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))) + " |"
        for line in [header] + body
    ]
    lines.insert(
        1, "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    )
    return "\n".join(lines)


def table(results: list[Result]) -> str:
    for prev, cur in itertools.pairwise(results):
        if prev.ours and cur.ours:
            cur.__dict__["_growth"] = f"x{_wall(cur.ours) / _wall(prev.ours):.2f} for x{cur.n / prev.n:g}"
    header = ["questions"] + [f"{r.n:,}" for r in results]
    body = [[label] + [fn(r) for r in results] for label, fn in ROWS]
    return _markdown_table(header, body)


def breakdown_table(results: list[Result]) -> str:
    labels: list[str] = []
    for r in results:
        for label in r.breakdown:
            if label not in labels:
                labels.append(label)
    header = ["phase"] + [f"{r.n:,}" for r in results if r.breakdown]
    body = [[label] + [_fmt(r.breakdown.get(label), ".2f") for r in results if r.breakdown] for label in labels]
    return _markdown_table(header, body)


# -- main --------------------------------------------------------------------------------------


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "").replace(",", "")) for x in re.split(r"[ ,]+", text.strip()) if x] if text else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="bank sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; the table shows medians")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 100 questions, one run of each")
    parser.add_argument("--pdf-sizes", default="100,1000", help="sizes at which to time the PDF packs ('' for none)")
    parser.add_argument("--serve-sizes", default="1000", help="sizes at which to time mkdocs serve ('' for none)")
    parser.add_argument("--serve-edits", type=int, default=3, help="edits per serve measure")
    parser.add_argument(
        "--no-serve-shipped",
        action="store_true",
        help="leave out the serve measure on the shipped bank (a copy of the project as it is)",
    )
    parser.add_argument(
        "--offline-sizes", default="100,1000", help="sizes at which to time the offline copy ('' for none)"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="also profile one of our builds at the largest size (pyinstrument text report written to this file)",
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="also time one build of ours by phase at each size (a timing hook)"
    )
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="leave out the search quality step (success@5 and MRR on the shipped bank over "
        "tests/fixtures/search-queries.yml, typed into the built site's search box in Chromium)",
    )
    parser.add_argument("--search-only", action="store_true", help="only the search quality step")
    parser.add_argument("--no-zensical", action="store_true", help="leave Zensical out of the comparison")
    parser.add_argument("--own-work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.search_only:
        print(search_quality(Path(tempfile.mkdtemp(prefix="scrutiny-search-"))))
        return 0

    if args.own_work:
        print(json.dumps(own_work(args.own_work)))
        return 0

    sizes, runs = _ints(args.sizes), args.runs
    pdf_sizes, serve_sizes, edits = set(_ints(args.pdf_sizes)), set(_ints(args.serve_sizes)), args.serve_edits
    offline_sizes = set(_ints(args.offline_sizes))
    if args.quick:
        sizes, runs, edits = [100], 1, 1
    with_zensical = not args.no_zensical and zensical_installed()
    if not args.no_zensical and not with_zensical:
        _say("Zensical is not installed (pip install -e '.[engines]'): its rows stay empty")
    work = args.keep or Path(tempfile.mkdtemp(prefix="scrutiny-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    shipped: ServeResult | None = None
    failures: list[str] = []
    try:
        if not args.no_serve_shipped and serve_sizes:
            project = work / "bank-shipped"
            shutil.rmtree(project, ignore_errors=True)
            make_shipped(project)
            _say(f"shipped bank: mkdocs serve --dirty, {edits} edit(s)")
            shipped = serve_latency(project, edits)
        for n in sizes:
            try:
                result = Result(n)
                results.append(result)
                project = work / f"bank-{n}"
                if project.exists():
                    shutil.rmtree(project)
                _say(f"{n:,} questions: making the project in {project}")
                make_project(n, project)
                plain = work / f"plain-{n}"
                _say(f"{n:,}: export-markdown for the plain build")
                export_plain(project, plain)
                site, plain_site = work / f"site-{n}", work / f"plain-site-{n}"
                _say(f"{n:,}: first build of ours (pack cache empty)")
                result.first = mkdocs_build(project / "mkdocs.yml", site, cold=True)
                for i in range(runs):
                    # Each run is a pair built back to back, ours first in one run and plain first in
                    # the next: the machine's speed drifts over minutes, and a pair shares the drift.
                    for which in ("ours", "plain") if i % 2 == 0 else ("plain", "ours"):
                        _say(f"{n:,}: run {i + 1}/{runs}: {which}")
                        if which == "ours":
                            result.ours.append(mkdocs_build(project / "mkdocs.yml", site))
                        else:
                            result.plain.append(mkdocs_build(plain / "mkdocs.yml", plain_site))
                    last = f"ours {result.ours[-1].seconds:.2f} s, plain {result.plain[-1].seconds:.2f} s"
                    if with_zensical:
                        _say(f"{n:,}: run {i + 1}/{runs}: zensical, same export  ({last})")
                        result.zensical.append(zensical_build(plain))
                        last = f"zensical {result.zensical[-1].seconds:.2f} s"
                    _say(f"{n:,}: run {i + 1}/{runs}: own work  ({last})")
                    result.own.append(measure_own_work(project))
                result.ours_site = site_stats(site)
                result.plain_site = site_stats(plain_site)
                if with_zensical:
                    result.zensical_site = site_stats(plain / "site")
                if n in offline_sizes:
                    for i in range(runs):
                        _say(f"{n:,}: run {i + 1}/{runs}: ours with the offline copy")
                        result.offline.append(mkdocs_build(project / "mkdocs.yml", site, offline_copy=True))
                if n in pdf_sizes:
                    for i in range(runs):
                        _say(f"{n:,}: run {i + 1}/{runs}: ours with PDF and Word packs, pack cache emptied")
                        result.pdf.append(
                            mkdocs_build(
                                project / "mkdocs.yml", work / f"pdf-site-{n}", pdf=True, cold=True, quiet=False
                            )
                        )
                    result.pdf_site = site_stats(work / f"pdf-site-{n}", count_pdf_pages=True)
                if n in serve_sizes:
                    _say(f"{n:,}: mkdocs serve, {edits} edit(s)")
                    result.serve = serve_latency(project, edits)
                if args.breakdown:
                    _say(f"{n:,}: one build of ours, timed by phase")
                    result.breakdown = breakdown(project, work / f"timed-site-{n}")
                if args.profile and n == max(sizes):
                    _say(f"{n:,}: profiling one build of ours")
                    profile(project, work / f"profile-site-{n}", args.profile)
                for name in (f"site-{n}", f"plain-site-{n}", f"pdf-site-{n}", f"profile-site-{n}"):
                    if not args.keep:
                        shutil.rmtree(work / name, ignore_errors=True)
                _say(f"{n:,}: done ({time.monotonic() - started:.0f} s so far)")
            except SystemExit as failed:  # one size failing (a build stopped from outside) keeps the others
                _say(f"{n:,}: left out: {str(failed).splitlines()[0] if str(failed) else 'failed'}")
                failures.append(f"{n:,} questions: {str(failed).splitlines()[0] if str(failed) else 'failed'}")
                if result in results and not result.ours:
                    results.remove(result)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(
        f"Build benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {runs} run(s) each, medians; {os.cpu_count()} CPUs; "
        f"Python {sys.version.split()[0]}; {_versions()}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(table(results))
    for failure in failures:
        print(f"Left out: {failure}")
    if shipped is not None:
        print()
        print(
            f"mkdocs serve --dirty on the shipped bank ({len(list((ROOT / 'content' / 'questions').glob('*.yml')))} "
            f"questions), medians of {len(shipped.page)} saves: save -> its page shows it "
            f"{med(shipped.page):.2f} s; save -> every list shows it {med(shipped.lists):.2f} s; "
            f"PDF / Word files made: {'yes' if shipped.made_pdf else 'no'} / {'yes' if shipped.made_word else 'no'}."
        )
    print()
    print("Near-duplicate warnings (tests/fixtures/near-duplicates.yml):")
    print(_markdown_table(["measure", "precision", "recall", "false alarms / missed"], near_duplicate_figures()))
    if any(r.breakdown for r in results):
        print()
        print("Where the time goes in one build of ours (pages only), seconds:")
        print(breakdown_table(results))
    if args.search:
        print()
        print(search_quality(Path(tempfile.mkdtemp(prefix="scrutiny-search-"))))
    if args.json:
        args.json.write_text(json.dumps([_raw(r) for r in results], indent=1), encoding="utf-8")
    return 0


def search_quality(work: Path) -> str:
    """Build the shipped bank (no PDFs) and measure its search with the browser tests' harness
    (tests/browser/search_quality.py): success@5 and MRR, and the queries missed."""
    try:
        site = work / "site"
        _say("search quality: building the shipped bank")
        must(mkdocs_build(ROOT / "mkdocs.yml", site), "the search quality build")
        sys.path.insert(0, str(ROOT))
        from tests.browser.search_quality import measure_site

        _say("search quality: typing the queries into the site's search box")
        scores = measure_site(site)
        lines = [f"Search quality (shipped bank): {scores.summary()}"]
        lines += [f"  missed: {o.format()}" for o in scores.misses]
        return "\n".join(lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def profile(project: Path, site: Path, out: Path) -> None:
    env = {"SCRUTINY_PACKS_PDF": "0", "SCRUTINY_PACKS_OFFLINE_COPY": "0"}
    must(
        run(
            [
                PYTHON,
                "-m",
                "pyinstrument",
                "-r",
                "text",
                "-o",
                str(out),
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(project / "mkdocs.yml"),
                "-d",
                str(site),
            ],
            env,
        ),
        "profiled build",
    )


def _raw(r: Result) -> dict[str, Any]:
    return {
        "questions": r.n,
        "ours_s": [x.seconds for x in r.ours],
        "plain_s": [x.seconds for x in r.plain],
        "ours_cpu_s": [x.cpu_seconds for x in r.ours],
        "plain_cpu_s": [x.cpu_seconds for x in r.plain],
        "zensical_s": [x.seconds for x in r.zensical],
        "zensical_cpu_s": [x.cpu_seconds for x in r.zensical],
        "zensical_mb": [x.max_rss_mb for x in r.zensical],
        "zensical_site": r.zensical_site.__dict__ if r.zensical_site else None,
        "first_s": r.first.seconds if r.first else None,
        "offline_s": [x.seconds for x in r.offline],
        "pdf_s": [x.seconds for x in r.pdf],
        "pdf_render_s": [pdf_render_seconds(x) for x in r.pdf],
        "ours_mb": [x.max_rss_mb for x in r.ours],
        "plain_mb": [x.max_rss_mb for x in r.plain],
        "own": r.own,
        "serve": r.serve.__dict__ if r.serve else None,
        "ours_site": r.ours_site.__dict__ if r.ours_site else None,
        "plain_site": r.plain_site.__dict__ if r.plain_site else None,
        "pdf_site": r.pdf_site.__dict__ if r.pdf_site else None,
        "breakdown": r.breakdown,
    }


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(out)


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
