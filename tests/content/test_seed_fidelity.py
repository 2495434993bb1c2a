"""The bank encodes every Module 3 question of the source, whole and in its own words."""

from __future__ import annotations

import re

import pytest

from scrutiny_packs.text.framing import READINGS
from tests.conftest import FIXTURES

SOURCE = FIXTURES / "module3-source.txt"
REPEATED = (
    "What are the safety and wellbeing outcomes for children and families that you are trying to deliver in this area?"
)


def source_bullets() -> list[tuple[str, str]]:
    """(heading, bullet) pairs from the source, with bullets split by page breaks joined."""
    lines = [line.rstrip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    start = lines.index("Priority service areas")
    bullets: list[tuple[str, str]] = []
    heading = ""
    open_bullet = False
    for line in lines[start:]:
        text = line.strip()
        if not text or text == "Appendix 1":
            continue
        if text.startswith("- "):
            bullets.append((heading, text[2:].strip()))
            open_bullet = not re.search(r"[?.)!]$", text)
        elif open_bullet:
            h, b = bullets[-1]
            bullets[-1] = (h, f"{b} {text}")
            open_bullet = not re.search(r"[?.)!]$", text)
        else:
            heading = text
    return bullets


def normalise(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def test_source_has_103_bullets_and_99_distinct():
    bullets = source_bullets()
    assert len(bullets) == 103
    assert len({normalise(b) for _, b in bullets}) == 99
    assert sum(normalise(b) == REPEATED for _, b in bullets) == 5


def walsall(bank) -> list:
    """The questions encoded from the 2012 toolkit (the bank also holds questions written since)."""
    return [q for q in bank.questions.values() if q.origin == "walsall-2012"]


def test_every_source_question_is_in_the_bank_once(bank):
    quotes: dict[str, str] = {}
    for q in walsall(bank):
        assert q.source and q.source.quote, f"{q.id} has no source quote"
        assert normalise(q.source.quote) not in quotes, f"{q.id} repeats {quotes.get(normalise(q.source.quote))}"
        quotes[normalise(q.source.quote)] = q.id
    seed = {normalise(b) for _, b in source_bullets()}
    missing = seed - set(quotes)
    assert not missing, f"not encoded: {sorted(missing)[:3]}"
    assert len(walsall(bank)) == 99


def _pattern(text: str) -> re.Pattern[str]:
    """Text with each placeholder matching either of its readings."""
    out, last = [], 0
    for m in re.finditer(r"\{([A-Za-z]+)\}", text):
        out.append(re.escape(text[last : m.start()]))
        you, we = READINGS[m.group(1)]
        out.append(f"(?:{re.escape(you)}|{re.escape(we)})")
        last = m.end()
    out.append(re.escape(text[last:]))
    return re.compile("".join(out))


def test_wording_is_the_sources_apart_from_placeholders(bank):
    for q in walsall(bank):
        quote = normalise(q.source.quote)
        if q.asked_of:
            quote = normalise(quote.replace(f"({q.asked_of})", ""))
        assert _pattern(q.text).fullmatch(quote), f"{q.id}: {q.text!r} does not read as {quote!r}"


def test_respondents_named_in_brackets_are_data_not_text(bank):
    asked = {q.id: q.asked_of for q in walsall(bank) if q.asked_of}
    assert sorted(asked.values()) == ["Adult mental health services", "Children's services"]
    for qid in asked:
        assert "(" + asked[qid] + ")" not in bank.questions[qid].text


def test_the_repeated_question_is_one_question_in_five_areas(bank):
    matches = [q for q in walsall(bank) if normalise(q.source.quote) == REPEATED]
    assert len(matches) == 1
    assert set(matches[0].areas) == {
        "priority-service-areas",
        "vulnerable-groups",
        "domestic-violence",
        "adult-mental-health",
        "poverty-and-housing",
    }


def test_questions_sit_under_the_area_they_belong_to(bank):
    """Supervision questions printed under 'Safeguarding wisdom' belong to supervision."""
    headings = {
        "Priority service areas": "priority-service-areas",
        "Vulnerable groups of children": "vulnerable-groups",
        "Domestic violence": "domestic-violence",
        "Adult mental health": "adult-mental-health",
        "Organisational culture": "organisational-culture",
        "Resources": "resources",
        "Evidence-based practice": "evidence-based-practice",
        "The impact of poverty and poor housing": "poverty-and-housing",
    }
    by_quote = {normalise(q.source.quote): q for q in bank.questions.values()}
    for heading, bullet in source_bullets():
        q = by_quote[normalise(bullet)]
        if heading in headings:
            assert headings[heading] in q.areas, (q.id, heading)
        if "supervision" in bullet.lower() and "learning and development" not in bullet.lower():
            assert "safeguarding-supervision" in q.areas, q.id


@pytest.mark.parametrize("audience", ["councillors", "partnership", "health", "police"])
def test_every_audience_has_a_substantial_selection(bank, audience):
    assert len(bank.questions_for_audience(audience)) >= 20


def test_suiting_every_audience_is_the_exception(bank):
    everyone = [q for q in bank.questions.values() if len(q.audiences) == len(bank.audiences)]
    assert len(everyone) <= len(bank.questions) // 10


def test_audience_judgements_from_the_content_guide(bank):
    by_quote = {normalise(q.source.quote): q for q in bank.questions.values()}
    paediatric = next(q for k, q in by_quote.items() if "paediatric nurses" in k)
    assert set(paediatric.audiences) >= {"health", "partnership"}
    assert "councillors" not in paediatric.audiences and "police" not in paediatric.audiences
    cait = next(q for k, q in by_quote.items() if "CAIT officers receiving" in k)
    assert "police" in cait.audiences
