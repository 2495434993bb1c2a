"""Checks across glossary files: each term is defined once, and a change of name is sourced.

The schema checks each file's fields (an unknown field, an empty expansion); these checks need
every file at once, or a field's meaning: a term (in any of its spellings, in any case) defined by
two files, and a ``now_called`` that no source backs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrutiny_packs.content.yaml_source import field_name
from scrutiny_packs.problems import Problem

if TYPE_CHECKING:
    from scrutiny_packs.content.yaml_source import YamlDocument

Docs = dict[str, dict[str, tuple["YamlDocument", str]]]

# The fields whose text is the term itself, however written (search words are only related to it).
SPELLING_FIELDS = ("term", "also_written", "stands_for")


def _key(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _spellings(data: dict) -> list[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every spelling of the term a glossary file defines."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for name in SPELLING_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            found.append(((name,), value))
        elif isinstance(value, list):
            found += [((name, i), v) for i, v in enumerate(value) if isinstance(v, str)]
    return [(path, text) for path, text in found if text.strip()]


def check_glossary(docs: Docs) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, tuple[str, str]] = {}  # spelling -> (file, its field), in file order
    for term_id, (doc, display) in sorted(docs.get("glossary", {}).items()):
        data = doc.data
        if not isinstance(data, dict):
            continue
        for path, text in _spellings(data):
            key = _key(text)
            earlier = first.get(key)
            if earlier is None:
                first[key] = (display, term_id)
            elif earlier[1] != term_id:
                problems.append(
                    Problem(
                        display,
                        doc.line_of(path),
                        field_name(path),
                        f"{text!r} is already defined in {earlier[0]}",
                        "define each term once: keep one file and remove the spelling from the other",
                    )
                )
        if isinstance(data.get("now_called"), dict) and not isinstance(data.get("source"), dict):
            problems.append(
                Problem(
                    display,
                    doc.line_of(("now_called",)),
                    "now_called",
                    "a change of name needs a source",
                    "add 'source:' naming the Act or guidance that gave the new name, with its year",
                )
            )
    return problems
