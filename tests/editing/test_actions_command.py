"""`scrutiny-packs actions` lists the actions agreed in records; `validate` warns of overdue ones."""

from __future__ import annotations

import csv
import datetime as dt
import io

from click.testing import CliRunner

from scrutiny_packs.cli import main
from tests.conftest import ROOT

EXAMPLE = "example-childrens-scrutiny-panel-2026-10"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _example_actions(bank):
    record = bank.records[EXAMPLE]
    return [
        (item.number, answer.question, action)
        for item in record.items
        for answer in item.answers
        for action in answer.actions
    ]


def test_overdue_lists_exactly_the_overdue_actions_of_the_example(bank):
    today = dt.date(2026, 12, 1)
    expected = sorted(a.what for _, _, a in _example_actions(bank) if a.status == "open" and a.due < today)
    assert expected  # the example keeps one overdue on purpose
    done = invoke("actions", "--root", str(ROOT), "--overdue", "--today", "2026-12-01", "--format", "csv")
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.output)))
    assert sorted(r["action"] for r in rows) == expected
    assert {r["state"] for r in rows} == {"overdue"}


def test_actions_are_listed_by_due_date_overdue_first(bank):
    done = invoke(
        "actions",
        "--root",
        str(ROOT),
        "--today",
        "2026-12-01",
        "--format",
        "csv",
        "--body",
        bank.meetings[EXAMPLE].body,
    )
    rows = list(csv.DictReader(io.StringIO(done.output)))
    open_ones = [a for _, _, a in _example_actions(bank) if a.status == "open"]
    assert len(rows) == len(open_ones)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    assert rows[0]["state"] == "overdue"


def test_the_table_and_an_unknown_body():
    table = invoke("actions", "--root", str(ROOT), "--overdue", "--today", "2026-12-01")
    assert table.output.startswith("1 overdue action on 2026-12-01:")
    none = invoke("actions", "--root", str(ROOT), "--body", "No such panel", "--today", "2026-12-01")
    assert none.output.strip() == "No actions on 2026-12-01."


def as_own(project):
    """The project with the example meetings and record made a council's own (no 'example: true')."""
    for path in (project / "content" / "meetings").glob("example-*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("\nexample: true\n", "\n"), encoding="utf-8")
    return project


def test_validate_never_warns_about_the_shipped_examples():
    done = CliRunner().invoke(main, ["validate", "--root", str(ROOT), "--today", "2027-06-01"])
    assert done.exit_code == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if ": warning: " in line]
    assert not [w for w in warnings if "content/meetings/" in w], done.stderr


def test_validate_warns_of_an_overdue_action_with_its_line(project):
    done = CliRunner().invoke(main, ["validate", "--root", str(as_own(project)), "--today", "2026-12-01"])
    assert done.exit_code == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if "action overdue" in line]
    assert len(warned) == 1
    assert warned[0].startswith(f"content/meetings/{EXAMPLE}.record.yml:")
    assert ": warning: items[0].answers[0].actions[0].due: action overdue since 2026-11-15" in warned[0]


def test_validate_warns_of_answers_whose_time_to_come_back_has_passed(project):
    record = project / "content" / "meetings" / f"{EXAMPLE}.record.yml"
    text = record.read_text(encoding="utf-8")
    # The example's first answer comes back at the March meeting; make it one held before October.
    earlier = project / "content" / "meetings" / "example-childrens-scrutiny-panel-2026-06.yml"
    earlier.write_text(
        (project / "content" / "meetings" / f"{EXAMPLE}.yml")
        .read_text(encoding="utf-8")
        .replace("date: 2026-10-13", "date: 2026-06-09"),
        encoding="utf-8",
    )
    record.write_text(
        text.replace(
            "revisit: example-childrens-scrutiny-panel\n", "revisit: example-childrens-scrutiny-panel-2026-06\n"
        ),
        encoding="utf-8",
    )
    done = CliRunner().invoke(main, ["validate", "--root", str(as_own(project)), "--today", "2027-03-17"])
    assert done.exit_code == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if "come back to" in line]
    path = f"content/meetings/{EXAMPLE}.record.yml"
    assert warned == [
        f"{path}:17: warning: items[0].answers[0].revisit: q004 is to be come back to at "
        "example-childrens-scrutiny-panel-2026-06, held on 2026-06-09, before this meeting on 2026-10-13 "
        "(name a later meeting, or a date on or after this one)",
        f"{path}:37: warning: items[0].answers[2].revisit: q160 was to be come back to on 2027-03-16, which has "
        "passed (ask it again at a meeting, or set a new 'revisit' date or meeting)",
    ], done.stderr
    on_time = CliRunner().invoke(main, ["validate", "--root", str(ROOT), "--today", "2027-03-16"])
    assert not [line for line in on_time.stderr.splitlines() if "come back to" in line], "not before the day has passed"


def test_a_body_is_found_however_its_name_is_written(bank):
    """A clerk types the panel's name as it comes to mind: case and spacing do not matter."""
    name = bank.meetings[EXAMPLE].body
    as_written = invoke("actions", "--root", str(ROOT), "--today", "2026-12-01", "--body", name)
    typed = invoke("actions", "--root", str(ROOT), "--today", "2026-12-01", "--body", f"  {name.upper()} ")
    assert "No actions" not in as_written.output
    assert typed.output == as_written.output
