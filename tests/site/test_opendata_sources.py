"""Open data has a sources table: every publication the bank cites, with what cites it."""

from __future__ import annotations

import csv
import io
import json

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.site import opendata
from tests.conftest import ROOT


def _files():
    bank = load_checked(ROOT).bank
    return bank, {f.path: f.content for f in opendata.data_files(bank)}


def test_the_sources_table_lists_every_source_and_what_cites_it():
    bank, files = _files()
    rows = list(csv.DictReader(io.StringIO(files[opendata.SOURCES_CSV_PATH].decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == list(bank.sources)
    data = json.loads(files[opendata.SOURCES_JSON_PATH])
    assert data["source_count"] == len(bank.sources) == len(data["sources"])
    questions = json.loads(files[opendata.JSON_PATH])["questions"]
    by_id = {s["id"]: s for s in data["sources"]}
    for q in questions:
        ref = q["source"]["ref"]
        assert ref in by_id and q["id"] in by_id[ref]["cited_by"], q["id"]
    assert {r["status"] for r in rows} <= {"current", "superseded"}
    assert all(r["url"].startswith("https://") or not r["url"] for r in rows)


def test_open_data_does_not_say_the_2012_questions_are_offered_for_reuse():
    _, files = _files()
    licence = json.loads(files[opendata.JSON_PATH])["licence"]
    assert "for reuse" not in licence and "thinking and discussing" in licence
