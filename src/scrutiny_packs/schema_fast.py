"""A quick yes for valid content, before the full JSON Schema validator.

Nearly every content file is valid, and ``jsonschema`` spends most of a
build's own time confirming it. This module compiles each schema, once, into
plain Python checks for the few keywords our schemas use. A check answers
True only when the document is certainly valid; anything else (False, or a
schema using a keyword it does not know) sends the document to ``jsonschema``,
which finds and words the problems. So the quick check may be stricter than
the schema, never looser.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any, Callable

Check = Callable[[Any], bool]

# Keywords that never affect validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Unsupported(Exception):
    """The schema uses something the quick check does not cover."""


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "null":
        return value is None
    raise Unsupported(f"type {name!r}")


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _compile(schema: Any, resolver: Any, seen: dict[int, Check]) -> Check:
    if schema is True:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise Unsupported("schema is not an object")
    key = id(schema)
    if key in seen:
        return seen[key]
    checks: list[Check] = []

    def check(value: Any) -> bool:
        for part in checks:
            if not part(value):
                return False
        return True

    seen[key] = check
    for keyword, arg in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        checks.append(_keyword(keyword, arg, schema, resolver, seen))
    if len(checks) == 1:  # e.g. a bare $ref: call its check directly
        seen[key] = checks[0]
        return checks[0]
    return check


def _keyword(keyword: str, arg: Any, schema: dict, resolver: Any, seen: dict[int, Check]) -> Check:
    if keyword == "type":
        names = arg if isinstance(arg, list) else [arg]
        for name in names:
            _is_type(None, name)  # raises on a type we do not know
        plain = {"string": str, "object": dict, "array": list}
        if len(names) == 1 and names[0] in plain:
            python_type = plain[names[0]]
            return lambda v: isinstance(v, python_type)
        return lambda v: any(_is_type(v, n) for n in names)
    if keyword == "$ref":
        resolved = resolver.lookup(arg)
        return _compile(resolved.contents, resolved.resolver, seen)
    if keyword == "allOf":
        parts = [_compile(sub, resolver, seen) for sub in arg]
        return lambda v: all(p(v) for p in parts)
    if keyword == "properties":
        props = {name: _compile(sub, resolver, seen) for name, sub in arg.items()}

        def properties(v: Any) -> bool:
            if isinstance(v, dict):
                for k, x in v.items():
                    sub = props.get(k)
                    if sub is not None and not sub(x):
                        return False
            return True

        return properties
    if keyword == "additionalProperties":
        if schema.get("patternProperties"):
            raise Unsupported("patternProperties")
        known = frozenset(schema.get("properties", {}))
        if arg is False:
            return lambda v: not isinstance(v, dict) or known.issuperset(v)
        extra = _compile(arg, resolver, seen)
        return lambda v: not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in known)
    if keyword == "required":
        names = tuple(arg)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)
    if keyword == "items":
        if isinstance(arg, list) or "prefixItems" in schema:
            raise Unsupported("tuple items")
        item = _compile(arg, resolver, seen)

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for x in v:
                    if not item(x):
                        return False
            return True

        return items
    if keyword == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= arg
    if keyword == "maxItems":
        return lambda v: not isinstance(v, list) or len(v) <= arg
    if keyword == "uniqueItems":
        if not arg:
            return lambda v: True
        # Only lists of text are judged here; JSON equality of mixed values is left to jsonschema.
        return lambda v: not isinstance(v, list) or (all(isinstance(x, str) for x in v) and len(set(v)) == len(v))
    if keyword == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= arg
    if keyword == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= arg
    if keyword == "pattern":
        search = re.compile(arg).search
        return lambda v: not isinstance(v, str) or search(v) is not None
    if keyword == "enum":
        # Same type and equal: stricter than JSON equality (1 is not True), never looser.
        choices = tuple(arg)
        return lambda v: any(type(v) is type(c) and v == c for c in choices)
    if keyword == "minimum":
        return lambda v: not _is_type(v, "number") or v >= arg
    if keyword == "maximum":
        return lambda v: not _is_type(v, "number") or v <= arg
    if keyword == "format":
        if arg != "date":
            raise Unsupported(f"format {arg!r}")
        return _valid_date
    raise Unsupported(keyword)


@cache
def checker(kind: str) -> Check | None:
    """The quick check for a kind of content, or None when its schema needs the full validator."""
    from .schema import _registry

    name = f"{kind}.schema.json"
    registry = _registry()
    try:
        return _compile(registry.contents(name), registry.resolver(base_uri=name), {})
    except (Unsupported, LookupError):
        return None
    except Exception:  # a schema we cannot read here is jsonschema's to judge
        return None


def certainly_valid(kind: str, data: Any) -> bool:
    """True only when the data is valid against its kind's schema."""
    check = checker(kind)
    if check is None:
        return False
    try:
        return check(data)
    except Exception:  # anything odd: let the full validator speak
        return False
