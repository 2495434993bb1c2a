"""File names and ids made from titles: lower-case words joined by hyphens, cut at a word boundary."""

from __future__ import annotations

import re

SLUG_LIMIT = 64


def slug(text: str, limit: int = SLUG_LIMIT, default: str = "pack") -> str:
    """'Children missing education & home education' -> 'children-missing-education-home-education'.

    Longer than ``limit`` characters, it ends at the last whole word that fits; a first word longer
    than the limit is cut (there is no boundary to keep)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            if not out:
                out = word[:limit]
            break
        out = joined
    return out or default
