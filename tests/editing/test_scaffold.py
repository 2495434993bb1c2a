"""`scrutiny-packs new`: a fresh id, the schema line, checked at once, with options or by prompts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.content.yaml_source import parse_yaml
from scrutiny_packs.editing.scaffold import SCHEMA_LINE, QuestionDraft, next_question_id, render_question
from scrutiny_packs.packs.checks import load_checked
from tests.conftest import ROOT

# The id `new` gives the next question: one past the highest in the shipped bank.
NEXT = next_question_id(ROOT / "content" / "questions")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def question_files(project: Path) -> set[str]:
    return {p.name for p in (project / "content" / "questions").iterdir()}


def test_new_with_options_writes_a_valid_file_under_the_next_id(project):
    before = question_files(project)
    result = run(
        "new",
        "--root",
        str(project),
        "--area",
        "workforce",
        "--audience",
        "councillors",
        "--audience",
        "police",
        "--text",
        "How do {we} know which teams lose the most staff, and why?",
        "--source",
        "Exit interview summaries",
    )
    assert result.exit_code == 0, result.output
    assert question_files(project) - before == {f"{NEXT}.yml"}
    assert f"Created content/questions/{NEXT}.yml (question {NEXT})." in result.output

    path = project / "content" / "questions" / f"{NEXT}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    loaded = load_checked(project)
    assert loaded.ok, [p.format() for p in loaded.problems if p.is_error]
    q = loaded.bank.questions[NEXT]
    assert q.text == "How do {we} know which teams lose the most staff, and why?"
    assert q.areas == ("workforce",) and q.audiences == ("councillors", "police")
    assert q.source is not None and q.source.document == "Exit interview summaries"
    assert q.added == dt.date.today() and q.last_reviewed == dt.date.today()
    assert "no source given" not in result.output


def test_the_schema_line_points_at_the_real_schema(project):
    run("new", "--root", str(project), "--area", "workforce", "--audience", "police", "--text", "Is it {ours}?")
    schema_ref = (project / "content" / "questions" / f"{NEXT}.yml").read_text().splitlines()[0].split("$schema=")[1]
    # Resolved from the question folder of the real repository, as an editor's YAML extension would.
    from tests.conftest import ROOT as repo

    assert (repo / "content" / "questions" / schema_ref).resolve().is_file()


def test_new_without_options_asks_and_asks_again_on_a_typo(project):
    answers = (
        "\n".join(
            [
                "workforc",  # a typo: asked again, with a suggestion
                "workforce, organisational-culture",
                "Do {our} exit interviews reach agency staff as well as permanent staff?",
                "councilors",  # a typo again
                "councillors, partnership",
                "",  # no source: Enter skips it
            ]
        )
        + "\n"
    )
    result = run("new", "--root", str(project), input=answers)
    assert result.exit_code == 0, result.output
    assert "'workforc' is not a known area (did you mean 'workforce'?)" in result.output
    assert "'councilors' is not a known audience (did you mean 'councillors'?)" in result.output
    assert "workforce: Workforce: relationships, clear thinking, capacity" in result.output  # areas are listed
    q = load_checked(project).bank.questions[NEXT]
    assert q.areas == ("workforce", "organisational-culture")
    assert q.audiences == ("councillors", "partnership")
    assert q.source is None
    # A question with no source is allowed, with a warning naming the file.
    assert f"content/questions/{NEXT}.yml: warning: source: no source given" in result.output


def test_ids_are_never_reused_even_after_a_retired_question(project):
    questions = project / "content" / "questions"
    (questions / "q950.yml").write_text(
        (questions / "q010.yml").read_text(encoding="utf-8") + "status: retired\n", encoding="utf-8"
    )
    assert load_checked(project).ok
    assert next_question_id(questions) == "q951"
    result = run(
        "new",
        "--root",
        str(project),
        "--area",
        "workforce",
        "--audience",
        "police",
        "--text",
        "How many officers in the child abuse team have been in post for under a year?",
    )
    assert result.exit_code == 0, result.output
    assert (questions / "q951.yml").is_file()
    # Gaps below the highest number are never filled.
    assert not (questions / f"{NEXT}.yml").exists()


def test_next_id_counts_files_with_problems_and_grows_past_three_digits(tmp_path):
    (tmp_path / "q998.yml").write_text("not: [valid\n")
    (tmp_path / "q999.yaml").write_text("")  # wrong ending, but the number is taken
    (tmp_path / "notes.txt").write_text("")
    assert next_question_id(tmp_path) == "q1000"
    assert next_question_id(tmp_path / "missing") == "q001"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--area", "workforc", "--audience", "police", "--text", "Is it working?"],
            "--area: 'workforc' is not a known area (did you mean 'workforce'?)",
        ),
        (
            ["--area", "workforce", "--audience", "polise", "--text", "Is it working?"],
            "--audience: 'polise' is not a known audience (did you mean 'police'?)",
        ),
        (
            ["--area", "workforce", "--audience", "police", "--text", "Are {they} ready?"],
            "--text: unknown placeholder {they}",
        ),
    ],
)
def test_bad_options_write_nothing_and_say_why(project, args, message):
    before = question_files(project)
    result = run("new", "--root", str(project), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Nothing was written." in result.output
    assert "Traceback" not in result.output
    assert question_files(project) == before


def test_a_file_that_fails_validation_is_not_left_behind(project):
    before = question_files(project)
    result = run("new", "--root", str(project), "--area", "workforce", "--audience", "police", "--text", "x" * 700)
    assert result.exit_code == 1
    assert f"content/questions/{NEXT}.yml:2: text: too long: 700 characters, the limit is 600" in result.output
    assert "was not kept" in result.output
    assert question_files(project) == before


def test_a_near_duplicate_is_flagged_as_soon_as_it_is_made(project, bank):
    existing = bank.questions["q012"].text
    result = run(
        "new",
        "--root",
        str(project),
        "--area",
        "workforce",
        "--audience",
        "police",
        "--text",
        existing.rstrip("?") + " today?",
    )
    assert result.exit_code == 0, result.output
    assert f"{NEXT} reads almost the same as q012 (similarity" in result.output


def test_rendered_text_survives_quotes_backslashes_and_unicode():
    tricky = 'Do {we} ask "why?" – and check C:\\path\\ or {our} café’s #1 # note: [not a list]'
    doc, problems = parse_yaml(
        render_question(QuestionDraft(tricky, ("true", "a-b"), ("police",)), dt.date(2027, 1, 2)), "x.yml"
    )
    assert not problems
    assert doc.data["text"] == tricky
    assert doc.data["areas"] == ["true", "a-b"]  # an id that looks like a truth value stays text
    assert doc.data["added"] == "2027-01-02"
