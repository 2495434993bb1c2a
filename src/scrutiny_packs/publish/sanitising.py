"""Each page's HTML sanitised on a thread of its own while MkDocs converts the next pages.

nh3 lets go of the interpreter lock, so the cleaning costs the build little time. A page holds
nothing from ``on_page_content`` until ``swap_in`` (``on_env``) puts its clean HTML in, before the
theme or the search index reads it: a large site would otherwise hold its HTML twice.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from scrutiny_packs.text.sanitize import sanitize_html

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page


class PageSanitiser:
    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._waiting: list[tuple[Page, Future[str], str]] = []  # page, its clean HTML, what follows it

    def submit(self, page: Page, html: str, after: str = "") -> None:
        """Clean ``html`` for ``page``; ``after`` (our own script elements) follows it uncleaned."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="sanitise")
        self._waiting.append((page, self._pool.submit(sanitize_html, html), after))

    def swap_in(self) -> None:
        """Give every page submitted its clean HTML (MkDocs has converted them all), and stop the thread."""
        for page, cleaned, after in self._waiting:
            page.content = cleaned.result() + after
        self._waiting.clear()
        self.cancel()

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
