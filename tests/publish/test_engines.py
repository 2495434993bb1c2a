"""The site built by the other engines a site owner can move to (README, "Versions"), from the project with a
small bank (tests/conftest.py, ``copy_small_project``): every page goes through the same templates.

- Zensical builds the output of ``scrutiny-packs export-markdown`` (no hook), with our overrides.
- ProperDocs, the maintained fork of MkDocs 1.6, builds the project's own mkdocs.yml, hook included.

Each build is checked as a reader meets it, by parsing the HTML: every question page in both
framings, the audiences in the navigation, My pack with its scripts and data, the accessibility
fixes our overrides make, and search. A test skips only where its engine is not installed.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import posixpath
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from scrutiny_packs.cli import main as cli
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.publish.export import ZENSICAL_VERSION
from scrutiny_packs.site.mypack import link_rules, read_data_file
from scrutiny_packs.text.framing import frame
from tests.conftest import ROOT, copy_small_project, page


def _engine(module: str, package: str) -> str:
    """The installed version of an engine, or skip saying why it is missing."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(
            f"{package} is not installed, so this engine cannot be tested here: "
            f"install it with `pip install -e '.[engines]'` (`make test` does)"
        )
    return importlib.metadata.version(package)


def _run(cmd: list[str], cwd: Path, what: str, **env: str) -> None:
    result = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=600
    )
    assert result.returncode == 0, f"{what} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


MY_PACK_ONLY = ("assets/javascripts/my-pack/editor.js", "assets/javascripts/my-pack/render.js")


def _scripts_in_config() -> list[str]:
    """extra_javascript as mkdocs.yml lists it (plain paths or {path: ...} entries)."""
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    return [s["path"] if isinstance(s, dict) else str(s) for s in config.get("extra_javascript") or []]


@pytest.fixture(scope="module")
def engine_project(tmp_path_factory) -> Path:
    """The project Zensical's export is made from, and whose bank the checks below read: the small bank each
    engine builds (ProperDocs in a copy of its own, as it writes its site and cache into the project)."""
    return copy_small_project(tmp_path_factory.mktemp("engines") / "project")


@pytest.fixture(scope="module")
def bank(engine_project: Path):
    """The bank the engines build, in place of the shipped one."""
    result = load_checked(engine_project)
    assert result.ok, "\n".join(p.format() for p in result.problems if p.is_error)
    return result.bank


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, engine_project: Path) -> Path:
    version = _engine("zensical", "zensical")
    assert version == ZENSICAL_VERSION, "the export's notes name the pinned Zensical: keep them in step"
    out = tmp_path_factory.mktemp("zensical") / "export"
    runner = CliRunner()
    result = runner.invoke(cli, ["export-markdown", "--root", str(engine_project), str(out)])
    assert result.exit_code == 0, result.output
    _run([sys.executable, "-m", "zensical", "build", "--strict", "--config-file", "mkdocs.yml"], out, "zensical build")
    return out / "site"


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    _engine("properdocs", "properdocs")
    project = copy_small_project(tmp_path_factory.mktemp("properdocs") / "project")  # ``bank``'s questions
    site = project / "site"
    # The real mkdocs.yml, hook and offline copy included; PDFs off (the hook's own tests cover them).
    _run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--config-file",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        project,
        "properdocs build",
        SCRUTINY_PACKS_PDF="0",
        SCRUTINY_PACKS_OFFLINE_COPY="1",
    )
    return site


ENGINES = ["zensical_site", "properdocs_site"]


@pytest.fixture(params=ENGINES)
def engine_site(request) -> Path:
    return request.getfixturevalue(request.param)


def _resolve(site: Path, from_path: str, href: str) -> Path:
    """The file a relative link on the page served at from_path leads to."""
    target = posixpath.normpath(posixpath.join(from_path, urlsplit(href).path))
    path = site / target
    return path / "index.html" if path.is_dir() else path


def _text(element) -> str:
    for link in element.select("a.headerlink"):
        link.decompose()
    return element.get_text(" ", strip=True)


@pytest.mark.site
def test_every_question_page_shows_both_framings(engine_site, bank):
    for q in bank.questions.values():
        doc = page(engine_site, f"questions/{q.id}/")
        assert _text(doc.h1) == frame(q.text, "you"), q.id
        framings = [" ".join(dd.get_text().split()) for dd in doc.select("dl.sp-framings dd")]
        assert framings == list(dict.fromkeys([frame(q.text, "you"), frame(q.text, "we")])), q.id


@pytest.mark.site
def test_navigation_holds_every_audience(engine_site, bank):
    doc = page(engine_site, "questions/q001/")
    nav = {a.get_text(" ", strip=True): a["href"] for a in doc.select("nav.md-nav--primary a[href]")}
    for audience in bank.audiences.values():
        assert audience.name in nav, audience.id
        target = _resolve(engine_site, "questions/q001/", nav[audience.name])
        assert target == engine_site / "audiences" / audience.id / "index.html", audience.id
    assert not any("questions/" in href for href in nav.values())


@pytest.mark.site
def test_my_pack_loads_its_scripts_and_the_bank(engine_site, bank):
    scripts = _scripts_in_config()
    assert scripts, "mkdocs.yml lists My pack's scripts in extra_javascript"
    for path in ("my-pack/", "questions/q001/", "audiences/councillors/"):
        doc = page(engine_site, path)
        loaded = {_resolve(engine_site, path, s["src"]) for s in doc.select("script[src]")}
        for script in scripts:
            assert engine_site / script in loaded, f"{path} does not load {script}"
            assert (engine_site / script).is_file(), script
        link = doc.select_one("a[data-sp-mypack-link]")
        assert link is not None, path
        assert _resolve(engine_site, path, link["href"]) == engine_site / "my-pack" / "index.html", path
        assert json.loads(link["data-sp-link"]) == link_rules(), f"{path}: the link's rules, for the buttons"
    doc = page(engine_site, "my-pack/")
    assert doc.select_one("a[data-sp-mypack-link]").get("aria-current") == "page"
    for script in MY_PACK_ONLY:  # the page's own scripts, on the My pack page alone (overrides/main.html)
        assert engine_site / script in {_resolve(engine_site, "my-pack/", s["src"]) for s in doc.select("script[src]")}
        for other in ("questions/q001/", "audiences/councillors/"):
            others = page(engine_site, other).select("script[src]")
            assert engine_site / script not in {_resolve(engine_site, other, s["src"]) for s in others}, other
    named = doc.select_one("script[data-sp-mypack-data]")  # the bank's data, loaded when there is a pack
    data = read_data_file(_resolve(engine_site, "my-pack/", named["src"]).read_text(encoding="utf-8"))
    assert set(data["questions"]) == set(bank.questions)
    for qid, entry in data["questions"].items():
        assert _resolve(engine_site, "my-pack/", entry["href"]) == engine_site / "questions" / qid / "index.html", qid


@pytest.mark.site
def test_the_overrides_accessibility_fixes_hold(engine_site, bank):
    for path in ("", "questions/q010/", "my-pack/"):
        doc = page(engine_site, path)
        skip = doc.select_one("a.sp-skip")
        assert skip is not None and skip["href"] == "#main-content", path
        assert doc.find(id="main-content") is not None, path
        footer = {a.get_text(strip=True): a["href"] for a in doc.select(".md-copyright a")}
        statement = _resolve(engine_site, path, footer["Accessibility statement"])
        assert statement == engine_site / "accessibility" / "index.html", path
        # The repository link without live counts fetched from the code host.
        assert doc.select_one(".md-source[data-md-component]") is None
        assert "fonts.googleapis" not in str(doc)
    assert page(engine_site, "").title.get_text() == "Scrutiny Packs"
    q = bank.questions["q010"]
    assert page(engine_site, "questions/q010/").title.get_text() == f"{frame(q.text, 'you')} - Scrutiny Packs"


@pytest.mark.site
def test_the_project_look_is_kept(engine_site):
    doc = page(engine_site, "questions/q001/")
    sheets = [_resolve(engine_site, "questions/q001/", sheet["href"]) for sheet in doc.select("link[rel=stylesheet]")]
    assert engine_site / "assets/stylesheets/scrutiny-packs.css" in sheets
    assert engine_site / "assets/stylesheets/my-pack.css" in sheets
    # Material's classic design, which our stylesheets are written against (Zensical's default is another).
    assert not any("/modern/" in str(s) for s in sheets)
    body = doc.body
    assert body["data-md-color-primary"] == "indigo"


@pytest.mark.site
def test_search_finds_every_question_page(engine_site, bank):
    index = engine_site / "search.json"  # Zensical's own search
    if not index.is_file():
        index = engine_site / "search" / "search_index.json"  # Material's search plugin
    doc = json.loads(index.read_text(encoding="utf-8"))
    entries = doc.get("items") or doc.get("docs")
    locations = {e["location"].split("#")[0] for e in entries}
    for qid in bank.questions:
        assert f"questions/{qid}/" in locations, qid


@pytest.mark.site
def test_properdocs_builds_the_offline_copy_with_itself(properdocs_site):
    with zipfile.ZipFile(properdocs_site / "downloads" / "scrutiny-packs-offline.zip") as archive:
        home = next(n for n in archive.namelist() if n.endswith("/index.html") and n.count("/") == 1)
        doc = BeautifulSoup(archive.read(home).decode("utf-8"), "html.parser")
    assert "ProperDocs" in doc.find("meta", attrs={"name": "generator"})["content"]


def test_export_says_in_one_line_what_zensical_leaves_out(tmp_path):
    result = CliRunner().invoke(cli, ["export-markdown", "--root", str(ROOT), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "Zensical" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"Zensical {ZENSICAL_VERSION} builds this export without: ")
    assert "PDF and Word packs" in lines[0] and "validation.nav" in lines[0]
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and config["theme"]["variant"] == "classic"
    # The exported files are not the repository's, so no theme button offers to edit them.
    assert "content.action.edit" not in config["theme"]["features"]


@pytest.mark.site
def test_suggest_a_change_leads_to_the_question_file(engine_site):
    doc = page(engine_site, "questions/q010/")
    links = [a for a in doc.select("article a[href]") if "Suggest a change" in a.get_text()]
    assert len(links) == 1
    assert links[0]["href"].endswith("/edit/main/content/questions/q010.yml")
