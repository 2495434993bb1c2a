"""``mkdocs serve --dirty`` (as ``make serve`` runs it): seconds from saving a question file to the served pages
showing the change, and whether serving made any PDF or Word file (it should not unless asked).

On the shipped bank, and at the ``--serve-sizes`` bank sizes: the time until ``questions/q001/`` shows
a new marker saved into ``content/questions/q001.yml``, then until the question bank page (which lists
every question) shows it too, polled every 20 ms; medians of ``--serve-edits`` saves.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.context import Context, ints, say
from benchmarks.measure import PYTHON, Failed
from benchmarks.report import Section, fmt, med

NAME = "serve"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--serve-sizes", default="1000", help="bank sizes at which to time mkdocs serve ('' for none)")
    parser.add_argument("--serve-edits", type=int, default=3, help="saves per serve measure")
    parser.add_argument(
        "--no-serve-shipped", action="store_true", help="leave out the serve measure on the shipped bank"
    )


@dataclass
class Latency:
    page: list[float] = field(default_factory=list)  # save -> the question's own page shows it
    lists: list[float] = field(default_factory=list)  # save -> the question bank page shows it
    made_pdf: bool | None = None
    made_word: bool | None = None


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


def _served_file(base: str, suffix: str) -> bool:
    """Whether any served pack page links a file ending in ``suffix`` that is there."""
    index = _get(base + "packs/") or ""
    pages = [urllib.parse.urljoin(base + "packs/", h) for h in re.findall(r'href="([^"#]+/)"', index)]
    for page in [base + "packs/"] + [u for u in pages if u.startswith(base + "packs/")]:
        for href in re.findall(r'href="([^"]+' + re.escape(suffix) + ')"', _get(page) or ""):
            if _get(urllib.parse.urljoin(page, href)) is not None:
                return True
    return False


def _wait_for(url: str, marker: str, start: float, proc: subprocess.Popen, log) -> float:
    while True:
        body = _get(url)
        if body is not None and marker in body:
            return time.perf_counter() - start
        if time.perf_counter() - start > 600 or proc.poll() is not None:
            log.seek(0)
            raise Failed("mkdocs serve never showed the edit:\n" + log.read().decode()[-3000:])
        time.sleep(0.02)


def _mark(text: str, marker: str) -> str:
    """The question file with ``marker`` put at the start of its question's text."""

    def marked(found: re.Match) -> str:
        return f'text: "{marker} ' + found.group(1).strip('"') + '"'

    return re.sub(r"^text: (.*)$", marked, text, count=1, flags=re.MULTILINE)


def latency(project: Path, edits: int, startup_timeout: float = 900) -> Latency:
    with tempfile.TemporaryFile() as log:
        return _latency(project, edits, startup_timeout, log)


def _latency(project: Path, edits: int, startup_timeout: float, log) -> Latency:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SCRUTINY_PACKS_PDF", None)
    env.pop("SCRUTINY_PACKS_OFFLINE_COPY", None)
    cmd = [PYTHON, "-m", "mkdocs", "serve", "--dirty", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log)
    target = project / "content" / "questions" / "q001.yml"
    original = target.read_text(encoding="utf-8")
    page_url, list_url = base + "questions/q001/", base + "modules/question-bank/"
    result = Latency()
    try:
        deadline = time.monotonic() + startup_timeout
        while _get(page_url) is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise Failed("mkdocs serve did not start:\n" + log.read().decode()[-3000:])
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher take its first snapshot
        for k in range(1, edits + 1):
            marker = f"Benchmark edit {k} {time.time_ns()}"
            edited = _mark(original, marker)
            start = time.perf_counter()
            target.write_text(edited, encoding="utf-8")
            result.page.append(_wait_for(page_url, marker, start, proc, log))
            result.lists.append(_wait_for(list_url, marker, start, proc, log))
            time.sleep(2.0)  # let it settle before the next save
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
    return result


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def measure(ctx: Context) -> Section:
    edits = 1 if ctx.args.quick else ctx.args.serve_edits
    banks: list[tuple[str, Path]] = [] if ctx.args.no_serve_shipped else [("shipped bank", ctx.shipped())]
    banks += [(f"{n:,} questions", ctx.project(n)) for n in ints(ctx.args.serve_sizes) if n in ctx.sizes]
    rows, data, notes = [], {}, []
    for label, project in banks:
        say(f"mkdocs serve --dirty, {label}: {edits} save(s)")
        try:
            found = latency(project, edits)
        except Failed as failed:
            notes.append(f"Left out: {label}: {str(failed).splitlines()[0]}")
            continue
        data[label] = vars(found)
        rows.append(
            [
                label,
                fmt(med(found.page)),
                fmt(med(found.lists)),
                f"{_yes_no(found.made_pdf)} / {_yes_no(found.made_word)}",
            ]
        )
    header = ["mkdocs serve --dirty", "save -> its page, s", "save -> every list, s", "PDF / Word made"]
    return Section(f"Preview: medians of {edits} save(s)", header, rows, notes, data)
