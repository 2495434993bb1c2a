"""The quick validity check never accepts what the JSON Schema rejects, and does accept the real content."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny_packs.content import schema, schema_fast
from scrutiny_packs.content.load import COLLECTIONS, split_front_matter
from scrutiny_packs.content.yaml_source import read_yaml
from tests.conftest import ROOT
from tests.examples import examples

CONTENT = ROOT / "content"


def _real_documents() -> list[tuple[str, str, object]]:
    found = []
    for folder, kind in COLLECTIONS:
        for path in sorted((CONTENT / folder).glob("*.yml")):
            doc, _ = read_yaml(path, path.name)
            if doc is not None:  # a meeting's record sits beside it, with a schema of its own
                found.append(
                    ("record" if path.name.endswith(".record.yml") else kind, f"{folder}/{path.name}", doc.data)
                )
    for section in ("modules", "pages"):
        for path in sorted((CONTENT / section).glob("*.md")):
            doc, _, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path.name)
            if doc is not None:
                found.append(("page", f"{section}/{path.name}", doc.data))
    settings_doc, _ = read_yaml(CONTENT / "settings.yml", "settings.yml")
    found.append(("settings", "settings.yml", settings_doc.data))
    return found


REAL = _real_documents()
QUESTIONS = [data for kind, _, data in REAL if kind == "question"]


def _full_verdict(kind: str, data: object) -> bool:
    return schema.validator(kind).is_valid(data)


@pytest.mark.parametrize("kind, name, data", REAL, ids=[name for _, name, _ in REAL])
def test_every_valid_content_file_takes_the_quick_path(kind, name, data):
    assert _full_verdict(kind, data), name
    assert schema_fast.certainly_valid(kind, data), f"{name} is valid but the quick check sent it to jsonschema"


BROKEN_QUESTIONS = [
    ("text", ""),  # minLength
    ("text", "   "),  # pattern \S
    ("text", "x" * 601),  # maxLength
    ("text", 12),  # type
    ("areas", []),  # minItems
    ("areas", ["workforce", "workforce"]),  # uniqueItems
    ("areas", ["Not An Id"]),  # pattern
    ("audiences", "councillors"),  # type
    ("last_reviewed", "2026-02-30"),  # format: no such day
    ("last_reviewed", "22/11/2026"),  # pattern
    ("status", "archived"),  # enum
    ("status", True),  # enum, wrong type
    ("source", {"module": "Module 3"}),  # required inside a $ref
    ("source", {"document": "x", "page": "4"}),  # additionalProperties inside a $ref
    ("colour", "blue"),  # additionalProperties
    ("listen_for", [""]),  # items
    ("tags", ["a", 1]),  # items type
]


@pytest.mark.parametrize("field, value", BROKEN_QUESTIONS, ids=[f"{f}={v!r}"[:40] for f, v in BROKEN_QUESTIONS])
def test_broken_questions_go_to_the_full_validator(field, value):
    data = copy.deepcopy(QUESTIONS[0])
    data[field] = value
    assert not _full_verdict("question", data)
    assert not schema_fast.certainly_valid("question", data)


def test_missing_required_field_is_not_quick_valid():
    data = copy.deepcopy(QUESTIONS[0])
    del data["audiences"]
    assert not schema_fast.certainly_valid("question", data)


_ids = st.sampled_from(["workforce", "councillors", "police", "q001", "front-door", "Bad Id", "-x", "", "a" * 65])
_texts = st.sampled_from(["How do {we} know?", "", " ", "\n", "x" * 601, "x" * 2001]) | st.text(max_size=6)
_dates = st.sampled_from(["2026-11-22", "2026-02-30", "2026-13-01", "26-11-22", "2026-11-22T10:00", "٢٠٢٦-١١-٢٢"])
_odd = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=16) | st.just({})
_id_list = (
    st.lists(st.sampled_from(["workforce", "police"]), min_size=1, max_size=3)
    | st.lists(_ids, max_size=4)
    | st.lists(_ids | _odd, max_size=4)
    | _ids
    | _odd
)
_source = (
    st.dictionaries(
        st.sampled_from(["document", "module", "section", "quote", "note", "page"]), _texts | _odd, max_size=4
    )
    | _odd
)
FIELD_VALUES = {
    "text": _texts | _odd,
    "asked_of": _texts | _odd,
    "notes": _texts | _odd,
    "areas": _id_list,
    "audiences": _id_list,
    "benchmarks": _id_list,
    "evidence": _id_list,
    "tags": _id_list,
    "listen_for": st.lists(_texts | _odd, max_size=3) | _odd,
    "source": _source,
    "last_reviewed": _dates | _odd,
    "status": st.sampled_from(["active", "retired", "Active", ""]) | _odd,
    "replaced_by": _ids | _odd,
    "extra": _texts,
}
_edit = st.sampled_from(sorted(FIELD_VALUES)).flatmap(lambda f: st.tuples(st.just(f), FIELD_VALUES[f]))


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, len(QUESTIONS) - 1),
    edits=st.lists(_edit, max_size=3),
    drop=st.lists(st.sampled_from(sorted(FIELD_VALUES)), max_size=2),
)
def test_quick_check_never_accepts_what_jsonschema_rejects(index, edits, drop):
    data = copy.deepcopy(QUESTIONS[index])
    for field, value in edits:
        data[field] = value
    for field in drop:
        data.pop(field, None)
    if schema_fast.certainly_valid("question", data):
        assert _full_verdict("question", data), data


def test_validate_still_reports_problems_for_broken_files():
    from scrutiny_packs.content.yaml_source import parse_yaml

    doc, _ = parse_yaml("text: ''\nareas: [workforce]\naudiences: [councillors]\ncolour: blue\n", "q.yml")
    problems = schema.validate(doc, "question", "content/questions/q.yml")
    fields = {p.field for p in problems}
    assert {"text", "colour"} <= fields
