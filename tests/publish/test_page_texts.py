"""Pages rendered when MkDocs reads them, by a forked worker where there is a core for one, and sanitised
on a thread alongside MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scrutiny_packs.publish import page_texts
from scrutiny_packs.publish.atomic import BuildFailed, build_site
from scrutiny_packs.publish.options import PAGE_WORKER_ENV, BuildOptions
from scrutiny_packs.site.generate import PlannedPage, SiteBuilder
from tests.conftest import page

needs_fork = pytest.mark.skipif(not page_texts.can_fork(), reason="needs Linux with two cores to fork a page worker")


def _plan(count: int, render=None) -> list[PlannedPage]:
    def text(i: int) -> str:
        return f"# Page {i}\n\n" + "words " * (i * 5000)  # later pages larger than a pipe's buffer

    return [PlannedPage(f"questions/q{i:03}.md", (lambda i=i: (render or text)(i))) for i in range(count)]


@needs_fork
def test_the_worker_gives_each_page_the_text_made_in_this_process_in_any_order():
    plan = _plan(6)
    texts = page_texts.page_texts(plan, forked=True)
    try:
        order = [4, 0, 1, 5, 2, 3, 4]  # 4 before those ahead of it, and 4 again
        got = {i: texts.text(i) for i in order}
    finally:
        texts.close()
    assert got == {i: plan[i].render() for i in range(6)}
    assert texts.text(1) == plan[1].render()  # after closing, asked again: made here


@needs_fork
def test_a_page_that_fails_in_the_worker_is_named_in_one_line():
    def render(i: int) -> str:
        if i == 2:
            raise ValueError("no such template")
        return f"page {i}"

    texts = page_texts.page_texts(_plan(4, render), forked=True)
    try:
        assert [texts.text(0), texts.text(1)] == ["page 0", "page 1"]
        with pytest.raises(page_texts.PageTextsFailed) as failed:
            texts.text(2)
    finally:
        texts.close()
    message = str(failed.value)
    assert message.startswith("making questions/q002.md failed: ValueError: no such template (at ")
    assert "\n" not in message


@needs_fork
def test_a_worker_that_dies_is_reported_not_waited_for():
    def render(i: int) -> str:
        if i == 1:
            os._exit(3)  # as if the system stopped it
        return f"page {i}"

    texts = page_texts.page_texts(_plan(3, render), forked=True)
    try:
        with pytest.raises(page_texts.PageTextsFailed) as failed:
            for index in range(3):  # page 0 may or may not have left the worker before it stopped
                assert texts.text(index) == f"page {index}"
    finally:
        texts.close()
    assert "stopped (exit code 3) before questions/q00" in str(failed.value)
    assert "SCRUTINY_PACKS_PAGE_WORKER=0" in str(failed.value)


@needs_fork
def test_closing_stops_a_worker_that_has_pages_left():
    texts = page_texts.page_texts(_plan(200), forked=True)
    texts.text(0)
    texts.close()
    assert not texts._process.is_alive()


@needs_fork
def test_what_the_build_held_is_collected_as_usual_once_the_worker_is_closed():
    """Frozen while the worker runs (the collector leaves it alone), and not after: a process that
    builds many times, as the tests do, would otherwise never free what each build left."""
    import gc

    texts = page_texts.page_texts(_plan(3), forked=True)
    try:
        assert gc.get_freeze_count() > 0
    finally:
        texts.close()
    assert gc.get_freeze_count() == 0


def test_without_a_worker_each_page_is_made_when_it_is_read():
    made = []
    plan = [PlannedPage(f"p{i}.md", (lambda i=i: made.append(i) or f"page {i}")) for i in range(3)]
    texts = page_texts.page_texts(plan, forked=False)
    assert made == []  # listing the pages renders none
    assert texts.text(2) == "page 2" and made == [2]


def test_the_page_worker_is_for_builds_where_it_can_fork():
    assert BuildOptions.read("build", environ={}, can_fork=True).page_worker
    assert BuildOptions.read("gh-deploy", environ={}, can_fork=True).page_worker
    assert not BuildOptions.read("build", environ={PAGE_WORKER_ENV: "0"}, can_fork=True).page_worker
    assert not BuildOptions.read("build", environ={}, can_fork=False).page_worker  # one core, or not Linux
    assert not BuildOptions.read("serve", environ={}, can_fork=True).page_worker  # serve never forks


def test_the_plan_lists_the_pages_that_are_made_without_making_them(bank, monkeypatch):
    builder = SiteBuilder(bank)
    calls = []
    render = SiteBuilder._render
    monkeypatch.setattr(SiteBuilder, "_render", lambda self, *a, **k: calls.append(a[0]) or render(self, *a, **k))
    plan = list(builder.plan())
    assert calls == []
    pages = list(SiteBuilder(bank).pages())
    assert [(p.src_uri, p.edit_path, p.in_nav) for p in plan] == [(p.src_uri, p.edit_path, p.in_nav) for p in pages]
    assert [p.render() for p in plan] == [p.content for p in pages]


def _text_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.suffix in {".html", ".json", ".csv", ".js", ".css", ".xml", ".txt"}
    }


@pytest.mark.site
@needs_fork
def test_a_site_built_with_the_worker_is_the_site_built_without(built_site, tmp_path, monkeypatch):
    monkeypatch.setenv(PAGE_WORKER_ENV, "0")
    from tests.conftest import ROOT

    alone = tmp_path / "site"
    build_site(ROOT, alone, strict=True, pdf=True)
    with_worker, without = _text_files(built_site), _text_files(alone)
    assert len(without) > 200 and with_worker.keys() == without.keys()
    assert [name for name in without if with_worker[name] != without[name]] == []
    # The Word files: found in the cache by keys the worker works out, or by this process's own.
    word = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*.docx")}
    word_alone = {p.relative_to(alone).as_posix(): p.read_bytes() for p in alone.rglob("*.docx")}
    assert len(word) >= 10 and word.keys() == word_alone.keys()
    assert [name for name in word if word[name] != word_alone[name]] == []


@pytest.mark.site
@pytest.mark.parametrize("worker", ["1", "0"])
def test_a_page_that_cannot_be_made_stops_the_build_naming_it(project, monkeypatch, worker):
    def broken(self, q, search):
        if q.id == "q005":
            raise KeyError("a field the template expects")
        return original(self, q, search)

    original = SiteBuilder._question_text
    monkeypatch.setattr(SiteBuilder, "_question_text", broken)  # the worker is a fork: it has this too
    monkeypatch.setenv(PAGE_WORKER_ENV, worker)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, project / "site", strict=True, pdf=False)
    assert "making questions/q005.md failed: KeyError: 'a field the template expects' (at " in str(failed.value)
    assert not (project / "site").exists()  # nothing half-built


_INJECTING_HOOK = """
def on_page_content(html, page, **kwargs):
    return html + '<p><a href="#" onclick="steal()">x</a><script>steal()</script><img src="x" onerror="steal()"></p>'
"""


@pytest.mark.site
def test_what_another_plugin_adds_to_a_page_is_sanitised_before_it_is_published_or_indexed(project):
    """Our sanitising runs after every other plugin's on_page_content, and its result is what the theme
    and the search index get, although it is made on another thread."""
    import json

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
