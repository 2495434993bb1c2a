"""The generated pages as a build makes them: each made when MkDocs reads it, in the build's own process, so
whatever goes wrong while one is made (a warning, an error) reaches the build and stops a strict one."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from scrutiny_packs.publish import mkdocs_internals, page_source
from scrutiny_packs.publish.atomic import BuildFailed, build_site
from scrutiny_packs.site.generate import SiteBuilder
from tests.conftest import page

pytestmark = pytest.mark.site

# The first page listed, a question (among the last pages listed), My pack, and an open data file
# (made when MkDocs copies it, after every page).
WARNED = ("index.md", "questions/q005.md", "my-pack.md", "data/questions.json")


@pytest.fixture
def project(small_project: Path) -> Path:
    """What these tests build is the build's own machinery: a small bank goes through it as the whole one
    does, in a third of the time (tests/conftest.py, ``copy_small_project``)."""
    return small_project


def test_a_warning_logged_while_a_generated_file_is_made_fails_the_strict_build(project, monkeypatch):
    log = logging.getLogger("mkdocs.hooks.scrutiny_packs")
    listed = page_source.site_sources

    def warning_when_made(source: page_source.SourceFile) -> page_source.SourceFile:
        def render():
            made = source.render()
            log.warning(f"a problem found while making {source.src_uri}")
            return made

        return page_source.SourceFile(source.src_uri, render, source.edit_path, source.in_nav, source.data)

    def sources(site, bank):
        return [warning_when_made(s) if s.src_uri in WARNED else s for s in listed(site, bank)]

    monkeypatch.setattr(page_source, "site_sources", sources)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, project / "site", strict=True, pdf=False)
    message = str(failed.value)
    assert f"{len(WARNED)} warnings" in message
    for uri in WARNED:
        assert f"a problem found while making {uri}" in message
    assert not (project / "site").exists()  # nothing half-built


def test_a_page_that_cannot_be_made_stops_the_build_naming_it(project, monkeypatch):
    def broken(self, q, search):
        if q.id == "q005":
            raise KeyError("a field the template expects")
        return original(self, q, search)

    original = SiteBuilder._question_text
    monkeypatch.setattr(SiteBuilder, "_question_text", broken)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, project / "site", strict=True, pdf=False)
    assert "making questions/q005.md failed: KeyError: 'a field the template expects' (at " in str(failed.value)
    assert not (project / "site").exists()


def test_another_release_line_of_mkdocs_or_material_stops_the_build_in_one_line(project, monkeypatch):
    installed = {"mkdocs": "1.7.0", "mkdocs-material": "9.8.2"}
    monkeypatch.setattr(mkdocs_internals, "version", installed.__getitem__)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, project / "site", strict=True, pdf=False)
    [line] = [line for line in str(failed.value).splitlines() if "mkdocs 1.7.0" in line]
    assert "(expected 1.6.x)" in line and "mkdocs-material" not in line and "mkdocs_internals.py" in line


_INJECTING_HOOK = """
def on_page_content(html, page, **kwargs):
    return html + '<p><a href="#" onclick="steal()">x</a><script>steal()</script><img src="x" onerror="steal()"></p>'
"""


def test_what_another_plugin_adds_to_a_page_is_sanitised_before_it_is_published_or_indexed(project):
    """Our sanitising runs after every other plugin's on_page_content, and its result is what the theme
    and the search index get, although it is made on another thread."""
    (project / "hooks" / "injecting.py").write_text(_INJECTING_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/injecting.py\n", 1), encoding="utf-8"
    )
    build_site(project, project / "site", strict=True, pdf=False)
    for url in ("questions/q001/", "audiences/councillors/", ""):
        article = page(project / "site", url).select_one("article")
        assert article.find("a", string="x") is not None, url  # the plugin's addition arrived...
        assert not article.select("script, [onclick], [onerror]"), url  # ...without what could run
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("steal()" in doc["text"] or "<script" in doc["text"] for doc in index["docs"])
