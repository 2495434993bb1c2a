"""Rule 6: no half-published site. A failed build leaves the previous site/ byte for byte as it was;
`make build` and both workflows build through `scrutiny_packs.build.build_site`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scrutiny_packs.publish.atomic import BuildFailed, build_site
from tests.conftest import ROOT

pytestmark = pytest.mark.site


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
    (site / "index.html").write_text("<p>the site as it was</p>", encoding="utf-8")
    (site / "questions" / "q001" / "index.html").write_bytes(b"\x00old bytes\xff")
    return site


def _break(project: Path) -> None:
    (project / "content" / "questions" / "q900.yml").write_text(
        'text: "How do {we} know?"\nareas: [workforce]\naudiences: [councilors]\n', encoding="utf-8")


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


def test_bad_content_leaves_the_old_site_byte_identical(project, old_site):
    before = _fingerprint(old_site)
    _break(project)
    with pytest.raises(BuildFailed) as failed:
        build_site(project, old_site, strict=True, pdf=False)
    message = str(failed.value)
    assert message.startswith("Build failed; site/ is unchanged.")
    assert "content/questions/q900.yml:3: audiences[0]: 'councilors' is not a known audience" in message
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_failure_halfway_through_writing_leaves_the_old_site(project, old_site, monkeypatch):
    """MkDocs fails after writing part of the new site: none of it reaches site/."""
    import mkdocs.commands.build as mkdocs_build

    real_build = mkdocs_build.build

    def build_then_fail(config, **kwargs):
        real_build(config, **kwargs)
        assert (Path(config.site_dir) / "index.html").is_file()  # the new site was written, in staging
        raise RuntimeError("disk full")

    before = _fingerprint(old_site)
    monkeypatch.setattr(mkdocs_build, "build", build_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        build_site(project, old_site, strict=True, pdf=False)
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_good_build_replaces_the_old_site_whole(project, old_site):
    build_site(project, old_site, strict=True, pdf=False)
    assert "the site as it was" not in (old_site / "index.html").read_text(encoding="utf-8")
    assert (old_site / "questions" / "q001" / "index.html").read_bytes() != b"\x00old bytes\xff"
    assert _leftovers(project) == []


def test_the_build_command_make_build_runs_keeps_the_old_site(project, old_site):
    before = _fingerprint(old_site)
    _break(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "scrutiny_packs.cli", "build", "--root", str(project),
                             "--site-dir", "site", "--no-pdf"], cwd=project, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Build failed; site/ is unchanged." in result.stderr
    assert "content/questions/q900.yml:3: audiences[0]: 'councilors' is not a known audience" in result.stderr
    assert _fingerprint(old_site) == before


def test_make_build_goes_through_the_atomic_build():
    result = subprocess.run(["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    commands = [line for line in result.stdout.splitlines() if "scrutiny-packs build" in line or "mkdocs" in line]
    assert commands and all("scrutiny-packs build" in line for line in commands), result.stdout
    assert any(line.rstrip().endswith("scrutiny-packs build --site-dir site") for line in commands)


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
