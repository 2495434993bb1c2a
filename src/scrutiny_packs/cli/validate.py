"""``scrutiny-packs validate``: every check on content/, as CI and the site build run them."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import echo_problems, on_date, root_option, today_option
from scrutiny_packs.problems import errors, warnings
from scrutiny_packs.text.plural import count_of


@click.command("validate")
@root_option
@click.option(
    "--similarity",
    type=click.IntRange(70, 100),
    default=90,
    show_default=True,
    help="Warn when two questions' wording scores at least this (out of 100) alike.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="'github' also prints each problem as a GitHub Actions annotation on its file and line.",
)
@today_option(
    "Warn about actions overdue, and answers due to be come back to, on this date (YYYY-MM-DD) instead of today."
)
def command(root: Path, similarity: int, output: str, today: dt.datetime | None) -> None:
    """Check every file in content/ and report all problems, one per line.

    Problems stop the site building; warnings (a question with no source, or
    one that reads almost the same as another) are for reviewers to judge.
    """
    from scrutiny_packs.packs.checks import check_all, load_checked

    result = load_checked(root)
    problems = check_all(root, loaded=result, today=on_date(today), similarity=similarity)
    echo_problems(problems)
    if output == "github":
        from scrutiny_packs.editing.annotations import annotation

        for p in problems:
            click.echo(annotation(p))
    errs, warns = errors(problems), warnings(problems)
    bank = result.bank
    if errs:
        click.echo(f"{count_of(len(errs), 'error')}, {count_of(len(warns), 'warning')}.", err=True)
        sys.exit(1)
    counts = [
        count_of(len(bank.questions), "question"),
        count_of(len(bank.areas), "area"),
        count_of(len(bank.audiences), "audience"),
        count_of(len(bank.benchmarks), "benchmark"),
        count_of(len(bank.indicators), "indicator"),
        count_of(len(bank.packs), "pack"),
        count_of(len(bank.meetings), "meeting"),
    ]
    click.echo("OK: " + ", ".join(counts) + (f"; {count_of(len(warns), 'warning')}." if warns else "."))
