"""Each generated page's Markdown, made when MkDocs reads that page.

The hook lists every page to MkDocs in ``on_files`` without rendering any
(``SiteBuilder.plan``). MkDocs then reads the pages one by one, in the order they were
listed, and converts each to HTML. A page's Markdown is made at that moment:

- ``InProcess`` renders it there and then, so a large bank's pages are never all held at once.
- ``Forked`` renders them in a worker process forked from the build, in the same order, each
  sent down a pipe as soon as it is made. The rendering then runs on the second core while
  MkDocs converts the pages already made, instead of before MkDocs starts. It is used by
  ``mkdocs build`` on Linux with two or more cores (``publish/options.py``); a fork shares the
  loaded bank with the build, so nothing is loaded twice or pickled.

Both give the same text for every page (tests/publish/test_page_texts.py builds a site both
ways and compares every file).
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

_PAGE = b"P"  # a page's Markdown follows, as UTF-8
_BYTES = b"B"  # a file's bytes follow (the open data files)
_FAILED = b"E"  # rendering a page failed: the page's path and the error follow


class Planned(Protocol):
    """Something to make: a page (``site.generate.PlannedPage``) or a ``PlannedData``."""

    src_uri: str
    render: Callable[[], str | bytes]


@dataclass(frozen=True, slots=True)
class PlannedData:
    """Not a page: a file's bytes (open data), or a part of a page added after sanitising (My pack's data)."""

    src_uri: str  # where it goes, named in an error
    render: Callable[[], str | bytes]


class PageTextsFailed(Exception):
    """The worker stopped before sending a page: one line saying which page and why."""


class PageTexts(Protocol):
    def text(self, index: int) -> str | bytes:
        """What ``plan[index].render()`` makes: a page's Markdown, or a file's bytes."""

    def close(self) -> None:
        """Stop making pages (the build is over, or failed)."""


class InProcess:
    def __init__(self, plan: Sequence[Planned]):
        self._plan = plan

    def text(self, index: int) -> str | bytes:
        return _render(self._plan[index])

    def close(self) -> None:
        pass


class Forked:
    """Pages rendered in order by a forked worker. A page asked for out of order waits for those before it."""

    def __init__(self, plan: Sequence[Planned]):
        context = multiprocessing.get_context("fork")
        self._plan = plan
        self._received: dict[int, str | bytes] = {}  # sent by the worker, not yet asked for
        self._next = 0  # the index of the next page the worker sends
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_render_all, args=(plan, writer, self._reader), name="scrutiny-packs-pages", daemon=True
        )
        # Everything made so far (the bank, MkDocs' config, the plan) lives as long as the build: frozen,
        # the garbage collector no longer walks it. Each full collection of a large build went through
        # all of it again, and by writing to it made both processes copy the memory they share.
        gc.freeze()
        self._frozen = True
        try:
            self._process.start()
        except BaseException:
            self._frozen = False
            gc.unfreeze()
            raise
        writer.close()  # the worker holds the only writing end: its exit ends the pipe

    def text(self, index: int) -> str | bytes:
        if index in self._received:
            return self._received.pop(index)
        if index < self._next:  # asked for twice: made again here
            return _render(self._plan[index])
        while True:
            message = self._receive()
            got, self._next = self._next, self._next + 1
            if got == index:
                return message
            self._received[got] = message

    def _receive(self) -> str | bytes:
        try:
            message = self._reader.recv_bytes()
        except (EOFError, OSError):
            self._process.join(5)
            code = self._process.exitcode
            page = self._plan[self._next].src_uri if self._next < len(self._plan) else "the pages"
            raise PageTextsFailed(
                f"the process making the site's pages stopped (exit code {code}) before {page}; "
                "build again, or set SCRUTINY_PACKS_PAGE_WORKER=0 to make them in the build's "
                "own process"
            ) from None
        kind, body = message[:1], message[1:]
        if kind == _FAILED:
            raise PageTextsFailed(body.decode("utf-8"))
        return body if kind == _BYTES else body.decode("utf-8")

    def close(self) -> None:
        if self._frozen:  # collected as usual again, once the build is done with it
            gc.unfreeze()
            self._frozen = False
        self._reader.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(5)
        self._received.clear()


AHEAD_BYTES = 64 * 1024 * 1024  # how far the worker may get ahead of MkDocs, in made pages not yet read


class _Sender:
    """The worker's pipe, written by a thread of its own, so the worker renders on while MkDocs reads.

    Up to ``AHEAD_BYTES`` of pages wait here: the worker finishes early (it renders far faster than MkDocs
    converts), so what comes last (the open data files) is ready when the build asks for it, and a large
    bank's pages are never all held at once.
    """

    def __init__(self, writer, ahead: int = AHEAD_BYTES):
        self._writer, self._ahead = writer, ahead
        self._waiting: collections.deque[bytes | None] = collections.deque()
        self._bytes = 0
        self._changed = threading.Condition()
        self.broken = False  # the build stopped reading
        self._thread = threading.Thread(target=self._run, name="send", daemon=True)
        self._thread.start()

    def put(self, message: bytes | None) -> None:
        """Queue a message (None: the end), waiting while too much is queued already."""
        size = len(message) if message is not None else 0
        with self._changed:
            while self._bytes and self._bytes + size > self._ahead and not self.broken:
                self._changed.wait()
            self._waiting.append(message)
            self._bytes += size
            self._changed.notify_all()

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._waiting:
                    self._changed.wait()
                message = self._waiting.popleft()
            if message is None:
                return
            try:
                self._writer.send_bytes(message)  # blocks while the pipe is full, without the GIL
            except OSError:  # BrokenPipeError and the like: nobody is reading any more
                with self._changed:
                    self.broken = True
                    self._changed.notify_all()
                return
            with self._changed:
                self._bytes -= len(message)
                self._changed.notify_all()

    def finish(self) -> None:
        self.put(None)
        self._thread.join()
        self._writer.close()


def _render_all(plan: Sequence[Planned], writer, reader) -> None:
    """The worker: render each page in order and send it; on an error, send the error and stop."""
    reader.close()  # the build's end: held here too, a build that died would leave this worker waiting
    _widen(writer)
    # The sender thread must get this process's lock back quickly whenever the pipe has room, or
    # MkDocs waits on it while the worker renders pages far ahead.
    sys.setswitchinterval(0.0002)
    sender = _Sender(writer)
    page = None
    try:
        for page in plan:
            if sender.broken:
                break
            made = page.render()
            sender.put(_BYTES + made if isinstance(made, bytes) else _PAGE + made.encode("utf-8"))
    except Exception as error:
        sender.put(_FAILED + _failure(page, error).encode("utf-8"))
    finally:
        sender.finish()


PIPE_BYTES = 1024 * 1024  # the pipe's own buffer, where Linux allows it (its default is 64 KB)


def _widen(writer) -> None:
    """Give the pipe a larger buffer, so MkDocs reads several pages for each time the sender runs."""
    try:
        import fcntl

        fcntl.fcntl(writer.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the system's limit: the default serves
        pass


def _render(page: Planned) -> str | bytes:
    try:
        return page.render()
    except Exception as error:
        raise PageTextsFailed(_failure(page, error)) from error


def _failure(page: Planned | None, error: Exception) -> str:
    """One line: which page could not be made, the error, and the line of code it came from."""
    where = page.src_uri if page is not None else "the first page"
    last = traceback.extract_tb(error.__traceback__)[-1]
    return (
        f"making {where} failed: {type(error).__name__}: {error} (at {os.path.basename(last.filename)}:{last.lineno})"
    ).replace("\n", " ")


def can_fork() -> bool:
    """Whether a worker process can be forked here and has a core of its own to run on."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    return len(os.sched_getaffinity(0)) >= 2


def page_texts(plan: Sequence[Planned], forked: bool) -> PageTexts:
    return Forked(plan) if forked else InProcess(plan)
