"""Counts in words: "1 question", "2 questions"."""

from __future__ import annotations

_IRREGULAR = {"is": "are", "was": "were", "has": "have", "this": "these", "it": "they"}


def plural_form(word: str, count: int, many: str | None = None) -> str:
    """The word as it goes with ``count``: 'question' for 1, 'questions' for any other number."""
    if count == 1:
        return word
    if many is not None:
        return many
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def count_of(count: int, word: str, many: str | None = None) -> str:
    """'1 question', '3 questions', '0 questions' (``many`` for an irregular plural)."""
    return f"{count:,} {plural_form(word, count, many)}"
