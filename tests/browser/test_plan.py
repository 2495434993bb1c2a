"""Plan a meeting: agenda item titles in, questions suggested for each, the meeting file and the papers out.

A two-item meeting is planned on the page as an officer would plan it (titles typed, a question removed
and one moved), the meeting file and the papers' Word file are downloaded, and the meeting file is put
into a copy of the project, where `validate` accepts it and `meeting` builds its papers with the same
questions in the same order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from scrutiny_packs.cli import main
from scrutiny_packs.site import links
from scrutiny_packs.text.framing import frame
from tests.conftest import copy_project

from .harness import DESKTOP, NARROWEST, screenshot

pytestmark = pytest.mark.browser

PLAN = links.url_path(links.PLAN)
PHONE = {"width": 390, "height": 844}
TITLES = "5 Children missing education\n6 Domestic abuse"
BODY = "Children and Young People Scrutiny Panel"
DATE = "2027-01-14"


def plan_two_items(open_page, viewport=None):
    page = open_page(PLAN, viewport=viewport or DESKTOP)
    page.get_by_label("Agenda item titles, one per line").fill(TITLES)
    page.get_by_role("button", name="Suggest questions").click()
    page.get_by_label("Body or committee").fill(BODY)
    page.get_by_label("Date").fill(DATE)
    return page


def item(page, number: str):
    return page.locator("li.sp-plan-item").filter(has=page.get_by_role("heading", name=re.compile(f"^Item {number}:")))


def refs(page, number: str) -> list[str]:
    """The questions of an item as the page lists them, by reference."""
    texts = item(page, number).locator("ol.sp-plan-questions .sp-plan-ref").all_text_contents()
    return [t.removeprefix("Ref. ").strip() for t in texts]


def save(page, button: str, tmp_path: Path) -> tuple[str, Path]:
    with page.expect_download() as waiting:
        page.get_by_role("button", name=button, exact=True).click()
    download = waiting.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target


def test_a_two_item_meeting_is_planned_downloaded_and_builds(open_page, bank, tmp_path):
    page = plan_two_items(open_page)
    assert page.get_by_text("2 agenda items, 10 questions.").is_visible()
    five, six = refs(page, "5"), refs(page, "6")
    assert len(five) == 5 and len(six) == 5
    # The items' own words find their own questions: missing education and domestic abuse.
    assert all(
        "missing-education" in bank.questions[q].areas[0] or "education" in bank.questions[q].areas[0] for q in five[:3]
    ), five
    assert all("domestic" in " ".join(bank.questions[q].areas) for q in six[:3]), six
    # Remove item 6's first question and move its last one up: the page shows the new order.
    item(page, "6").get_by_role("button", name="Remove: question 1, item 6").click()
    item(page, "6").get_by_role("button", name="Move up: question 4, item 6").click()
    wanted_six = [six[1], six[2], six[4], six[3]]
    assert refs(page, "6") == wanted_six
    # Add one of the further suggestions to item 5.
    details = item(page, "5").locator("details.sp-plan-more")
    details.locator("summary").click()
    extra = details.get_by_role("button", name=re.compile("^Add: Ref. ")).first
    added = extra.get_attribute("data-sp-plan-question")
    extra.click()
    wanted_five = five + [added]
    assert refs(page, "5") == wanted_five

    name, meeting_file = save(page, "Download meeting file", tmp_path)
    assert name == f"children-and-young-people-scrutiny-panel-{DATE}.yml"
    data = yaml.safe_load(meeting_file.read_text(encoding="utf-8"))
    assert data["body"] == BODY and str(data["date"]) == DATE and data["name"] == "Meeting on 14 January 2027"
    assert [(i["number"], i["title"]) for i in data["items"]] == [
        (5, "Children missing education"),
        (6, "Domestic abuse"),
    ]
    assert [i["selection"]["questions"] for i in data["items"]] == [wanted_five, wanted_six]

    # The file validates and builds in a copy of the project, with the questions in the order chosen.
    project = copy_project(tmp_path / "project")
    (project / "content" / "meetings" / name).write_bytes(meeting_file.read_bytes())
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", "--root", str(project)], catch_exceptions=False)
    assert checked.exit_code == 0, checked.output
    assert name.removesuffix(".yml") not in checked.output, checked.output  # no warning about the new file
    out = tmp_path / "built.docx"
    built = runner.invoke(main, ["meeting", "--root", str(project), name.removesuffix(".yml"), "-o", str(out)])
    assert built.exit_code == 0, built.output
    assert built.output.startswith(f"Wrote {out}: 2 agenda items, 10 questions"), built.output
    assert numbered(Document(str(out))) == expected(bank, wanted_five, wanted_six)

    # The papers made in the browser: each item's questions in order, each item in a section of its own.
    name, papers = save(page, "Download papers (Word)", tmp_path)
    assert name == f"children-and-young-people-scrutiny-panel-{DATE}-papers.docx"
    doc = Document(str(papers))
    assert numbered(doc) == expected(bank, wanted_five, wanted_six)
    assert len(doc.sections) == 2
    footers = [" ".join(p.text for p in s.footer.paragraphs) for s in doc.sections]
    assert "Item 5" in footers[0] and "Item 6" in footers[1] and all(BODY in f for f in footers), footers
    screenshot(page, "plan-a-meeting-desktop")


def numbered(doc) -> list[tuple[int, str]]:
    """The questions as the Word file numbers them: (number, text), in order."""
    out = []
    for p in doc.paragraphs:
        m = re.match(r"^(\d+)\. (.+)$", p.text)
        if m and p.runs and p.runs[0].bold:
            out.append((int(m.group(1)), m.group(2)))
    return out


def expected(bank, *items: list[str]) -> list[tuple[int, str]]:
    return [(n, frame(bank.questions[q].text, "you")) for ids in items for n, q in enumerate(ids, start=1)]


def test_each_items_word_file_holds_its_questions(open_page, bank, tmp_path):
    page = plan_two_items(open_page)
    six = refs(page, "6")
    name, path = save(page, "Download Word: item 6", tmp_path)
    assert name.endswith(".docx") and "domestic-abuse" in name
    assert numbered(Document(str(path))) == expected(bank, six)


def test_a_meeting_file_opens_with_its_items_and_questions(open_page, bank, tmp_path):
    agenda = tmp_path / "meeting.yml"
    agenda.write_text(
        "# A meeting\nbody: 'Panel'\nname: \"Winter meeting\"\ndate: 2027-02-02\nitems:\n"
        "  - number: 3a\n    title: Front door\n    selection:\n      questions: [q005, q004, q999]\n"
        "  - number: 4\n    title: >-\n      Children missing\n      education\n    pack: councillors\n",
        encoding="utf-8",
    )
    page = open_page(PLAN)
    page.get_by_label("Or open a meeting file").set_input_files(str(agenda))
    expect_heading = page.get_by_role("heading", name="Item 3a: Front door")
    expect_heading.wait_for()
    assert refs(page, "3a") == ["q005", "q004"]
    assert len(refs(page, "4")) == 5  # a pack's questions are the build's to choose: suggested here instead
    notices = page.locator("[data-sp-plan-notices]").inner_text()
    assert "q999" in notices and "Item 4 chooses its questions with a pack" in notices
    assert page.get_by_label("Body or committee").input_value() == "Panel"
    assert page.get_by_label("Date").input_value() == "2027-02-02"


def test_what_would_not_validate_is_said_before_downloading(open_page):
    page = open_page(PLAN)
    page.get_by_label("Agenda item titles, one per line").fill("Domestic abuse\nDomestic abuse again")
    page.get_by_role("button", name="Suggest questions").click()
    page.get_by_role("button", name="Download meeting file").click()
    problems = page.locator("[data-sp-plan-problems]")
    assert "Give the body or committee that meets." in problems.inner_text()
    assert "Give the meeting's date." in problems.inner_text()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-sp-plan-problems')")


def test_a_planned_meeting_needs_no_sideways_scrolling_at_320_px(open_page):
    page = plan_two_items(open_page, NARROWEST)
    item(page, "6").locator("details.sp-plan-more summary").click()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px window"
