"""Names for readers of the ids content uses for tags: the one place a tag id becomes words."""

from __future__ import annotations

# Where the words made from the id would read oddly. Every other tag: hyphens become spaces,
# first letter capital ('workforce-stability' -> 'Workforce stability').
TAG_NAMES: dict[str, str] = {
    "voice-of-child": "Voice of the child",
    "voice-of-families": "Voice of families",
    "voice-of-staff": "Voice of staff",
}

# Words of a tag id that are abbreviations, written in capitals wherever they stand ('ai' -> 'AI',
# 'send-support' -> 'SEND support'), never 'Ai'.
ABBREVIATIONS: frozenset[str] = frozenset(
    {"ai", "camhs", "cce", "cin", "cme", "cp", "cse", "dsl", "ehcp", "ehe", "fgm", "icb", "lado", "lscb", "lscp"}
    | {"marac", "mash", "nhs", "sen", "send", "scr", "sg", "uk", "yot"}
)


def tag_name(tag_id: str) -> str:
    """A tag id as words for readers: 'workforce-stability' -> 'Workforce stability', 'ai' -> 'AI'."""
    if tag_id in TAG_NAMES:
        return TAG_NAMES[tag_id]
    words = [w.upper() if w.lower() in ABBREVIATIONS else w for w in tag_id.replace("-", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else tag_id
