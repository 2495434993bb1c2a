"""``scrutiny-packs release-notes``: what changed in the bank since an earlier release, item by item."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import load_or_exit, root_option, write_or_exit


@click.command("release-notes")
@root_option
@click.option(
    "--from",
    "earlier",
    required=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The earlier release: a folder holding its content/ (for example a checkout of its tag).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the changelog as JSON to this file, for councils' tools to read.",
)
def command(root: Path, earlier: Path, output: Path | None) -> None:
    """List each question and benchmark that changed since an earlier release (minor, modified, moved,
    retired, split, merged or added) and say which release number the changes call for.

    It exits with 1 when the release set in content/settings.yml is lower than the changes call for.
    """
    from scrutiny_packs.editing import release

    old, new = load_or_exit(earlier).bank, load_or_exit(root).bank
    changes = release.compare(old, new)
    was, now = old.settings.release or "0.0.0", new.settings.release or "0.0.0"
    needed = release.bump(was, changes)
    if output is not None:
        write_or_exit(output, "the changelog", lambda: output.write_text(release.to_json(was, now, changes), "utf-8"))
    counts = release.summary(changes)
    click.echo(f"From {was} to {now}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + ".")
    for change in changes:
        if change.kind != "unchanged":
            line = f"  {change.item}: {change.kind}"
            if change.detail and change.detail != change.kind:
                line += f" ({change.detail})"
            if change.reason:
                line += f": {change.reason}"
            click.echo(line)
    if _key(now) < _key(needed):
        click.echo(
            f"content/settings.yml: release is {now}, but these changes call for {needed} "
            "(a reworded, moved or retired item is a major change for a council; set release: "
            f"{needed})",
            err=True,
        )
        sys.exit(1)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
