"""``scrutiny-packs init DIR --council NAME``: a council's own site, on the national bank, in a new repository."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--council", required=True, help="The council's name, e.g. 'Example Council'.")
@click.option("--panel", default="", help="Its scrutiny panel's or committee's name (you can add it later).")
@click.option("--partnership", default="", help="Its safeguarding children partnership's name.")
def command(directory: Path, council: str, panel: str, partnership: str) -> None:
    """Make a council's repository in DIRECTORY: mkdocs.yml, settings.yml (the council's names), an empty
    overlay.yml naming the national release it builds on, a README and Makefile with `make serve` and
    `make test`, and a workflow that checks pull requests and publishes to GitHub Pages."""
    from scrutiny_packs.editing import council_site

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        click.echo(f"{directory}: not empty; give a new or empty folder (nothing was written)", err=True)
        sys.exit(1)
    name = " ".join(council.split())
    if not name:
        click.echo("--council: the council's name is empty (e.g. --council 'Example Council')", err=True)
        sys.exit(1)
    from scrutiny_packs.content.schema import schema

    fields = schema("council")["properties"]
    too_long = [
        f"--{option}: {len(value):,} characters; settings.yml allows {fields[option]['maxLength']:,} (shorten it)"
        for option, value in (("council", name), ("panel", panel.strip()), ("partnership", partnership.strip()))
        if len(value) > fields[option]["maxLength"]
    ]
    if too_long:
        click.echo("\n".join(too_long), err=True)
        sys.exit(1)
    try:
        written = council_site.write(directory, council_site.Council(name, panel.strip(), partnership.strip()))
    except OSError as exc:
        click.echo(f"{directory}: could not write the site ({exc.strerror or exc})", err=True)
        sys.exit(1)
    click.echo(f"Made {name}'s site in {directory}/ ({len(written)} files). Next: cd {directory} && make serve")
