"""One rule for ids: scrutiny_packs.ids, the content schemas and the browser's copy all agree."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources

import fastjsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from scrutiny_packs.ids import ID_REGEX, is_id
from scrutiny_packs.packs.link import browser_rules
from tests.examples import examples

SCHEMA_PATTERN = json.loads(
    resources.files("scrutiny_packs").joinpath("schemas", "_defs.schema.json").read_text(encoding="utf-8")
)["$defs"]["id"]["pattern"]
FULL_CHECK = Draft202012Validator({"type": "string", "pattern": SCHEMA_PATTERN})
QUICK_CHECK = fastjsonschema.compile({"type": "string", "pattern": SCHEMA_PATTERN})

EXAMPLES = [
    "q001",
    "front-door",
    "a",
    "9",
    "a" * 64,
    "a" * 65,
    "",
    "Q001",
    "-q",
    "q-",
    "q_1",
    "q 1",
    "q001\n",
    "\nq001",
    "q001\r",
    "q001 ",
    "é",
    "q\u212a",
    "../x",
    "a/b",
    "con:",
    "q001\x00",
    "\u0661\u0662",
]


def schema_accepts(text: str) -> bool:
    full = FULL_CHECK.is_valid(text)
    try:
        QUICK_CHECK(text)
        quick = True
    except fastjsonschema.JsonSchemaValueException:
        quick = False
    assert full == quick, f"the schema's two checkers disagree on {text!r}"
    return full


near_ids = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,70}\Z") | st.builds(
    lambda core, end: core + end,
    st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,63}\Z"),
    st.sampled_from(["\n", " ", "\r\n", "-"]),
)


@pytest.mark.parametrize("text", EXAMPLES)
def test_the_schema_and_the_code_accept_the_same_ids(text):
    assert schema_accepts(text) == is_id(text)


@given(near_ids | st.text(max_size=80))
@settings(max_examples=examples(400), deadline=None)
def test_the_schema_and_the_code_agree_on_any_text(text):
    assert schema_accepts(text) == is_id(text)


def test_the_browser_gets_the_same_rule():
    assert browser_rules()["idPattern"] == ID_REGEX
    # The schema's pattern is the same, with a guard Python's "$" needs (it would let a final
    # newline through) and JavaScript's "$" does not.
    assert SCHEMA_PATTERN in (ID_REGEX, ID_REGEX + "(?!\\n)")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js (make node-deps)")
def test_javascript_reads_both_patterns_as_the_code_does():
    """As the browser reads the id rule, and as editors read the schema (JSON Schema patterns are JavaScript's)."""
    script = (
        "const [a, b, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(texts.map(t => [new RegExp(a).test(t), new RegExp(b).test(t)])));"
    )
    out = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([ID_REGEX, SCHEMA_PATTERN, EXAMPLES]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for text, (browser, editor) in zip(EXAMPLES, json.loads(out)):
        assert browser == editor == is_id(text), text
