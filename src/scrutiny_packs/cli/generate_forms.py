"""``scrutiny-packs generate-forms``: the lists of areas and audiences written from content/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import echo_problems, load_or_exit, root_option


@click.command("generate-forms")
@root_option
@click.option("--check", is_flag=True, help="Write nothing; exit with 1 naming each file that is out of date.")
def command(root: Path, check: bool) -> None:
    """Write the lists of areas and audiences in the issue form and CONTRIBUTING.md from content/.

    Run it after adding, renaming or removing an area or an audience, and commit what it changed.
    """
    from scrutiny_packs.editing.forms import BLOCKS, generate

    result = load_or_exit(root)
    problems = generate(root, result.bank, write=not check)
    echo_problems(problems)
    if problems:
        sys.exit(1)
    files = ", ".join(dict.fromkeys(b.path for b in BLOCKS))
    click.echo(f"Up to date: {files}." if check else f"Written from content/: {files}.")
