"""``scrutiny-packs build``: the site, replacing the old one only when the build succeeds."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import root_option


@click.command("build")
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Treat MkDocs warnings as errors.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Make the PDF packs.")
@click.option(
    "--offline-copy/--no-offline-copy",
    default=None,
    help="Make the zipped offline copy, a second whole build (the default, unless SCRUTINY_PACKS_OFFLINE_COPY=0).",
)
def command(root: Path, site_dir: Path, strict: bool, pdf: bool, offline_copy: bool | None) -> None:
    """Build the site with MkDocs; the old site is replaced only if the build succeeds."""
    from scrutiny_packs.publish.atomic import BuildFailed, build_site

    site = site_dir if site_dir.is_absolute() else root / site_dir
    try:
        build_site(root.resolve(), site, strict=strict, pdf=pdf, offline=offline_copy)
    except BuildFailed as failed:
        click.echo(str(failed), err=True)
        sys.exit(1)
    click.echo(f"Built {site_dir}/.")
