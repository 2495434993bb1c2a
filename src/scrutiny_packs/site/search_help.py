"""What the site's search offers when it finds nothing: words from the glossary and the area names.

The hook passes this to the theme (``config.extra``); ``overrides/main.html`` writes it into each
page as a JSON data block, and ``assets/javascripts/search-help.js`` reads it when a search has
no results.
"""

from __future__ import annotations

from typing import Any

from scrutiny_packs.model import Bank

ISSUE_TEMPLATE = "propose-question.yml"


def search_help(bank: Bank, repo_url: str | None) -> dict[str, Any]:
    """The glossary's terms with every name they go by, the areas that hold questions, and where to propose one."""
    areas = [a.name for a in bank.areas_in_order() if bank.questions_for_area(a.id)]
    terms = [{"term": t.term, "names": list(t.search_words)} for t in bank.glossary.values()]
    propose = f"{repo_url.rstrip('/')}/issues/new?template={ISSUE_TEMPLATE}" if repo_url else ""
    return {"terms": terms, "areas": areas, "propose": propose}
