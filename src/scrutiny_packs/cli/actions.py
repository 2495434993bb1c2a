"""``scrutiny-packs actions``: the actions agreed in meeting records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from scrutiny_packs.cli.options import load_leniently, on_date, root_option, today_option
from scrutiny_packs.text.plural import count_of
from scrutiny_packs.text.spreadsheet import csv_text


@click.command("actions")
@root_option
@click.option("--overdue", is_flag=True, help="Only open actions whose due date has passed.")
@click.option("--body", metavar="TEXT", help="Only actions agreed by this body (as named in its meeting files).")
@click.option(
    "--status",
    type=click.Choice(["open", "done", "dropped", "all"]),
    default="open",
    show_default=True,
    help="Which actions to list.",
)
@click.option("--format", "output", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@today_option("Count as overdue on this date (YYYY-MM-DD) instead of today.")
def command(root: Path, overdue: bool, body: str | None, status: str, output: str, today: dt.datetime | None) -> None:
    """List the actions agreed in meeting records, by due date, overdue first.

    For example `scrutiny-packs actions --overdue --today 2026-12-01`. It always exits with 0.
    """
    from scrutiny_packs.packs.records import agreed_actions, overdue_first

    result = load_leniently(root)
    on = on_date(today)
    found = agreed_actions(result.bank, None if status == "all" else status, body)
    if overdue:
        found = [a for a in found if a.overdue(on)]
    found = overdue_first(found, on)
    header = ("due", "state", "owner", "action", "question", "meeting", "item")
    rows = [
        (
            a.action.due.isoformat() if a.action.due else "",
            "overdue" if a.overdue(on) else a.action.status,
            a.action.owner,
            a.action.what,
            a.question,
            a.heard.meeting,
            a.heard.item,
        )
        for a in found
    ]
    if output == "csv":
        click.echo(csv_text(header, rows, newline="\n"), nl=False)
        return
    if not rows:
        click.echo(f"No {'overdue ' if overdue else ''}actions on {on.isoformat()}.")
        return
    click.echo(f"{count_of(len(rows), ('overdue ' if overdue else '') + 'action')} on {on.isoformat()}:")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
