"""The Plan a meeting page suggests what `scrutiny-packs suggest` suggests: one rule, in Python.

The browser ranks with ``Suggester.browser_data`` (the words left out, the glossary's forms, the
weighted tokens of every question) and repeats only the arithmetic
(overrides/assets/javascripts/plan/suggest.js). This keeps tests/fixtures/suggest/golden.json, the
data and what Python ranks for each agenda item in tests/fixtures/agenda-items.yml and a few awkward
titles, up to date; tests/js/suggest.test.js requires the browser's ranking to be the same. After
changing the rule, the glossary or the bank:

    .venv/bin/python -m tests.packs.test_suggest_parity --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.suggest_precision import agenda_items
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.packs.suggest import suggester
from tests.conftest import ROOT

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "suggest" / "golden.json"
N = 10
# Titles that test the edges: abbreviations only as written, curly apostrophes, plurals, no match at all.
AWKWARD = [
    "MASH performance and CSC front door",
    "mash performance and csc front door",
    "Children\u2019s social care workforce: agency social workers",
    "Elective home education (EHE) and children missing education (CME)",
    "SEND: EHCPs issued within 20 weeks",
    "Apologies for absence",
    "Minutes of the last meeting",
    "",
    "constructor __proto__ toString",
    "Domestic violence: MARAC referrals, repeat referrals and DA Act 2021 duties",
    "Exploitation \u2014 CSE, CCE and county lines; the Prevent duty",
]


def expected(bank) -> dict:
    index = suggester(bank)
    titles = [title for title, _ in agenda_items()] + AWKWARD
    return {
        "about": "Written by `python -m tests.packs.test_suggest_parity --write`: do not edit.",
        "n": N,
        "data": index.browser_data(),
        "cases": [
            {
                "text": title,
                "audience": audience,
                "ranked": [{"id": s.question.id, "score": s.score} for s in index.rank(title, audience, N)],
            }
            for title in titles
            for audience in (None, "councillors")
        ],
    }


def written(bank) -> str:
    return json.dumps(expected(bank), ensure_ascii=True, indent=None, separators=(",", ":")) + "\n"


def test_the_golden_suggestions_are_what_python_ranks_now(bank):
    assert GOLDEN.read_text(encoding="utf-8") == written(bank), (
        "tests/fixtures/suggest/golden.json is stale: run `.venv/bin/python -m tests.packs.test_suggest_parity --write`"
    )


def test_the_cases_rank_something_and_nothing():
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    assert sum(1 for c in cases if len(c["ranked"]) == N) >= 40, "most titles find a full list"
    assert any(not c["ranked"] for c in cases), "and a procedural title finds nothing"


if __name__ == "__main__" and "--write" in sys.argv:
    result = load_checked(ROOT)
    GOLDEN.write_text(written(result.bank), encoding="utf-8")
    print(f"wrote {GOLDEN}")
