"""Shared fixtures: the shipped bank, real MkDocs builds shared by a session, scratch copies.

Under pytest-xdist (`make test` runs on both cores with ``--dist loadgroup``) each worker has its
own session: the first worker to need ``built_site`` builds it and the others wait for it and read
the same folder (the site as published, its offline copy included), while the tests using
``hostile_site`` or another costly build (``GROUPED_FIXTURES``) are grouped onto one worker each.
Each build is made once per run.
tests/README.md says which built site a new test should read and how to build one of its own cheaply.
"""

from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from scrutiny_packs.packs.checks import load_checked

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT_FILES = ("mkdocs.yml", "content", "hooks", "overrides")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The zipped offline copy is a second whole build: only the shared published site (``built_site``, built once
# a run) and the ProperDocs build ask for it; every other build in the suite, its subprocesses too, leaves it out.
os.environ["SCRUTINY_PACKS_OFFLINE_COPY"] = "0"


SITE_FIXTURES = frozenset({"built_site", "hostile_site", "offline_site", "edited_site"})
# Costly builds shared by several tests: the tests using each run on one xdist worker (xdist_group),
# so it is built once. (The module-scoped ones are in tests/publish/test_engines.py.)
GROUPED_FIXTURES = ("hostile_site", "zensical_site", "properdocs_site", "edited_site")


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which reads the groups once, as it collects
def pytest_collection_modifyitems(config, items):
    """A test that uses a built site is marked ``site`` with the rest, so the fast tier leaves it out;
    the tests sharing a costly build are grouped to run on one worker."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})  # e.g. engine_site's, by name
        used |= {value for value in params.values() if isinstance(value, str) and value in GROUPED_FIXTURES}
        if SITE_FIXTURES & used:
            item.add_marker(pytest.mark.site)
        group = next((name for name in GROUPED_FIXTURES if name in used), None)
        if group is not None and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(autouse=True)
def _builds_only_when_marked(request, monkeypatch):
    """Outside tests marked ``site`` (or ``browser``), building a site fails loudly, naming the marker."""
    if request.node.get_closest_marker("site") or request.node.get_closest_marker("browser"):
        return

    def refuse(*args, **kwargs):
        raise AssertionError("this test builds a site with MkDocs: mark it @pytest.mark.site")

    import mkdocs.commands.build

    monkeypatch.setattr(mkdocs.commands.build, "build", refuse)


def _once_per_document(check, *, limit: int = 8192):
    """``check(doc, *args)`` remembered, for a check that is a pure function of the document (its data, line
    table and text) and the other arguments; callers get their own copy of the problem list. Found by the
    text, used only for a document equal in data and lines: a council's overlay gives each of its items as a
    part of one file's text, and a part is checked on its own."""
    found: dict[tuple, tuple] = {}

    def once(doc, *args):
        key = (doc.source, *args)
        seen = found.get(key)
        if seen is not None and seen[0] == doc.data and seen[1] == doc.lines:
            return list(seen[2])
        if len(found) > limit:  # the property tests make thousands of one-off files
            found.clear()
        problems = check(doc, *args)
        found[key] = (doc.data, dict(doc.lines), problems)
        return list(problems)

    return once


@pytest.fixture(scope="session", autouse=True)
def _each_text_parsed_once():
    """Parse and check each distinct content file's text once per test process.

    Parsing is a pure function of a file's text and the path it is reported under, and the suite
    reads the shipped bank again in hundreds of scratch copies (``project``): half of each load was
    libyaml and line numbering of files it had already parsed. Callers get their own copy of the
    document's line table and problem list; the data itself is never changed after parsing. The
    personal-data scan and the schema check of a parsed file are pure functions of its text too.
    """
    from scrutiny_packs.content import personal_data, references, schema, yaml_source

    parse = functools.lru_cache(maxsize=4096)(yaml_source.parse_yaml)

    def parse_once(text: str, display_path: str):
        doc, problems = parse(text, display_path)
        if doc is not None:
            doc = yaml_source.YamlDocument(doc.data, dict(doc.lines), doc.source)
        return doc, list(problems)

    # Replaced where they are looked up: the loader calls them through their modules, the checks of the
    # whole bank (references.check_all) by the name it imported.
    patched = [
        (yaml_source, "parse_yaml", parse_once),
        (personal_data, "scan_document", _once_per_document(personal_data.scan_document)),
        (references, "scan_document", _once_per_document(references.scan_document)),
        (schema, "validate", _once_per_document(schema.validate)),
    ]
    originals = [(module, name, getattr(module, name)) for module, name, _ in patched]
    for module, name, replacement in patched:
        setattr(module, name, replacement)
    yield
    for module, name, original in originals:
        setattr(module, name, original)


@pytest.fixture(scope="session")
def bank():
    result = load_checked(ROOT)
    assert result.ok, "\n".join(p.format() for p in result.problems if p.is_error)
    return result.bank


def _built_once_per_run(tmp_path_factory, name: str, build) -> Path:
    """``build(folder)`` into a folder shared by every xdist worker of this run, by the first to ask.

    The others wait on a lock and then read the same site; tests never change a built site.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name  # the run's folder, above each worker's own
    with open(folder.with_name(name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".built").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".built").touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped bank built once as published, with real MkDocs (strict): PDFs, Word files and the zipped
    offline copy. The copy's own build runs beside the main one, while the other worker waits for the site."""
    from scrutiny_packs.publish.atomic import build_site

    def build(folder: Path) -> None:
        build_site(ROOT, folder / "site", strict=True, pdf=True, offline=True)

    return _built_once_per_run(tmp_path_factory, "built", build) / "site"


@pytest.fixture(scope="session")
def offline_site(built_site: Path) -> Path:
    """The published site, named for the tests of its offline copy: ``built_site``, which holds it. (A site
    of its own cost a second main build as well as the copy's, and each pack's PDF rendered twice.)"""
    return built_site


def copy_project(dest: Path) -> Path:
    """A scratch copy of the project's content and config, safe to break.

    Each file's bytes are copied, not its times and permissions (as a fresh checkout has them): a
    third of the cost, in a fixture hundreds of tests use."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, copy_function=shutil.copyfile)
        else:
            shutil.copyfile(src, dest / name)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


_QUESTION_ID = re.compile(r"\bq\d{3,}\b")


def copy_small_project(dest: Path, first: int = 20) -> Path:
    """A scratch copy of the project with a small bank: the first ``first`` questions, the first active
    question of each area, tag and audience (so a pack or meeting chosen by one still matches something),
    every question any other content file names (packs, meetings, sources, pages) and every question those
    name (``replaced_by``), and ``content/ids.yml`` cut to match. It validates and builds as the whole bank
    does, in a third of the time: for tests about the build's machinery (what it refuses, sanitises, leaves
    behind) rather than about what the whole bank shows. Content added to it later (tests/hostile/) may
    name only the questions kept."""
    copy_project(dest)
    questions = dest / "content" / "questions"
    named: set[str] = set()
    for path in (dest / "content").rglob("*"):
        if path.is_file() and path.parent != questions and path.name != "ids.yml":
            named |= set(_QUESTION_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted(questions.glob("*.yml"))}
    keep = named | set(list(texts)[:first])
    represented: set[tuple[str, str]] = set()
    for qid, text in texts.items():
        data = yaml.safe_load(text) or {}
        if data.get("status", "active") != "active":
            continue
        facets = {(field, str(value)) for field in ("areas", "tags", "audiences") for value in data.get(field) or ()}
        if facets - represented:
            keep.add(qid)
            represented |= facets
    todo = sorted(keep)
    while todo:  # and what the kept questions name in turn
        for qid in _QUESTION_ID.findall(texts.get(todo.pop(), "")):
            if qid not in keep:
                keep.add(qid)
                todo.append(qid)
    for qid in texts.keys() - keep:
        (questions / f"{qid}.yml").unlink()
    ids = dest / "content" / "ids.yml"
    lines = ids.read_text(encoding="utf-8").splitlines(keepends=True)
    issued = re.compile(r"\s+(q\d{3,}):")
    ids.write_text(
        "".join(line for line in lines if not (m := issued.match(line)) or m.group(1) in keep), encoding="utf-8"
    )
    return dest


@pytest.fixture
def small_project(tmp_path) -> Path:
    """``copy_small_project``: a scratch project whose bank is a few dozen questions (quick to build)."""
    return copy_small_project(tmp_path / "project")


HOSTILE = Path(__file__).resolve().parent / "hostile"


def add_hostile(project: Path, corpus: str) -> Path:
    """Copy tests/hostile/<corpus>/ (folders mirror content/) into a project copy's content."""
    for src in (HOSTILE / corpus).rglob("*"):
        if src.is_file():
            target = project / "content" / src.relative_to(HOSTILE / corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    return project


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """A small bank (``copy_small_project``) plus the hostile-but-valid corpus, built once with real MkDocs
    (strict), Word files and all but no PDFs: their thirteen renderings were most of the build's time, and a
    page differs from a build with PDFs only by its fixed "Download the PDF" link. The hostile pack's own PDF
    is made as the build makes it by ``hostile_pack_pdf``; the project is the site's parent folder."""
    from scrutiny_packs.publish.atomic import build_site

    project = add_hostile(copy_small_project(tmp_path_factory.mktemp("hostile") / "project"), "harmless")
    build_site(project, project / "site", strict=True, pdf=False, offline=False)
    return project / "site"


@pytest.fixture(scope="session")
def hostile_pack_pdf(hostile_site: Path) -> Path:
    """The PDF of tests/hostile/harmless/packs/hostile-pack.yml, made from the hostile site's project by
    the build's own pack files job (PDFs on), as ``mkdocs build`` makes it for the site."""
    return pack_pdfs(hostile_site.parent, "hostile-pack")["hostile-pack"]


def pack_pdfs(project: Path, *pack_ids: str) -> dict[str, Path]:
    """The PDFs of some of a project's packs, made as ``mkdocs build`` makes them (the build's pack files
    job, into the project's cache), for a test that reads a few PDFs of a site built with ``pdf=False``."""
    from scrutiny_packs.packs.files import make_pack_files
    from scrutiny_packs.site.generate import SiteBuilder, SiteOptions

    result = load_checked(project)
    assert result.ok, "\n".join(p.format() for p in result.problems if p.is_error)
    wanted = [p for p in SiteBuilder(result.bank, SiteOptions(pack_pdf=True)).printables() if p.name in pack_ids]
    assert sorted(p.name for p in wanted) == sorted(pack_ids), "no such pack"
    made = make_pack_files(wanted, project / ".cache" / "packs", pdf=True, docx=False)
    return {f.pack_id: f.path for f in made.files if f.kind == "pdf"}


def set_fields(project: Path, qid: str, **fields: str) -> None:
    """Set (or replace) top-level fields of a question file in a scratch project, e.g. status="retired"."""
    path = project / "content" / "questions" / f"{qid}.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.split(":", 1)[0] not in fields]
    path.write_text("\n".join(lines + [f"{k}: {v}" for k, v in fields.items()]) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory) -> Path:
    """The bank after an editor's quarter (q010 retired and replaced by q011, q020 retired, q014 reviewed,
    q012 overdue for review), built with real MkDocs (strict) but without PDFs or the offline copy:
    the site to read for what a build without PDFs shows, as well as for the editors' changes."""
    from scrutiny_packs.publish.atomic import build_site

    project = copy_project(tmp_path_factory.mktemp("edited") / "project")
    set_fields(project, "q010", status="retired", replaced_by="q011", last_reviewed="2026-12-03")
    set_fields(project, "q020", status="retired")
    set_fields(project, "q014", last_reviewed="2026-12-02")
    set_fields(project, "q012", last_reviewed="2020-01-15")
    assert load_checked(project).ok
    site = project / "site"
    build_site(project, site, strict=True, pdf=False, offline=False)
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url_path: str) -> BeautifulSoup:
    """Parse the built page served at url_path, e.g. 'questions/q001/'."""
    target = site / url_path
    if url_path == "" or url_path.endswith("/"):
        target = target / "index.html"
    return soup(target)
