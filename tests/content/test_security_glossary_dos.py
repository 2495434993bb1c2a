"""Denial of service through the glossary: a term that starts with punctuation among thousands.

The term finder reads text by its runs of letters and digits, trying only the terms that start with
each run. A term starting otherwise, such as "(S)ENCo", must not send every text back to the one
pattern of all the terms tried at every place, which takes minutes over a large glossary. The time
limit is generous (about ten times the work on a loaded machine).
"""

from __future__ import annotations

import time

from scrutiny_packs.model import Term
from scrutiny_packs.text.glossary import Glossary


def _terms(count: int) -> list[Term]:
    made = []
    for i in range(count):
        word = "".join(chr(ord("a") + int(d)) for d in f"{i:05d}")
        made.append(Term(id=f"t{i}", term=f"{word.upper()}", explanation="x", stands_for=f"{word} services board"))
    return made


TEXT = (
    "How do we know that children with special educational needs, and their (S)ENCo, are heard when "
    "the ABCDE and the abcdf services board review plans, and what the SENCo and (s)enco say? "
) * 4


def test_a_term_starting_with_punctuation_among_five_thousand_keeps_reading_fast():
    glossary = Glossary(_terms(5000) + [Term(id="senco", term="(S)ENCo", explanation="x", also_written=("SENCo",))])
    started = time.perf_counter()
    for i in range(300):
        found = glossary.uses(TEXT + f" {i}")
    took = time.perf_counter() - started
    assert [u.text(TEXT) for u in found][:4] == ["(S)ENCo", "ABCDE", "abcdf services board", "SENCo"]
    assert took < 40, f"reading 300 texts took {took:.1f} s"


def test_the_term_finder_agrees_with_the_one_pattern_when_a_term_starts_with_punctuation():
    glossary = Glossary(_terms(50) + [Term(id="senco", term="(S)ENCo", explanation="x", also_written=("SENCo",))])
    texts = [TEXT, "(S)ENCo(S)ENCo", "x(S)ENCo (S)ENCo. AAAAA (S)ENCo", "((S)ENCo) and AAAAB", "(s)enco", ""]
    for text in texts:
        everywhere = [(m.start(), m.end()) for m in glossary._regex.finditer(text)]
        assert [(u.start, u.end) for u in glossary.uses(text)] == everywhere, text
