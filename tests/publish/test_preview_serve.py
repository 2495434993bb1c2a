"""`mkdocs serve --dirty` as an editor uses it: a save shows on the page; broken content shows its
problems in the browser in place of the page, and the page comes back on the next good save."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import copy_small_project

# A real `mkdocs serve`, which builds the site: one server for the module (its tests edit different
# questions), so the module's tests run on one worker.
pytestmark = [pytest.mark.site, pytest.mark.xdist_group("preview-serve")]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


class Preview:
    def __init__(self, project: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (the server's log, read after it stops)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SCRUTINY_PACKS_PDF", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "-f",
                str(project / "mkdocs.yml"),
                "-a",
                f"127.0.0.1:{self.port}",
            ],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-4000:]

    def wait_for(self, path: str, test, timeout: float = 240) -> BeautifulSoup:
        """The served page at path once test(status, soup) holds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "mkdocs serve stopped:\n" + self.output()
            got = _get(self.base + path)
            if got is not None:
                soup = BeautifulSoup(got[1], "html.parser")
                if test(got[0], soup):
                    return soup
            time.sleep(0.2)
        raise AssertionError(f"{path} never showed what was expected:\n" + self.output())

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _heading(soup: BeautifulSoup) -> str:
    h1 = soup.find("h1")
    if h1 is None:
        return ""
    for permalink in h1.select("a.headerlink"):
        permalink.decompose()
    return h1.get_text(" ", strip=True)


def _problem_lines(soup: BeautifulSoup) -> list[str]:
    return [li.get_text("", strip=True) for li in soup.select("main ol li")]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[Path, Preview]]:
    """A scratch copy of the project (a small bank: tests/conftest.py, ``copy_small_project``) and
    `mkdocs serve --dirty` running on it."""
    project = copy_small_project(tmp_path_factory.mktemp("served") / "project")
    preview = Preview(project)
    try:
        # The first build of the whole site, before any test edits it (generous: the machine may be shared).
        preview.wait_for(
            "questions/q001/", lambda status, soup: status == 200 and soup.find("h1") is not None, timeout=900
        )
        yield project, preview
    finally:
        preview.stop()


def test_broken_content_shows_in_the_browser_and_the_page_comes_back(served):
    project, preview = served
    question = project / "content" / "questions" / "q003.yml"
    good = question.read_text(encoding="utf-8")
    line = next(i for i, text in enumerate(good.splitlines(), 1) if text.startswith("audiences:"))
    page = preview.wait_for("questions/q003/", lambda status, soup: status == 200 and soup.find("h1"))
    title = _heading(page)

    # A typo in a field name: every address shows the problem, with its file and line.
    question.write_text(good.replace("audiences:", "audience:", 1), encoding="utf-8")
    shown = preview.wait_for(
        "questions/q003/",
        lambda status, soup: any("content/questions/q003.yml" in text for text in _problem_lines(soup)),
    )
    assert "problem" in _heading(shown)
    lines = [text for text in _problem_lines(shown) if "q003.yml" in text]
    assert any(text.startswith(f"content/questions/q003.yml:{line}:") for text in lines), lines
    other = preview.wait_for("areas/", lambda status, soup: bool(_problem_lines(soup)))
    assert any("q003.yml" in text for text in _problem_lines(other))

    # Fixed (and changed): the page is back, with the change, and so is every other page.
    assert 'text: "' in good
    question.write_text(good.replace('text: "', 'text: "Freshly edited: ', 1), encoding="utf-8")
    back = preview.wait_for(
        "questions/q003/",
        lambda status, soup: status == 200 and not _problem_lines(soup) and "Freshly edited" in _heading(soup),
    )
    assert title.split()[-1] in _heading(back)
    areas = preview.wait_for(
        "areas/", lambda status, soup: status == 200 and soup.find("h1") is not None and not _problem_lines(soup)
    )
    assert _heading(areas) == "Areas"


def _search_docs(preview: Preview) -> list[dict]:
    got = _get(preview.base + "search/search_index.json")
    assert got is not None and got[0] == 200
    return json.loads(got[1])["docs"]


def test_a_save_shows_on_its_page_and_then_in_the_lists(served):
    project, preview = served
    question = project / "content" / "questions" / "q001.yml"
    text = question.read_text(encoding="utf-8")
    preview.wait_for("questions/q001/", lambda status, soup: status == 200)
    before = _search_docs(preview)
    marker = "Marker" + str(time.time_ns())
    assert 'text: "' in text
    question.write_text(text.replace('text: "', f'text: "{marker} ', 1), encoding="utf-8")
    preview.wait_for("questions/q001/", lambda status, soup: marker in _heading(soup))
    # The lists showing the question follow in the build after.
    bank = preview.wait_for("modules/question-bank/", lambda status, soup: marker in soup.get_text())
    assert bank.find("a", string=re.compile(marker)) is not None
    # Search covers the whole site still, each page once, the edited question as it now reads.
    after = _search_docs(preview)
    assert sorted(d["location"] for d in after) == sorted(d["location"] for d in before)
    [entry] = [d for d in after if d["location"] == "questions/q001/"]
    assert marker in entry["title"]
