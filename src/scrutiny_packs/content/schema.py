"""JSON Schema validation of content, with errors a policy officer can act on.

The schemas in ``schemas/`` are the single source of truth for content. They
are loaded and compiled once; each jsonschema error becomes a Problem naming
the file, line and field, in plain words, with a hint.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from scrutiny_packs.content import schema_fast
from scrutiny_packs.content.yaml_source import YamlDocument, field_name
from scrutiny_packs.problems import Problem, did_you_mean

if TYPE_CHECKING:  # jsonschema is imported only when a file has a problem to word (schema_fast checks the rest)
    import jsonschema
    from jsonschema import Draft202012Validator
    from referencing import Registry


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    schemas_dir = resources.files("scrutiny_packs").joinpath("schemas")
    pairs = []
    for entry in schemas_dir.iterdir():
        if entry.name.endswith(".schema.json"):
            pairs.append((entry.name, Resource.from_contents(json.loads(entry.read_text(encoding="utf-8")))))
    return Registry().with_resources(pairs)


def schema(kind: str) -> dict[str, Any]:
    """A kind of content's schema, as written in ``schemas/<kind>.schema.json``."""
    return _registry().contents(f"{kind}.schema.json")


@cache
def validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(kind), registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    if isinstance(value, int):
        return "a number"
    return type(value).__name__


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _message(error: jsonschema.ValidationError, kind: str) -> tuple[list[str | int], str, str]:
    """(path, message, hint) for one schema error."""
    path = list(error.absolute_path)
    # A schema error always has these (the library's types allow "unset" for errors made by hand).
    v, inst, value = error.validator, cast(Any, error.instance), cast(Any, error.validator_value)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    props = schema.get("properties", {})
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return path + [missing], "missing required field", f"add '{missing}:' to the file"
    if v == "additionalProperties":
        extra = sorted(set(inst) - set(props)) if isinstance(inst, dict) else []
        name = extra[0] if extra else "?"
        hint = did_you_mean(name, props)
        if not hint.startswith("did you mean"):
            hint = "allowed fields: " + ", ".join(props)
        return path + [name], "unknown field", hint
    if v == "type":
        want = " or ".join(_TYPE_WORDS.get(w) or str(w) for w in (value if isinstance(value, list) else [value]))
        return path, f"must be {want}, not {_describe(inst)}", ""
    if v in ("minLength", "minItems"):
        return path, "must not be empty", "fill it in or remove the field"
    if v in ("maxLength", "maxItems"):
        size = len(inst)
        unit = "characters" if isinstance(inst, str) else "items"
        return path, f"too long: {size} {unit}, the limit is {value}", "shorten it"
    if v in ("pattern", "format"):
        # The schema says, beside the rule, how to word its failure: "x-invalid" and "x-hint".
        invalid = schema.get("x-invalid", "is not in the expected form")
        hint = schema.get("x-hint", f"it must match {value}" if v == "pattern" else "")
        shown = "" if invalid.startswith("must ") else f"{_short(inst)} "
        return path, shown + invalid, hint
    if v == "enum":
        choices = list(value)
        return (
            path,
            f"{_short(inst)} is not one of {', '.join(map(repr, choices))}",
            did_you_mean(inst, map(str, choices)),
        )
    if v == "dependentRequired" and isinstance(inst, dict):
        # e.g. a change_note needs the last_reviewed date it describes: named at the field that needs the other
        field, needs = next(((k, [n for n in ns if n not in inst]) for k, ns in value.items() if k in inst), ("", []))
        wanted = needs[0] if needs else "?"
        return path + [field], f"needs '{wanted}' beside it", f"add '{wanted}:' to the file, or remove '{field}'"
    if v == "uniqueItems":
        return path, "lists the same value twice", "remove the repeat"
    if v in ("minimum", "maximum"):
        return path, f"{inst} is out of range ({v} {value})", ""
    return path, error.message, ""


def validate(doc: YamlDocument, kind: str, display_path: str) -> list[Problem]:
    """Validate one parsed document against its kind's schema."""
    if not isinstance(doc.data, dict):
        return [
            Problem(
                display_path,
                doc.line_of(()),
                "",
                f"must be a mapping of fields, not {_describe(doc.data)}",
                "start each line with a field name, e.g. 'text: ...'",
            )
        ]
    if schema_fast.certainly_valid(kind, doc.data):  # the usual case, without jsonschema's cost
        return []
    problems = []
    seen: set[str] = set()
    for error in validator(kind).iter_errors(doc.data):
        # Report the deepest, most specific error from allOf wrappers.
        leaf = error
        while leaf.context:
            leaf = leaf.context[0]
        path, message, hint = _message(leaf, kind)
        key = (field_name(tuple(path)), message)
        if key[0] in seen:  # one problem per field is enough to act on
            continue
        seen.add(key[0])
        line_path = tuple(path[:-1]) if leaf.validator in ("required",) else tuple(path)
        problems.append(Problem(display_path, doc.line_of(line_path), key[0], message, hint))
    return problems
