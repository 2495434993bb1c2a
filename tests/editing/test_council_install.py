"""A council's site from a normal install of the package, not from this checkout.

A council installs scrutiny-packs (its requirements.txt names a release), so the national bank, theme and
hook must travel in the wheel. The wheel is built from a copy of the project, installed into a folder of
its own (the other packages come from the test environment), and used as a council officer would:
``scrutiny-packs init``, then a build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_small_project, page

PACKAGE_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "package.json", "src")


def _copy_sources(dest: Path) -> Path:
    """The files the package is built from, as a release's checkout has them, with a small bank
    (tests/conftest.py, ``copy_small_project``): a council's build reads every question the wheel holds."""
    copy_small_project(dest)
    for name in PACKAGE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, dest / name)
    if (ROOT / "node_modules").is_dir():  # the site's browser scripts, as `make node-deps` installs them
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (args, done.stdout[-3000:], done.stderr[-3000:])
    return done


def test_the_sdist_carries_the_national_project(tmp_path):
    sources = _copy_sources(tmp_path / "scrutiny-packs")
    made = _run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))",
            str(tmp_path / "dist"),
        ],
        cwd=sources,
    )
    with tarfile.open(tmp_path / "dist" / made.stdout.strip().splitlines()[-1]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"content/settings.yml", "overrides/main.html", "hooks/scrutiny_packs_hook.py", "mkdocs.yml"} <= names
    assert {"content/questions/q017.yml", "content/pages/council-site.md", "setup.py", "package.json"} <= names


@pytest.mark.site
def test_a_council_site_builds_from_the_installed_wheel(tmp_path):
    sources = _copy_sources(tmp_path / "scrutiny-packs")
    dist, target = tmp_path / "dist", tmp_path / "installed"
    pip = [sys.executable, "-m", "pip"]
    _run([*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", ".", "-w", str(dist)], cwd=sources)
    (wheel,) = dist.glob("scrutiny_packs-*.whl")
    _run([*pip, "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], cwd=tmp_path)
    shutil.rmtree(sources)  # nothing may come from the sources any more

    # The installed package first; its dependencies from this environment. Not from this checkout.
    env = {**os.environ, "PYTHONPATH": str(target)}
    tool = str(target / "bin" / "scrutiny-packs")
    where = _run(
        [sys.executable, "-c", "from scrutiny_packs.content import national; print(national.installed_root())"],
        cwd=tmp_path,
        env=env,
    )
    assert Path(where.stdout.strip()) == target / "scrutiny_packs" / "national"

    _run(
        [tool, "init", "wheelshire", "--council", "Wheelshire Council", "--panel", "Wheelshire Scrutiny Panel"],
        cwd=tmp_path,
        env=env,
    )
    council = tmp_path / "wheelshire"
    _run([tool, "build", "--no-pdf", "--no-offline-copy", "--site-dir", "site"], cwd=council, env=env)

    site = council / "site"
    assert "Wheelshire Council" in page(site, "").title.get_text()
    q001 = page(site, "questions/q001/")
    assert q001.h1.get_text(strip=True)
    assert "Wheelshire Council" in q001.select_one("footer").get_text()
    assert (site / "assets" / "javascripts" / "vendor" / "docx.js").is_file()  # My pack's Download Word


@pytest.mark.site
def test_the_council_repositorys_own_make_test(tmp_path):
    """`make test` in a new council's repository, with this environment named as the one to use (the
    first run would otherwise install the national release's tag from GitHub)."""
    from click.testing import CliRunner

    from scrutiny_packs.cli import main
    from scrutiny_packs.content import national

    council = tmp_path / "wheelshire"
    assert CliRunner().invoke(main, ["init", str(council), "--council", "Wheelshire Council"]).exit_code == 0
    requirement = (council / "requirements.txt").read_text(encoding="utf-8")
    release = national.release_of(ROOT)
    assert "scrutiny-packs @ git+https://github.com/" in requirement and requirement.rstrip().endswith(f"@v{release}")
    # The npm packages the site ships, at the national release's versions (`make node-deps` installs them).
    packages = json.loads((council / "package.json").read_text(encoding="utf-8"))
    assert packages["dependencies"] == json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert "docx" in packages["dependencies"]
    make = ["make", "test", f"VENV={sys.prefix}", "BUILD_ARGS=--no-pdf --no-offline-copy"]

    overlay = council / "overlay.yml"
    good = overlay.read_text(encoding="utf-8")
    overlay.write_text(good + "hide:\n  - question: q9999\n    reason: not ours\n", encoding="utf-8")
    failed = subprocess.run(make, cwd=council, capture_output=True, text=True, timeout=900)
    assert failed.returncode != 0
    assert any(
        line.startswith("overlay.yml:") and "hide.question: question q9999 is not in national release" in line
        for line in failed.stderr.splitlines()
    ), failed.stderr
    assert "Traceback" not in failed.stderr and not (council / "site").exists()

    overlay.write_text(good, encoding="utf-8")
    done = _run(make, cwd=council)
    assert not (council / ".venv").exists()  # nothing was installed
    assert "Wheelshire Council" in page(council / "site", "").title.get_text()
    assert page(council / "site", "questions/q001/").h1.get_text(strip=True)
    assert "nothing to resolve" in done.stdout + done.stderr
