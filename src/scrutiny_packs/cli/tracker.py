"""``scrutiny-packs tracker``: the recommendations tracker a committee receives each quarter."""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from pathlib import Path

import click

from scrutiny_packs.cli.options import load_or_exit, on_date, root_option, today_option, write_or_exit
from scrutiny_packs.ids import body_key


@click.command("tracker")
@root_option
@click.option(
    "-o",
    "--output",
    "outputs",
    required=True,
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A file to write: .docx, .pdf, .csv, .xlsx or .ics (a calendar of due dates). Repeat for more than one.",
)
@click.option("--committee", metavar="TEXT", help="Only this committee's recommendations (as named in its meetings).")
@click.option(
    "--examples",
    is_flag=True,
    help="The shipped example records instead of the council's own (they are never mixed).",
)
@today_option("Count as overdue on this date (YYYY-MM-DD) instead of today.")
def command(
    root: Path, outputs: tuple[Path, ...], committee: str | None, examples: bool, today: dt.datetime | None
) -> None:
    """Write the recommendations tracker: one row per recommendation and per action, overdue first,
    with the information still awaited; and a calendar of what falls due.

    For example `scrutiny-packs tracker -o tracker.docx -o tracker.xlsx -o due.ics`.
    """
    from scrutiny_packs.packs import tracker as tracking
    from scrutiny_packs.packs.tracker_files import SUFFIXES, TrackerReport, write

    for output in outputs:
        if output.suffix.lower() not in SUFFIXES:
            click.echo(
                f"{output}: can write {', '.join(SUFFIXES)}, not {output.suffix or 'a file without a suffix'}", err=True
            )
            sys.exit(2)
        if _inside(output, root / "content"):
            click.echo(f"{output}: refusing to write inside content/ (write the tracker elsewhere)", err=True)
            sys.exit(2)
    bank = load_or_exit(root).bank
    on = on_date(today)
    key = body_key(committee or "")
    tracked = [t for t in tracking.recommendations(bank, examples) if not key or body_key(t.committee) == key]
    awaited = [w for w in tracking.requests(bank, examples) if not key or body_key(w.committee) == key]
    tracked = tracking.open_first(tracked, on)
    title = "Recommendations tracker" + (f": {' '.join(committee.split())}" if committee else "")
    report = TrackerReport(
        title, bank.settings.organisation, on, tracking.rows(tracked, on), tracking.due_dates(tracked, awaited), awaited
    )
    for output in outputs:
        write_or_exit(output, "the tracker", partial(write, report, output))
    recs = sum(1 for r in report.rows if r["row"] == "Recommendation")
    overdue = sum(1 for t in tracked if t.overdue(on))
    names = ", ".join(str(o) for o in outputs)
    click.echo(
        f"Wrote {names}: {recs} recommendation{'s' if recs != 1 else ''} ({overdue} overdue), "
        f"{len(awaited)} information request{'s' if len(awaited) != 1 else ''}."
    )


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
