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
