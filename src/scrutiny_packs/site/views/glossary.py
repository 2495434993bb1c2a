"""The glossary page: every term under its first letter, with the questions that use it."""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny_packs.model import Question, Term
from scrutiny_packs.site.index import SiteIndex


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: Term
    used_by: tuple[Question, ...]  # the active questions that use it, in bank order
    source_title: str  # the document its source names, as the settings title it; "" without a source


@dataclass(frozen=True, slots=True)
class Letter:
    letter: str
    names: tuple[str, ...]  # its terms, as the letter's fold summarises them
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True, slots=True)
class GlossaryPage:
    letters: tuple[Letter, ...]  # alphabetically


def glossary_page(index: SiteIndex) -> GlossaryPage:
    settings = index.bank.settings
    groups: dict[str, list[Term]] = {}
    for term in index.bank.glossary.values():
        groups.setdefault(term.term[:1].upper(), []).append(term)
    return GlossaryPage(
        tuple(
            Letter(
                letter,
                tuple(t.term for t in terms),
                tuple(
                    GlossaryEntry(
                        t,
                        tuple(index.term_questions.get(t.id, ())),
                        settings.document_title(t.source.document) if t.source else "",
                    )
                    for t in terms
                ),
            )
            for letter, terms in groups.items()
        )
    )
