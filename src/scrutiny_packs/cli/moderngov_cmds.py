"""``scrutiny-packs meeting-import`` and ``meeting-list``: a meeting's agenda from the council's ModernGov site.

Named with a hyphen beside ``scrutiny-packs meeting FILE-OR-ID -o FILE`` (which makes papers): making
``meeting`` a group would change how that command reads its first argument.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from scrutiny_packs.cli.options import load_or_exit, root_option
from scrutiny_packs.problems import Problem

_service_options = [
    click.option(
        "--moderngov",
        "base_url",
        required=True,
        metavar="URL",
        help="The council's committee site, e.g. https://democracy.example.gov.uk.",
    ),
    click.option("--soap", is_flag=True, help="Ask the web service with SOAP 1.1 instead of plain GET."),
    click.option(
        "--timeout",
        type=click.FloatRange(0.1, 600),
        default=60,
        show_default=True,
        help="Seconds to wait for an answer (some councils' servers take 30-40 s).",
    ),
]


def _service_opts(command):
    for option in reversed(_service_options):
        command = option(command)
    return command


def _fail(problem: Problem, code: int = 1) -> NoReturn:
    click.echo(problem.format(), err=True)
    sys.exit(code)


def _service(base_url: str, soap: bool, timeout: float):
    from scrutiny_packs.editing.moderngov.client import service_for

    service, problem = service_for(base_url, soap, timeout)
    if problem is not None:
        _fail(problem, 2)
    return service


def _dmy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")  # the service ignores ISO dates and returns everything


@click.command("meeting-list")
@_service_opts
@click.option("--committee", type=int, metavar="ID", help="The committee's id; without it, list the committees.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="The first day, YYYY-MM-DD.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="The last day, YYYY-MM-DD.")
def meeting_list(base_url: str, soap: bool, timeout: float, committee: int | None, start, end) -> None:
    """List a committee's meetings between two dates (id, date, time, status, place),
    or, without --committee, the council's committees (id and title).

    For example `scrutiny-packs meeting-list --moderngov https://democracy.example.gov.uk
    --committee 140 --from 2027-01-01 --to 2027-03-31`; then `meeting-import --meeting ID`.
    """
    from scrutiny_packs.editing.moderngov import parse
    from scrutiny_packs.editing.moderngov.client import call

    service = _service(base_url, soap, timeout)
    if committee is None:
        root, problem = call(service, "GetCommittees")
        if problem is not None or root is None:
            _fail(problem or Problem(service.endpoint, None, "", "no answer"))
        listed = parse.committees(root)
        if not listed:
            _fail(Problem(service.endpoint, None, "", "not ModernGov: the answer lists no committees"))
        for c in listed:
            click.echo(f"{c.id}  {c.title}")
        return
    first = start.date() if start else dt.date.today()
    last = end.date() if end else first + dt.timedelta(days=365)
    if last < first:
        _fail(Problem("--to", None, "", "is before --from", "give the first day, then the last"), 2)
    root, problem = call(service, "GetMeetings", lCommitteeId=committee, sFromDate=_dmy(first), sToDate=_dmy(last))
    if problem is not None or root is None:
        _fail(problem or Problem(service.endpoint, None, "", "no answer"))
    # Filtered here too: a server that did not read the dates sends the committee's whole history.
    held = sorted(
        ((m.date, m) for m in parse.meetings(root) if m.date and first <= m.date <= last),
        key=lambda dm: (dm[0], dm[1].id),
    )
    if not held:
        click.echo(f"No meetings of committee {committee} from {first.isoformat()} to {last.isoformat()}.")
        return
    for day, m in held:
        cells = [str(m.id), day.isoformat(), m.time, m.status, m.location]
        click.echo("  ".join(c for c in cells if c))


@click.command("meeting-import")
@root_option
@_service_opts
@click.option("--meeting", "meeting_id", required=True, type=int, metavar="ID", help="The meeting's id.")
@click.option("--audience", metavar="ID", help="The asking body, an id from content/audiences/ (default: councillors).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The meeting file to write (default: content/meetings/<committee>-<date>.yml).",
)
@click.option("--force", is_flag=True, help="Replace the file if it is there already.")
def meeting_import(
    root: Path, base_url: str, soap: bool, timeout: float, meeting_id: int, audience, output, force: bool
) -> None:
    """Write a meeting file from a meeting in the council's ModernGov committee system: the
    committee as body, the date, time and place, and the agenda items in order, each with a link
    to its page and the questions suggested for its title, to keep, remove or reorder.

    Exempt (restricted, Part 2) items are never written; they are listed with the items left out.
    If anything goes wrong, nothing is written.
    """
    from scrutiny_packs.editing.moderngov import parse
    from scrutiny_packs.editing.moderngov.client import call
    from scrutiny_packs.editing.moderngov.meeting_file import meeting_file
    from scrutiny_packs.packs.request import agenda_for
    from scrutiny_packs.problems import did_you_mean

    service = _service(base_url, soap, timeout)
    if output is not None and output.exists() and not force:
        _fail(Problem(str(output), None, "", "is there already", "give another -o, or --force to replace it"), 2)
    bank = load_or_exit(root).bank
    if audience is None:
        audience = "councillors" if "councillors" in bank.audiences else None
    elif audience not in bank.audiences:
        hint = did_you_mean(audience, bank.audiences) or "use an id from content/audiences/"
        _fail(Problem("--audience", None, "", f"{audience!r} is not a known audience", hint), 2)
    root_el, problem = call(service, "GetMeeting", lMeetingId=meeting_id)
    if problem is not None or root_el is None:
        _fail(problem or Problem(service.endpoint, None, "", "no answer"))
    meeting = parse.meeting(root_el, meeting_id)
    if meeting is None:
        _fail(
            Problem(
                service.endpoint,
                None,
                "",
                f"meeting {meeting_id} not found",
                "list the committee's meetings with 'scrutiny-packs meeting-list'",
            )
        )
    if meeting.committee is None and meeting.summary.committee_id is not None:  # named by id only
        listed, _ = call(service, "GetCommittees")
        named = {c.id: c for c in parse.committees(listed)} if listed is not None else {}
        meeting = replace(meeting, committee=named.get(meeting.summary.committee_id))
    if meeting.summary.date is None:
        _fail(Problem(service.endpoint, None, "", f"meeting {meeting_id} has no date that can be read"))
    imported = meeting_file(bank, service, meeting, audience)
    for lo in imported.left_out:
        click.echo(f"item {lo.number} left out: {lo.reason}", err=True)
    if not imported.items:
        _fail(
            Problem(service.endpoint, None, "", f"meeting {meeting_id}: no agenda item to write", "nothing was written")
        )
    target = output or root / "content" / "meetings" / f"{imported.id}.yml"
    if target.exists() and not force:
        _fail(Problem(str(target), None, "", "is there already", "give -o another file, or --force to replace it"), 2)
    with tempfile.TemporaryDirectory() as scratch:  # checked as `meeting` would read it, before writing
        trial = Path(scratch) / f"{imported.id}.yml"
        trial.write_text(imported.text, encoding="utf-8")
        agenda, problems = agenda_for(bank, str(trial))
    if agenda is None:
        for p in problems:
            click.echo(p.format(), err=True)
        _fail(Problem(str(target), None, "", "the imported meeting does not validate", "nothing was written"))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(imported.text)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        _fail(Problem(str(target), None, "", f"could not write the file ({exc.strerror or exc})"))
    questions = sum(len(item.inline.selection.questions) for item in agenda.items if item.inline)
    click.echo(
        f"Wrote {target}: {imported.items} agenda item{'s' if imported.items != 1 else ''}, "
        f"{questions} questions suggested; keep, remove or reorder them, then run 'scrutiny-packs validate'."
    )


commands = (meeting_list, meeting_import)
