"""The Plan a meeting page's data: suggestions, the bank's questions and the meeting file's rules.

The page (templates/site/plan.md.j2, scripts in ``overrides/assets/javascripts/plan/``) turns agenda
item titles into a meeting file for content/meetings/ with questions suggested for each item, and
makes each item's papers as Word files with My pack's code. Everything it needs comes in one script
of its own (``DATA_PATH``, read from disk in the offline copy too), so the page's HTML stays small:

- ``suggest``: ``packs.suggest``'s data, so the browser ranks as ``scrutiny-packs suggest`` ranks;
- ``bank``: My pack's data (``site/mypack.bank_data``) without the markup My pack draws on its page;
- the audiences, the number of questions kept and offered for an item, and the schema's limits.
"""

from __future__ import annotations

from collections.abc import Callable

from scrutiny_packs.model import Bank
from scrutiny_packs.packs.suggest import suggester
from scrutiny_packs.site.mypack import bank_data, json_for_script

DATA_PATH = "assets/javascripts/plan/data.js"
KEPT = 5  # suggestions an item starts with, as `meeting import` writes them
MORE = 10  # further suggestions offered to add
TEXT_LIMIT = 200  # the meeting schema's limit on body, name and titles
ITEMS_LIMIT = 50  # the meeting schema's limit on agenda items
DEFAULT_AUDIENCE = "councillors"


def plan_data(bank: Bank, question_href: Callable[[str], str] | None = None) -> dict:
    """Everything the Plan a meeting page needs, as plain JSON."""
    data = bank_data(bank, question_href, markup=False)  # the page draws no pack: no markup to carry
    audiences = [{"id": a.id, "name": a.name} for a in bank.audiences.values()]
    return {
        "version": 1,
        "suggest": suggester(bank).browser_data(),
        "bank": data,
        "audiences": audiences,
        "defaultAudience": DEFAULT_AUDIENCE if DEFAULT_AUDIENCE in bank.audiences else "",
        "kept": KEPT,
        "more": MORE,
        "textLimit": TEXT_LIMIT,
        "itemsLimit": ITEMS_LIMIT,
    }


def data_js(bank: Bank, question_href: Callable[[str], str] | None = None) -> str:
    """The page's data as a classic script (it works from disk, where a page cannot fetch a file)."""
    return (
        "(function (root) {\n  var SP = root.ScrutinyPacks = root.ScrutinyPacks || {};\n  SP.planData = "
        + json_for_script(plan_data(bank, question_href))
        + ";\n})(window);\n"
    )
