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
