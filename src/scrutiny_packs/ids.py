"""The one rule for a permanent id: a content file's name, a question reference in a link.

``ID_REGEX`` is written so that it means the same in Python and in JavaScript:
it is handed to the browser as it is (``site/mypack.py`` puts it in the My pack
data), where ``new RegExp(ID_REGEX).test(text)`` gives the same answer as
``is_id(text)`` here. In Python, read it with ``fullmatch`` (``is_id``): ``$``
alone would also let a final newline through. The content schemas say the same
in ``schemas/_defs.schema.json`` (``tests/content/test_ids.py`` holds them to it).
"""

from __future__ import annotations

import re

ID_REGEX = r"^[a-z0-9][a-z0-9-]{0,63}$"

_ID = re.compile(ID_REGEX)


def is_id(text: str) -> bool:
    """Whether text is a valid id, all of it (no final newline, no surrounding space)."""
    return _ID.fullmatch(text) is not None


# -- agenda item numbers -------------------------------------------------------------------------
# An agenda item's number ('6', '6a', '6 (a)') becomes part of its papers' file names, its heading's
# id on the meeting page (#item-6-a, #record-item-6-a) and the links to them, and is how a record
# names the item it records. All of these read the number in one normal form, ``item_slug``: lower
# case, each run of other characters one hyphen. So '7A' and '7a' are the same item, and '6 (a)' and
# '6-a' cannot both be on one agenda (validate refuses the second). A number is at most
# ITEM_NUMBER_LIMIT characters: agendas number items '12', '6a' or '4.2 (iii)', and a long one
# would make file names longer than a file system allows.

ITEM_NUMBER_LIMIT = 20

_NOT_ITEM_CHARACTER = re.compile(r"[^a-z0-9]+")


def item_slug(number: str | int) -> str:
    """An item number as files, ids, links and records read it: '6a' -> '6a', '6 (a)' -> '6-a', '7A' -> '7a'.
    '' for a number with no letter or digit (validate refuses it)."""
    return _NOT_ITEM_CHARACTER.sub("-", str(number).lower()).strip("-")


# -- body names ----------------------------------------------------------------------------------
# Records and meeting files are written by hand at different meetings, so one body may be
# "Children's Scrutiny Panel" in one file and "children's scrutiny panel " in another. Every
# comparison of body names (the Follow-up filter, `actions --body`, `tracker --committee`, "Since
# last time") reads them in one normal form, ``body_key``.


def body_key(name: str) -> str:
    """A body's name as it is compared: trimmed, spaces run together, case ignored."""
    return " ".join(str(name).split()).casefold()
