"""Rule 6: no half-published site. A failed build leaves the previous site/ byte for byte as it was;
`make build` and both workflows build through `scrutiny_packs.build.build_site`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scrutiny_packs.publish.atomic import MARKER, MARKER_TEXT, OWNER, BuildFailed, build_site, clean_leftovers
from tests.conftest import ROOT

pytestmark = pytest.mark.site


@pytest.fixture
def project(small_project: Path) -> Path:
    """What these tests build is the build's own machinery: a small bank goes through it as the whole one
    does, in a third of the time (tests/conftest.py, ``copy_small_project``)."""
    return small_project


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file and folder under folder, with a hash of each file's bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
    return out


@pytest.fixture
def old_site(project) -> Path:
    """A previously published site: a few files, one of them nested, with known bytes."""
    site = project / "site"
    (site / "questions" / "q001").mkdir(parents=True)
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")  # every build leaves it
    (site / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    (site / "questions" / "q001" / "index.html").write_bytes(b"\x00old bytes\xff")
    return site


def _break(project: Path) -> None:
    (project / "content" / "questions" / "q900.yml").write_text(
        'text: "How do {we} know?"\nareas: [workforce]\naudiences: [councilors]\n', encoding="utf-8"
    )


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


def test_bad_content_leaves_the_old_site_byte_identical(project, old_site):
    before = _fingerprint(old_site)
    _break(project)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, old_site, strict=True, pdf=False, offline=False)
    message = str(failed.value)
    assert message.startswith("Build failed; site/ is unchanged.")
    assert "content/questions/q900.yml:3: audiences[0]: 'councilors' is not a known audience" in message
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_failure_halfway_through_writing_leaves_the_old_site(project, old_site, monkeypatch):
    """MkDocs fails after writing part of the new site: none of it reaches site/. (MkDocs is a stand-in
    that writes two pages and fails: what is tested is the folder handling around it; a real build
    replacing the site is the next test.)"""
    import mkdocs.commands.build as mkdocs_build

    def build_then_fail(config, **kwargs):
        site = Path(config.site_dir)
        (site / "questions" / "q001").mkdir(parents=True)
        (site / "index.html").write_text("<p>half of the new site</p>", encoding="utf-8")
        (site / "questions" / "q001" / "index.html").write_text("<p>q001</p>", encoding="utf-8")
        raise RuntimeError("disk full")

    before = _fingerprint(old_site)
    monkeypatch.setattr(mkdocs_build, "build", build_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(project, old_site, strict=True, pdf=False, offline=False)
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_good_build_replaces_the_old_site_whole(project, old_site):
    build_site(project, old_site, strict=True, pdf=False, offline=False)
    assert "the site as it was" not in (old_site / "index.html").read_text(encoding="utf-8")
    assert (old_site / "questions" / "q001" / "index.html").read_bytes() != b"\x00old bytes\xff"
    assert (old_site / MARKER).is_file()  # so the next build may replace it
    assert _leftovers(project) == []


# -- the folder a build replaces: only a site it built, never the project ------------------------------


def _tree(folder: Path) -> dict[str, str]:
    """Every file and folder under folder, hidden ones too, with a hash of each file's bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


@pytest.fixture
def checkout(project) -> Path:
    """A project copy that is also a git checkout, with a site built before."""
    (project / ".git" / "objects").mkdir(parents=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("not a site\n", encoding="utf-8")
    (project / "README.txt").write_text("a file\n", encoding="utf-8")
    return project


@pytest.mark.parametrize(
    "site_dir, words",
    [
        ("content", "'content' is the project's content"),
        (".", "'.' is the project"),
        ("./", "'.' is the project"),
        (".git", "'.git' is the project's git directory"),
        ("content/pages", "'content/pages' is inside the project's content"),
        ("content/site", "'content/site' is inside the project's content"),
        (".git/site", "'.git/site' is inside the project's git directory"),
        ("..", "holds the project"),
        ("notes", "'notes' is a folder this tool did not build"),
        ("hooks", "'hooks' is a folder this tool did not build"),
    ],
)
def test_the_build_refuses_to_replace_what_it_did_not_build(checkout, site_dir, words):
    before = _tree(checkout.parent)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "build", "--site-dir", site_dir, "--no-pdf"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout
    assert "Built" not in result.stdout and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("--site-dir: ") and words in line and line.endswith("nothing was changed)"), line
    assert _tree(checkout.parent) == before


def test_the_build_refuses_a_file(checkout):
    with pytest.raises(BuildFailed, match=r"'README\.txt' is not a folder"):
        build_site(checkout, checkout / "README.txt", strict=True, pdf=False)
    assert (checkout / "README.txt").read_text(encoding="utf-8") == "a file\n"


def test_the_build_refuses_the_current_directory(checkout, monkeypatch):
    here = checkout / "out"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(BuildFailed, match="'out' is the current directory"):
        build_site(checkout, here, strict=True, pdf=False)
    assert here.is_dir()


def test_a_worktree_checkouts_git_directory_is_refused_too(checkout, tmp_path):
    """In a git worktree .git is a file naming the real git directory, which is just as precious."""
    real = tmp_path / "main-git" / "worktrees" / "project"
    real.mkdir(parents=True)
    shutil.rmtree(checkout / ".git")
    (checkout / ".git").write_text(f"gitdir: {real}\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="is the project's git directory"):
        build_site(checkout, real, strict=True, pdf=False)
    with pytest.raises(BuildFailed, match="holds the project's git directory"):
        build_site(checkout, tmp_path / "main-git", strict=True, pdf=False)
    assert real.is_dir()


def _stopped_build(parent: Path, kind: str, owner: int | None, minutes_ago: float = 0) -> Path:
    """The staging folder a build stopped half-way (a timeout, Ctrl-C) leaves behind."""
    folder = parent / f".site-{kind}-{os.urandom(4).hex()}"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("half a site", encoding="utf-8")
    if owner is not None:
        (folder / OWNER).write_text(str(owner), encoding="ascii")
    if minutes_ago:
        stamp = folder.stat().st_mtime - minutes_ago * 60
        os.utime(folder, (stamp, stamp))
    return folder


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_stopped_builds_leftovers_are_cleaned_by_the_next_build(project, old_site):
    dead = _stopped_build(project, "new", _dead_pid())
    unowned = _stopped_build(project, "new", None, minutes_ago=90)  # left by a build before this one
    running = _stopped_build(project, "new", os.getppid())  # another build, still going
    young = _stopped_build(project, "new", None)  # a build that has only just started
    _break(project)
    with pytest.raises(BuildFailed):
        build_site(project, old_site, strict=True, pdf=False, offline=False)
    assert not dead.exists() and not unowned.exists()
    assert running.is_dir() and young.is_dir()
    assert (old_site / "index.html").read_text(encoding="utf-8") == "<p>the site as it was</p>"


def test_a_build_stopped_between_the_two_moves_gets_the_old_site_back(project, old_site):
    """Stopped after moving the old site aside, before moving the new one in: no site at all, until
    the next build puts the old one back (and replaces it only if that build succeeds)."""
    before = _fingerprint(old_site)
    aside = _stopped_build(project, "old", _dead_pid())
    shutil.rmtree(aside / "assets")
    (aside / "index.html").unlink()
    os.replace(old_site, aside / "site")
    assert clean_leftovers(old_site) == [aside]
    assert _fingerprint(old_site) == before and not aside.exists()


def test_the_build_command_make_build_runs_keeps_the_old_site(project, old_site):
    before = _fingerprint(old_site)
    _break(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "build", "--root", str(project), "--site-dir", "site", "--no-pdf"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Build failed; site/ is unchanged." in result.stderr
    assert "content/questions/q900.yml:3: audiences[0]: 'councilors' is not a known audience" in result.stderr
    assert _fingerprint(old_site) == before


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def _runs(workflow: dict) -> list[str]:
    return [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["publish.yml", "check.yml"])
def test_workflows_build_only_through_make_build(name):
    runs = _runs(_workflow(name))
    assert any(run.strip() == "make build" for run in runs)
    assert not [run for run in runs if "mkdocs build" in run or "gh-deploy" in run]


def test_pull_requests_are_checked_without_secrets_or_write_access():
    """Pull requests from outside run with a read-only token and never with the base repository's secrets."""
    check = _workflow("check.yml")
    triggers = check.get("on", check.get(True))
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert check["permissions"] == {"contents": "read"}
    assert "secrets." not in (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
