"""Where a council's site finds the national bank of a given release.

The national project (its ``content/``, the theme's ``overrides/`` and the MkDocs ``hooks/``) travels
with the package: a wheel carries a copy in ``scrutiny_packs/national/`` (``setup.py`` puts it there),
and a development install (``pip install -e``) uses the checkout it was installed from. That is the
release the installed package carries. Another release can be unpacked into the council's repository,
in ``national/<release>/`` (holding that release's ``content/``); it is found there first.
A release's number is the ``release`` in its ``content/settings.yml``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

RELEASES_DIR = "national"  # in a council's repository: releases unpacked there, one folder each
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


def _candidates(council: Path) -> list[Path]:
    unpacked = sorted(p for p in (council / RELEASES_DIR).glob("*") if p.is_dir())
    installed = installed_root()
    return unpacked + ([installed] if installed else [])


def find_release(version: str, council: Path) -> Path | None:
    """The folder holding ``content/`` of release ``version`` for the council's repository at ``council``,
    or None when neither it nor the installed package has that release."""
    return next((root for root in _candidates(council) if release_of(root) == version), None)


def known_releases(council: Path) -> list[str]:
    """Every release the council's repository can find, for a hint."""
    return sorted({r for r in map(release_of, _candidates(council)) if r})
