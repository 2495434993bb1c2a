"""The ``scrutiny-packs`` command: validate content, build the site, export, make packs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .load import LoadResult, load_bank
from .problems import errors, report, sort_problems, warnings


def _load_or_exit(root: Path) -> LoadResult:
    result = load_bank(root)
    problems = sort_problems(result.problems)
    errs = errors(problems)
    if errs:
        for p in problems:
            click.echo(p.format(), err=True)
        click.echo(f"{len(errs)} error(s); fix them and run again.", err=True)
        sys.exit(1)
    return result


root_option = click.option(
    "--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=".",
    show_default=True, help="The repository root (the folder holding content/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scrutiny-packs")
def main() -> None:
    """Scrutiny Packs: a safeguarding scrutiny question bank, its site and its packs."""


@main.command()
@root_option
def validate(root: Path) -> None:
    """Check every file in content/ and report all problems, one per line."""
    result = load_bank(root)
    problems = sort_problems(result.problems)
    for p in problems:
        click.echo(p.format(), err=True)
    errs, warns = errors(problems), warnings(problems)
    bank = result.bank
    if errs:
        click.echo(f"{len(errs)} error(s), {len(warns)} warning(s).", err=True)
        sys.exit(1)
    click.echo(f"OK: {len(bank.questions)} questions, {len(bank.areas)} areas, {len(bank.audiences)} audiences, "
               f"{len(bank.benchmarks)} benchmarks, {len(bank.indicators)} indicators, {len(bank.packs)} packs"
               + (f"; {len(warns)} warning(s)." if warns else "."))


@main.command("export-markdown")
@root_option
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def export_markdown(root: Path, out_dir: Path) -> None:
    """Write every generated page as plain Markdown, with an mkdocs.yml, for any engine."""
    from .export import export_markdown as run

    result = _load_or_exit(root)
    count = run(result.bank, out_dir, root)
    click.echo(f"Wrote {count} pages to {out_dir}/ (docs/ and mkdocs.yml).")


@main.command()
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Treat MkDocs warnings as errors.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Make the PDF packs.")
def build(root: Path, site_dir: Path, strict: bool, pdf: bool) -> None:
    """Build the site with MkDocs; the old site is replaced only if the build succeeds."""
    from .build import BuildFailed, build_site

    try:
        build_site(root.resolve(), site_dir if site_dir.is_absolute() else root / site_dir, strict=strict, pdf=pdf)
    except BuildFailed as failed:
        click.echo(str(failed), err=True)
        sys.exit(1)
    click.echo(f"Built {site_dir}/.")


if __name__ == "__main__":  # pragma: no cover
    main()
