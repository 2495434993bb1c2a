"""``scrutiny-packs upgrade``: move a council's overlay to another national release, or check it (CI)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from scrutiny_packs.cli.options import exit_with, root_option, write_or_exit


@click.command("upgrade")
@root_option
@click.option("--to", "target", help="The national release to move to, e.g. 3.0.0.")
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; exit 1 while a conflict or a broken reference is unresolved (for CI).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("upgrade-report.md"),
    show_default=True,
    help="Where to write the report (relative to --root).",
)
def command(root: Path, target: str | None, check: bool, output: Path) -> None:
    """Compare this council's overlay.yml with a national release and write a report: what applies with
    nothing to do, conflicts (a national change under your own wording: yours is kept, both are shown),
    items you hid or reworded that were retired, moved, split or merged, and references that no longer
    resolve. Without --check, overlay.yml then extends the new release.

    With --check alone, the release overlay.yml already extends is checked.
    """
    from scrutiny_packs.content import national
    from scrutiny_packs.content.load import load_bank
    from scrutiny_packs.content.overlay import OVERLAY_FILE, read_overlay, read_settings
    from scrutiny_packs.editing import upgrade

    settings, problems = read_settings(root)
    overlay, found = read_overlay(root)
    if settings is None or overlay is None:
        exit_with(problems + found, 1)
    version = target or overlay.extends
    new_root = national.find_release(version, root)
    if new_root is None:
        known = ", ".join(national.known_releases(root)) or "none"
        click.echo(
            f"--to: national release {version} is not installed (installed: {known}) (install the scrutiny-packs "
            f"release that carries it, or unpack it into {national.RELEASES_DIR}/{version}/)",
            err=True,
        )
        sys.exit(1)
    old_root = national.find_release(overlay.extends, root)
    new = load_bank(new_root)
    if not new.ok:
        exit_with([p for p in new.problems if p.is_error], 1)
    old = load_bank(old_root).bank if old_root is not None and old_root != new_root else None
    report = upgrade.plan(overlay, settings, old, new.bank, version)
    if check:
        for c in report.conflicts:
            click.echo(
                f"{OVERLAY_FILE}:{c.reword.line}: reword: the national text of {c.reword.what} in {version} is not "
                "the one your wording replaced; your wording is kept (read both with 'scrutiny-packs upgrade "
                f"--to {version}'; to keep yours, having read the national one, set replaces: {c.fingerprint})",
                err=True,
            )
        for p in report.unresolved:
            click.echo(p.format(), err=True)
        if not report.ok:
            sys.exit(1)
        click.echo(f"{OVERLAY_FILE}: nothing to resolve against national release {version}.")
        return
    path = output if output.is_absolute() else root / output
    write_or_exit(path, "the report", lambda: path.write_text(upgrade.to_markdown(report), encoding="utf-8"))
    click.echo(
        f"From {report.old} to {version}: {len(report.conflicts)} conflicts, {len(report.affected)} of your items "
        f"changed nationally, {len(report.unresolved)} broken references, {len(report.silent)} applied. "
        f"Report: {path}"
    )
    if report.unresolved:
        for p in report.unresolved:
            click.echo(p.format(), err=True)
        click.echo(f"{OVERLAY_FILE}: still extends {report.old}; fix the references above and run again.", err=True)
        sys.exit(1)
    if target and target != overlay.extends:
        overlay_path = root / OVERLAY_FILE
        text = overlay_path.read_text(encoding="utf-8")
        moved = re.sub(r"^extends:.*$", f"extends: {version}", text, count=1, flags=re.M)
        write_or_exit(overlay_path, "the overlay", lambda: overlay_path.write_text(moved, encoding="utf-8"))
    if report.conflicts:
        click.echo(
            f"{len(report.conflicts)} conflicts to resolve in {OVERLAY_FILE}: "
            "'scrutiny-packs upgrade --check' fails until each is resolved."
        )
