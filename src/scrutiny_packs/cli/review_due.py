"""``scrutiny-packs review-due``: the questions due for review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from scrutiny_packs.cli.options import load_leniently, on_date, root_option, today_option


@click.command("review-due")
@root_option
@today_option("Check as if on this date (YYYY-MM-DD) instead of today.")
def command(root: Path, today: dt.datetime | None) -> None:
    """List questions due for review: id, last reviewed, due date and file.

    A question falls due review_interval_months (content/settings.yml) after
    it was last reviewed. Run it each quarter; it always exits with 0.
    """
    from scrutiny_packs.content.review import overdue
    from scrutiny_packs.content.sources import review_lines

    bank = load_leniently(root).bank
    on = on_date(today)
    months = bank.settings.review_interval_months
    due = overdue(bank, on)
    if not due:
        click.echo(f"No questions are due for review on {on.isoformat()} (reviews fall due every {months} months).")
    rows = [("id", "last reviewed", "due", "file")]
    rows += [
        (
            r.id,
            r.last_reviewed.isoformat() if r.last_reviewed else "never",
            r.due.isoformat() if r.due else "now",
            r.path,
        )
        for r in due
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    if due:
        click.echo(
            f"{len(due)} question{'s are' if len(due) != 1 else ' is'} due for review on {on.isoformat()} "
            f"(reviews fall due every {months} months):"
        )
        for row in rows:
            click.echo("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3])
    # Citations of a superseded edition, and sources not checked for a year (content/sources/).
    for line in review_lines(bank, on):
        click.echo(line)
