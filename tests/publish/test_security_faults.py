"""Faults of the machine during `scrutiny-packs build`: a site folder that cannot be replaced and a
full disk. Each is one line (what failed, where, what to do), a non-zero exit, the old site exactly as
it was and no staging folders left behind. A published site has the usual modes.

MkDocs' own build is replaced by a small stand-in that writes a page: what is tested is what happens
around it, not MkDocs.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.publish import atomic
from tests.publish.test_atomic_build import _fingerprint, _leftovers, old_site  # noqa: F401 (a fixture)


@pytest.fixture
def quick_build(monkeypatch):
    """MkDocs' build as a stand-in writing an index page and a nested page into the staging folder."""
    import mkdocs.commands.build as mkdocs_build

    def build(config, **kwargs):
        site = Path(config.site_dir)
        (site / "questions" / "q001").mkdir(parents=True)
        (site / "index.html").write_text("<p>the new site</p>", encoding="utf-8")
        (site / "questions" / "q001" / "index.html").write_text("<p>q001</p>", encoding="utf-8")

    monkeypatch.setattr(mkdocs_build, "build", build)
    return build


def _build(project: Path):
    return CliRunner().invoke(main, ["build", "--root", str(project), "--no-pdf"])


def _one_line(result) -> str:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_a_full_disk_is_one_line_and_the_old_site_stays(project, old_site, quick_build, monkeypatch):  # noqa: F811
    import mkdocs.commands.build as mkdocs_build

    def fill_the_disk(config, **kwargs):
        quick_build(config)
        raise OSError(errno.ENOSPC, "No space left on device", str(Path(config.site_dir) / "search.json"))

    monkeypatch.setattr(mkdocs_build, "build", fill_the_disk)
    before = _fingerprint(old_site)
    line = _one_line(_build(project))
    assert line.startswith("Build failed: could not write the new site (No space left on device: ")
    assert "site/ is unchanged" in line and "free some space on the disk" in line
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_full_disk_while_copying_the_new_site_in_is_one_line_too(project, old_site, quick_build, monkeypatch):  # noqa: F811
    real_write = Path.write_text

    def full(self, *args, **kwargs):
        if self.name == atomic.MARKER:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    before = _fingerprint(old_site)
    line = _one_line(_build(project))
    assert "No space left on device" in line and "site/ is unchanged" in line
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_site_folder_that_cannot_be_moved_is_one_line_and_stays(project, old_site, quick_build, monkeypatch):  # noqa: F811
    real_replace = os.replace

    def refuse(src, dst, *args, **kwargs):
        if Path(src) == old_site.resolve():  # as for a folder marked immutable
            raise PermissionError(errno.EPERM, "Operation not permitted", str(src))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refuse)
    before = _fingerprint(old_site)
    line = _one_line(_build(project))
    assert line.startswith("Build failed: could not replace site/ (Operation not permitted: ")
    assert "writable" in line and "--site-dir" in line
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_read_only_parent_folder_is_one_line_and_the_site_stays(project, old_site, quick_build, monkeypatch):  # noqa: F811
    import tempfile

    def read_only(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    before = _fingerprint(old_site)
    line = _one_line(_build(project))
    assert line.startswith("Build failed: could not make a folder beside site/ (Permission denied: ")
    assert _fingerprint(old_site) == before
    assert _leftovers(project) == []


def test_a_built_site_has_the_usual_modes(project, old_site, quick_build):  # noqa: F811
    mask = os.umask(0o022)
    try:
        done = _build(project)
    finally:
        os.umask(mask)
    assert done.exit_code == 0, done.output
    assert stat.S_IMODE(old_site.stat().st_mode) == 0o755
    for path in old_site.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path
    assert _leftovers(project) == []
