"""Checks across files: references between content, placeholders, and reviewer warnings.

These run on the parsed data of every file, valid or not, so one run reports
a bad reference even in a file that also has a schema error. Ids are file
stems: a file that exists counts as known even if it has problems of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from scrutiny_packs.content.personal_data import scan_document
from scrutiny_packs.problems import Problem, Severity, did_you_mean
from scrutiny_packs.text.framing import PLACEHOLDER_HINT, unknown_placeholders

if TYPE_CHECKING:
    from scrutiny_packs.content.yaml_source import YamlDocument

Docs = dict[str, dict[str, tuple["YamlDocument", str]]]

# (collection, field, target collection, what the target is called)
REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("questions", "areas", "areas", "area"),
    ("questions", "audiences", "audiences", "audience"),
    ("questions", "benchmarks", "benchmarks", "benchmark"),
    ("questions", "evidence", "indicators", "indicator"),
    ("questions", "distinct_from", "questions", "question"),
    ("benchmarks", "areas", "areas", "area"),
    ("indicators", "areas", "areas", "area"),
    ("packs", "selection.areas", "areas", "area"),
    ("packs", "selection.exclude_areas", "areas", "area"),
    ("packs", "selection.audiences", "audiences", "audience"),
    ("packs", "selection.exclude_audiences", "audiences", "audience"),
    ("packs", "selection.questions", "questions", "question"),
    ("packs", "selection.exclude_questions", "questions", "question"),
)
SINGLE_REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("areas", "parent", "areas", "area"),
    ("questions", "replaced_by", "questions", "question"),
    ("packs", "audience", "audiences", "audience"),
)


def _get(data: Any, dotted: str) -> tuple[Any, tuple[str, ...]]:
    path = tuple(dotted.split("."))
    for part in path:
        if not isinstance(data, dict):
            return None, path
        data = data.get(part)
    return data, path


def _field(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def check_references(docs: Docs, known: dict[str, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    for collection, dotted, target, what in REFERENCES:
        for doc, display in docs.get(collection, {}).values():
            values, path = _get(doc.data, dotted)
            if not isinstance(values, list):
                continue
            for i, value in enumerate(values):
                if isinstance(value, str) and value not in known[target]:
                    problems.append(Problem(display, doc.line_of(path + (i,)), _field(path + (i,)),
                                            f"{value!r} is not a known {what}", did_you_mean(value, known[target])))
    for collection, dotted, target, what in SINGLE_REFERENCES:
        for item_id, (doc, display) in docs.get(collection, {}).items():
            value, path = _get(doc.data, dotted)
            if not isinstance(value, str):
                continue
            if value == item_id and dotted in ("parent", "replaced_by"):
                problems.append(Problem(display, doc.line_of(path), _field(path), "cannot point to itself",
                                        f"name another {what}"))
            elif value not in known[target]:
                problems.append(Problem(display, doc.line_of(path), _field(path), f"{value!r} is not a known {what}",
                                        did_you_mean(value, known[target])))
    return problems


def check_area_loops(docs: Docs) -> list[Problem]:
    parents = {aid: doc.data.get("parent") for aid, (doc, _) in docs.get("areas", {}).items()
               if isinstance(doc.data, dict)}
    problems = []
    for area_id, (doc, display) in docs.get("areas", {}).items():
        seen, current = {area_id}, parents.get(area_id)
        while isinstance(current, str) and current in parents:
            if current in seen:
                if current == area_id:
                    problems.append(Problem(display, doc.line_of(("parent",)), "parent",
                                            "areas form a loop through their parents", "give the top area no parent"))
                break
            seen.add(current)
            current = parents.get(current)
    return problems


def check_questions(docs: Docs) -> list[Problem]:
    problems = []
    for doc, display in docs.get("questions", {}).values():
        if not isinstance(doc.data, dict):
            continue
        text = doc.data.get("text")
        if isinstance(text, str):
            for name in unknown_placeholders(text):
                problems.append(Problem(display, doc.line_of(("text",)), "text", f"unknown placeholder {{{name}}}",
                                        PLACEHOLDER_HINT))
        if "source" not in doc.data:
            problems.append(Problem(display, None, "source", "no source given",
                                    "say where the question comes from, so reviewers can check it",
                                    Severity.WARNING))
    return problems


def check_personal_data(docs: Docs) -> list[Problem]:
    """Warnings for likely personal data in any text of any content file."""
    return [p for items in docs.values() for doc, display in items.values() for p in scan_document(doc, display)]


def check_all(docs: Docs) -> list[Problem]:
    known = {name: set(items) for name, items in docs.items()}
    for name in ("areas", "audiences", "benchmarks", "indicators", "questions", "packs"):
        known.setdefault(name, set())
    return (check_references(docs, known) + check_area_loops(docs) + check_questions(docs)
            + check_personal_data(docs))
