"""``scrutiny-packs export-markdown``: the site's pages as plain Markdown, for other engines."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import load_or_exit, root_option
from scrutiny_packs.text.plural import count_of


@click.command("export-markdown")
@root_option
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def command(root: Path, out_dir: Path) -> None:
    """Write every generated page as plain Markdown, with an mkdocs.yml that MkDocs, ProperDocs and Zensical build."""
    from scrutiny_packs.publish.export import export_markdown, gaps_line
    from scrutiny_packs.publish.vendor import VendorMissing

    result = load_or_exit(root)
    try:
        exported = export_markdown(result.bank, out_dir, root)
    except VendorMissing as missing:
        click.echo(str(missing), err=True)
        sys.exit(1)
    click.echo(f"Wrote {count_of(exported.pages, 'page')} to {out_dir}/ (docs/ and mkdocs.yml).")
    click.echo(gaps_line(exported))
