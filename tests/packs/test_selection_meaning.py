"""One meaning for a selection: a pack file, a meeting file and the command line give the same
questions for the same lists, and a selection broad enough to surprise is warned about."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from scrutiny_packs.cli import main

REF = re.compile(r"\(ref\. (q\d+)\)")
MEETING = """\
body: "Children and Young People Scrutiny Panel"
name: "Ordinary meeting"
date: 2027-01-14
items:
  - number: 5
    title: "Children missing education"
    selection:
{selection}
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def refs(path: Path) -> list[str]:
    return REF.findall(path.read_text(encoding="utf-8"))


def test_a_file_a_meeting_and_the_command_line_give_the_same_questions(project, tmp_path, bank):
    spec = tmp_path / "item.yml"
    spec.write_text(
        'title: "Children missing education"\nselection:\n  areas: [missing-education]\n  audiences: [councillors]\n',
        encoding="utf-8",
    )
    meeting = tmp_path / "panel.yml"
    meeting.write_text(
        MEETING.format(selection="      areas: [missing-education]\n      audiences: [councillors]"), encoding="utf-8"
    )
    root = ("--root", str(project))
    assert run("pack", *root, "--spec", str(spec), "-o", str(tmp_path / "file.md")).exit_code == 0
    assert run("meeting", *root, str(meeting), "-o", str(tmp_path / "meeting.md")).exit_code == 0
    cli = run("pack", *root, "--area", "missing-education", "--audience", "councillors", "-o", str(tmp_path / "cli.md"))
    assert cli.exit_code == 0
    from_file, from_meeting, from_cli = (refs(tmp_path / f"{n}.md") for n in ("file", "meeting", "cli"))
    assert from_file == from_meeting == from_cli
    # Both lists narrow: only the area's questions that suit councillors, not the 235 of either.
    assert from_cli and all(
        "missing-education" in bank.questions[q].areas and "councillors" in bank.questions[q].audiences
        for q in from_cli
    )
    # A My pack link with those questions gives the same pack again.
    link = run("pack", *root, "--from-url", "?ids=" + ",".join(from_cli), "-o", str(tmp_path / "link.md"))
    assert link.exit_code == 0 and refs(tmp_path / "link.md") == from_cli


def write_meeting(project: Path, selection: str) -> None:
    (project / "content" / "meetings" / "panel.yml").write_text(MEETING.format(selection=selection), encoding="utf-8")


def test_validate_warns_about_a_broad_item_saying_how_many_and_why(project, bank):
    write_meeting(project, "      areas: [practice]")
    done = run("validate", "--root", str(project))
    assert done.exit_code == 0  # a warning, not an error
    under = len(bank.area_and_descendants("practice")) - 1
    count = len({q.id for q in bank.active_questions() if bank.area_and_descendants("practice") & set(q.areas)})
    assert count > 25
    assert (
        f"content/meetings/panel.yml:8: warning: items[0].selection: item 5 gives {count} questions, more than 25: "
        f"the area 'practice' brings its {under} sub-areas; no audience narrows it "
        "(narrow it: add an audience, name fewer or smaller areas, or list the questions)"
    ) in done.stderr.splitlines()


def test_an_older_file_with_match_any_still_validates_and_is_told_what_it_means(project, bank):
    write_meeting(project, "      areas: [missing-education]\n      audiences: [councillors]\n      match: any")
    done = run("validate", "--root", str(project))
    assert done.exit_code == 0
    either = {q.id for q in bank.active_questions() if "missing-education" in q.areas or "councillors" in q.audiences}
    both = {q.id for q in bank.active_questions() if "missing-education" in q.areas and "councillors" in q.audiences}
    lines = done.stderr.splitlines()
    assert (
        f"content/meetings/panel.yml:10: warning: items[0].selection.match: item 5: 'any' takes a question matching "
        f"any one list: {len(either)} questions; without it the lists narrow together: {len(both)} "
        "(remove 'match: any' unless the wider set is meant)"
    ) in lines
    assert any(f"item 5 gives {len(either)} questions" in line and "'match: any'" in line for line in lines)


def test_a_narrow_item_gets_no_warning(project):
    write_meeting(project, "      areas: [missing-education]\n      audiences: [councillors]")
    done = run("validate", "--root", str(project))
    assert done.exit_code == 0 and "panel.yml" not in done.stderr
