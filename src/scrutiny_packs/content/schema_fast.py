"""A quick yes for valid content, before the full JSON Schema validator.

Nearly every content file is valid, and ``jsonschema`` spends most of a
build's own time confirming it. ``fastjsonschema`` compiles each schema,
once, into Python code that answers "valid or not" in microseconds; only a
document it rejects goes on to ``jsonschema``, which finds and words every
problem. So the quick check decides nothing on its own: it may be stricter
than the schema, never looser (``tests/test_schema_fast.py`` checks that).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

Check = Callable[[Any], Any]


def _valid_date(value: Any) -> bool:
    """The same rule as jsonschema's ``date`` format: a real day, written YYYY-MM-DD."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _schemas() -> dict[str, dict]:
    folder = resources.files("scrutiny_packs").joinpath("schemas")
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    }


def _load_reference(uri: str) -> dict:
    """Our schemas refer to each other by file name only; nothing is fetched."""
    return _schemas()[uri.rsplit("/", 1)[-1]]


@cache
def checker(kind: str) -> Check | None:
    """The compiled check for a kind of content, or None if it cannot be compiled."""
    schema = dict(_schemas()[f"{kind}.schema.json"])
    # fastjsonschema knows drafts 4, 6 and 7; our schemas keep to what those share with 2020-12
    # ($ref never has sibling keywords other than annotations: they use allOf instead).
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    try:
        return fastjsonschema.compile(
            schema,
            handlers={"": _load_reference, "file": _load_reference},
            formats={"date": _valid_date},
            use_default=False,
        )
    except fastjsonschema.JsonSchemaDefinitionException:
        return None


def certainly_valid(kind: str, data: Any) -> bool:
    """True only when the document is valid; False sends it to jsonschema for the full story."""
    check = checker(kind)
    if check is None:
        return False
    try:
        check(data)
    except (fastjsonschema.JsonSchemaException, TypeError, ValueError, RecursionError):
        return False
    return True
