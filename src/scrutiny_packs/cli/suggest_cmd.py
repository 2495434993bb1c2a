"""``scrutiny-packs suggest``: the bank's questions that best fit an agenda item."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import load_or_exit, root_option


@click.command()
@root_option
@click.argument("title", metavar='"ITEM TITLE"')
@click.option("--text", default="", help="The item's description or report summary, read with its title.")
@click.option("--audience", metavar="ID", help="Only questions suited to this audience (default: any).")
@click.option("-n", "count", type=click.IntRange(1, 100), default=10, show_default=True, help="How many to list.")
def suggest(root: Path, title: str, text: str, audience: str | None, count: int) -> None:
    """List the questions that best fit an agenda item, best first: id and text.

    The item's words are read with the glossary's terms, so 'MASH' finds questions about the
    front door, and 'domestic abuse' those written 'domestic violence'. For example
    `scrutiny-packs suggest "Children missing education" --audience councillors -n 5`.
    """
    from scrutiny_packs.packs.suggest import suggest as rank
    from scrutiny_packs.problems import did_you_mean
    from scrutiny_packs.text.framing import frame

    bank = load_or_exit(root).bank
    if audience is not None and audience not in bank.audiences:
        hint = did_you_mean(audience, bank.audiences) or "use an id from content/audiences/"
        click.echo(f"--audience: {audience!r} is not a known audience ({hint})", err=True)
        sys.exit(2)
    if not " ".join(f"{title} {text}".split()):
        click.echo("ITEM TITLE: must not be empty (give the agenda item's title)", err=True)
        sys.exit(2)
    framing = bank.audiences[audience].framing if audience else "you"
    found = rank(bank, f"{title}. {text}", audience, count)
    if not found:
        click.echo(f"No questions share a word or a glossary term with {title!r}: try other words.")
        return
    width = max(len(s.question.id) for s in found)
    for s in found:
        click.echo(f"{s.question.id.ljust(width)}  {frame(s.question.text, framing)}")


commands = (suggest,)
