"""What the site's search knows of the glossary: the abbreviations it reads as what they stand for,
and, when a search finds nothing, words from the glossary and the area names to try instead.

The hook writes this once for the whole site as a script (``assets/javascripts/search-help-data.js``,
loaded by ``overrides/main.html``); ``assets/javascripts/search-query.js`` reads the abbreviations
when a query is sent and ``assets/javascripts/search-help.js`` the rest when a search has no results.
"""

from __future__ import annotations

from typing import Any

from scrutiny_packs.model import Bank
from scrutiny_packs.text.glossary import is_abbreviation

ISSUE_TEMPLATE = "propose-question.yml"


def search_help(bank: Bank, repo_url: str | None) -> dict[str, Any]:
    """The glossary's terms with every name they go by, its abbreviations with what each stands for
    (as written, 'CSE': 'Child sexual exploitation'), the areas that hold questions, and where to propose one."""
    areas = [a.name for a in bank.areas_in_order() if bank.questions_for_area(a.id)]
    terms = [{"term": t.term, "names": list(t.search_words)} for t in bank.glossary.values()]
    abbreviations = {
        form: t.stands_for
        for t in bank.glossary.values()
        if t.stands_for
        for form in (t.term, *t.also_written)
        if is_abbreviation(form)
    }
    propose = f"{repo_url.rstrip('/')}/issues/new?template={ISSUE_TEMPLATE}" if repo_url else ""
    return {"terms": terms, "abbreviations": abbreviations, "areas": areas, "propose": propose}
