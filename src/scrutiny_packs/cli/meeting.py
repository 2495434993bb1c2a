"""``scrutiny-packs meeting``: a meeting's papers, every agenda item's questions in one file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import echo_problems, exit_with, load_or_exit, output_option, root_option, write_or_exit
from scrutiny_packs.text.plural import count_of


@click.command("meeting")
@root_option
@click.argument("source", metavar="FILE-OR-ID")
@output_option
def command(root: Path, source: str, output: Path) -> None:
    """Make a meeting's papers: a cover with the agenda and contents, then each item's questions
    from a new page, with the meeting and item at the foot of every page.

    FILE-OR-ID is a meeting file (the format of content/meetings/) or the id of one in
    content/meetings/, for example `scrutiny-packs meeting example-childrens-scrutiny-panel -o papers.pdf`.
    """
    from scrutiny_packs.packs.meetings import build_meeting_view, render_bundle
    from scrutiny_packs.packs.pdf import write_atomically
    from scrutiny_packs.packs.request import agenda_for, output_problems

    early = output_problems(output, root)
    if early:
        exit_with(early, 2)
    bank = load_or_exit(root).bank
    agenda, problems = agenda_for(bank, source)
    echo_problems(problems)
    if agenda is None:
        sys.exit(2)
    view = build_meeting_view(bank, agenda)
    write_or_exit(output, "the papers", lambda: write_atomically(output, render_bundle(view, output.suffix)))
    click.echo(f"Wrote {output}: {count_of(len(view.items), 'agenda item')}, {count_of(view.count, 'question')}.")
