"""Pack file names made from titles end at a whole word."""

from __future__ import annotations

from scrutiny_packs.text.slug import slug


def test_a_long_title_is_cut_at_a_word_boundary():
    title = "Children missing education and elective home education; domestic abuse"
    name = slug(title)
    assert name == "children-missing-education-and-elective-home-education-domestic"
    assert len(name) <= 64 and title.lower().replace(";", "").replace(" ", "-").startswith(name)


def test_short_titles_and_words_longer_than_the_limit():
    assert slug("Item six: the front door!") == "item-six-the-front-door"
    assert slug("x" * 80) == "x" * 64
    assert slug("🙂") == "pack"
