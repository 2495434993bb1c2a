"""What the browser kept is untrusted input: another page on the same origin can write the same keys.

Record answers and My pack are opened with storage seeded with entries of the wrong shape; each page
still starts, its buttons work, the good entries are there, and what could not be used is said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from .harness import DESKTOP, axe_report, axe_violations

pytestmark = pytest.mark.browser

MEETING = "example-childrens-scrutiny-panel"
RECORD_PAGE = f"meetings/{MEETING}/"
STORAGE_KEY = f"scrutiny-packs-record:{MEETING}"
MY_PACK = "my-pack/"

BAD_RECORD = {
    "on": True,
    "entries": {
        "5|q004": {"values": {"rag": "green", "summary": "One form for referrers."}, "actions": []},
        "5|q005": {},
        "6|q017": {"values": None, "actions": {"not": "a list"}},
        "6|q018": {"values": {"rag": "purple", "summary": "Heard"}, "actions": [None, {"action": "Ask", "status": 7}]},
        "7|q001": "a string",
    },
}


def seeded(open_page, path: str, items: dict[str, str]):
    page = open_page(path, viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("items => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items)
    page.reload()
    return page, errors


def test_record_answers_starts_with_bad_kept_entries_keeps_the_good_and_says_what_was_set_aside(open_page):
    page, errors = seeded(open_page, RECORD_PAGE, {STORAGE_KEY: json.dumps(BAD_RECORD)})
    toggle = page.get_by_role("button", name="Record answers")
    assert toggle.is_visible(), "the Record answers button still appears"
    assert toggle.get_attribute("aria-pressed") == "true", "the mode kept on stays on"
    assert page.locator("#sp-rec-5-q004-summary").input_value() == "One form for referrers."
    assert page.locator("#sp-rec-5-q004-rag-green").is_checked()
    assert page.locator("#sp-rec-6-q018-summary").input_value() == "Heard", "the rest of a repaired entry stays"
    assert not page.locator("#sp-rec-6-q018 input[type=radio]:checked").count(), "a RAG status not allowed is dropped"
    notice = page.locator("[data-sp-record-kept-notice]")
    assert notice.is_visible()
    said = notice.inner_text()
    assert "\u201cpurple\u201d is not one of red, amber, green" in said
    assert "Item 6, question q017: the kept actions could not be read" in said
    assert "Item 7, question q001: the kept entry could not be read" in said
    aside = page.evaluate("k => localStorage.getItem(k)", STORAGE_KEY + ":set-aside")
    assert "purple" in aside and "a string" in aside, "what could not be used is set aside, not lost"
    assert errors == [], errors
    violations = axe_violations(page)
    assert not violations, f"axe found problems with the notice shown:\n{axe_report(violations)}"

    # The page works: an action can be added where the kept actions were not a list, and the download
    # holds the good entries, never the RAG status the schema refuses.
    page.locator("#sp-rec-6-q018-rag-amber").check()
    page.locator("#sp-rec-6-q017").get_by_role("button", name="Add an action to question 2").click()
    assert page.locator("#sp-rec-6-q017-action-1-what").is_visible()
    page.locator("#sp-rec-6-q017").get_by_role("button", name="Remove action 1").click()
    page.locator("#sp-rec-6-q018-action-1-owner").fill("Scrutiny Officer")
    page.locator("#sp-rec-6-q018-action-1-due").fill("2027-04-30")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download record file").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8")
    answers = {a["question"]: a for item in yaml.safe_load(text)["items"] for a in item["answers"]}
    assert answers["q004"]["rag"] == "green" and answers["q018"]["rag"] == "amber"
    assert "purple" not in text
    assert errors == [], errors


@pytest.mark.parametrize("kept", ["{not json", "[]", "null", '{"on": true, "entries": "x"}', '"text"'])
def test_record_answers_starts_whatever_the_kept_text(open_page, kept):
    page, errors = seeded(open_page, RECORD_PAGE, {STORAGE_KEY: kept})
    toggle = page.get_by_role("button", name="Record answers")
    if toggle.get_attribute("aria-pressed") != "true":  # a kept "on" may have switched it on already
        toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.locator("#sp-rec-5-q004-summary").is_visible()
    assert errors == [], errors


def test_a_kept_rag_status_the_schema_refuses_is_never_downloaded(open_page):
    kept = {"on": True, "entries": {"5|q004": {"values": {"rag": "purple", "summary": "Heard"}, "actions": []}}}
    page, errors = seeded(open_page, RECORD_PAGE, {STORAGE_KEY: json.dumps(kept)})
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Download record file").click()
    problems = page.locator("[data-sp-record-problem-list] li").all_inner_texts()
    assert any(p.startswith("Item 5, question 1") and "RAG status" in p for p in problems), problems
    page.wait_for_timeout(300)
    assert downloads == [] and errors == []


def test_the_record_page_refuses_a_date_of_birth_and_an_nhs_number_as_validate_does(open_page):
    page = open_page(RECORD_PAGE, viewport=DESKTOP)
    page.get_by_role("button", name="Record answers").click()
    page.locator("#sp-rec-5-q004-rag-red").check()
    page.locator("#sp-rec-5-q004-summary").fill("The child, DOB 12/03/2015, waited.")
    page.locator("#sp-rec-5-q005-rag-amber").check()
    page.locator("#sp-rec-5-q005-summary").fill("NHS number 943 476 5919 was on the form.")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Download record file").click()
    problems = page.locator("[data-sp-record-problem-list] li").all_inner_texts()
    assert any(
        p.startswith("Item 5, question 1: summary") and "a date of birth (\u201cDOB 12/03/2015\u201d)" in p
        for p in problems
    ), problems
    assert any(
        p.startswith("Item 5, question 2: summary") and "an NHS number (\u201c943 476 5919\u201d)" in p
        for p in problems
    ), problems
    link = page.locator("[data-sp-record-problem-list] a", has_text="date of birth")
    assert link.get_attribute("href") == "#sp-rec-5-q004-summary", "the problem names the field"
    page.wait_for_timeout(300)
    assert downloads == []


def test_my_pack_says_what_it_kept_could_not_use_and_shows_the_rest(open_page):
    page, errors = seeded(open_page, MY_PACK, {"scrutiny-packs:my-pack": "ids=q001,<x>,q001&f=they&date=2027-02-29"})
    notices = page.locator("[data-sp-mypack-notices]")
    assert notices.is_visible()
    said = notices.inner_text()
    assert "could not be used" in said and "\u201c<x>\u201d is not a question reference" in said
    assert "is not a date" in said
    assert page.locator("[data-sp-mypack-list] li").count() == 1
    assert page.evaluate("() => localStorage.getItem('scrutiny-packs:my-pack:set-aside')").startswith("ids=q001,<x>")
    assert errors == [], errors
