"""Bad input: one clear line per problem (file, line, field, hint), all at once, non-zero exit, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny_packs.packs.checks import load_checked

LINE = re.compile(r"^(?P<file>content/[\w/.-]+):(?P<line>\d+): (?:(?P<field>[\w.\[\]-]+): )?(?P<msg>.+)$")

GOOD = """\
# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/question.schema.json
text: "How confident are {we} that {our} front door works?"
areas: [priority-service-areas]
audiences: [councillors]
source:
  document: test
last_reviewed: 2026-11-22
"""

CASES = {
    # name: (file content, expected line, expected field, words expected in the message, words in the hint)
    "syntax": (
        "text: [unclosed\nareas: [workforce]\n",
        1,
        None,
        "the list opened with [ on this line is never closed",
        "put a closing ]",
    ),
    "wrong_type": (
        GOOD.replace("areas: [priority-service-areas]", "areas: priority-service-areas"),
        3,
        "areas",
        "must be a list, not text",
        None,
    ),
    "missing": (
        GOOD.replace("audiences: [councillors]\n", ""),
        2,
        "audiences",
        "missing required field",
        "add 'audiences:'",
    ),
    "empty_text": (
        GOOD.replace('"How confident are {we} that {our} front door works?"', '"  "'),
        2,
        "text",
        "must not be empty",
        None,
    ),
    "empty_list": (
        GOOD.replace("audiences: [councillors]", "audiences: []"),
        4,
        "audiences",
        "must not be empty",
        None,
    ),
    "unknown_area": (
        GOOD.replace("[priority-service-areas]", "[priority-service-area]"),
        3,
        "areas[0]",
        "'priority-service-area' is not a known area",
        "did you mean 'priority-service-areas'?",
    ),
    "unknown_audience": (
        GOOD.replace("[councillors]", "[councillors, councilors]"),
        4,
        "audiences[1]",
        "'councilors' is not a known audience",
        "did you mean 'councillors'?",
    ),
    "unknown_benchmark": (
        GOOD + "benchmarks: [front-door-clear-and-quik]\n",
        8,
        "benchmarks[0]",
        "is not a known benchmark",
        "did you mean 'front-door-clear-and-quick'?",
    ),
    "unknown_indicator": (
        GOOD + "evidence: [contacts-and-referral]\n",
        8,
        "evidence[0]",
        "is not a known indicator",
        "did you mean 'contacts-and-referrals'?",
    ),
    "unknown_placeholder": (GOOD.replace("{we}", "{you}"), 2, "text", "unknown placeholder {you}", "{we}"),
    "unknown_field": (GOOD + "audience: [police]\n", 8, "audience", "unknown field", "did you mean 'audiences'?"),
    "bad_date": (GOOD.replace("2026-11-22", "22/11/2026"), 7, "last_reviewed", "is not a valid date", "YYYY-MM-DD"),
    "bad_enum": (GOOD + "status: gone\n", 8, "status", "'gone' is not one of 'active', 'retired'", None),
    "duplicate_key": (GOOD + "text: again\n", 8, "text", "duplicate key 'text'", "line 2"),
    "not_mapping": ("- just\n- a list\n", 1, None, "must be a mapping of fields", None),
}


def _write(project: Path, name: str, content: str | bytes) -> None:
    path = project / "content" / "questions" / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_problem_is_one_clear_line(project, case):
    content, line, field, message, hint = CASES[case]
    _write(project, "q900.yml", content)
    result = load_checked(project)
    problems = [p for p in result.problems if p.is_error]
    assert not result.ok
    assert len(problems) == 1, [p.format() for p in problems]
    p = problems[0]
    assert (p.path, p.line) == ("content/questions/q900.yml", line)
    if field:
        assert p.field == field
    assert message in p.message
    if hint:
        assert hint in p.hint
    assert LINE.match(p.format()), p.format()
    assert "\n" not in p.format()


def test_non_utf8_names_the_line(project):
    _write(project, "q900.yml", GOOD.encode("utf-8").replace(b"front door", b"front \xff door"))
    (p,) = [p for p in load_checked(project).problems if p.is_error]
    assert p.line == 2 and "not UTF-8" in p.message and "UTF-8" in p.hint


def test_bad_file_names_are_refused_not_dropped(project):
    _write(project, "Q 901.yml", GOOD)
    _write(project, "q902.yaml", GOOD)
    messages = sorted(p.format() for p in load_checked(project).problems if p.is_error)
    assert any("'Q 901' is not a valid id" in m for m in messages)
    assert any("q902.yaml" in m and "end in .yml" in m for m in messages)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SCRUTINY_PACKS_PDF="0")
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _break_several(project: Path) -> None:
    _write(project, "q900.yml", CASES["unknown_audience"][0])
    _write(project, "q901.yml", CASES["syntax"][0])
    _write(project, "q902.yml", CASES["unknown_placeholder"][0])


def test_validate_reports_everything_at_once(project):
    _break_several(project)
    result = _run([sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(project)], project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if LINE.match(line)]
    files = {LINE.match(line)["file"] for line in lines if "warning:" not in line}
    assert files == {"content/questions/q900.yml", "content/questions/q901.yml", "content/questions/q902.yml"}
    assert "3 errors" in result.stderr


@pytest.mark.site
def test_mkdocs_build_refuses_bad_content_and_writes_no_site(project):
    _break_several(project)
    result = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")], project)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert "content/questions/q900.yml:4: audiences[1]: 'councilors' is not a known audience" in out
    assert "content/questions/q901.yml:1:" in out and "content/questions/q902.yml:2: text:" in out
    assert not (project / "site" / "index.html").exists()


def test_validate_passes_on_the_shipped_bank():
    from tests.conftest import ROOT

    result = _run([sys.executable, "-m", "scrutiny_packs.cli", "validate"], ROOT)
    assert result.returncode == 0, result.stderr
    count = len(list((ROOT / "content" / "questions").glob("*.yml")))
    assert result.stdout.startswith(f"OK: {count} questions")
