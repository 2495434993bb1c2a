"""``scrutiny-packs pack``: one pack of questions as a PDF, Word file, web page or Markdown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, get_args

import click

from scrutiny_packs.cli.options import echo_problems, exit_with, load_or_exit, output_option, root_option, write_or_exit
from scrutiny_packs.model import Origin
from scrutiny_packs.text.plural import count_of


@click.command("pack")
@root_option
@click.option("--audience", metavar="ID", help="Questions suited to this audience; it is also named on the cover.")
@click.option(
    "--area", "areas", multiple=True, metavar="ID", help="Questions in this area (and its sub-areas). Repeat for more."
)
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Questions with this tag. Repeat for more.")
@click.option(
    "--question", "questions", multiple=True, metavar="ID", help="This question, in the order given. Repeat for more."
)
@click.option(
    "--origin",
    "origins",
    multiple=True,
    type=click.Choice(get_args(Origin)),
    help="Only questions from the 2012 toolkit (walsall-2012) or written since (added).",
)
@click.option(
    "--framing", metavar="you|we", help="'you' to ask others, 'we' to ask ourselves (default: the audience's)."
)
@click.option("--title", help="The pack's title (default: made from the choices above).")
@click.option("--order", metavar="area|listed|bank", help="Group by area (default), keep --question order, or by id.")
@click.option("--benchmarks/--no-benchmarks", default=None, help="Show what good looks like (default: yes).")
@click.option("--evidence/--no-evidence", default=None, help="Show the evidence to ask for (default: yes).")
@click.option("--notes/--no-notes", default=None, help="Leave space for notes in print (default: yes).")
@click.option("--rag/--no-rag", default=None, help="Add a red/amber/green status box (default: no).")
@click.option(
    "--since-last-time/--no-since-last-time",
    "since_last_time",
    default=None,
    help="Add 'Since last time': the body's last RAG status, answer and open actions for each question "
    "(from the meeting records; give --body and --date).",
)
@click.option("--body", metavar="TEXT", help="The body or committee the pack is for, e.g. 'Children's Scrutiny Panel'.")
@click.option("--meeting", metavar="TEXT", help="The meeting, e.g. 'Ordinary meeting'.")
@click.option("--date", metavar="YYYY-MM-DD", help="The meeting date.")
@click.option("--item", metavar="NUMBER", help="The agenda item number, e.g. 6 or 6a.")
@click.option("--item-title", "item_title", metavar="TEXT", help="The agenda item's title.")
@click.option(
    "--spec",
    "spec_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A pack file (the format of content/packs/) instead of the options above.",
)
@click.option(
    "--from-url",
    "from_url",
    metavar="URL",
    help="A link copied with 'Copy link' on the site's My pack page: the same pack, on its own.",
)
@output_option
def command(root: Path, output: Path, from_url: str | None, **options: Any) -> None:
    """Make a pack of questions as a PDF, Word file, web page or Markdown.

    With no --audience, --area, --tag or --question it packs the whole bank.
    --audience, --area and --tag narrow it together, for example
    `--audience councillors --area domestic-violence --framing we -o item-6.pdf`.
    --body, --meeting, --date, --item and --item-title name the meeting on the
    cover and at the foot of every page.
    """
    from scrutiny_packs.packs.layout import build_view
    from scrutiny_packs.packs.link import conflicting_options, spec_from_url
    from scrutiny_packs.packs.output import write_pack
    from scrutiny_packs.packs.request import PackRequest, output_problems, spec_for

    request = PackRequest(output=output, **options)
    early = output_problems(output, root)  # before loading anything
    if from_url is not None:
        early += conflicting_options(options)
    if early:
        exit_with(early, 2)
    bank = load_or_exit(root).bank
    spec, problems = spec_from_url(bank, from_url) if from_url is not None else spec_for(bank, request)
    echo_problems(problems)  # errors, or warnings about a link's unusable parts
    if spec is None:
        sys.exit(2)
    view = build_view(bank, spec)
    write_or_exit(output, "the pack", lambda: write_pack(view, output))
    for qid in view.left_out:
        successor = bank.questions[qid].replaced_by
        instead = f"; {successor} replaces it" if successor in bank.questions else ""
        click.echo(f"warning: {qid} is retired and was left out{instead}", err=True)
    click.echo(f"Wrote {output}: {count_of(view.count, 'question')}, framed \u201c{view.framing}\u201d.")
