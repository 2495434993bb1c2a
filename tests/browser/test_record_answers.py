"""A meeting page's Record answers mode: the clerk records answers with the keyboard alone, downloads
the record file, and `scrutiny-packs validate` accepts it in a copy of the repository; the entries
survive a reload and go when cleared; axe finds nothing with the mode on; the offline copy does it too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scrutiny_packs.cli import main as cli
from scrutiny_packs.site import record_form

from ..conftest import ROOT
from .harness import DESKTOP, axe_report, axe_violations, screenshot
from .test_keyboard import ACTIVE

pytestmark = pytest.mark.browser

MEETING = "example-childrens-scrutiny-panel"
PAGE = f"meetings/{MEETING}/"
FOCUSED_ID = "() => document.activeElement && document.activeElement.id"
# A summary a careless writer of YAML would break: a colon, quotes, a hash and a new line.
SUMMARY = 'Parents said: "mostly helped" #not all\nsome waited a week.'


def tab_to(page, element_id: str, limit: int = 300, back: bool = False) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(FOCUSED_ID) == element_id:
            return
    raise AssertionError(f"#{element_id} not reached with {limit} presses of Tab")


def tab_to_text(page, text: str, limit: int = 300) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and active["text"] == text:
            return
    raise AssertionError(f"{text!r} not reached with {limit} presses of Tab")


def switch_on(page) -> None:
    tab_to_text(page, "Record answers", limit=80)
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Record answers").get_attribute("aria-pressed") == "true"
    assert page.locator("#sp-rec-5-q004-summary").is_visible()


def record_one(page, base: str, rag_presses: int, summary: str, action: tuple[str, str, str]) -> None:
    """From anywhere before it: the question's RAG (Space, then arrows), summary, and one action."""
    tab_to(page, f"{base}-rag-red")
    page.keyboard.press("Space")
    for _ in range(rag_presses):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_ID) == f"{base}-summary"
    lines = summary.split("\n")
    for n, line in enumerate(lines):
        page.keyboard.type(line)
        if n < len(lines) - 1:
            page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Add an action
    assert page.evaluate(FOCUSED_ID) == f"{base}-action-1-what", "a new action's first field takes the focus"
    what, owner, due = action
    page.keyboard.type(what)
    page.keyboard.press("Tab")
    page.keyboard.type(owner)
    page.keyboard.press("Tab")
    year, month, day = due.split("-")
    page.keyboard.type(month + day + year)  # a date picker, typed as it shows: month, day, year
    assert page.evaluate("() => document.activeElement.value") == due, "the date picker takes the date typed"


def validate_in_copy(tmp_path: Path, name: str, text: str):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "content", copy / "content")
    (copy / "content" / "meetings" / name).write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["validate", "--root", str(copy), "--today", "2027-03-16"])


def test_keyboard_only_record_download_validate_reload_and_clear(open_page, tmp_path):
    page = open_page(PAGE, viewport=DESKTOP)
    assert not page.locator("#sp-rec-5-q004-summary").is_visible(), "the form shows only in Record answers mode"
    switch_on(page)
    record_one(
        page,
        "sp-rec-5-q004",
        1,
        SUMMARY,
        ("Report the survey's results: replies & themes", "Head of Service", "2027-04-30"),
    )
    record_one(
        page,
        "sp-rec-6-q017",
        2,
        "Reports rose; the partnership is analysing why.",
        ("Share the analysis", "Scrutiny Officer", "2027-05-01"),
    )

    tab_to_text(page, "Download record file", limit=300)
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    download = caught.value
    assert download.suggested_filename == f"{MEETING}.record.yml"
    text = Path(download.path()).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    answers = {a["question"]: a for item in data["items"] for a in item["answers"]}
    assert [i["number"] for i in data["items"]] == [5, 6]
    assert answers["q004"]["summary"] == SUMMARY, "a colon, quotes, '#' and a new line come back as typed"
    assert answers["q004"]["rag"] == "amber" and answers["q017"]["rag"] == "green"
    assert answers["q004"]["actions"] == [
        {
            "action": "Report the survey's results: replies & themes",
            "owner": "Head of Service",
            "due": "2027-04-30",
            "status": "open",
        }
    ]
    assert answers["q017"]["actions"][0]["owner"] == "Scrutiny Officer"
    result = validate_in_copy(tmp_path, download.suggested_filename, text)
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.lower()

    page.reload()
    assert page.get_by_role("button", name="Record answers").get_attribute("aria-pressed") == "true"
    assert page.locator("#sp-rec-5-q004-summary").input_value() == SUMMARY, "a reload keeps the entries"
    assert page.locator("#sp-rec-6-q017-rag-green").is_checked()
    assert page.locator("#sp-rec-6-q017-action-1-owner").input_value() == "Scrutiny Officer"

    page.locator("body").focus()
    tab_to_text(page, "Go to Download record file", limit=80)  # the way to the end of a long form
    page.keyboard.press("Enter")
    tab_to_text(page, "Clear entries", limit=20)
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE)["text"] == "Yes, clear entries", "clearing asks first"
    page.keyboard.press("Enter")
    assert page.locator("#sp-rec-5-q004-summary").input_value() == ""
    assert page.locator("#sp-rec-6-q017-action-1-owner").count() == 0
    page.reload()
    assert page.locator("#sp-rec-5-q004-summary").input_value() == "", "cleared entries stay gone"
    assert not page.locator("#sp-rec-6-q017-rag-green").is_checked()


def test_problems_are_listed_by_their_fields_and_stop_the_download(open_page):
    page = open_page(PAGE, viewport=DESKTOP)
    page.get_by_role("button", name="Record answers").click()
    page.locator("#sp-rec-5-q004-rag-red").check()
    page.locator("#sp-rec-5-q004-summary").fill("Ask the clerk at someone@example.org or on 01632 960 123.")
    page.locator("#sp-rec-5-q004").get_by_role("button", name="Add an action to question 1").click()
    page.locator("#sp-rec-5-q004-action-1-what").fill("Bring the figures")
    page.locator("#sp-rec-5-q004-action-1-due").fill("2027-01-01")
    page.locator("#sp-rec-6-q017-summary").fill("Heard but not rated")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Download record file").click()
    problems = page.locator("[data-sp-record-problem-list] li").all_inner_texts()
    joined = "\n".join(problems)
    assert "e-mail address" in joined and "phone number" in joined, problems
    assert any("needs an owner" in p for p in problems), problems
    assert any("before the meeting on 2027-03-16" in p for p in problems), problems
    assert any(p.startswith("Item 6, question 2") and "RAG status" in p for p in problems), problems
    assert page.locator("[data-sp-record-problems]").evaluate("e => e === document.activeElement")
    assert "not downloaded" in page.locator("[data-sp-record-status]").inner_text()
    owner_link = page.locator("[data-sp-record-problem-list] a", has_text="needs an owner")
    assert owner_link.get_attribute("href") == "#sp-rec-5-q004-action-1-owner"
    owner_link.click()
    assert page.evaluate(FOCUSED_ID) == "sp-rec-5-q004-action-1-owner", "each problem links to its field"
    described = page.locator("#sp-rec-5-q004-action-1-owner").get_attribute("aria-describedby") or ""
    assert "needs an owner" in page.locator(f"#{described.split()[-1]}").inner_text(), "the problem shows by its field"
    page.wait_for_timeout(300)
    assert downloads == [], "nothing is downloaded while there are problems"
    violations = axe_violations(page)
    assert not violations, f"axe found problems with problems listed:\n{axe_report(violations)}"


def test_record_answers_mode_has_no_wcag_violations(open_page):
    page = open_page(PAGE, viewport=DESKTOP)
    page.get_by_role("button", name="Record answers").click()
    page.locator("#sp-rec-5-q004").get_by_role("button", name="Add an action to question 1").click()
    violations = axe_violations(page)
    screenshot(page, "meeting-record-answers-desktop")
    assert not violations, f"axe found problems with Record answers on:\n{axe_report(violations)}"


def test_the_page_data_is_the_schemas(built_site):
    """What the browser is told (field names, RAG values, statuses) is read from the record schema."""
    import json

    html = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    start = html.index(f'<script type="application/json" id="{record_form.DATA_ELEMENT_ID}">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(body)
    schema = json.loads((ROOT / "src/scrutiny_packs/schemas/record.schema.json").read_text(encoding="utf-8"))
    answer = schema["properties"]["items"]["items"]["properties"]["answers"]["items"]
    assert data["record"]["rag"] == answer["properties"]["rag"]["enum"]
    assert data["record"]["status"] == answer["properties"]["actions"]["items"]["properties"]["status"]["enum"]
    assert data["record"]["answer"]["order"] == list(answer["properties"])
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "record-answers.js" in html and "record-answers.js" not in home, "the script loads on meeting pages only"


def test_offline_copy_records_and_downloads(new_context, offline_copy, tmp_path):
    context = new_context(allow=("file://",), viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto((offline_copy / "meetings" / f"{MEETING}.html").as_uri())
    page.get_by_role("button", name="Record answers").click()
    page.locator("#sp-rec-5-q005-rag-green").check()
    page.locator("#sp-rec-5-q005-summary").fill("One form and one line for referrers.")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download record file").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8")
    assert yaml.safe_load(text)["items"][0]["answers"][0]["summary"] == "One form and one line for referrers."
    assert validate_in_copy(tmp_path, caught.value.suggested_filename, text).exit_code == 0
    assert context.sp_guard.refused == []
