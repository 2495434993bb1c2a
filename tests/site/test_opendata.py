"""Open data: the bank as JSON and CSV, built with the site, with names and text, and documented."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scrutiny_packs.site import opendata
from scrutiny_packs.text.framing import frame
from tests.conftest import page


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "data" / "questions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(built_site):
    raw = (built_site / "data" / "questions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a byte order mark for spreadsheets"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_json_has_every_question_with_names_and_text(data, bank):
    assert data["format_version"] == 1
    assert data["publisher"] == bank.settings.organisation
    assert data["question_count"] == len(bank.questions) == len(data["questions"])
    assert [r["id"] for r in data["questions"]] == list(bank.questions)
    q1 = data["questions"][0]
    assert q1["text_you"].startswith("What are the safety and wellbeing outcomes")
    assert "{we}" in q1["text"] and "that you are" in q1["text_you"] and "that we are" in q1["text_we"]
    assert {"id": "domestic-violence", "name": "Domestic violence"} in q1["areas"]
    assert {"id": "councillors", "name": "Councillors and scrutiny panels"} in q1["audiences"]
    assert q1["page"] == "questions/q001/"
    assert q1["added"] == "2026-11-22" and q1["review_due"] == "2027-11-22"
    assert "quote" not in q1["source"]  # the source's own wording is not republished


def test_json_includes_benchmark_and_indicator_text(data, bank):
    with_benchmark = next(r for r in data["questions"] if r["benchmarks"])
    b = with_benchmark["benchmarks"][0]
    assert b["title"] == bank.benchmarks[b["id"]].title
    assert b["text"] == bank.benchmarks[b["id"]].text and len(b["text"]) > 100
    with_evidence = next(r for r in data["questions"] if r["evidence"])
    e = with_evidence["evidence"][0]
    assert e["name"] == bank.indicators[e["id"]].name
    assert e["description"] == bank.indicators[e["id"]].description


def test_every_page_the_json_links_exists(data, built_site):
    for record in data["questions"]:
        assert (built_site / record["page"] / "index.html").is_file(), record["page"]


def test_csv_has_one_row_per_question_matching_the_json(rows, data):
    assert len(rows) == len(data["questions"])
    for row, record in zip(rows, data["questions"]):
        assert row["id"] == record["id"]
        assert row["text_you"] == record["text_you"]
        assert row["area_names"].split("; ") == [a["name"] for a in record["areas"]]
        assert row["audience_ids"].split("; ") == [a["id"] for a in record["audiences"]]
        assert row["listen_for"].split("\n") == (record["listen_for"] or [""])
        for b in record["benchmarks"]:
            assert b["text"] in row["benchmark_texts"]


def test_every_field_is_documented_on_the_open_data_page(built_site, data, rows):
    doc = page(built_site, "data/")
    documented = {code.get_text() for code in doc.select("article table td:first-child code")}
    assert set(data) <= documented
    assert set(data["questions"][0]) <= documented
    assert set(rows[0]) <= documented
    links = {a["href"] for a in doc.select("article a[href]")}
    assert {"questions.json", "questions.csv"} <= links


def test_the_pages_are_in_the_about_section(built_site):
    home = page(built_site, "")
    about = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary a.md-nav__link")]
    assert "What's changed" in about and "Open data" in about


def test_retired_questions_are_marked_and_point_to_their_replacement(bank):
    import dataclasses

    retired = dataclasses.replace(bank.questions["q010"], status="retired", replaced_by="q011")
    record = opendata.question_record(bank, retired)
    assert record["status"] == "retired" and record["replaced_by"] == "q011" and record["review_due"] is None


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("- a Markdown list item", "- a Markdown list item"),
        ("How do {we} know?", "How do {we} know?"),
    ],
)
def test_csv_cells_never_start_a_formula(bank, value, cell):
    import csv
    import dataclasses

    from scrutiny_packs.text.spreadsheet import csv_text

    q = dataclasses.replace(bank.questions["q001"], text=value, notes=value)
    fields = [f.name for f in opendata.CSV_FIELDS]
    written = csv_text(fields, [opendata.csv_row(opendata.question_record(bank, q))])
    row = next(csv.DictReader(written.splitlines()))
    assert row["text"] == cell and row["notes"] == cell
    assert row["text_you"] in (frame(value, "you"), "'" + frame(value, "you"))
