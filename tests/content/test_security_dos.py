"""Denial of service: content that validated, then made the build crash or run for minutes.

Each is now refused by validate with file:line, or builds in bounded time. Time limits are
generous (about ten times what the work takes on a loaded machine): they catch a return of
quadratic or exponential behaviour, not a slow computer. Speed itself is measured by `make bench`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from functools import cache

import markdown
import pytest

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.packs.layout import plain_text
from scrutiny_packs.site.generate import SiteBuilder
from scrutiny_packs.site.links import question as question_src
from scrutiny_packs.text.escape import md_block
from scrutiny_packs.text.sanitize import sanitize_html
from tests.conftest import ROOT
from tests.security_html import parse

QUESTION = (
    'text: "How do {{we}} know the front door works?"\nareas: [workforce]\naudiences: [councillors]\n'
    'source:\n  document: "A made-up report"\nnotes: |\n  {notes}\n'
)


@cache
def _site_markdown() -> markdown.Markdown:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def _timed(work, *args):
    started = time.perf_counter()
    result = work(*args)
    return result, time.perf_counter() - started


def _question_page_html(bank, qid: str) -> str:
    page = SiteBuilder(bank).question_page(bank.questions[qid]).made()
    assert page.src_uri == question_src(qid)
    return sanitize_html(_site_markdown().reset().convert(page.content.split("---\n", 2)[2]))


def _notes_text(html: str) -> str:
    heading = parse(html).find(id="about-this-question")
    return "".join(el.get_text() for el in heading.find_next_siblings())


@pytest.mark.parametrize(
    "text",
    [
        "-  " * 40 + "x",  # the heading pattern: exponential in list markers on a line with no '#'
        "1.  " * 40 + "x",
        "~" * 20000,  # the fence patterns: quadratic in a run of tildes or backticks
        "`" * 20000,
        "```" + "`" * 19990 + "{",
    ],
)
def test_making_a_field_safe_takes_linear_time(text):
    _, seconds = _timed(md_block, text + " ")  # (a new string each time: md_block caches)
    assert seconds < 2, f"{seconds:.1f} s"


@pytest.mark.parametrize("text", ["[" * 20000, "[(" * 10000, "*a " * 6666, "_a " * 6666])
def test_reading_markdown_as_plain_text_takes_linear_time(text):
    _, seconds = _timed(plain_text, text)
    assert seconds < 2, f"{seconds:.1f} s"


@pytest.mark.site
@pytest.mark.parametrize(
    "notes",
    [
        "[" * 19000,  # more than 90 s: Python-Markdown reads on from each '[' to the end, looking for its ']'
        "\\![" * 6000,  # slower still among escapes
        "[a][" * 4500,
        "[(" * 9500,
    ],
)
def test_a_field_of_unclosed_brackets_validates_and_builds_in_bounded_time(project, notes):
    path = project / "content" / "questions" / "q900.yml"
    path.write_text(QUESTION.format(notes=notes), encoding="utf-8")
    result = load_checked(project)
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    html, seconds = _timed(_question_page_html, result.bank, "q900")
    assert seconds < 30, f"{seconds:.1f} s"
    assert _notes_text(html).count("[") >= notes.count("[")  # every bracket is still there, as text


def test_nested_lists_are_refused_before_python_markdown_recurses_too_deep(project):
    path = project / "content" / "questions" / "q900.yml"
    path.write_text(QUESTION.format(notes="- " * 2000 + "x"), encoding="utf-8")
    errors = [p.format() for p in load_checked(project).problems if p.is_error]
    assert errors == [
        "content/questions/q900.yml:7: notes: lists or quotes nested 2000 levels deep; the limit is 10 "
        "(use fewer levels: put a list's points one under another)"
    ]


def test_lists_nested_as_deep_as_allowed_build(project):
    notes = "\n  ".join("    " * level + f"- level {level + 1}" for level in range(10))
    path = project / "content" / "questions" / "q900.yml"
    path.write_text(QUESTION.format(notes=notes), encoding="utf-8")
    result = load_checked(project)
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    soup = parse(_question_page_html(result.bank, "q900"))
    assert len(soup.find(string="level 10").find_parents("ul")) >= 10


@pytest.mark.site
def test_crafted_pages_do_not_make_the_personal_data_check_quadratic(project):
    """Before: 30 pages like these took validate 107 s (the e-mail pattern read on from every
    would-be address to the one '@' at the end)."""
    text = "---\ntitle: Crafted\n---\n\n" + "%a" * 30000 + "@x\n"
    for n in range(30):
        (project / "content" / "pages" / f"crafted-{n}.md").write_text(text, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    assert seconds < 60, f"{seconds:.1f} s"


def test_many_findings_in_one_file_are_placed_on_their_lines_quickly(project):
    lines = "".join(f"  Call 01632 960{n % 1000:03d} or write to case{n}@example.com.\n" for n in range(900))
    path = project / "content" / "questions" / "q900.yml"
    path.write_text(QUESTION.format(notes="Contacts:") + lines, encoding="utf-8")
    assert path.stat().st_size < 64 * 1024
    result, seconds = _timed(load_checked, project)
    found = [p for p in result.problems if p.path == "content/questions/q900.yml" and "personal data" in p.message]
    assert len(found) == 1800
    assert sorted(p.line for p in found)[-2:] == [907, 907]  # the last line of the file
    assert seconds < 30, f"{seconds:.1f} s"


def test_a_number_of_five_thousand_digits_is_refused_not_a_traceback(project):
    (project / "content" / "settings.yml").write_text("review_interval_months: " + "1" * 5000 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "content/settings.yml:1: review_interval_months: the number 111111111111... is too long "
        "(numbers in content are short; if this is text, put it in quotes)"
    ) in result.stderr


def test_review_dates_in_the_last_years_the_calendar_holds_do_not_crash(project):
    from scrutiny_packs.content.review import add_months

    assert add_months(dt.date(9999, 12, 31), 12) == dt.date.max
    path = project / "content" / "questions" / "q001.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("last_reviewed: 2026-11-22", "last_reviewed: 9999-12-31"),
        encoding="utf-8",
    )
    said = {}
    for command in ("validate", "review-due"):
        result = subprocess.run(
            [sys.executable, "-m", "scrutiny_packs.cli", command, "--root", str(project)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        said[command] = result.stderr
    line = path.read_text(encoding="utf-8").splitlines().index("last_reviewed: 9999-12-31") + 1
    assert f"content/questions/q001.yml:{line}: last_reviewed: '9999-12-31' is not a valid date" in said["validate"]
