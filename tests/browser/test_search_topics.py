"""The topics added for 2026-27 are found by what people type: for each, the site's own search box
puts one of its questions among the first five results for its plain name and for its short form."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .harness import DESKTOP
from .search_quality import Query, run_queries

pytestmark = pytest.mark.browser

TOPICS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "fixtures" / "topic-queries.yml").read_text(encoding="utf-8")
)["topics"]
AT_LEAST = 15  # topics that must be found by both of their queries


def test_the_topic_questions_exist(bank):
    assert len(TOPICS) >= AT_LEAST
    unknown = [(t["topic"], a) for t in TOPICS for a in t["answers"] if a not in bank.questions]
    assert not unknown


def test_each_topic_is_found_by_its_name_and_its_short_form(open_page):
    page = open_page("", viewport=DESKTOP)
    queries = [Query(q, t["topic"], frozenset(t["answers"])) for t in TOPICS for q in t["queries"]]
    outcomes = list(run_queries(page, queries))
    missed = [o for o in outcomes if not o.success]
    found = {t["topic"] for t in TOPICS} - {o.query.kind for o in missed}
    report = "\n".join(o.format() for o in missed)
    assert len(found) >= AT_LEAST, f"{len(found)} of {len(TOPICS)} topics found by both queries; missed:\n{report}"
