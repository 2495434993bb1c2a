"""The PDF and Word files of every pack, made in parallel and cached by content.

A file's name in the cache carries a hash of everything that shapes it (the
rendered document, the stylesheet, the renderer's version), so an unchanged
pack is never made twice and a changed one never goes stale. PDFs are made
in worker processes, one per core; Word files, which are quick, are made
meanwhile in this process.

The workers are started by a fork server (a clean process that has imported WeasyPrint, never a fork
of the build, whose other threads could hold a lock the child would wait on for ever). What each
worker logs comes back with its PDF and is logged again here, so ``mkdocs build --strict`` counts it;
a worker that makes no PDF within ``PDF_TIMEOUT_SECONDS`` stops the build, naming the pack.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import multiprocessing.pool
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from scrutiny_packs.packs.html import render_document, stylesheet_path
from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.packs.pdf import PDF_VARIANT, write_atomically, write_pdf

Kind = Literal["pdf", "docx"]
# Bump when a renderer changes in a way the inputs below do not show.
RENDER_VERSION = "2"  # 2: reads only its own assets; content links are web or mail addresses
STALE_AFTER_SECONDS = 3600
PDF_TIMEOUT_SECONDS = 600  # a PDF takes seconds, a minute on a machine at full stretch: one taking this long is stuck
CACHE_DIR = ".cache/packs"  # under the project root; not published, not committed


def site_uri(pack_id: str, kind: Kind) -> str:
    """Where a pack's file is published: next to its page, /packs/<id>/<id>.<kind>."""
    return f"packs/{pack_id}/{pack_id}.{kind}"


def meeting_uri(meeting_id: str, name: str, kind: Kind) -> str:
    """Where a meeting's files are published: next to its page, /meetings/<id>/<name>.<kind>."""
    return f"meetings/{meeting_id}/{name}.{kind}"


@dataclass(frozen=True, slots=True)
class PackFile:
    pack_id: str
    kind: Kind
    path: Path  # in the cache
    uri: str = ""  # where it is published, when not beside a pack's page

    @property
    def src_uri(self) -> str:
        return self.uri or site_uri(self.pack_id, self.kind)


@dataclass(frozen=True)
class Printable:
    """A document to make as PDF and/or Word: a pack, or a meeting's papers.

    ``name`` names it in the cache and in messages; ``uris`` says where each kind is published
    (a kind left out is not made); ``document`` and ``docx`` render it; ``docx_key`` gives a text
    standing for everything the Word file depends on. Each is called only when wanted, so listing
    a site's printables lays nothing out.
    """

    name: str
    uris: dict[str, str]
    document: Callable[[], str]
    docx: Callable[[], bytes] | None = None
    docx_key: Callable[[], str] = str


def _docx(view: PackView) -> bytes:
    # Imported late, as WeasyPrint is: a build whose Word files are all cached never needs python-docx.
    from scrutiny_packs.packs.docx import render_docx

    return render_docx(view)


def printable_pack(view: PackView, uris: dict[str, str] | None = None) -> Printable:
    """A pack's PDF and Word file, published beside its page unless ``uris`` says otherwise."""
    return lazy_pack(view.id, lambda: view, uris)


def lazy_pack(pack_id: str, view: Callable[[], PackView], uris: dict[str, str] | None = None) -> Printable:
    """The same, for a pack laid out (by ``view``) only when one of its files or their keys is wanted."""
    return Printable(
        pack_id,
        uris or {kind: site_uri(pack_id, kind) for kind in ("pdf", "docx")},
        lambda: render_document(view()),
        lambda: _docx(view()),
        lambda: repr(view()),
    )


def _has_docx(item: Printable) -> bool:
    return "docx" in item.uris and item.docx is not None


def _docx_key(item: Printable) -> str:
    return _key("docx", RENDER_VERSION, _version("python-docx"), item.docx_key())


def _printables(items: Iterable[PackView | Printable]) -> list[Printable]:
    return [v if isinstance(v, Printable) else printable_pack(v) for v in items]


@dataclass(slots=True)
class PackFiles:
    files: list[PackFile] = field(default_factory=list)
    made: dict[Kind, int] = field(default_factory=lambda: {"pdf": 0, "docx": 0})
    cached: int = 0
    pdf_seconds: float = 0.0  # time spent making PDFs, added up over the workers
    pdf_cpu_seconds: float = 0.0  # the same in CPU time, which other work on the machine does not inflate
    seconds: float = 0.0  # wall time from start until every file was made

    def summary(self) -> str:
        return (
            f"Pack files: {self.made['pdf']} PDF and {self.made['docx']} Word made, {self.cached} from cache; "
            f"{self.pdf_seconds:.1f} s of PDF rendering ({self.pdf_cpu_seconds:.1f} s CPU), "
            f"done {self.seconds:.1f} s after starting."
        )


@cache
def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # pragma: no cover - a missing distribution just weakens the key
        return "?"


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def _pdf_worker(document_html: str, target: str, base_url: str) -> tuple[float, float]:
    """Make one PDF; returns (wall seconds, CPU seconds) it took."""
    started, cpu = time.perf_counter(), time.process_time()
    write_pdf(document_html, Path(target), base_url)
    return time.perf_counter() - started, time.process_time() - cpu


class _Kept(logging.Handler):
    """Keeps each record logged in a worker, made ready to send back to the build."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # the text now: its arguments may not pickle
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        self.records.append(record)


def _pdf_in_worker(
    document_html: str, target: str, base_url: str, level: int
) -> tuple[tuple[float, float] | None, list[logging.LogRecord], str | None]:
    """``_pdf_worker`` in a worker process: its times (None if it failed), what it logged, and its error."""
    kept = _Kept()
    root = logging.getLogger()
    root.addHandler(kept)
    root.setLevel(level)
    try:
        return _pdf_worker(document_html, target, base_url), kept.records, None
    except Exception as error:
        return None, kept.records, f"{type(error).__name__}: {error}"
    finally:
        root.removeHandler(kept)


def _log_again(records: list[logging.LogRecord]) -> None:
    """Log here what a worker logged, as if this process had: strict builds count its warnings."""
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


def _context() -> multiprocessing.context.BaseContext:
    """Workers from a fork server where there is one (Linux, macOS), else spawned: never a fork of the build."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["scrutiny_packs.packs.pdf", "weasyprint"])  # imported once, not per worker
        return context
    return multiprocessing.get_context("spawn")


class PackFilesFailed(Exception):
    """A pack's file could not be made; the message says which and why."""


class PackFilesJob:
    """Pack files being made. ``files`` is known at once; ``finish`` waits for them.

    The MkDocs hook starts the job when it adds the files to the site and
    finishes it just before MkDocs copies them, so the PDFs are made while
    MkDocs converts the pages.
    """

    def __init__(
        self,
        views: Iterable[PackView | Printable],
        cache_dir: Path,
        pdf: bool = True,
        docx: bool = True,
        workers: int | None = None,
    ):
        self.started = time.perf_counter()
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.result = PackFiles()
        self._pdf_jobs: list[tuple[str, str, str, str]] = []  # (pack id, document, target, base url)
        self._docx_jobs: list[tuple[str, Callable[[], bytes], Path]] = []
        self._pool: multiprocessing.pool.Pool | None = None
        self._waiting: list[tuple[str, multiprocessing.pool.AsyncResult]] = []
        # Only the kinds this job makes are pruned: a build without PDFs (an offline copy, a preview)
        # must not forget the PDFs another build still uses.
        self._kinds = tuple(f".{kind}" for kind, wanted in (("pdf", pdf), ("docx", docx)) if wanted)
        self._plan(_printables(views), pdf, docx)
        workers = min(workers or os.cpu_count() or 1, len(self._pdf_jobs))
        if workers > 1:
            # Longest documents first, so no core sits idle at the end.
            self._pdf_jobs.sort(key=lambda job: len(job[1]), reverse=True)
            self._pool = _context().Pool(workers)
            level = logging.getLogger().getEffectiveLevel()
            level = min(level, logging.getLogger("mkdocs").getEffectiveLevel())
            self._waiting = [
                (name, self._pool.apply_async(_pdf_in_worker, (*job, level))) for name, *job in self._pdf_jobs
            ]

    @property
    def files(self) -> list[PackFile]:
        return self.result.files

    def _plan(self, items: list[Printable], pdf: bool, docx: bool) -> None:
        base_url = str(stylesheet_path().parent)
        css = stylesheet_path().read_text(encoding="utf-8")
        for item in items:
            if pdf and "pdf" in item.uris:
                document = item.document()
                key = _key("pdf", RENDER_VERSION, PDF_VARIANT, _version("weasyprint"), css, document)
                target = self.cache_dir / f"{item.name}-{key}.pdf"
                self.result.files.append(PackFile(item.name, "pdf", target, item.uris["pdf"]))
                if target.is_file():
                    self.result.cached += 1
                else:
                    self._pdf_jobs.append((item.name, document, str(target), base_url))
            if docx and _has_docx(item) and item.docx is not None:
                key = _docx_key(item)
                target = self.cache_dir / f"{item.name}-{key}.docx"
                self.result.files.append(PackFile(item.name, "docx", target, item.uris["docx"]))
                if target.is_file():
                    self.result.cached += 1
                else:
                    self._docx_jobs.append((item.name, item.docx, target))

    def finish(self) -> PackFiles:
        """Wait for every file. Raises PackFilesFailed naming the pack that failed."""
        try:
            for name, render, target in self._docx_jobs:
                try:
                    write_atomically(target, render())
                except Exception as exc:
                    raise PackFilesFailed(f"The Word file of pack {name!r} could not be made: {exc}") from exc
                self.result.made["docx"] += 1
            if self._pool is not None:
                self._wait_for_workers()
            else:
                for pack_id, *job in self._pdf_jobs:
                    try:
                        self._add_pdf_time(_pdf_worker(*job))
                    except Exception as exc:
                        raise PackFilesFailed(f"The PDF of pack {pack_id!r} could not be made: {exc}") from exc
            self.result.made["pdf"] = len(self._pdf_jobs)
        finally:
            self.cancel()
        self.result.seconds = time.perf_counter() - self.started
        _prune(self.cache_dir, {f.path for f in self.result.files}, self._kinds)
        return self.result

    def _wait_for_workers(self) -> None:
        # Workers take the PDFs in order: once those before it are in, a PDF has been started, so waiting
        # PDF_TIMEOUT_SECONDS for each in turn gives every one at least that long, and a stuck one no longer.
        for pack_id, waiting in self._waiting:
            try:
                times, records, error = waiting.get(PDF_TIMEOUT_SECONDS)
            except multiprocessing.TimeoutError:
                raise PackFilesFailed(
                    f"The PDF of pack {pack_id!r} was not made within {PDF_TIMEOUT_SECONDS} seconds: "
                    "its worker process is stuck or has died; build again"
                ) from None
            except Exception as exc:  # the worker's answer could not be read
                raise PackFilesFailed(f"The PDF of pack {pack_id!r} could not be made: {exc}") from exc
            _log_again(records)
            if times is None:
                raise PackFilesFailed(f"The PDF of pack {pack_id!r} could not be made: {error}")
            self._add_pdf_time(times)

    def _add_pdf_time(self, times: tuple[float, float]) -> None:
        self.result.pdf_seconds += times[0]
        self.result.pdf_cpu_seconds += times[1]

    def cancel(self) -> None:
        """Stop the workers, whatever they are doing (``finish`` has what it needs, or the build failed)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def make_pack_files(
    views: Iterable[PackView | Printable],
    cache_dir: Path,
    pdf: bool = True,
    docx: bool = True,
    workers: int | None = None,
) -> PackFiles:
    """Every pack's PDF and/or Word file, from the cache when unchanged."""
    return PackFilesJob(views, cache_dir, pdf, docx, workers).finish()


def pdf_uris(views: Iterable[PackView | Printable]) -> list[str]:
    """Where the PDF of each pack or meeting is published, without making any."""
    return [item.uris["pdf"] for item in _printables(views) if "pdf" in item.uris]


def _prune(cache_dir: Path, keep: set[Path], suffixes: tuple[str, ...] = (".pdf", ".docx")) -> None:
    """Forget old versions of packs, of the kinds given. Recent files stay: another build may be using them."""
    now = time.time()
    for entry in cache_dir.iterdir():
        if entry in keep or entry.suffix not in suffixes or entry.name.startswith("."):
            continue
        try:
            if now - entry.stat().st_mtime > STALE_AFTER_SECONDS:
                entry.unlink()
        except OSError:
            pass
