"""Checks across files: references between content, placeholders, and reviewer warnings.

References are checked by one rule, ``unknown_names``, over a mapping of fields: the parsed data
of a content file (valid or not, so one run reports a bad reference even in a file that also has
a schema error), or a pack made on the command line or read from a My pack link. Ids are file
stems: a file that exists counts as known even if it has problems of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrutiny_packs.content.glossary import check_glossary
from scrutiny_packs.content.personal_data import scan_document
from scrutiny_packs.content.yaml_source import field_name
from scrutiny_packs.ids import ITEM_NUMBER_LIMIT, item_slug
from scrutiny_packs.model import Bank, PackSpec
from scrutiny_packs.problems import Problem, Severity, did_you_mean
from scrutiny_packs.text.framing import PLACEHOLDER_HINT, unknown_placeholders

if TYPE_CHECKING:
    from scrutiny_packs.content.yaml_source import YamlDocument

Docs = dict[str, dict[str, tuple["YamlDocument", str]]]

# What one name in each collection is called in a message.
WHAT = {
    "areas": "area",
    "audiences": "audience",
    "benchmarks": "benchmark",
    "indicators": "indicator",
    "questions": "question",
    "tags": "tag",
    "packs": "pack",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A field that names other content: a list of ids, or one id (``many=False``)."""

    field: str  # dotted, e.g. "selection.areas"
    target: str  # the collection its ids belong to, a key of WHAT
    many: bool = True


SELECTION_REFERENCES: tuple[Reference, ...] = tuple(
    Reference(f"selection.{prefix}{name}", target)
    for name, target in (("areas", "areas"), ("audiences", "audiences"), ("tags", "tags"), ("questions", "questions"))
    for prefix in ("", "exclude_")
)
PACK_REFERENCES: tuple[Reference, ...] = (Reference("audience", "audiences", many=False),) + SELECTION_REFERENCES

# Every reference in content, by collection (folder under content/).
REFERENCES: dict[str, tuple[Reference, ...]] = {
    "questions": (
        Reference("areas", "areas"),
        Reference("audiences", "audiences"),
        Reference("benchmarks", "benchmarks"),
        Reference("evidence", "indicators"),
        Reference("replaced_by", "questions", many=False),
        Reference("distinct_from", "questions"),
        Reference("split_into", "questions"),
    ),
    "benchmarks": (Reference("areas", "areas"),),
    "indicators": (Reference("areas", "areas"),),
    "areas": (Reference("parent", "areas", many=False),),
    "packs": PACK_REFERENCES,
}
POINTS_TO_ITSELF = ("parent", "replaced_by", "split_into")  # fields that name an item of the same kind


@dataclass(frozen=True, slots=True)
class Unknown:
    """A name in content, a pack or a link that the bank does not know (or that names its own item)."""

    path: tuple[str | int, ...]  # e.g. ("selection", "areas", 0)
    value: str
    what: str  # "area", "audience", "tag", ...
    hint: str
    itself: bool = False

    @property
    def field(self) -> str:
        return field_name(self.path)

    @property
    def message(self) -> str:
        return "cannot point to itself" if self.itself else f"{self.value!r} is not a known {self.what}"


def _get(data: Any, dotted: str) -> tuple[Any, tuple[str, ...]]:
    path = tuple(dotted.split("."))
    for part in path:
        if not isinstance(data, Mapping):
            return None, path
        data = data.get(part)
    return data, path


def unknown_names(
    data: Any, references: Iterable[Reference], known: Mapping[str, set[str]], own_id: str | None = None
) -> list[Unknown]:
    """Every id in ``data`` (a mapping of fields) that ``known`` does not hold: the one rule for references."""
    found: list[Unknown] = []
    for ref in references:
        value, path = _get(data, ref.field)
        values = (
            [(path + (i,), v) for i, v in enumerate(value)]
            if ref.many and isinstance(value, (list, tuple))
            else [(path, value)]
            if not ref.many
            else []
        )
        for where, name in values:
            if not isinstance(name, str):
                continue
            if own_id is not None and name == own_id and ref.field in POINTS_TO_ITSELF:
                found.append(Unknown(where, name, WHAT[ref.target], f"name another {WHAT[ref.target]}", itself=True))
            elif name not in known.get(ref.target, ()):
                found.append(Unknown(where, name, WHAT[ref.target], did_you_mean(name, known.get(ref.target, ()))))
    return found


def known_in_bank(bank: Bank) -> dict[str, set[str]]:
    """The names a loaded bank knows, for checking a pack made outside content/ (an option, a link)."""
    return {
        "areas": set(bank.areas),
        "audiences": set(bank.audiences),
        "benchmarks": set(bank.benchmarks),
        "indicators": set(bank.indicators),
        "questions": set(bank.questions),
        "packs": set(bank.packs),
        "tags": {t for q in bank.questions.values() for t in q.tags},
    }


def pack_fields(spec: PackSpec) -> dict[str, Any]:
    """A pack's references as a mapping of fields, in the shape of a pack file."""
    s = spec.selection
    return {
        "audience": spec.audience,
        "selection": {
            name: getattr(s, name)
            for name in (
                "areas",
                "audiences",
                "tags",
                "questions",
                "exclude_areas",
                "exclude_audiences",
                "exclude_tags",
                "exclude_questions",
            )
        },
    }


def _known_in_files(docs: Docs) -> dict[str, set[str]]:
    known = {name: set(items) for name, items in docs.items()}
    for name in WHAT:
        known.setdefault(name, set())
    known["tags"] = {
        t
        for doc, _ in docs.get("questions", {}).values()
        if isinstance(doc.data, dict) and isinstance(doc.data.get("tags"), list)
        for t in doc.data["tags"]
        if isinstance(t, str)
    }
    return known


def check_references(docs: Docs, known: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """One problem per unknown id in every content file of ``docs`` (by default, known = the files themselves)."""
    known = known if known is not None else _known_in_files(docs)
    problems: list[Problem] = []
    for collection, references in REFERENCES.items():
        for item_id, (doc, display) in docs.get(collection, {}).items():
            for u in unknown_names(doc.data, references, known, own_id=item_id):
                label = "a tag any question has" if u.what == "tag" and not u.itself else None
                message = f"{u.value!r} is not {label}" if label else u.message
                problems.append(Problem(display, doc.line_of(u.path), u.field, message, u.hint))
    return problems


INLINE_ONLY = ("audience", "framing", "description", "options")  # an item's fields that only go with 'selection'


def _item_number_problem(number: str, seen: dict[str, tuple[int, str]], index: int) -> tuple[str, str] | None:
    """(message, hint) when an agenda item's number is too long, has no letter or digit, or reads as the
    number of an item before it once made into file names and links (``ids.item_slug``); else None,
    and the number is added to ``seen``."""
    shown = " ".join(number.split())
    if len(shown) > ITEM_NUMBER_LIMIT:
        return (
            f"the item number is {len(shown)} characters long; the limit is {ITEM_NUMBER_LIMIT}",
            "use the agenda's own item number, e.g. 6 or 6a, and put the rest in 'title'",
        )
    slug = item_slug(shown)
    if not slug:
        return f"item number {shown!r} has no letter or digit", "number the item as the agenda does, e.g. 6 or 6a"
    if slug in seen:
        before, written = seen[slug]
        if written.lower() == shown.lower():
            return f"item {shown} is already on the agenda as items[{before}]", "give each agenda item its own number"
        return (
            f"item {shown} reads as item {written} (items[{before}]): both would get the same files and links",
            "give each agenda item its own number",
        )
    seen[slug] = (index, shown)
    return None


def check_meetings(docs: Docs, known: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """Each agenda item of each meeting file: a known pack or a selection of known names, and a number
    no other item of the meeting has."""
    known = known if known is not None else _known_in_files(docs)
    problems: list[Problem] = []
    for doc, display in docs.get("meetings", {}).values():
        items = doc.data.get("items") if isinstance(doc.data, dict) else None
        if not isinstance(items, list):
            continue
        numbers: dict[str, tuple[int, str]] = {}
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            where = ("items", i)
            number = item.get("number")
            if isinstance(number, (str, int)) and not isinstance(number, bool):
                problem = _item_number_problem(str(number), numbers, i)
                if problem is not None:
                    message, hint = problem
                    line = doc.line_of(where + ("number",))
                    problems.append(Problem(display, line, field_name(where + ("number",)), message, hint))
            pack, selection = item.get("pack"), item.get("selection")
            if pack is not None and selection is not None:
                problems.append(
                    Problem(
                        display,
                        doc.line_of(where + ("selection",)),
                        field_name(where + ("selection",)),
                        "cannot be given with 'pack'",
                        "name a pack from content/packs/, or write the selection here, not both",
                    )
                )
            elif pack is None and selection is None:
                problems.append(
                    Problem(
                        display,
                        doc.line_of(where),
                        field_name(where),
                        "has no questions",
                        "add 'pack:' (a file in content/packs/) or 'selection:' (as in a pack file)",
                    )
                )
            if isinstance(pack, str):
                if pack not in known.get("packs", ()):
                    problems.append(
                        Problem(
                            display,
                            doc.line_of(where + ("pack",)),
                            field_name(where + ("pack",)),
                            f"{pack!r} is not a known pack",
                            did_you_mean(pack, known.get("packs", ())) or "add it to content/packs/",
                        )
                    )
                for name in INLINE_ONLY:
                    if name in item:
                        problems.append(
                            Problem(
                                display,
                                doc.line_of(where + (name,)),
                                field_name(where + (name,)),
                                "is only used with 'selection'",
                                "the pack's own file sets it; remove it here",
                            )
                        )
            for u in unknown_names(item, PACK_REFERENCES, known):
                label = "a tag any question has" if u.what == "tag" else None
                message = f"{u.value!r} is not {label}" if label else u.message
                problems.append(
                    Problem(display, doc.line_of(where + u.path), field_name(where + u.path), message, u.hint)
                )
    return problems


def check_area_loops(docs: Docs) -> list[Problem]:
    parents = {
        aid: doc.data.get("parent") for aid, (doc, _) in docs.get("areas", {}).items() if isinstance(doc.data, dict)
    }
    problems = []
    for area_id, (doc, display) in docs.get("areas", {}).items():
        seen, current = {area_id}, parents.get(area_id)
        while isinstance(current, str) and current in parents:
            if current in seen:
                if current == area_id:
                    problems.append(
                        Problem(
                            display,
                            doc.line_of(("parent",)),
                            "parent",
                            "areas form a loop through their parents",
                            "give the top area no parent",
                        )
                    )
                break
            seen.add(current)
            current = parents.get(current)
    return problems


def check_replacement_loops(docs: Docs) -> list[Problem]:
    """Retired questions that replace each other in a loop: every one of them would be left out."""
    replaced_by = {
        qid: doc.data.get("replaced_by")
        for qid, (doc, _) in docs.get("questions", {}).items()
        if isinstance(doc.data, dict)
    }
    problems = []
    for qid, (doc, display) in docs.get("questions", {}).items():
        trail, current = [qid], replaced_by.get(qid)
        while isinstance(current, str) and current in replaced_by and current not in trail:
            trail.append(current)
            current = replaced_by.get(current)
        if current == qid and len(trail) > 1:
            problems.append(
                Problem(
                    display,
                    doc.line_of(("replaced_by",)),
                    "replaced_by",
                    "questions replace each other in a loop (" + " → ".join(trail + [qid]) + ")",
                    "the question that replaces the others must not be retired: remove its replaced_by",
                )
            )
    return problems


def check_questions(docs: Docs) -> list[Problem]:
    problems = []
    for doc, display in docs.get("questions", {}).values():
        if not isinstance(doc.data, dict):
            continue
        text = doc.data.get("text")
        if isinstance(text, str):
            for name in unknown_placeholders(text):
                problems.append(
                    Problem(
                        display, doc.line_of(("text",)), "text", f"unknown placeholder {{{name}}}", PLACEHOLDER_HINT
                    )
                )
        if "source" not in doc.data:
            problems.append(
                Problem(
                    display,
                    None,
                    "source",
                    "no source given",
                    "say where the question comes from, so reviewers can check it",
                    Severity.WARNING,
                )
            )
    return problems


def check_personal_data(docs: Docs) -> list[Problem]:
    """Warnings for likely personal data in any text of any content file."""
    return [p for items in docs.values() for doc, display in items.values() for p in scan_document(doc, display)]


def check_all(docs: Docs) -> list[Problem]:
    return (
        check_references(docs)
        + check_meetings(docs)
        + check_area_loops(docs)
        + check_replacement_loops(docs)
        + check_questions(docs)
        + check_glossary(docs)
        + check_personal_data(docs)
    )
