"""Meeting records in the built site: under each item of the meeting page, on the Follow-up page
(open actions by due date, the RAG history) and on each question's page."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from scrutiny_packs.site.follow_up import body_key
from tests.conftest import page
from tests.site.test_pack_pages import target

pytestmark = pytest.mark.site
EXAMPLE = "example-childrens-scrutiny-panel-2026-10"


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_the_meeting_page_shows_the_record_under_each_item(built_site, bank):
    url = f"meetings/{EXAMPLE}/"
    article = page(built_site, url).select_one("article")
    assert "Example record: the answers are invented." in _text(article)
    record = bank.records[EXAMPLE]
    for item in record.items:
        heading = article.select_one(f"#record-item-{item.number}")
        assert heading is not None and heading.name == "h3"
        item_heading = heading.find_previous("h2")
        assert item_heading.get_text(strip=True).startswith(f"Item {item.number}:")
        answers = heading.find_next("div", class_="sp-record").select(".sp-record-answer")
        assert [a["data-question"] for a in answers] == [x.question for x in item.answers]
        for shown, answer in zip(answers, item.answers):
            text = _text(shown)
            assert f"RAG status: {answer.rag.capitalize()}" in text
            assert answer.summary in text
            for action in answer.actions:
                assert action.what in text and f"Owner: {action.owner}." in text
            assert target(built_site, url, shown.select_one("a")["href"]).is_file()


def test_the_follow_up_page_lists_open_actions_by_due_date_and_the_rag_history(built_site, bank):
    soup = page(built_site, "follow-up/")
    assert any(a.get_text(strip=True) == "Follow-up" for a in soup.select("nav a"))
    article = soup.select_one("article")
    rows = article.select("table.sp-actions tbody tr")
    actions = [a for i in bank.records[EXAMPLE].items for ans in i.answers for a in ans.actions if a.status == "open"]
    assert len(rows) == len(actions)
    dues = [r.select_one("time")["datetime"] for r in rows]
    assert dues == sorted(dues)
    today = dt.date.today()
    overdue = [r for r in rows if "Overdue" in _text(r)]
    assert [r.select_one("time")["datetime"] for r in overdue] == [d for d in dues if d < today.isoformat()]
    form = article.select_one("form[data-sp-followup-filters]")
    assert form.has_attr("hidden")  # shown by the script; without it every row shows
    key = body_key(bank.meetings[EXAMPLE].body)  # the one normal form of a body's name (site/follow_up.py)
    assert {o["value"] for o in form.select("select[name=body] option")} == {"", key}
    for row in rows:
        assert row["data-body"] == key and row["data-areas"]
    histories = article.select(".sp-rag-history")
    recorded = [a.question for i in bank.records[EXAMPLE].items for a in i.answers]
    assert {h["data-question"] for h in histories} == set(recorded)
    for history in histories:
        strip = history.select(".sp-rag-strip .sp-rag")
        assert strip and all(s.get_text(strip=True) in ("R", "A", "G") for s in strip)  # letters, not colour alone
        assert history.select_one(".sp-rag-strip")["aria-hidden"] == "true"
        cells = [_text(tr.select("td")[2]) for tr in history.select("table tbody tr")]
        assert cells == [{"R": "Red", "A": "Amber", "G": "Green"}[s.get_text(strip=True)] for s in strip]


def test_question_pages_say_when_they_were_last_asked(built_site, bank):
    answer = bank.records[EXAMPLE].items[0].answers[0]
    text = _text(page(built_site, f"questions/{answer.question}/").select_one(".sp-last-asked"))
    assert "Last asked on 13 October 2026 by Example: Children's Scrutiny Panel" in text
    assert f"RAG status then: {answer.rag.capitalize()}" in text
    assert page(built_site, "questions/q002/").select_one(".sp-last-asked") is None


def test_open_data_has_the_records(built_site, bank):
    data = json.loads((built_site / "data" / "records.json").read_text(encoding="utf-8"))
    assert data["answer_count"] == sum(len(i.answers) for r in bank.records.values() for i in r.items)
    assert all(a["example"] for a in data["answers"])
    csv_text = (built_site / "data" / "records.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("meeting,body,meeting_name,date,item")
    links = {a["href"].rsplit("/", 1)[-1] for a in page(built_site, "data/").select("article a")}
    assert {"records.json", "records.csv"} <= links
