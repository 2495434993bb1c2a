"""Export the generated site as plain Markdown files, so any engine can build it.

Writes ``docs/`` (every page the hook would add) and an ``mkdocs.yml`` with the
same theme and nav shape but no hook: plain MkDocs builds the very same pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .model import Bank
from .site.generate import SiteBuilder
from .site.nav import build_nav


def export_markdown(bank: Bank, out_dir: Path, root: Path | None = None) -> int:
    out_dir = Path(out_dir)
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    count = 0
    for page in SiteBuilder(bank).pages():
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
        count += 1
    config = _plain_config(bank, root)
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def _plain_config(bank: Bank, root: Path | None) -> dict:
    """The project's mkdocs.yml without the hook, pointing at the exported pages."""
    config: dict = {}
    if root is not None and (root / "mkdocs.yml").is_file():
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["nav"] = build_nav(bank)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") and root is not None:
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    return config
