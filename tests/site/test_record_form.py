"""The meeting page's Record answers mode, from the build's side: the record files its writer makes
(the shared cases in tests/fixtures/record-yaml/cases.json) read back exactly with the project's YAML
reader and pass the record schema; what the page is told comes from the schema and the checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrutiny_packs.content import personal_data, recommendations
from scrutiny_packs.content.schema import validator
from scrutiny_packs.content.yaml_source import parse_yaml
from scrutiny_packs.site import record_form, record_published
from scrutiny_packs.site.generate import SiteBuilder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "record-yaml"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))


def test_the_cases_use_the_shape_the_build_hands_the_browser():
    assert CASES["shape"] == record_form.record_shape()
    follow = json.loads((FIXTURES / "follow-up.json").read_text(encoding="utf-8"))["followUp"]
    assert follow == record_published.follow_up_shape()
    assert json.loads((FIXTURES / "checks.json").read_text(encoding="utf-8")) == record_form.checks()


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["name"] for c in CASES["cases"]])
def test_each_written_record_reads_back_as_it_was_and_passes_the_schema(case):
    doc, problems = parse_yaml(case["yaml"], "x.record.yml")
    assert problems == [] and doc is not None
    expected = json.loads(json.dumps(case["record"]))
    for item in expected["items"]:  # digits are written as the agenda's number
        if item["number"].isdigit() and not item["number"].startswith("0"):
            item["number"] = int(item["number"])
    assert doc.data == expected
    errors = [e.message for e in validator("record").iter_errors(doc.data)]
    assert errors == []
    found = [
        f for path, text in personal_data._strings(doc.data) for f in personal_data.find_personal_data_in_record(text)
    ]
    assert found == [], "the cases are records validate accepts"


def test_meeting_pages_say_what_never_goes_in_a_record_and_load_the_mode(bank):
    builder = SiteBuilder(bank)
    page = next(
        p for p in builder.meeting_pages() if "2026-10" not in p.src_uri and p.src_uri != "meetings/index.md"
    ).made()
    assert "sp_record: true" in page.content.split("---")[1], "its front matter asks for record-answers.js"
    for words in (
        "anyone's name",
        "e-mail addresses or phone numbers",
        "a child, a family or a member of staff",
        "exempt items",
    ):
        assert words in page.content
    assert 'data-sp-record-field="summary"' in page.content


def test_later_meetings_are_offered_for_coming_back(bank):
    builder = SiteBuilder(bank)
    views = builder.meeting_views
    earlier = next(v for v in views.values() if v.id.endswith("2026-10"))
    ids = [m["id"] for m in record_form.later_meetings(bank, earlier)]
    assert "example-childrens-scrutiny-panel" in ids and earlier.id not in ids


def test_a_meeting_with_a_published_record_hands_the_form_its_record_and_rules(bank):
    from scrutiny_packs.packs.meetings import build_meeting_view

    agenda = next(a for a in bank.meetings.values() if a.id in bank.records)
    data = record_form.meeting_data(bank, build_meeting_view(bank, agenda))
    record = bank.records[agenda.id]
    published = data["published"]
    assert sorted(published["entries"]) == sorted(f"{i.number}|{a.question}" for i in record.items for a in i.answers)
    assert [r["ref"] for r in published["recommendations"]] == [r.ref for r in record.recommendations]
    assert len(published["requests"]) == len(record.requests)
    assert data["rules"]["responseDue"] == recommendations.months_after(agenda.date, 2).isoformat()
    assert data["rules"]["nextRef"] not in [r.ref for r in record.recommendations], "the next reference is free"
    without = next(a for a in bank.meetings.values() if a.id not in bank.records)
    assert record_form.meeting_data(bank, build_meeting_view(bank, without))["published"] is None
