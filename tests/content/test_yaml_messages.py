"""The commonest YAML mistakes are told in plain words first, with the YAML reader's words after."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.content.yaml_source import parse_yaml

GOOD = (
    'text: "How do {we} know?"\nareas: [workforce]\naudiences: [councillors]\nlisten_for:\n'
    '  - "Figures"\n  - "What staff say"\nsource:\n  document: test\n'
)


@pytest.mark.parametrize(
    "broken, line, plain, hint",
    [
        # A list item out of line with the others.
        (
            GOOD.replace('  - "What staff say"', '   - "What staff say"'),
            6,
            "this line does not line up with the lines above it",
            "in the same column as the other items",
        ),
        (
            GOOD.replace("  document: test", " document: test\n  module: x"),
            9,
            "this line does not line up with the lines above it",
            "start each field at the left edge",
        ),
        # No space after a colon.
        (
            GOOD.replace("areas: [workforce]", "areas:[workforce]"),
            2,
            "there is no space after the colon in 'areas:'",
            "write 'areas: ' with a space after the colon",
        ),
        (GOOD.replace('text: "How', 'text:"How'), 1, "there is no space after the colon in 'text:'", "write 'text: '"),
        # A tab.
        (GOOD.replace('  - "Figures"', '\t- "Figures"'), 5, "a tab character in indentation", "not the Tab key"),
        # A quotation mark never closed.
        (
            GOOD.replace('know?"', "know?"),
            1,
            'the quotation mark " that opens the text on this line is never closed',
            'put a closing " at the end',
        ),
        (
            GOOD.replace('"Figures"', '"Figures'),
            5,
            'the quotation mark " that opens the text on this line is never closed',
            'put a closing "',
        ),
    ],
)
def test_a_common_mistake_reads_in_plain_words_first(broken, line, plain, hint):
    doc, problems = parse_yaml(broken, "content/questions/q900.yml")
    assert doc is None and len(problems) == 1
    problem = problems[0]
    assert problem.line == line, problem.format()
    assert problem.message.startswith(plain), problem.format()
    assert hint in problem.hint
    if "tab" not in plain:
        assert "(the YAML reader says: " in problem.message  # its own words come after


def test_validate_prints_one_plain_line_for_a_mistake(project):
    path = project / "content" / "questions" / "q001.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("areas: [", "areas:[", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--root", str(project)])
    assert result.exit_code == 1
    [line] = [x for x in result.output.splitlines() if x.startswith("content/questions/q001.yml")]
    assert line.startswith("content/questions/q001.yml:3: there is no space after the colon in 'areas:' "), line
    assert line.endswith("(write 'areas: ' with a space after the colon)")
