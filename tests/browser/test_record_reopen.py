"""A clerk reopens a meeting's published record on its page, marks an action done, adds a recommendation
and an information request, and downloads the record; the file passes `scrutiny-packs validate` and,
put into a copy of the repository, the rebuilt site's Recommendations and Follow-up pages show what was
added with its due dates. A draft saved to a file opens again in a fresh browser. axe finds nothing with
the form open on a phone and on a desktop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from scrutiny_packs.cli import main as cli
from scrutiny_packs.content.recommendations import months_after
from scrutiny_packs.publish.atomic import build_site

from ..conftest import copy_small_project
from .harness import DESKTOP, axe_report, axe_violations, screenshot
from .test_record_answers import FOCUSED_ID

pytestmark = pytest.mark.browser

MEETING = "example-childrens-scrutiny-panel-2026-10"
HELD = dt.date(2026, 10, 13)
PAGE = f"meetings/{MEETING}/"
PHONE = {"width": 390, "height": 844}
REC_TEXT = "That the Director of Children's Services report how long families wait for an early help assessment."
ASKED = "The number of early help assessments started in each of the last four quarters."
DONE_ACTION = "Report the survey's first results, with the number of replies, to the panel."


def long_day(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def words(element) -> str:
    return element.get_text(" ", strip=True).replace("\xa0", " ")


def reopen(page) -> None:
    page.get_by_role("button", name="Record answers").click()
    summary = page.locator("#sp-rec-5-q004-summary")
    assert summary.input_value().startswith("The service has started a short survey"), "the published answer is there"
    assert page.locator("#sp-rec-5-q004-action-1-due").input_value() == "2026-11-15"
    assert page.locator("#sp-agreed-recommendation-1-ref").input_value() == "2026-27/1"
    assert page.locator("#sp-agreed-request-1-due").input_value() == "2026-12-15"


def edit(page) -> None:
    page.locator("#sp-rec-5-q004-action-1-status").select_option("done")
    page.locator("#sp-rec-5-q004-action-1-done").fill("2026-11-20")
    page.get_by_role("button", name="Add a recommendation").click()
    assert page.locator("#sp-agreed-recommendation-3-ref").input_value() == "2026-27/3", "the next free reference"
    page.locator("#sp-agreed-recommendation-3-item").select_option("5")
    page.locator("#sp-agreed-recommendation-3-text").fill(REC_TEXT)
    page.locator("#sp-agreed-recommendation-3-to").fill("Cabinet Member for Children's Services")
    page.locator("#sp-agreed-recommendation-3-lead").fill("Director of Children's Services")
    page.get_by_role("button", name="Add an information request").click()
    page.locator("#sp-agreed-request-2-item").select_option("5")
    page.locator("#sp-agreed-request-2-asked").fill(ASKED)
    page.locator("#sp-agreed-request-2-of").fill("Head of Early Help")
    page.locator("#sp-agreed-request-2-due").fill("2027-01-20")


def download(page) -> tuple[str, str]:
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download record file").click()
    return caught.value.suggested_filename, Path(caught.value.path()).read_text(encoding="utf-8")


def test_reopen_edit_download_validate_and_the_rebuilt_tracker_shows_it(open_page, tmp_path):
    page = open_page(PAGE, viewport=DESKTOP)
    reopen(page)
    edit(page)
    name, text = download(page)
    assert name == f"{MEETING}.record.yml"
    data = yaml.safe_load(text)
    assert data["example"] is True, "an example meeting's record stays an example"
    assert list(data)[:3] == ["example", "recommendations", "requests"], "recommendations and requests come first"
    answers = {a["question"]: a for item in data["items"] for a in item["answers"]}
    assert answers["q004"]["actions"][0]["status"] == "done" and answers["q004"]["actions"][0]["done"] == "2026-11-20"
    assert answers["q160"]["revisit"] == "2027-03-16", "what was not touched is written as published"
    first = data["recommendations"][0]
    assert first["response"] == {
        "decision": "accepted",
        "date": "2026-12-01",
        "text": "The monthly figures will be in the panel's performance report from January.",
    }, "a published response comes back as it was"
    assert first["history"][0]["status"] == "amber" and first["actions"][0]["owner"].startswith("Head of Performance")
    added = data["recommendations"][2]
    assert added["ref"] == "2026-27/3" and "response_due" not in added, "left empty: two months after the meeting"

    project = copy_small_project(tmp_path / "project")
    (project / "content" / "meetings" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--root", str(project), "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.lower(), result.output

    build_site(project, project / "site", strict=True, pdf=False, offline=False)
    recs = BeautifulSoup(
        (project / "site" / "recommendations" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    card = next(c for c in recs.select("article.sp-rec-card") if "Recommendation 2026-27/3" in c.h3.get_text())
    assert REC_TEXT in card.get_text(" ", strip=True)
    facts = {dt_.get_text(strip=True): words(dt_.find_next_sibling("dd")) for dt_ in card.select("dt")}
    assert facts["Response due"].startswith(long_day(months_after(HELD, 2))), facts
    asked = next(li for li in recs.select("li") if ASKED in li.get_text())
    assert "due " + long_day(dt.date(2027, 1, 20)) in words(asked)

    follow = BeautifulSoup((project / "site" / "follow-up" / "index.html").read_text(encoding="utf-8"), "html.parser")
    open_actions = " ".join(t.get_text(" ", strip=True) for t in follow.select("table"))
    assert DONE_ACTION not in open_actions, "an action marked done is no longer open"
    assert "Ask the partnership for its analysis" in open_actions, "the other open actions still are"
    meeting = BeautifulSoup((project / "site" / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    done = next(li for li in meeting.select(".sp-record-actions li") if DONE_ACTION in li.get_text())
    assert "Status: done on " + long_day(dt.date(2026, 11, 20)) in words(done)


def test_a_draft_saved_to_a_file_opens_in_a_fresh_browser(open_page, tmp_path):
    page = open_page(PAGE, viewport=DESKTOP)
    reopen(page)
    edit(page)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Save draft to a file").click()
    draft = tmp_path / caught.value.suggested_filename
    caught.value.save_as(draft)
    fresh = open_page(PAGE, viewport=DESKTOP)
    fresh.get_by_role("button", name="Record answers").click()
    assert fresh.locator("#sp-agreed-recommendation-3-ref").count() == 0, "a fresh browser starts from the record"
    fresh.locator("#sp-record-open-draft").set_input_files(str(draft))
    fresh.locator("#sp-agreed-recommendation-3-text").wait_for()
    assert fresh.locator("#sp-agreed-recommendation-3-text").input_value() == REC_TEXT
    assert fresh.locator("#sp-rec-5-q004-action-1-done").input_value() == "2026-11-20"
    assert fresh.locator("#sp-agreed-request-2-asked").input_value() == ASKED

    # A file that is not a draft, or a draft of another meeting, opens nothing and says so.
    other = tmp_path / "other.json"
    other.write_text(draft.read_text(encoding="utf-8").replace(MEETING, "example-childrens-scrutiny-panel"))
    fresh.locator("#sp-record-open-draft").set_input_files(str(other))
    fresh.wait_for_timeout(300)
    assert "another meeting" in fresh.locator("[data-sp-record-status]").inner_text()
    assert fresh.locator("#sp-agreed-recommendation-3-text").input_value() == REC_TEXT


def test_the_checks_refuse_what_validate_refuses_in_a_recommendation(open_page):
    page = open_page(PAGE, viewport=DESKTOP)
    reopen(page)
    page.get_by_role("button", name="Add a recommendation").click()
    page.locator("#sp-agreed-recommendation-3-ref").fill("2026-27/1")
    page.locator("#sp-agreed-recommendation-3-text").fill("The child, DOB 12/03/2015, waited.")
    page.locator("#sp-agreed-recommendation-3-status").select_option("paused")
    page.get_by_role("button", name="Add an information request").click()
    page.locator("#sp-agreed-request-2-due").fill("2026-10-01")
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Download record file").click()
    problems = page.locator("[data-sp-record-problem-list] li").all_inner_texts()
    joined = "\n".join(problems)
    assert "Recommendation 3: reference 2026-27/1 is already used" in joined, problems
    assert "a date of birth (\u201cDOB 12/03/2015\u201d)" in joined, problems
    assert "to whom it is addressed" in joined and "needs its reason" in joined, problems
    assert "Information request 2: the due date 2026-10-01 is before the meeting on 2026-10-13" in joined, problems
    assert "Information request 2: say what was asked for" in joined, problems
    page.wait_for_timeout(300)
    assert downloads == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_reopened_form_has_no_wcag_violations(open_page, viewport):
    page = open_page(PAGE, viewport=viewport)
    reopen(page)
    page.get_by_role("button", name="Add an information request").click()
    violations = axe_violations(page)
    screenshot(page, f"meeting-record-reopened-{viewport['width']}")
    assert not violations, f"axe found problems with the reopened record:\n{axe_report(violations)}"
    wide = page.evaluate(
        "() => [...document.querySelectorAll('[data-sp-record-agreed] *, [data-sp-record-item] *')]"
        ".filter(e => e.offsetParent && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        ".map(e => e.id || e.tagName)"
    )
    assert wide == [], f"fields wider than the screen: {wide[:5]}"


def test_recommendations_and_requests_are_added_and_removed_with_the_keyboard(open_page):
    page = open_page(PAGE, viewport=DESKTOP)
    page.get_by_role("button", name="Record answers").click()
    page.get_by_role("button", name="Add a recommendation").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_ID) == "sp-agreed-recommendation-3-ref", "a new recommendation's first field has focus"
    for field in ("item", "text", "to", "lead", "response_due"):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED_ID) == f"sp-agreed-recommendation-3-{field}"
    page.get_by_role("button", name="Remove recommendation 3").focus()
    page.keyboard.press("Enter")
    assert page.locator("#sp-agreed-recommendation-3-ref").count() == 0
    assert page.evaluate("() => document.activeElement.textContent") == "Add a recommendation", "focus goes back"
    page.wait_for_function("() => document.querySelector('[data-sp-record-status]').textContent.includes('removed')")
    assert page.locator("[data-sp-record-status]").inner_text() == "Recommendation 3 removed."
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_ID) == "sp-agreed-request-1-item", "next come the published request's fields"
    page.get_by_role("button", name="Add an information request").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED_ID) == "sp-agreed-request-2-item"
    page.keyboard.press("Tab")
    page.keyboard.type("Figures for the last quarter.")
    assert page.locator("#sp-agreed-request-2-asked").input_value() == "Figures for the last quarter."
