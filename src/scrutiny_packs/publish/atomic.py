"""Build the site with MkDocs into a temporary folder, then move it into place.

A failed build leaves the previous site exactly as it was: nothing is ever
half-published. The folder replaced must be a site this tool built (it holds
the ``MARKER`` file every build writes), a new or empty folder, and never the
project, its content, its git directory or the current directory, nor a
folder holding one of them. A build stopped half-way (a timeout, Ctrl-C)
leaves a staging folder behind; the next build removes it.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from scrutiny_packs.packs.pdf import usual_mode
from scrutiny_packs.problems import Problem

MARKER = ".scrutiny-packs-site"  # written into every site this tool builds
MARKER_TEXT = (
    "This folder is a site built by scrutiny-packs. The next build replaces it whole:\n"
    "anything else put here is lost.\n"
)
OWNER = ".scrutiny-packs-build"  # in a staging folder while it is built: the building process's id
# A site built before the marker existed: our own pack stylesheet beside the home page.
_EARLIER_SITE = ("index.html", "assets/stylesheets/pack-print.css")
_PROJECT_SIGNS = ("mkdocs.yml", ".git", "content")
_LEFTOVER_GRACE_SECONDS = 60  # a staging folder this young may belong to a build just starting


class BuildFailed(Exception):
    pass


class _Collect(logging.Handler):
    """The warnings MkDocs logs during a build, so a failed strict build can say what they were."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _git_dirs(root: Path) -> list[Path]:
    """The project's git directory, and for a worktree (.git is a file) the directories it names."""
    dot_git = root / ".git"
    found = [dot_git]
    if dot_git.is_file():
        try:
            line = dot_git.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            line = ""
        if line.startswith("gitdir:"):
            gitdir = (root / line[len("gitdir:") :].strip()).resolve()
            found.append(gitdir)
            try:
                common = (gitdir / "commondir").read_text(encoding="utf-8").strip()
                found.append((gitdir / common).resolve())
            except (OSError, UnicodeDecodeError):
                pass
    return found


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


def target_problem(root: Path, site_dir: Path, content_dir: str = "content") -> Problem | None:
    """Why ``site_dir`` must not be replaced by a build, as one line; None when it may be."""
    root = root.resolve()
    target = site_dir.resolve()
    shown = _shown(target, root)
    hint = "build into a folder of its own, such as 'site'; nothing was changed"
    protected = [
        (root, "the project"),
        (root / content_dir, "the project's content"),
        (Path.cwd().resolve(), "the current directory"),
    ]
    protected += [(git.resolve(), "the project's git directory") for git in _git_dirs(root)]
    for path, what in protected:
        if path == target:
            return Problem("--site-dir", None, "", f"{shown!r} is {what}", hint)
        if path.is_relative_to(target):
            return Problem("--site-dir", None, "", f"{shown!r} holds {what}", hint)
    for path, what in protected[1:2] + protected[3:]:  # content and git: a site inside them spoils them
        if target.is_relative_to(path):
            return Problem("--site-dir", None, "", f"{shown!r} is inside {what}", hint)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return Problem("--site-dir", None, "", f"{shown!r} is not a folder", hint)
    if target.is_dir() and not _replaceable(target):
        return Problem(
            "--site-dir",
            None,
            "",
            f"{shown!r} is a folder this tool did not build: it has no {MARKER} file",
            "name a new folder or an earlier build's site; nothing was changed",
        )
    return None


def _replaceable(folder: Path) -> bool:
    """A folder a build may replace: empty, or a site built by this tool."""
    try:
        entries = {entry.name for entry in folder.iterdir()}
    except OSError:
        return False
    if not entries or (folder / MARKER).is_file():
        return True
    return all((folder / sign).is_file() for sign in _EARLIER_SITE) and not entries & set(_PROJECT_SIGNS)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _leftovers(site_dir: Path) -> list[Path]:
    """Staging folders of builds of site_dir that were stopped before they finished."""
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}-(?:new|old)-[a-z0-9_]{{8}}")
    found: list[Path] = []
    try:
        entries = list(site_dir.parent.iterdir())
    except OSError:
        return found
    now = time.time()
    for entry in entries:
        if not pattern.fullmatch(entry.name) or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            pid = int((entry / OWNER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            pid = None
        if pid is not None and pid != os.getpid() and _alive(pid):
            continue  # another build, still running
        if pid is None:
            try:
                if now - entry.stat().st_mtime < _LEFTOVER_GRACE_SECONDS:
                    continue
            except OSError:
                continue
        found.append(entry)
    return found


def clean_leftovers(site_dir: Path) -> list[Path]:
    """Remove what stopped builds left beside site_dir; returns what was removed.

    A build stopped between moving the old site aside and moving the new one in
    leaves no site at all: the old one is put back first.
    """
    removed = []
    for entry in sorted(_leftovers(site_dir)):
        old_site = entry / "site"
        if "-old-" in entry.name and not site_dir.exists() and (old_site / MARKER).is_file():
            os.replace(old_site, site_dir)
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _staging(site_dir: Path, kind: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{kind}-", dir=site_dir.parent))
    try:
        (folder / OWNER).write_text(str(os.getpid()), encoding="ascii")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _fault(exc: OSError, doing: str, site_dir: Path) -> str:
    """One line for a fault of the machine: what failed, where, that the site is unchanged, what to do."""
    where = exc.filename or site_dir.parent
    said = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        todo = f"free some space on the disk holding {site_dir.parent} and build again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        todo = f"make {site_dir.parent} and {site_dir.name}/ writable, or give --site-dir a folder you can write"
    else:
        todo = "fix the cause and build again"
    return f"Build failed: could not {doing} ({said}: {where}); {site_dir.name}/ is unchanged ({todo})"


def _swap(staging: Path, site_dir: Path) -> None:
    """Put the new site in the old one's place; on failure the old site is back where it was."""
    old = None
    if site_dir.exists():
        old = _staging(site_dir, "old")
        try:
            os.replace(site_dir, old / "site")
        except BaseException:
            shutil.rmtree(old, ignore_errors=True)
            raise
    try:
        os.replace(staging, site_dir)
    except BaseException:
        if old is not None:
            os.replace(old / "site", site_dir)
            shutil.rmtree(old, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path, strict: bool = True, pdf: bool = True, offline: bool | None = None) -> None:
    """Build the site at ``root`` into ``site_dir``; ``pdf=False`` leaves out the pack PDFs, and ``offline`` says
    whether to make the zipped offline copy (a second whole build) for this build only: ``None`` leaves it
    to the environment (``SCRUTINY_PACKS_OFFLINE_COPY``, on unless ``0``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    from scrutiny_packs.publish.hook import find_hook
    from scrutiny_packs.publish.options import BuildOptions, quiet_mkdocs_2_notice

    quiet_mkdocs_2_notice()
    refused = target_problem(root, site_dir)
    if refused:
        raise BuildFailed(refused.format())
    options = BuildOptions.read("build")
    if not pdf:
        options = options.but(pdf=False)  # for this build only
    if offline is not None:
        options = options.but(offline_copy=offline)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(site_dir)
    try:
        staging = _staging(site_dir, "new")
    except OSError as exc:
        raise BuildFailed(_fault(exc, f"make a folder beside {site_dir.name}/", site_dir)) from None
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        hook = find_hook(config)
        if hook is not None:
            hook.use_options(options)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        # Strict mode's own message only counts the warnings: show them too.
        said = [m for m in dict.fromkeys(collector.messages) if m not in str(exc)]
        raise BuildFailed("\n".join([f"Build failed; {site_dir.name}/ is unchanged.", *said, str(exc)])) from None
    except OSError as exc:  # a full disk, a folder that cannot be written
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_fault(exc, "write the new site", site_dir)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collector)
    refused = target_problem(root, site_dir)  # nothing took the site's place meanwhile
    if refused:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(refused.format())
    try:
        (staging / OWNER).unlink()
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, usual_mode(folder=True))  # made 700 as a temporary folder; published 755
        _swap(staging, site_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(_fault(exc, f"replace {site_dir.name}/", site_dir)) from None
