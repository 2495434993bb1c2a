"""The PDF and Word files of every pack, made in parallel and cached by content.

A file's name in the cache carries a hash of everything that shapes it (the
rendered document, the stylesheet, the renderer's version), so an unchanged
pack is never made twice and a changed one never goes stale. PDFs are made
in worker processes, one per core; Word files, which are quick, are made
meanwhile in this process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
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


def docx_keys(items: Iterable[PackView | Printable]) -> dict[str, str]:
    """Each Word file's cache key, by where it is published: a hash of everything that shapes it.

    A build works these out in its page worker (publish/hook.py), where laying out every pack
    costs the build nothing, and hands them to ``PackFilesJob``.
    """
    return {item.uris["docx"]: _docx_key(item) for item in _printables(items) if _has_docx(item)}


def docx_uris(items: Iterable[PackView | Printable]) -> list[str]:
    """Where the Word file of each pack or meeting item is published, without laying any out."""
    return [item.uris["docx"] for item in _printables(items) if _has_docx(item)]


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


def _context():
    # Fork is quickest (the worker inherits WeasyPrint, imported below), but only
    # safe while this process runs a single thread, as `mkdocs build` does.
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class PackFilesFailed(Exception):
    """A pack's file could not be made; the message says which and why."""


class PackFilesJob:
    """Pack files being made. ``files`` is known at once; ``finish`` waits for them.

    The MkDocs hook starts the job when it adds the files to the site and
    finishes it just before MkDocs copies them, so the PDFs are made while
    MkDocs converts the pages. ``keys`` holds Word files' cache keys already worked out
    (``docx_keys``), by where each is published; the others are worked out here.
    """

    def __init__(
        self,
        views: Iterable[PackView | Printable],
        cache_dir: Path,
        pdf: bool = True,
        docx: bool = True,
        workers: int | None = None,
        keys: dict[str, str] | None = None,
    ):
        self.started = time.perf_counter()
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.result = PackFiles()
        self._pdf_jobs: list[tuple[str, str, str, str]] = []  # (pack id, document, target, base url)
        self._docx_jobs: list[tuple[str, Callable[[], bytes], Path]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[tuple[str, Future]] = []
        # Only the kinds this job makes are pruned: a build without PDFs (an offline copy, a preview)
        # must not forget the PDFs another build still uses.
        self._kinds = tuple(f".{kind}" for kind, wanted in (("pdf", pdf), ("docx", docx)) if wanted)
        self._plan(_printables(views), pdf, docx, keys or {})
        workers = workers or os.cpu_count() or 1
        if len(self._pdf_jobs) > 1 and workers > 1:
            import weasyprint  # noqa: F401  imported once here, inherited by forked workers

            # Longest documents first, so no core sits idle at the end.
            self._pdf_jobs.sort(key=lambda job: len(job[1]), reverse=True)
            self._pool = ProcessPoolExecutor(max_workers=min(workers, len(self._pdf_jobs)), mp_context=_context())
            self._futures = [(job[0], self._pool.submit(_pdf_worker, *job[1:])) for job in self._pdf_jobs]

    @property
    def files(self) -> list[PackFile]:
        return self.result.files

    def _plan(self, items: list[Printable], pdf: bool, docx: bool, keys: dict[str, str]) -> None:
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
                key = keys.get(item.uris["docx"]) or _docx_key(item)
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
                for pack_id, future in self._futures:
                    try:
                        self._add_pdf_time(future.result())
                    except Exception as exc:
                        raise PackFilesFailed(f"The PDF of pack {pack_id!r} could not be made: {exc}") from exc
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

    def _add_pdf_time(self, times: tuple[float, float]) -> None:
        self.result.pdf_seconds += times[0]
        self.result.pdf_cpu_seconds += times[1]

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def make_pack_files(
    views: Iterable[PackView | Printable],
    cache_dir: Path,
    pdf: bool = True,
    docx: bool = True,
    workers: int | None = None,
    keys: dict[str, str] | None = None,
) -> PackFiles:
    """Every pack's PDF and/or Word file, from the cache when unchanged."""
    return PackFilesJob(views, cache_dir, pdf, docx, workers, keys).finish()


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
