"""``scrutiny-packs new``: start a question file under the next free id, checked at once."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import click

from scrutiny_packs.cli.options import echo_problems, root_option
from scrutiny_packs.problems import errors, sort_problems


def _ids_prompt(known: dict, what: str) -> Callable[[str], tuple[str, ...]]:
    """A prompt reader for ids typed with commas or spaces; asks again naming any it does not know."""
    from scrutiny_packs.editing.scaffold import check_ids, split_ids

    def read(raw: str) -> tuple[str, ...]:
        values = split_ids(raw)
        problems = check_ids(values, known, what, "")
        if problems:
            raise click.BadParameter("; ".join(f"{p.message} ({p.hint})" if p.hint else p.message for p in problems))
        return values

    return read


@click.command("new")
@root_option
@click.option(
    "--area",
    "areas",
    multiple=True,
    metavar="AREA",
    help="An area id, the name of a file in content/areas/ without .yml. Repeat for more than one.",
)
@click.option("--text", help="The question. Use {we}, {us}, {our}, {ours}, {ourselves} for the body being asked.")
@click.option(
    "--audience",
    "audiences",
    multiple=True,
    metavar="AUDIENCE",
    help="An audience id, the name of a file in content/audiences/ without .yml. Repeat for more than one.",
)
@click.option("--source", help="Where the question comes from: a report's title or a web address.")
def command(
    root: Path, areas: tuple[str, ...], text: str | None, audiences: tuple[str, ...], source: str | None
) -> None:
    """Start a new question file under the next free id, ready to edit.

    Asks for anything not given as an option. The file is checked at once;
    it is removed again if it has a problem, so nothing broken is left behind.
    """
    from scrutiny_packs.editing import scaffold
    from scrutiny_packs.packs.checks import check_all, load_checked

    bank = load_checked(root).bank
    asked_everything = not (areas or text or audiences or source)
    if not areas:
        click.echo("Areas:")
        for area in bank.areas_in_order():
            click.echo(f"  {'  ' * (len(bank.area_trail(area.id)) - 1)}{area.id}: {area.name}")
        areas = click.prompt(
            "Which area or areas (ids, separated by commas)", value_proc=_ids_prompt(bank.areas, "area")
        )
    if not text:
        text = click.prompt("The question (use {we}, {our} ... for the body being asked)")
    if not audiences:
        click.echo("Audiences: " + ", ".join(f"{a.id} ({a.name})" for a in bank.audiences.values()))
        audiences = click.prompt(
            "Which audiences does it suit (ids, separated by commas)",
            value_proc=_ids_prompt(bank.audiences, "audience"),
        )
    if source is None and asked_everything:
        source = click.prompt(
            "Where does it come from (a report's title or a web address; Enter to skip)", default="", show_default=False
        )
    draft = scaffold.QuestionDraft(
        " ".join(str(text).split()), scaffold.split_ids(areas), scaffold.split_ids(audiences), source or ""
    )
    problems = scaffold.check_draft(draft, bank.areas, bank.audiences)
    if problems:
        echo_problems(problems)
        click.echo("Nothing was written.", err=True)
        sys.exit(2)

    created = scaffold.write_question(root, draft, dt.date.today())
    mine = [p for p in check_all(root) if p.path == created.display_path]
    if errors(mine):
        created.path.unlink()
        echo_problems(sort_problems(mine))
        click.echo(f"{created.display_path} was not kept: fix the problem above and run again.", err=True)
        sys.exit(1)
    click.echo(f"Created {created.display_path} (question {created.id}).")
    echo_problems(sort_problems(mine))
    click.echo("Next: open the file, fill in the optional fields it lists, then run 'scrutiny-packs validate'.")
