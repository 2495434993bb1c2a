"""What the site's search is told about the glossary: abbreviations with what they stand for."""

from __future__ import annotations

from scrutiny_packs.site.search_help import search_help


def test_every_abbreviation_of_the_glossary_is_read_as_what_it_stands_for(bank):
    abbreviations = search_help(bank, None)["abbreviations"]
    assert abbreviations["CSE"] == "Child sexual exploitation"
    assert abbreviations["A&E"] == bank.glossary["a-and-e"].stands_for
    assert abbreviations["SCRs"] == abbreviations["SCR"] == "Serious case review"


def test_words_that_are_not_abbreviations_are_left_to_search_as_they_are(bank):
    abbreviations = search_help(bank, None)["abbreviations"]
    assert "County lines" not in abbreviations  # no capital after its first letter, and it stands for nothing
    assert "serious case reviews" not in abbreviations  # a spelling of SCR, but not an abbreviation
    assert all(meaning for meaning in abbreviations.values())


def test_an_abbreviation_that_stands_for_nothing_is_searched_with_its_terms_name(bank):
    abbreviations = search_help(bank, None)["abbreviations"]
    assert abbreviations["DA"] == abbreviations["DV"] == "Domestic violence"
    assert abbreviations["CME"] == "Children missing education"


def test_the_glossarys_plain_names_and_search_words_are_read_as_the_terms_they_name(bank):
    synonyms = search_help(bank, None)["synonyms"]
    assert synonyms["off-rolling"] == ["Children missing education"]
    assert synonyms["not going to school"] == ["Children missing education"]
    assert set(synonyms["toxic trio"]) == {"Domestic violence", "Hidden Harm"}
    assert synonyms["domestic abuse"] == ["Domestic violence"]
    assert all(name == name.lower() for name in synonyms), "matched in any case"
    assert "cse" not in synonyms and "CSE" not in synonyms, "abbreviations are matched as written, not here"


def test_a_search_word_is_keyed_as_the_browser_reads_a_query(bank):
    """search-query.js reads a query's words as letters, digits, &, ' and -, anything else a space, and a curly
    apostrophe as a straight one; a search word written otherwise would never match anything typed."""
    import dataclasses
    import re

    term = next(iter(bank.glossary.values()))
    words = (*term.search_terms, "children\u2019s services/care", "after-care.")
    edited = dataclasses.replace(
        bank, glossary={**bank.glossary, term.id: dataclasses.replace(term, search_terms=words)}
    )
    synonyms = search_help(edited, None)["synonyms"]
    assert "children's services care" in synonyms and "after-care" in synonyms
    assert all(re.fullmatch(r"[a-z0-9&'\-]+( [a-z0-9&'\-]+)*", name) for name in synonyms), list(synonyms)
