"""Where a council's site finds the national bank of a given release.

The national project (its ``content/``, the theme's ``overrides/`` and the MkDocs ``hooks/``) travels
with the package: a wheel carries a copy in ``scrutiny_packs/national/``, and a development install
(``pip install -e``) uses the checkout it was installed from. That is the release the installed package
carries. Other releases are found in the folders named by the ``SCRUTINY_PACKS_BANKS`` environment
variable (separated like PATH): each folder is a release (holding ``content/``), or holds releases in
folders named by their number (``3.0.0/content/``). A council reads a release's number from the
``release`` in its ``content/settings.yml``.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

BANKS_ENV = "SCRUTINY_PACKS_BANKS"
_PACKAGE = Path(__file__).resolve().parents[1]


def installed_root() -> Path | None:
    """The national project the installed package carries: its own copy, or the checkout it runs from."""
    for folder in (_PACKAGE / "national", _PACKAGE.parents[1]):
        if (folder / "content" / "settings.yml").is_file() and (folder / "overrides").is_dir():
            return folder
    return None


def release_of(root: Path) -> str:
    """The release number in ``root/content/settings.yml``, or "" when there is none to read."""
    try:
        data = yaml.safe_load((root / "content" / "settings.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    release = data.get("release") if isinstance(data, dict) else None
    return str(release) if release else ""


def _candidates() -> list[Path]:
    folders = [Path(p) for p in os.environ.get(BANKS_ENV, "").split(os.pathsep) if p.strip()]
    found = [root for folder in folders for root in (folder, *sorted(folder.glob("*"))) if root.is_dir()]
    installed = installed_root()
    return found + ([installed] if installed else [])


def find_release(version: str) -> Path | None:
    """The folder holding ``content/`` of release ``version``, or None when no known folder has it."""
    return next((root for root in _candidates() if release_of(root) == version), None)


def known_releases() -> list[str]:
    """Every release that can be found, for a hint."""
    return sorted({r for r in map(release_of, _candidates()) if r})
