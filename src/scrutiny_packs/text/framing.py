"""Framing: one stored wording read as 'you' (asking others) or 'we' (asking ourselves).

Question text marks the words that change with placeholders named by their
first-person form: {we} {us} {our} {ours} {ourselves}, capitalised at the
start of a sentence ({We}, {Our}, ...). Substitution is done here, by plain
string replacement: content is never evaluated as a template.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scrutiny_packs.model import Framing

# placeholder -> (you-reading, we-reading)
READINGS: dict[str, tuple[str, str]] = {
    "we": ("you", "we"),
    "us": ("you", "us"),
    "our": ("your", "our"),
    "ours": ("yours", "ours"),
    "ourselves": ("yourselves", "ourselves"),
}
READINGS.update({k.capitalize(): (y.capitalize(), w.capitalize()) for k, (y, w) in list(READINGS.items())})

FRAMINGS: tuple[Framing, ...] = ("you", "we")
PLACEHOLDER = re.compile(r"\{([A-Za-z]+)\}")
PLACEHOLDER_HINT = (
    "use "
    + " ".join("{" + name + "}" for name in READINGS if name.islower())
    + ", capitalised at the start of a sentence"
)

# Words that must not survive in a 'we' framing (second person).
SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself|yourselves)\b", re.IGNORECASE)


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in placeholders(text) if name not in READINGS]


@lru_cache(maxsize=8192)  # each question is framed on its page and on every list that shows it
def frame(text: str, framing: Framing) -> str:
    """The text read in one framing. Unknown placeholders are left as written."""
    index = 0 if framing == "you" else 1

    def replace(match: re.Match[str]) -> str:
        reading = READINGS.get(match.group(1))
        return reading[index] if reading else match.group(0)

    return PLACEHOLDER.sub(replace, text)


def framing_table() -> dict[str, dict[str, str]]:
    """The placeholder data as plain JSON, for the browser's 'My pack' page."""
    return {name: {"you": you, "we": we} for name, (you, we) in READINGS.items()}
