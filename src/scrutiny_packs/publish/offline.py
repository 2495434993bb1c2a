"""The offline copy: the whole site built to be opened from disk, zipped for download.

Councillors often read the toolkit where there is no Wi-Fi. Material for
MkDocs' ``offline`` plugin makes a build that works from ``file://`` (plain
``.html`` links, the search index inlined as a script); our
``assets/javascripts/file-worker.js`` lets search run there.

The main build starts that second build in its own process, so the two never
share state, lets it run while the main build renders its pages, then zips the
result into the site as ``downloads/scrutiny-packs-offline.zip``. The offline
copy holds every pack's PDF and Word file, as the site does: it makes the Word files
itself (quick, and shared through the cache), but not the PDFs, which would double the
build's slowest work. Its pages link them as usual, and the main build puts its own PDFs
into the copy before zipping it (``finish``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from scrutiny_packs.publish import options
from scrutiny_packs.publish.options import offline_build_environment

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

ZIP_PATH = "downloads/scrutiny-packs-offline.zip"
FOLDER = "scrutiny-packs"  # the folder the zip unpacks to
TIMEOUT_SECONDS = 600

# Not needed to read or search the site from disk: source maps, search
# language packs for languages other than English, the sitemap (which points
# at the published site) and the "page not found" page (only a web server
# shows it, and its links assume one).
_LEAVE_OUT_DIRS = ("assets/javascripts/lunr/",)
_LEAVE_OUT_SUFFIXES = (".map",)
_LEAVE_OUT_NAMES = ("sitemap.xml", "sitemap.xml.gz", "404.html")
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same input, same zip

README = """\
Scrutiny Packs: offline copy
============================

This folder is the whole Scrutiny Packs site. It works without an internet
connection, search included.

To use it, open the file index.html in this folder with your web browser
(double-click it, or drag it onto a browser window).

The copy does not update itself. Download a new one from the site's home
page before an important meeting.
"""


@dataclass
class OfflineBuild:
    """A running (or finished) offline build and where its output goes."""

    process: subprocess.Popen
    workdir: Path
    log: IO[str]  # the open file collecting the build's output

    @property
    def site_dir(self) -> Path:
        return self.workdir / "site"

    @property
    def zip_path(self) -> Path:
        return self.workdir / "scrutiny-packs-offline.zip"


def is_offline_build(config: MkDocsConfig) -> bool:
    """True when this MkDocs build is itself the offline copy."""
    from material.plugins.offline.plugin import OfflinePlugin

    return any(isinstance(p, OfflinePlugin) and p.config.enabled for p in config.plugins.values())


def _engine() -> str:
    """The engine running this build, to build the copy with the same one.

    ProperDocs answers to the name ``mkdocs`` (so that themes and hooks import it as
    MkDocs): the module by that name is then ProperDocs' own.
    """
    running = sys.modules.get("mkdocs")
    return "properdocs" if running is not None and running is sys.modules.get("properdocs") else "mkdocs"


def pdfs_later() -> bool:
    """Whether this build is an offline copy whose PDFs the main build adds when it finishes."""
    return options.pdfs_later()


def start(config_file: Path, strict: bool = True, pdfs: bool = True) -> OfflineBuild:
    """Start building the offline copy in another process; returns at once.

    With ``pdfs`` its pages link the pack PDFs, which ``finish`` copies in from the main build.
    """
    workdir = Path(tempfile.mkdtemp(prefix="scrutiny-packs-offline-"))
    env = offline_build_environment(pdfs_later=pdfs)  # the offline plugin on (mkdocs.yml reads it), no pack PDFs
    command = [
        sys.executable,
        "-m",
        _engine(),
        "build",
        "--quiet",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(workdir / "site"),
    ]
    if strict:
        command.append("--strict")
    log = open(workdir / "build.log", "w+", encoding="utf-8")  # noqa: SIM115 (closed by finish())
    process = subprocess.Popen(command, cwd=config_file.parent, env=env, stdout=log, stderr=subprocess.STDOUT)
    return OfflineBuild(process, workdir, log)


def finish(build: OfflineBuild, timeout: float = TIMEOUT_SECONDS, files: dict[str, Path] | None = None) -> str | None:
    """Wait for the offline build, add ``files`` (site path: file, e.g. the pack PDFs the main build
    made) and zip it. Returns an error message, or None."""
    try:
        code = build.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        build.process.kill()
        build.process.wait()
        return f"The offline copy took longer than {timeout:.0f} s to build and was stopped."
    if code != 0:
        build.log.seek(0)
        output = build.log.read().strip()
        return f"The offline copy failed to build (exit {code}):\n{output}"
    for uri, path in (files or {}).items():
        target = build.site_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    zip_site(build.site_dir, build.zip_path)
    return None


def cleanup(build: OfflineBuild) -> None:
    """Stop the build if it is still running and remove its files."""
    if build.process.poll() is None:
        build.process.kill()
        build.process.wait()
    build.log.close()
    shutil.rmtree(build.workdir, ignore_errors=True)


def wanted(path: str) -> bool:
    """Whether a file of the built site belongs in the offline zip."""
    name = path.rsplit("/", 1)[-1]
    return not (path.startswith(_LEAVE_OUT_DIRS) or path.endswith(_LEAVE_OUT_SUFFIXES) or name in _LEAVE_OUT_NAMES)


def zip_site(site_dir: Path, zip_path: Path, folder: str = FOLDER) -> int:
    """Zip a built site into one folder inside the zip, with a short README. Returns the file count."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    count = 0
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(_entry(f"{folder}/README.txt"), README)
        for path in files:
            rel = path.relative_to(site_dir).as_posix()
            if not wanted(rel):
                continue
            archive.writestr(_entry(f"{folder}/{rel}"), path.read_bytes())
            count += 1
    return count


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
