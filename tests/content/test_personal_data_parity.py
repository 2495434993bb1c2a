"""The record page finds what `validate` finds: one set of personal-data rules, in Python.

The browser runs content/personal_data.py's own patterns (``browser_rules``), so each pattern must mean
the same to Python's ``re`` and to JavaScript's ``RegExp``: these tests hold the patterns to the part
of the two languages that reads alike, and keep tests/fixtures/personal-data/findings.json, the
findings Python makes in a shared corpus, up to date; tests/js/personal-data.test.js requires the
browser's checks to make the same findings. After changing a rule or the corpus:

    .venv/bin/python -m tests.content.test_personal_data_parity --write
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from scrutiny_packs.content import personal_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "personal-data"
CORPUS = FIXTURES / "corpus.json"
FINDINGS = FIXTURES / "findings.json"


def expected() -> dict:
    texts = json.loads(CORPUS.read_text(encoding="utf-8"))["texts"]
    return {
        "about": "Written by `python -m tests.content.test_personal_data_parity --write` from corpus.json: do not edit.",
        "rules": personal_data.browser_rules(),
        "cases": [
            {
                "text": text,
                "findings": [
                    {"kind": f.kind, "text": f.text} for f in personal_data.find_personal_data_in_record(text)
                ],
            }
            for text in texts
        ],
    }


def written() -> str:
    return json.dumps(expected(), ensure_ascii=True, indent=1) + "\n"


def test_the_findings_fixture_is_what_python_finds_now():
    assert FINDINGS.read_text(encoding="utf-8") == written(), (
        "tests/fixtures/personal-data/findings.json is stale: run "
        "`.venv/bin/python -m tests.content.test_personal_data_parity --write`"
    )


def test_the_corpus_has_every_kind_and_harmless_text():
    cases = expected()["cases"]
    kinds = {f["kind"] for c in cases for f in c["findings"]}
    assert kinds == set(personal_data.SAID), "each kind the checks know is found somewhere in the corpus"
    assert sum(1 for c in cases if not c["findings"]) >= 5, "and plain text finds nothing"


def test_a_date_of_birth_and_an_nhs_number_are_found_in_a_record():
    kinds = [f.kind for f in personal_data.find_personal_data_in_record("DOB 12/03/2015, NHS number 943 476 5919")]
    assert kinds == ["date of birth", "NHS number"]


# What both languages read alike. Refused: \s and \S (Unicode in every RegExp, ASCII under re.ASCII),
# inline flags, Python's named groups and JavaScript's, lookbehind-free constructs one side lacks
# (possessive and atomic parts, conditionals), \A \Z \z \G, \p, \x, \N, and anything beyond ASCII.
_REFUSED = re.compile(r"\\[sSAZzGpPxNUa]|\(\?[aiLmsux-]|\(\?P|\(\?<[A-Za-z]|\(\?>|\(\?\(|[*+?}][+]|[^\x20-\x7e]")


def _patterns(rules: dict) -> list[dict]:
    return [rules["gate"], rules["nearName"], *rules["detectors"], *rules["names"]]


@pytest.mark.parametrize(
    "pattern", _patterns(personal_data.browser_rules()), ids=lambda p: p.get("kind", p["source"][:20])
)
def test_each_pattern_is_written_in_what_re_and_regexp_read_alike(pattern):
    assert not _REFUSED.search(pattern["source"]), _REFUSED.search(pattern["source"])
    assert pattern["flags"] in ("g", "gi")


def test_each_pattern_is_compiled_with_ascii_classes():
    for detector in personal_data.DETECTORS + personal_data.NAME_DETECTORS:
        assert detector.pattern.flags & re.ASCII, detector.kind
        assert not detector.pattern.flags & (re.MULTILINE | re.DOTALL | re.VERBOSE), detector.kind
        assert detector.rule in personal_data.RULES
    assert personal_data.NAME.flags & re.ASCII


def test_the_subset_check_refuses_what_the_two_read_differently():
    for source in (r"a\sb", r"(?i)dob", r"(?P<x>1)", r"a++", "caf\u00e9"):
        assert _REFUSED.search(source), source
    for source in (r"\d{3}[ -]?\b", r"(?<![\w.+-])x", r"(\d)\1"):
        assert not _REFUSED.search(source), source


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    FINDINGS.write_text(written(), encoding="utf-8")
    print(f"wrote {FINDINGS}")
