"""The ``scrutiny-packs`` command: validate content, build the site, export, make packs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scrutiny_packs.content.load import LoadResult
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.problems import errors, sort_problems, warnings
from scrutiny_packs.text.plural import count_of, plural_form


def _load_or_exit(root: Path) -> LoadResult:
    result = load_checked(root)
    problems = sort_problems(result.problems)
    errs = errors(problems)
    if errs:
        for p in problems:
            click.echo(p.format(), err=True)
        click.echo(
            f"{count_of(len(errs), 'error')}; fix {plural_form('it', len(errs), 'them')} and run again.", err=True
        )
        sys.exit(1)
    return result


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="The repository root (the folder holding content/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scrutiny-packs")
def main() -> None:
    """Scrutiny Packs: a safeguarding scrutiny question bank, its site and its packs."""


@main.command()
@root_option
@click.option(
    "--similarity",
    type=click.IntRange(70, 100),
    default=90,
    show_default=True,
    help="Warn when two questions' wording scores at least this (out of 100) alike.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="'github' also prints each problem as a GitHub Actions annotation on its file and line.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Warn about actions overdue, and answers due to be come back to, on this date (YYYY-MM-DD) instead of today.",
)
def validate(root: Path, similarity: int, output: str, today) -> None:
    """Check every file in content/ and report all problems, one per line.

    Problems stop the site building; warnings (a question with no source, or
    one that reads almost the same as another) are for reviewers to judge.
    """
    import datetime as dt

    from scrutiny_packs.content.duplicates import duplicate_problems
    from scrutiny_packs.content.records import overdue_problems, revisit_problems

    result = load_checked(root)
    on = today.date() if today else dt.date.today()
    record_docs = result.documents.get("records", {})
    overdue = overdue_problems(result.bank.records, record_docs, on) + revisit_problems(
        result.bank.records, record_docs, result.bank.meetings, on
    )
    problems = sort_problems(result.problems + duplicate_problems(result.bank, root, similarity) + overdue)
    for p in problems:
        click.echo(p.format(), err=True)
    if output == "github":
        from scrutiny_packs.editing.annotations import annotation

        for p in problems:
            click.echo(annotation(p))
    errs, warns = errors(problems), warnings(problems)
    bank = result.bank
    if errs:
        click.echo(f"{count_of(len(errs), 'error')}, {count_of(len(warns), 'warning')}.", err=True)
        sys.exit(1)
    counts = [
        count_of(len(bank.questions), "question"),
        count_of(len(bank.areas), "area"),
        count_of(len(bank.audiences), "audience"),
        count_of(len(bank.benchmarks), "benchmark"),
        count_of(len(bank.indicators), "indicator"),
        count_of(len(bank.packs), "pack"),
        count_of(len(bank.meetings), "meeting"),
    ]
    click.echo("OK: " + ", ".join(counts) + (f"; {count_of(len(warns), 'warning')}." if warns else "."))


def _ids_prompt(known: dict, what: str):
    """A prompt reader for ids typed with commas or spaces; asks again naming any it does not know."""
    from scrutiny_packs.editing.scaffold import check_ids, split_ids

    def read(raw: str) -> tuple[str, ...]:
        values = split_ids(raw)
        problems = check_ids(values, known, what, "")
        if problems:
            raise click.BadParameter("; ".join(f"{p.message} ({p.hint})" if p.hint else p.message for p in problems))
        return values

    return read


@main.command()
@root_option
@click.option(
    "--area",
    "areas",
    multiple=True,
    metavar="AREA",
    help="An area id, the name of a file in content/areas/ without .yml. Repeat for more than one.",
)
@click.option("--text", help="The question. Use {we}, {us}, {our}, {ours}, {ourselves} for the body being asked.")
@click.option(
    "--audience",
    "audiences",
    multiple=True,
    metavar="AUDIENCE",
    help="An audience id, the name of a file in content/audiences/ without .yml. Repeat for more than one.",
)
@click.option("--source", help="Where the question comes from: a report's title or a web address.")
def new(root: Path, areas: tuple[str, ...], text: str | None, audiences: tuple[str, ...], source: str | None) -> None:
    """Start a new question file under the next free id, ready to edit.

    Asks for anything not given as an option. The file is checked at once;
    it is removed again if it has a problem, so nothing broken is left behind.
    """
    import datetime as dt

    from scrutiny_packs.content.duplicates import duplicate_problems
    from scrutiny_packs.editing import scaffold

    bank = load_checked(root).bank
    asked_everything = not (areas or text or audiences or source)
    if not areas:
        click.echo("Areas:")
        for area in bank.areas_in_order():
            click.echo(f"  {'  ' * (len(bank.area_trail(area.id)) - 1)}{area.id}: {area.name}")
        areas = click.prompt(
            "Which area or areas (ids, separated by commas)", value_proc=_ids_prompt(bank.areas, "area")
        )
    if not text:
        text = click.prompt("The question (use {we}, {our} ... for the body being asked)")
    if not audiences:
        click.echo("Audiences: " + ", ".join(f"{a.id} ({a.name})" for a in bank.audiences.values()))
        audiences = click.prompt(
            "Which audiences does it suit (ids, separated by commas)",
            value_proc=_ids_prompt(bank.audiences, "audience"),
        )
    if source is None and asked_everything:
        source = click.prompt(
            "Where does it come from (a report's title or a web address; Enter to skip)", default="", show_default=False
        )
    draft = scaffold.QuestionDraft(
        " ".join(str(text).split()), scaffold.split_ids(areas), scaffold.split_ids(audiences), source or ""
    )
    problems = scaffold.check_draft(draft, bank.areas, bank.audiences)
    if problems:
        for p in problems:
            click.echo(p.format(), err=True)
        click.echo("Nothing was written.", err=True)
        sys.exit(2)

    created = scaffold.write_question(root, draft, dt.date.today())
    result = load_checked(root)
    mine = [p for p in result.problems + duplicate_problems(result.bank, root) if p.path == created.display_path]
    if errors(mine):
        created.path.unlink()
        for p in sort_problems(mine):
            click.echo(p.format(), err=True)
        click.echo(f"{created.display_path} was not kept: fix the problem above and run again.", err=True)
        sys.exit(1)
    click.echo(f"Created {created.display_path} (question {created.id}).")
    for p in sort_problems(mine):
        click.echo(p.format(), err=True)
    click.echo("Next: open the file, fill in the optional fields it lists, then run 'scrutiny-packs validate'.")


@main.command("review-due")
@root_option
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check as if on this date (YYYY-MM-DD) instead of today.",
)
def review_due(root: Path, today) -> None:
    """List questions due for review: id, last reviewed, due date and file.

    A question falls due review_interval_months (content/settings.yml) after
    it was last reviewed. Run it each quarter; it always exits with 0.
    """
    import datetime as dt

    from scrutiny_packs.content.review import overdue

    result = load_checked(root)
    if not result.ok:
        click.echo("Some content files have problems and are left out; run 'scrutiny-packs validate'.", err=True)
    bank = result.bank
    on = today.date() if today else dt.date.today()
    months = bank.settings.review_interval_months
    due = overdue(bank, on)
    if not due:
        click.echo(f"No questions are due for review on {on.isoformat()} (reviews fall due every {months} months).")
        return
    click.echo(
        f"{len(due)} question{'s are' if len(due) != 1 else ' is'} due for review on {on.isoformat()} "
        f"(reviews fall due every {months} months):"
    )
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
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3])


@main.command("generate-forms")
@root_option
@click.option("--check", is_flag=True, help="Write nothing; exit with 1 naming each file that is out of date.")
def generate_forms(root: Path, check: bool) -> None:
    """Write the lists of areas and audiences in the issue form and CONTRIBUTING.md from content/.

    Run it after adding, renaming or removing an area or an audience, and commit what it changed.
    """
    from scrutiny_packs.editing.forms import BLOCKS, generate

    result = _load_or_exit(root)
    problems = generate(root, result.bank, write=not check)
    for p in problems:
        click.echo(p.format(), err=True)
    if problems:
        sys.exit(1)
    files = ", ".join(dict.fromkeys(b.path for b in BLOCKS))
    click.echo(f"Up to date: {files}." if check else f"Written from content/: {files}.")


@main.command("export-markdown")
@root_option
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
def export_markdown(root: Path, out_dir: Path) -> None:
    """Write every generated page as plain Markdown, with an mkdocs.yml that MkDocs, ProperDocs and Zensical build."""
    from scrutiny_packs.publish.export import export_markdown as run
    from scrutiny_packs.publish.export import gaps_line
    from scrutiny_packs.publish.vendor import VendorMissing

    result = _load_or_exit(root)
    try:
        exported = run(result.bank, out_dir, root)
    except VendorMissing as missing:
        click.echo(str(missing), err=True)
        sys.exit(1)
    click.echo(f"Wrote {count_of(exported.pages, 'page')} to {out_dir}/ (docs/ and mkdocs.yml).")
    click.echo(gaps_line(exported))


@main.command()
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True)
@click.option("--strict/--no-strict", default=True, show_default=True, help="Treat MkDocs warnings as errors.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Make the PDF packs.")
def build(root: Path, site_dir: Path, strict: bool, pdf: bool) -> None:
    """Build the site with MkDocs; the old site is replaced only if the build succeeds."""
    from scrutiny_packs.publish.atomic import BuildFailed, build_site

    try:
        build_site(root.resolve(), site_dir if site_dir.is_absolute() else root / site_dir, strict=strict, pdf=pdf)
    except BuildFailed as failed:
        click.echo(str(failed), err=True)
        sys.exit(1)
    click.echo(f"Built {site_dir}/.")


@main.command()
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
    type=click.Choice(["walsall-2012", "added"]),
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
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .pdf, .docx, .html or .md.",
)
def pack(root: Path, output: Path, **options) -> None:
    """Make a pack of questions as a PDF, Word file, web page or Markdown.

    With no --audience, --area, --tag or --question it packs the whole bank.
    --audience, --area and --tag narrow it together, for example
    `--audience councillors --area domestic-violence --framing we -o item-6.pdf`.
    --body, --meeting, --date, --item and --item-title name the meeting on the
    cover and at the foot of every page.
    """
    from scrutiny_packs.packs.layout import build_view
    from scrutiny_packs.packs.output import write_pack
    from scrutiny_packs.packs.request import PackRequest, output_problems, spec_for

    from_url = options.pop("from_url", None)
    request = PackRequest(output=output, **options)
    early = output_problems(output, root)  # before loading anything
    if from_url is not None:
        from scrutiny_packs.packs.link import conflicting_options

        early += conflicting_options(options)
    if early:
        for p in early:
            click.echo(p.format(), err=True)
        sys.exit(2)
    bank = _load_or_exit(root).bank
    if from_url is not None:
        from scrutiny_packs.packs.link import spec_from_url

        spec, problems = spec_from_url(bank, from_url)
    else:
        spec, problems = spec_for(bank, request)
    for p in problems:  # errors, or warnings about a link's unusable parts
        click.echo(p.format(), err=True)
    if spec is None:
        sys.exit(2)
    view = build_view(bank, spec)
    _write_or_exit(output, "the pack", lambda: write_pack(view, output))
    for qid in view.left_out:
        successor = bank.questions[qid].replaced_by
        instead = f"; {successor} replaces it" if successor in bank.questions else ""
        click.echo(f"warning: {qid} is retired and was left out{instead}", err=True)
    click.echo(f"Wrote {output}: {count_of(view.count, 'question')}, framed \u201c{view.framing}\u201d.")


def _write_or_exit(output: Path, what: str, write) -> None:
    """Run ``write``; a failure is one line naming the file, never a traceback."""
    try:
        write()
    except OSError as exc:
        click.echo(f"{output}: could not write the file ({exc.strerror or exc})", err=True)
        sys.exit(1)
    except Exception as exc:  # a renderer failed: say so in one line, not a traceback
        click.echo(f"{output}: could not make {what} ({type(exc).__name__}: {exc})", err=True)
        sys.exit(1)


@main.command()
@root_option
@click.argument("source", metavar="FILE-OR-ID")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .pdf, .docx, .html or .md.",
)
def meeting(root: Path, source: str, output: Path) -> None:
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
        for p in early:
            click.echo(p.format(), err=True)
        sys.exit(2)
    bank = _load_or_exit(root).bank
    agenda, problems = agenda_for(bank, source)
    for p in problems:
        click.echo(p.format(), err=True)
    if agenda is None:
        sys.exit(2)
    view = build_meeting_view(bank, agenda)
    _write_or_exit(output, "the papers", lambda: write_atomically(output, render_bundle(view, output.suffix)))
    click.echo(f"Wrote {output}: {count_of(len(view.items), 'agenda item')}, {count_of(view.count, 'question')}.")


@main.command()
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
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count as overdue on this date (YYYY-MM-DD) instead of today.",
)
def actions(root: Path, overdue: bool, body: str | None, status: str, output: str, today) -> None:
    """List the actions agreed in meeting records, by due date, overdue first.

    For example `scrutiny-packs actions --overdue --today 2026-12-01`. It always exits with 0.
    """
    import datetime as dt

    from scrutiny_packs.packs.records import agreed_actions, overdue_first
    from scrutiny_packs.text.spreadsheet import csv_text

    result = load_checked(root)
    if not result.ok:
        click.echo("Some content files have problems and are left out; run 'scrutiny-packs validate'.", err=True)
    on = today.date() if today else dt.date.today()
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


if __name__ == "__main__":  # pragma: no cover
    main()
