"""What a council's site needs from the national project when MkDocs builds it: the theme's overrides.

A council's repository holds its own ``mkdocs.yml``, settings and overlay, never a copy of the national
theme: the overrides the installed package carries (``content.national``) are put under the council's own
``custom_dir``, if it has one, so the council can still override a template of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrutiny_packs.content import national

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def use_national_theme(config: MkDocsConfig) -> None:
    root = national.installed_root()
    if root is None:
        return
    overrides = str(root / "overrides")
    dirs = config.theme.dirs
    if overrides not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, overrides)
