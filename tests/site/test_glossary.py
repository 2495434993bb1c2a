"""The glossary on the site: terms found in question text, marked up, listed, and a Glossary page."""

from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny_packs.model import NowCalled, Term
from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder
from scrutiny_packs.site.nav import build_nav
from scrutiny_packs.text.glossary import Glossary
from scrutiny_packs.text.labels import tag_name
from tests.examples import examples

# Capitalised tokens of two or more letters, '&' allowed inside, an optional plural 's': SCR, A&E, GPs.
ABBREVIATION = re.compile(r"(?<![A-Za-z0-9&])[A-Z][A-Z&]*[A-Z]s?(?![A-Za-z0-9&])")


_PAGES: dict[int, dict[str, str]] = {}


def rendered(bank, src: str) -> BeautifulSoup:
    """A generated page as the site's Markdown extensions turn it into HTML."""
    pages = _PAGES.get(id(bank))
    if pages is None:
        pages = _PAGES[id(bank)] = {p.src_uri: p.content for p in SiteBuilder(bank).pages()}
    body = pages[src].split("\n---\n", 1)[1]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"]), "html.parser")


def _abbreviations(bank) -> list[tuple[str, re.Match]]:
    return [(q.id, m) for q in bank.active_questions() for m in ABBREVIATION.finditer(q.text)]


def test_the_shipped_questions_use_abbreviations(bank):
    assert len({m.group() for _, m in _abbreviations(bank)}) >= 8


def test_every_abbreviation_in_the_questions_has_an_entry_and_shows_its_expansion(bank):
    glossary = Glossary(bank.glossary.values())
    missing, unshown = [], []
    by_question: dict[str, list[re.Match]] = {}
    for qid, match in _abbreviations(bank):
        by_question.setdefault(qid, []).append(match)
    for qid, matches in by_question.items():
        text = bank.questions[qid].text
        uses = glossary.uses(text)
        page = rendered(bank, links.question(qid))
        marks = {a.get_text(): a.get("title") for a in page.select_one("dl.sp-framings dd").find_all("abbr")}
        listed = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select("dl.sp-terms dt")}
        for match in matches:
            # The token, or a longer form holding it ('CIN plan', 'GP practices').
            use = next((u for u in uses if u.start <= match.start() and match.end() <= u.end), None)
            if use is None:
                missing.append(f"{qid}: {match.group()}")
                continue
            term = use.term
            if term.expansion and term.expansion not in marks.values():
                unshown.append(f"{qid}: {use.text(text)} is not marked with {term.expansion!r} (marks: {marks})")
            if listed.get(term.term) != term.summary:
                unshown.append(f"{qid}: {term.term} is not listed under Terms used (listed: {listed})")
    assert not missing, "abbreviations in questions with no glossary entry:\n" + "\n".join(missing)
    assert not unshown, "\n".join(unshown)


def test_question_wording_is_unchanged_by_the_markup(bank):
    from scrutiny_packs.text.framing import frame

    for q in bank.active_questions()[::10]:
        page = rendered(bank, links.question(q.id))
        assert page.select_one("dl.sp-framings dd").get_text() == frame(q.text, "you")


def _term(id_: str, term: str, *also: str, stands_for: str = "", now: str = "") -> Term:
    return Term(id_, term, "Explained.", also, stands_for, NowCalled(now, 2019) if now else None)


GLOSSARY = Glossary(
    [
        _term("cin", "CIN", "children in need", stands_for="Child in need"),
        _term("cp", "CP", "child protection plan", stands_for="Child protection"),
        _term("cpc", "Child protection conference", "CP conference"),
        _term("ae", "A&E", stands_for="Accident and emergency"),
        _term("csc", "Children's social care"),
        _term("scr", "SCR", "SCRs", stands_for="Serious case review", now="Local child safeguarding practice review"),
    ]
)


@pytest.mark.parametrize(
    "text, found",
    [
        ("In CP/CIN cases", ["CP", "CIN"]),
        ("Children in need and a cin or Cp", ["Children in need"]),  # abbreviations keep their case
        ("a child protection conference, then a CP conference", ["child protection conference", "CP conference"]),
        ("a child protection plan", ["child protection plan"]),
        ("nurses in A&E, and A&Es", ["A&E"]),  # whole words only
        ("Children\u2019s Social Care front door", ["Children\u2019s Social Care"]),
        ("SCRSs and DISCRIMINATION and xSCR", []),
        ("previous SCRs", ["SCRs"]),
    ],
)
def test_terms_are_whole_words_and_abbreviations_keep_their_case(text, found):
    assert [use.text(text) for use in GLOSSARY.uses(text)] == found


# Pieces of text for the property below: the forms of the shipped glossary's terms, in any case,
# with the characters that sit at a word's edge, and the non-ASCII letters that match ASCII ones.
_PIECES = st.sampled_from(
    [" ", "  ", "\n", "-", "&", "'", "\u2019", ".", "/", "x", "9", "s", "GP", "GPs", "é", "\u017f", "\u212a", "\u0130"]
)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_reading_by_first_word_finds_what_the_one_pattern_finds(bank, data):
    """``uses`` tries only the forms that start with each run of letters; the glossary's one pattern,
    tried at every place, is the rule it must agree with, whatever the text."""
    glossary = Glossary(bank.glossary.values())
    forms = sorted({f for t in bank.glossary.values() for f in t.forms})
    form = st.sampled_from(forms).flatmap(lambda f: st.sampled_from([f, f.lower(), f.upper(), f.title()]))
    text = "".join(data.draw(st.lists(st.one_of(form, _PIECES), max_size=14)))
    everywhere = [(m.start(), m.end(), m.lastgroup) for m in glossary._regex.finditer(text)]
    assert [(u.start, u.end) for u in glossary.uses(text)] == [(a, b) for a, b, _ in everywhere]
    assert [u.term for u in glossary.uses(text)] == [glossary._forms[int(g[1:])][1] for *_, g in everywhere]


def test_every_shipped_text_reads_the_same_both_ways(bank):
    glossary = Glossary(bank.glossary.values())
    texts = [q.text for q in bank.questions.values()] + [b.text for b in bank.benchmarks.values()]
    found = 0
    for text in texts:
        everywhere = [(m.start(), m.end()) for m in glossary._regex.finditer(text)]
        assert [(u.start, u.end) for u in glossary.uses(text)] == everywhere, text
        found += len(everywhere)
    assert found > 100  # the shipped texts do use terms: the comparison is not of empty lists


def test_only_the_first_abbreviation_is_marked_and_plain_names_are_not():
    html = str(GLOSSARY.mark_up("CP and CP, then children in need <b>"))
    assert html == '<abbr title="Child protection">CP</abbr> and CP, then children in need &lt;b&gt;'
    assert GLOSSARY.terms_in("children in need, CP") == [GLOSSARY.terms[0], GLOSSARY.terms[1]]


def test_an_expansion_names_the_current_term():
    assert GLOSSARY.terms[-1].expansion == "Serious case review; since 2019, local child safeguarding practice review"


def test_glossary_page_lists_every_term_alphabetically_and_is_in_the_nav(bank):
    page = rendered(bank, links.GLOSSARY)
    headings = [h.get_text() for h in page.find_all("h3")]
    assert headings == [t.term for t in bank.glossary.values()]
    assert headings == sorted(headings, key=str.casefold)
    assert {"Glossary": links.GLOSSARY} in build_nav(bank)
    scr = page.find(id="scr").find_next("dl")
    assert "Local child safeguarding practice review, since 2019" in scr.get_text()
    assert scr.find("a", href=lambda h: h and h.endswith("q020.md"))


def test_tags_have_human_names_where_shown(bank):
    assert tag_name("workforce-stability") == "Workforce stability"
    q = next(q for q in bank.active_questions() if q.tags)
    page = rendered(bank, links.question(q.id))
    tags = next(dt for dt in page.select("dl.sp-facts dt") if dt.get_text() == "Tags").find_next_sibling("dd")
    assert tags.get_text() == ", ".join(tag_name(t) for t in q.tags)
