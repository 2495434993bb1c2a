"""Review dates: `scrutiny-packs review-due` lists what a business manager must look at this quarter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.content.review import add_months, overdue
from scrutiny_packs.packs.checks import load_checked

ROW = re.compile(r"^(q\d+)\s+(\d{4}-\d{2}-\d{2}|never)\s+(\d{4}-\d{2}-\d{2}|now)\s+(content/questions/q\d+\.yml)$")


def review_due(project, *args: str):
    return CliRunner().invoke(main, ["review-due", "--root", str(project), *args], catch_exceptions=False)


def set_field(project, qid: str, field: str, value: str) -> None:
    path = project / "content" / "questions" / f"{qid}.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{field}:")]
    path.write_text("\n".join(lines + [f"{field}: {value}"]) + "\n", encoding="utf-8")


def rows(output: str) -> list[tuple[str, str, str, str]]:
    return [m.groups() for line in output.splitlines() if (m := ROW.match(line.strip()))]


@pytest.mark.parametrize(
    "start, months, due",
    [
        (dt.date(2026, 11, 22), 12, dt.date(2027, 11, 22)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),  # a shorter month: its last day
        (dt.date(2027, 12, 31), 2, dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 5, 15), 120, dt.date(2036, 5, 15)),
    ],
)
def test_add_months(start, months, due):
    assert add_months(start, months) == due


def test_nothing_is_due_the_day_the_bank_was_reviewed(project):
    result = review_due(project, "--today", "2026-11-22")
    assert result.exit_code == 0
    assert "No questions are due for review on 2026-11-22 (reviews fall due every 12 months)." in result.output
    assert rows(result.output) == []


def test_overdue_questions_are_listed_with_dates_and_file_longest_overdue_first(project):
    set_field(project, "q007", "last_reviewed", "2025-06-30")
    set_field(project, "q042", "last_reviewed", "2025-03-01")
    set_field(project, "q050", "last_reviewed", "2025-12-01")  # due 2026-12-01: not yet
    result = review_due(project, "--today", "2026-11-22")
    assert result.exit_code == 0
    assert "2 questions are due for review on 2026-11-22" in result.output
    assert rows(result.output) == [
        ("q042", "2025-03-01", "2026-03-01", "content/questions/q042.yml"),
        ("q007", "2025-06-30", "2026-06-30", "content/questions/q007.yml"),
    ]


def test_a_question_is_due_on_its_due_date(project):
    set_field(project, "q007", "last_reviewed", "2025-11-22")
    assert [r[0] for r in rows(review_due(project, "--today", "2026-11-21").output)] == []
    assert [r[0] for r in rows(review_due(project, "--today", "2026-11-22").output)] == ["q007"]


def test_the_interval_comes_from_settings(project):
    settings = project / "content" / "settings.yml"
    settings.write_text(settings.read_text().replace("review_interval_months: 12", "review_interval_months: 6"))
    result = review_due(project, "--today", "2027-05-22")
    assert "99 questions are due" in result.output and "every 6 months" in result.output
    assert rows(result.output)[0] == ("q001", "2026-11-22", "2027-05-22", "content/questions/q001.yml")


def test_a_year_on_every_shipped_question_is_due(project):
    found = rows(review_due(project, "--today", "2027-11-22").output)
    assert len(found) == 99 and {r[2] for r in found} == {"2027-11-22"}


def test_retired_questions_are_never_due_and_unreviewed_ones_fall_back_on_added(project):
    set_field(project, "q007", "last_reviewed", "2020-01-01")
    set_field(project, "q007", "status", "retired")
    path = project / "content" / "questions" / "q008.yml"
    path.write_text(
        "\n".join(line for line in path.read_text().splitlines() if not line.startswith("last_reviewed:")) + "\n"
    )
    set_field(project, "q008", "added", "2025-01-10")
    result = review_due(project, "--today", "2026-01-10")
    assert rows(result.output) == [("q008", "never", "2026-01-10", "content/questions/q008.yml")]


def test_overdue_uses_the_bank_and_exits_zero_even_with_broken_files(project):
    (project / "content" / "questions" / "q200.yml").write_text("text: [broken\n")
    set_field(project, "q003", "last_reviewed", "2020-02-02")
    result = review_due(project, "--today", "2026-11-22")
    assert result.exit_code == 0
    assert "run 'scrutiny-packs validate'" in result.output
    assert [r[0] for r in rows(result.output)] == ["q003"]
    assert [r.id for r in overdue(load_checked(project).bank, dt.date(2026, 11, 22))] == ["q003"]
