"""The MkDocs glue: options read in one place, the versions it was written for, quick-rebuild sources,
the preview's problems page."""

from __future__ import annotations

import os
import time
from pathlib import Path

from scrutiny_packs.problems import Problem
from scrutiny_packs.publish import mkdocs_internals, preview
from scrutiny_packs.publish.options import BuildOptions, offline_build_environment, pdfs_later
from tests.conftest import ROOT

HOOK_FILE = ROOT / "hooks" / "scrutiny_packs_hook.py"


def test_options_are_read_once_from_the_environment_given():
    options = BuildOptions.read("build", environ={"SCRUTINY_PACKS_PDF": "no", "SCRUTINY_PACKS_OFFLINE_COPY": "0"})
    assert (options.pdf, options.word, options.offline_copy, options.serving) == (False, True, False, False)
    serve = BuildOptions.read("serve", dirty=True, environ={})
    assert (serve.pdf, serve.word, serve.offline_copy, serve.serving, serve.dirty) == (False, False, False, True, True)
    assert serve.but(pdf=True).pdf and not serve.pdf  # frozen: a change is a new value


def test_the_offline_copy_links_the_pdfs_only_when_the_main_build_will_add_them():
    # Only options.py reads the environment (ruff's banned-API rule in `make lint`): the two ends meet there.
    assert pdfs_later(offline_build_environment({}, pdfs_later=True))
    assert not pdfs_later(offline_build_environment({"SCRUTINY_PACKS_PDF_LATER": "1"}, pdfs_later=False))
    assert not pdfs_later({})


def test_the_release_lines_the_glue_was_written_for_are_installed():
    assert mkdocs_internals.version_problem() is None


def test_another_release_line_is_named_in_one_line():
    installed = {"mkdocs": "1.6.3", "mkdocs-material": "9.9.0"}
    problem = mkdocs_internals.version_problem(installed.__getitem__)
    assert problem is not None and "\n" not in problem
    assert "mkdocs-material 9.9.0 (expected 9.8.x)" in problem and "mkdocs 1.6.3" not in problem


def test_a_page_source_changes_time_only_when_its_text_changes(tmp_path: Path):
    sources = preview.PageSources(tmp_path)
    sources.begin(b"nav 1")
    first = sources.path("questions/q001.md", "# One")
    stamp = first.stat().st_mtime_ns
    os.utime(first, ns=(stamp - 10**9, stamp - 10**9))  # as if written a second ago
    before = first.stat().st_mtime_ns
    sources.begin(b"nav 1")
    assert sources.path("questions/q001.md", "# One") == first and first.stat().st_mtime_ns == before
    assert not sources.changed("questions/q001.md", "# One")
    assert sources.changed("questions/q001.md", "# Two")
    sources.path("questions/q001.md", "# Two")
    assert first.stat().st_mtime_ns > before and first.read_text(encoding="utf-8") == "# Two"
    os.utime(first, ns=(before, before))
    sources.begin(b"nav 2")  # the navigation changed: every page is written again
    sources.path("questions/q001.md", "# Two")
    assert first.stat().st_mtime_ns > before
    sources.begin(b"nav 2")
    sources.forget_unseen()  # a page no longer made goes
    assert not first.exists()


def test_the_problems_page_lists_each_problem_where_the_editor_looks():
    page = preview.problems_page(
        [
            Problem("content/questions/q003.yml", 4, "audience", "unknown field", "did you mean 'audiences'?"),
            Problem("content/areas/x.yml", None, "", "file name 'X' is not a valid id", "rename <it>"),
        ],
        epoch=round(time.monotonic() * 1000),
    )
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "en" and "2 problems" in soup.title.get_text()
    items = [li.get_text("", strip=True) for li in soup.select("main ol li")]
    assert items == [
        "content/areas/x.yml: file name 'X' is not a valid id (rename <it>)",
        "content/questions/q003.yml:4: audience: unknown field (did you mean 'audiences'?)",
    ]
    assert soup.select_one("[role=status]") is not None


def test_putting_the_site_aside_and_back(tmp_path: Path):
    site = tmp_path / "site"
    (site / "questions" / "q001").mkdir(parents=True)
    (site / "questions" / "q001" / "index.html").write_text("the page", encoding="utf-8")
    shown = preview.ProblemsShown()
    shown.hide_site(site)
    assert not (site / "questions").exists()
    shown.show_problems(site, [Problem("content/questions/q001.yml", 2, "text", "bad")], epoch=1)
    assert "q001.yml:2" in (site / "404.html").read_text(encoding="utf-8")
    shown.hide_site(site)  # still broken: the kept site stays kept
    shown.restore_site(site)
    assert (site / "questions" / "q001" / "index.html").read_text(encoding="utf-8") == "the page"
    assert not (site / "404.html").exists()


def test_a_data_file_is_made_once_when_copied_and_then_read_from_the_site(tmp_path: Path):
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    (tmp_path / "docs").mkdir()
    assert not config.validate()[0]
    config.plugins._current_plugin = None  # File.generated names the plugin whose event is running: none here
    made: list[int] = []

    def render() -> bytes:
        made.append(1)
        return b'{"questions": []}'

    file = mkdocs_internals.lazy_file(config, "data/questions.json", render, data=True)
    assert not made  # listed, not made
    file.copy_file()
    assert (tmp_path / "site" / "data" / "questions.json").read_bytes() == b'{"questions": []}'
    assert file.content_bytes == b'{"questions": []}' and len(made) == 1  # read back from the site, not made again
