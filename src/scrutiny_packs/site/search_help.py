"""What the site's search knows of the glossary: the abbreviations it reads as what they stand for,
and, when a search finds nothing, words from the glossary and the area names to try instead.

The hook writes this once for the whole site as a script (``assets/javascripts/search-help-data.js``,
loaded by ``overrides/main.html``); ``assets/javascripts/search-query.js`` reads the abbreviations
when a query is sent and ``assets/javascripts/search-help.js`` the rest when a search has no results.
"""

from __future__ import annotations

import re
from typing import Any

from scrutiny_packs.model import Bank, Term
from scrutiny_packs.text.glossary import is_abbreviation

ISSUE_TEMPLATE = "propose-question.yml"


def search_help(bank: Bank, repo_url: str | None) -> dict[str, Any]:
    """The glossary's terms with every name they go by, its abbreviations with what each stands for
    (as written, 'CSE': 'Child sexual exploitation'), the areas that hold questions, and where to propose one."""
    areas = [a.name for a in bank.areas_in_order() if bank.questions_for_area(a.id)]
    terms = [{"term": t.term, "names": list(t.search_words)} for t in bank.glossary.values()]
    abbreviations = {
        form: meaning(t) for t in bank.glossary.values() for form in (t.term, *t.also_written) if is_abbreviation(form)
    }
    propose = f"{repo_url.rstrip('/')}/issues/new?template={ISSUE_TEMPLATE}" if repo_url else ""
    return {
        "terms": terms,
        "abbreviations": {form: said for form, said in abbreviations.items() if said != form},
        "synonyms": synonyms(bank),
        "areas": areas,
        "propose": propose,
    }


def meaning(term: Term) -> str:
    """What a search for any of a term's names also looks for: what it stands for, or else its name
    ('DA', written for "Domestic violence", is searched with "Domestic violence")."""
    return term.stands_for or term.term


# search-query.js reads a query as these characters, anything else a space; a name is keyed the same way.
_NOT_QUERY_CHARACTER = re.compile(r"[^a-z0-9&'\-]+")


def plain_words(name: str) -> str:
    """A name as the browser compares it with a query: lower case, curly apostrophes straight, each run
    of other characters one space ("Children’s services/care" -> "children's services care")."""
    return " ".join(_NOT_QUERY_CHARACTER.sub(" ", name.lower().replace("\u2019", "'")).split())


def synonyms(bank: Bank) -> dict[str, list[str]]:
    """Each plain name a glossary term goes by (its other spellings, current name and search words, in
    lower case; abbreviations are matched as written, above) with the meanings of the terms it names:
    {"off-rolling": ["Children missing education"], "toxic trio": ["Domestic violence", "Hidden Harm"]}.
    A name that is itself a term's name or meaning is searched as it is, and left out, as is a name of one or
    two letters."""
    found: dict[str, list[str]] = {}
    named = {name.lower() for term in bank.glossary.values() for name in (term.term, meaning(term))}
    for term in bank.glossary.values():
        said = meaning(term)
        for name in term.search_words:
            key = plain_words(name)
            if is_abbreviation(name) or len(key) < 3 or key in named:
                continue
            if said not in found.setdefault(key, []):
                found[key].append(said)
    return found
