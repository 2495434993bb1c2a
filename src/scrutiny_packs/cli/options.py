"""What the commands share: the options most of them take, and loading, reporting and writing
so that every command fails the same way (one line per problem, never a traceback)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from scrutiny_packs.problems import Problem, errors, sort_problems
from scrutiny_packs.text.plural import count_of, plural_form

if TYPE_CHECKING:
    from scrutiny_packs.content.load import LoadResult

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="The repository root (the folder holding content/).",
)


def today_option(help: str) -> Callable:
    """``--today YYYY-MM-DD``: the date a command works as of (read with ``on_date``)."""
    return click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help)


def on_date(today: dt.datetime | None) -> dt.date:
    return today.date() if today else dt.date.today()


output_option = click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .pdf, .docx, .html or .md.",
)


def echo_problems(problems: Iterable[Problem]) -> None:
    for p in problems:
        click.echo(p.format(), err=True)


def exit_with(problems: Iterable[Problem], code: int) -> NoReturn:
    echo_problems(problems)
    sys.exit(code)


def load_or_exit(root: Path) -> LoadResult:
    """The checked content, or every problem listed and exit 1 when it has errors."""
    from scrutiny_packs.packs.checks import load_checked

    result = load_checked(root)
    problems = sort_problems(result.problems)
    errs = errors(problems)
    if errs:
        echo_problems(problems)
        click.echo(
            f"{count_of(len(errs), 'error')}; fix {plural_form('it', len(errs), 'them')} and run again.", err=True
        )
        sys.exit(1)
    return result


def load_leniently(root: Path) -> LoadResult:
    """The content that loads, with a note when some files have problems (for listings that always exit 0)."""
    from scrutiny_packs.packs.checks import load_checked

    result = load_checked(root)
    if not result.ok:
        click.echo("Some content files have problems and are left out; run 'scrutiny-packs validate'.", err=True)
    return result


def write_or_exit(output: Path, what: str, write: Callable[[], object]) -> None:
    """Run ``write``; a failure is one line naming the file, never a traceback."""
    try:
        write()
    except OSError as exc:
        click.echo(f"{output}: could not write the file ({exc.strerror or exc})", err=True)
        sys.exit(1)
    except Exception as exc:  # a renderer failed: say so in one line, not a traceback
        click.echo(f"{output}: could not make {what} ({type(exc).__name__}: {exc})", err=True)
        sys.exit(1)
