"""The Follow-up page's body filter: one choice per body, however its name is written.

Records are written by hand at different meetings, so one body may be "Children's Scrutiny Panel" in
one record and "children's scrutiny panel " in another. The filter compares names in one normal
form, ``ids.body_key``: spaces trimmed and run together, case ignored. Each action's row carries its
body's key (``data-body``), each choice a key as its value and the name as first written as its
label; ``overrides/assets/javascripts/follow-up.js`` compares the two as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from scrutiny_packs.ids import body_key


def body_choices(names: Iterable[str]) -> list[tuple[str, str]]:
    """One (key, label) per body, the label the name as first met, sorted by key."""
    choices: dict[str, str] = {}
    for name in names:
        choices.setdefault(body_key(name), " ".join(str(name).split()))
    return sorted(choices.items())
