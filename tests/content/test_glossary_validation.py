"""Bad glossary files: one clear line per problem (file:line: field: message (hint)), as for questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny_packs.packs.checks import load_checked
from tests.content.test_validation import LINE

GOOD = """\
# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/glossary.schema.json
term: "XYZP"
also_written: ["XYZPs", "xyz panel"]
stands_for: "Extra yearly zone panel"
now_called:
  term: "Zone review panel"
  since: 2020
explanation: "A made-up panel, for testing."
search_terms: ["zone panel"]
source:
  document: "A test document"
  year: 2020
"""

CASES = {
    # name: (file content, expected line, expected field, words in the message, words in the hint)
    "unknown_field": (GOOD + "stand_for: again\n", 13, "stand_for", "unknown field", "did you mean 'stands_for'?"),
    "empty_expansion": (
        GOOD.replace('"Extra yearly zone panel"', '"  "'),
        4,
        "stands_for",
        "must not be empty",
        "fill it in",
    ),
    "empty_spelling": (GOOD.replace('"xyz panel"', '""'), 3, "also_written[1]", "must not be empty", None),
    "now_called_without_source": (
        GOOD[: GOOD.index("source:")],
        6,
        "now_called",
        "a change of name needs a source",
        "add 'source:'",
    ),
    "defined_twice_as_a_spelling": (
        GOOD.replace('"xyz panel"', '"Serious Case Reviews"'),
        3,
        "also_written[1]",
        "'Serious Case Reviews' is already defined in content/glossary/scr.yml",
        "define each term once",
    ),
    "defined_twice_as_the_term": (
        GOOD.replace('"XYZP"', '"lscb"'),
        2,
        "term",
        "'lscb' is already defined in content/glossary/lscb.yml",
        "define each term once",
    ),
}


def _write(project: Path, name: str, content: str) -> None:
    (project / "content" / "glossary" / name).write_text(content, encoding="utf-8")


def test_the_good_file_is_good(project):
    _write(project, "xyzp.yml", GOOD)
    result = load_checked(project)
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    term = result.bank.glossary["xyzp"]
    assert term.expansion == "Extra yearly zone panel; since 2020, zone review panel"


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_glossary_problem_is_one_clear_line(project, case):
    content, line, field, message, hint = CASES[case]
    # Named to sort after the shipped file it repeats, so the message names the shipped one.
    _write(project, "zz-term.yml", content)
    result = load_checked(project)
    problems = [p for p in result.problems if p.is_error]
    assert len(problems) == 1, [p.format() for p in problems]
    p = problems[0]
    assert (p.path, p.line, p.field) == ("content/glossary/zz-term.yml", line, field), p.format()
    assert message in p.message
    if hint:
        assert hint in p.hint
    assert LINE.match(p.format()), p.format()


def test_a_term_repeated_in_one_file_is_not_a_duplicate(project):
    _write(project, "xyzp.yml", GOOD.replace('"xyz panel"', '"xyzp"'))
    assert load_checked(project).ok


def test_glossary_text_is_plain_text_on_the_page(project):
    """Markup in a glossary file shows as text on the Glossary page, as written."""
    import markdown
    from bs4 import BeautifulSoup

    from scrutiny_packs.site.generate import SiteBuilder

    hostile = "<script>alert(1)</script> **not bold** [link](javascript:x)"
    _write(project, "xyzp.yml", GOOD.replace("A made-up panel, for testing.", hostile))
    result = load_checked(project)
    assert result.ok
    page = next(p for p in SiteBuilder(result.bank).pages() if p.src_uri == "glossary/index.md")
    body = page.content.split("\n---\n", 1)[1]
    html = BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "md_in_html"]), "html.parser")
    entry = html.find(id="xyzp").find_next("dl")
    meaning = next(dt for dt in entry.find_all("dt") if dt.get_text() == "What it means").find_next_sibling("dd")
    assert meaning.get_text() == hostile
    assert not entry.find_all(["script", "strong"]) and not entry.select("a[href^=javascript]")
