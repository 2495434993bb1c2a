"""Export the generated site as plain Markdown files, so any engine can build it.

Writes ``docs/`` (every page the hook would add) and an ``mkdocs.yml`` with the
same theme and nav shape but no hook: plain MkDocs builds the very same pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from scrutiny_packs.model import Bank
from scrutiny_packs.packs.html import site_stylesheets
from scrutiny_packs.site import mypack, opendata
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from scrutiny_packs.site.nav import build_nav


def export_markdown(bank: Bank, out_dir: Path, root: Path | None = None) -> int:
    out_dir = Path(out_dir)
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    count = 0
    # Pack PDF and Word files are made by the hook's build only: exported pack pages say so.
    for page in SiteBuilder(bank, SiteOptions(downloads=False)).pages():
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
        count += 1
    for data in opendata.data_files(bank):  # the open data page links these
        target = docs / data.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.content)
    for uri, path in site_stylesheets().items():  # the packs' stylesheets, which the hook adds
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    config = _plain_config(bank, root)
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def _plain_config(bank: Bank, root: Path | None) -> dict:
    """The project's mkdocs.yml without the hook, pointing at the exported pages."""
    config: dict = {}
    if root is not None and (root / "mkdocs.yml").is_file():
        # MkDocs' own loader, so tags such as !ENV read as MkDocs would read them.
        from mkdocs.utils.yaml import get_yaml_loader

        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = yaml.load(text, Loader=get_yaml_loader()) or {}  # noqa: S506 (MkDocs' safe loader)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["nav"] = build_nav(bank)
    config["extra_css"] = list(config.get("extra_css") or []) + list(site_stylesheets())
    # What the hook adds to `extra`: the My pack link's rules, read by every page's "Add to my pack".
    config["extra"] = {**(config.get("extra") or {}), mypack.EXTRA_KEY: mypack.link_rules()}
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") and root is not None:
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    return config
