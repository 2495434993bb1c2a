"""Shared parts of the browser tests: a local web server for a built site,
Chromium's launch settings, axe-core, screenshots, and the page kinds to test.

Fixtures built on these live in ``conftest.py`` next to this file; other
browser tests (for example "My pack") can import from here directly.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "screenshots"

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright may not download browsers here
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing off this machine is reachable: every request goes to a proxy that is not there (nothing
    # listens on port 9), except those to the loopback addresses the test server is on, which Chromium
    # never sends through a proxy. Blocking here, rather than routing each request through the test
    # process, keeps the browser's cache: routing doubled what a page load cost.
    "--proxy-server=127.0.0.1:9",
]

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: 1280 px at 400% zoom

# axe-core rule tags for WCAG 2.2 level AA (and everything it includes).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# -- the local server -----------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class SiteServer:
    """Serves a folder on 127.0.0.1 on a free port, from a background thread.

    Use as a context manager: the server is ready when the block starts and
    always shut down when it ends.
    """

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="site-server", daemon=True)
        host, port = self._httpd.server_address[:2]
        self.url = f"http://{host}:{port}/"

    def __enter__(self) -> SiteServer:
        self._thread.start()
        try:
            self.wait_until_ready()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait_until_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url, timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the test web server at {self.url} did not answer within {timeout:.0f} s")
            time.sleep(0.05)

    def close(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()


# -- requests that must not leave the machine -----------------------------------------------


class RequestGuard:
    """Remembers what a page asked for from anywhere but the allowed places.

    Chromium itself refuses everything off the machine (``CHROMIUM_ARGS``); this also catches a
    request to the local test server from a page that should not need it (the offline copy, opened
    from disk), which tests then find in ``refused``.
    """

    ALWAYS = ("data:", "blob:", "about:")

    def __init__(self, *allowed: str):
        self.allowed = tuple(allowed) + self.ALWAYS
        self.refused: list[str] = []

    def __call__(self, request: Any) -> None:
        if not request.url.startswith(self.allowed):
            self.refused.append(request.url)

    def attach(self, context: Any) -> RequestGuard:
        context.on("request", self)
        context.sp_guard = self  # tests can check what was refused
        return self


# -- axe-core ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: list[str]
    summary: str

    def format(self) -> str:
        where = ", ".join(self.targets[:5]) + (f" and {len(self.targets) - 5} more" if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}): {self.help}\n    at {where}\n    {self.summary}"


def settle(page: Any, timeout_ms: int = 3000) -> None:
    """Wait for the page's running transitions and animations to end (endless ones aside), so what is
    checked is what a reader sees: a tooltip caught fading in has the colours of neither state."""
    page.evaluate(
        """(timeout) => Promise.race([
        Promise.all(document.getAnimations()
            .filter((a) => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
            .map((a) => a.finished.catch(() => null))),
        new Promise((done) => setTimeout(done, timeout)),
    ])""",
        timeout_ms,
    )


def axe_violations(page: Any, context: Any = None, without: tuple[str, ...] = ()) -> list[Violation]:
    """Run axe-core (the copy bundled with axe-playwright-python) for WCAG 2.2 AA, leaving out the rules
    named in ``without`` (for a check another test already makes on the same page)."""
    from axe_playwright_python.sync_playwright import Axe

    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    if without:
        options["rules"] = {rule: {"enabled": False} for rule in without}
    settle(page)
    results = Axe().run(page, context=context, options=options)
    found = []
    for v in results.response["violations"]:
        nodes = v.get("nodes", [])
        summary = " ".join((nodes[0].get("failureSummary") or "").split()) if nodes else ""
        found.append(
            Violation(
                v["id"],
                v.get("impact") or "",
                v.get("help", ""),
                [" ".join(map(str, n.get("target", []))) for n in nodes],
                summary[:400],
            )
        )
    return found


def axe_report(violations: list[Violation]) -> str:
    return "\n".join(v.format() for v in violations)


# -- screenshots ---------------------------------------------------------------------------

MAX_SCREENSHOT_HEIGHT = 4000  # the top of a long page shows its look; all of it is slow to save


def screenshot(page: Any, name: str, full_page: bool = True) -> Path | None:
    """Save a PNG for reviewers under build/screenshots/ (not committed), when they are asked for
    (``make screenshots``, which sets SCRUTINY_PACKS_SCREENSHOTS=1): a whole long page is a second or
    more of the browser's time, which `make test` has better uses for.

    full_page: the whole page, down to MAX_SCREENSHOT_HEIGHT; otherwise the viewport.
    """
    if os.environ.get("SCRUTINY_PACKS_SCREENSHOTS") != "1":
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-')}.png"
    if full_page:
        width, height = page.evaluate(
            "() => [document.documentElement.clientWidth, document.scrollingElement.scrollHeight]"
        )
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_SCREENSHOT_HEIGHT)}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    else:
        page.screenshot(path=str(path))
    return path


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# -- waiting on Material -------------------------------------------------------------------

SEARCH_READY = "Type to start searching"


def wait_for_search_ready(page: Any, timeout: float = 15_000) -> None:
    """Material's search index has loaded once its placeholder text appears."""
    page.wait_for_function(
        "text => (document.querySelector('.md-search-result__meta') || {}).textContent?.trim() === text",
        arg=SEARCH_READY,
        timeout=timeout,
    )


def search(page: Any, phrase: str, timeout: float = 15_000) -> list[str]:
    """Put a phrase in the open search box and return the result links' hrefs, best first.

    The box is emptied first and the phrase entered at once, so the results read are the phrase's own,
    never those of the phrase before it or of its first letters (typed a key at a time, a prefix's results
    could be read before the whole phrase's arrived). Material searches on keyup: the key pressed after
    filling the box sends the whole phrase, once."""
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press("End")
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').textContent.trim() === text"
        " && document.querySelectorAll('.md-search-result__item').length === 0",
        arg=SEARCH_READY,
        timeout=timeout,
    )
    field.fill(phrase)
    field.press("End")
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').textContent.trim() !== text",
        arg=SEARCH_READY,
        timeout=timeout,
    )
    return page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.getAttribute('href'))"
    )


def live_text(page: Any, selector: str) -> str:
    return page.eval_on_selector(selector, "e => e.textContent.trim()")
