"""Editors' changes seen on the built site: a new question everywhere, stable links, review notices, What's changed.

Each test builds a scratch copy of the project with real MkDocs (strict), as the pull request check does.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from scrutiny_packs.editing.scaffold import next_question_id
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.publish.atomic import build_site
from scrutiny_packs.text.framing import frame
from tests.conftest import ROOT, pack_pdfs, page

pytestmark = pytest.mark.site


def contributing_template() -> str:
    """The question file CONTRIBUTING.md tells a new editor to paste, exactly as written there."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- new-question-template[^>]*-->\s*```yaml\n(.*?)```", text, re.S)
    assert match, "CONTRIBUTING.md has lost its question template"
    return match.group(1)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def questions_listed(site: Path, url: str) -> set[str]:
    return {e["data-question"] for e in page(site, url).select("article [data-question]")}


def test_a_question_added_as_one_new_file_appears_on_the_site_in_packs_and_in_open_data(small_project, tmp_path):
    # As CONTRIBUTING.md says: take the next number, paste the template, nothing else.
    qid = next_question_id(small_project / "content" / "questions")
    highest = max(int(f.stem[1:]) for f in (small_project / "content" / "questions").glob("q*.yml"))
    assert qid == f"q{highest + 1:03d}"
    (small_project / "content" / "questions" / f"{qid}.yml").write_text(contributing_template(), encoding="utf-8")
    added = load_checked(small_project).bank.questions[qid]
    wording = frame(added.text, "you")

    site = tmp_path / "site"
    build_site(small_project, site, strict=True, pdf=False, offline=False)  # the two PDFs read below are made alone

    # Its own page.
    doc = page(site, f"questions/{qid}/")
    assert " ".join(doc.select_one("article h1").get_text().split()).rstrip("¶").strip() == wording
    suits = doc.find("dt", string="Suits").find_next_sibling("dd")
    assert [a.get_text() for a in suits.find_all("a")] == [
        "Health bodies",
        "Safeguarding children partnership (formerly LSCB)",
    ]
    # Listed for the audiences it suits, and only those.
    assert qid in questions_listed(site, "audiences/health/")
    assert qid in questions_listed(site, "audiences/partnership/")
    assert qid not in questions_listed(site, "audiences/councillors/")
    assert qid not in questions_listed(site, "audiences/police/")

    # In the right audience packs, and not in the others: on each pack's page, and in the PDF of one pack
    # that has it and one that has not (that a PDF prints each question of its pack once is
    # tests/packs/test_formats.py's to check).
    audiences = {"health": True, "partnership": True, "councillors": False, "police": False}
    for audience, expected in audiences.items():
        assert (qid in questions_listed(site, f"packs/{audience}/")) is expected, audience
    pdfs = pack_pdfs(small_project, "health", "police")
    for audience, pdf in pdfs.items():
        text = pdf_text(pdf)
        assert (f"Ref. {qid}" in text) is audiences[audience], audience
        assert (wording in text) is audiences[audience], audience

    # In the open data, with names and text.
    record = next(r for r in json.loads((site / "data" / "questions.json").read_text())["questions"] if r["id"] == qid)
    assert record["text_you"] == wording
    assert record["areas"] == [{"id": "vulnerable-groups", "name": "Vulnerable groups of children"}]
    assert [a["name"] for a in record["audiences"]] == [
        "Health bodies",
        "Safeguarding children partnership (formerly LSCB)",
    ]
    assert record["source"]["document"].startswith("Promoting the health and wellbeing of looked-after children")
    rows = csv.DictReader(io.StringIO((site / "data" / "questions.csv").read_text(encoding="utf-8-sig")))
    row = next(r for r in rows if r["id"] == qid)
    assert row["audience_names"] == "Health bodies; Safeguarding children partnership (formerly LSCB)"

    # And on What's changed, as new, under the day it was added (the template's date).
    changes = page(site, "changes/")
    day = next(h for h in changes.select("article h2") if h.get_text(strip=True).rstrip("¶") == "1 December 2026")
    entries = day.find_next("div", class_="sp-changes").find_all("li")
    assert f"../questions/{qid}/" in [li.find("a")["href"] for li in entries if li.get_text().startswith("New:")]


def test_a_retired_question_keeps_its_address_and_points_to_its_replacement(edited_site):
    doc = page(edited_site, "questions/q010/")
    notice = doc.select_one("article .sp-retired")
    assert notice is not None and "This question has been retired" in notice.get_text()
    link = notice.find("a", href="../q011/")
    assert link is not None and "health visiting services" in link.get_text()
    assert (edited_site / "questions" / "q011" / "index.html").is_file()


def test_a_retired_question_without_replacement_says_so(edited_site):
    notice = page(edited_site, "questions/q020/").select_one("article .sp-retired")
    assert notice is not None and notice.find("a") is None


def test_retired_questions_leave_lists_and_packs(edited_site):
    for url in ("audiences/health/", "audiences/partnership/", "packs/health/", "packs/partnership/"):
        listed = questions_listed(edited_site, url)
        assert "q011" in listed, url  # the lists are really there
        assert "q010" not in listed, url
    assert "q020" not in questions_listed(edited_site, "packs/police/")


def test_an_overdue_question_shows_a_review_notice(edited_site):
    notice = page(edited_site, "questions/q012/").select_one("article .sp-review-due")
    assert notice is not None
    assert "last reviewed on 15 January 2020" in notice.get_text()
    assert "was due for review on 15 January 2021" in notice.get_text()
    assert page(edited_site, "questions/q013/").select_one("article .sp-review-due") is None
    assert page(edited_site, "questions/q010/").select_one("article .sp-review-due") is None  # retired


def test_whats_changed_lists_changes_newest_first(edited_site):
    doc = page(edited_site, "changes/")
    days = [h2.get_text(strip=True).rstrip("¶") for h2 in doc.select("article h2")]
    # 7 December 2026: the shipped bank's own changes (a new edition of a source, q184 retired).
    assert days[:4] == ["7 December 2026", "3 December 2026", "2 December 2026", "1 December 2026"]

    def entries(day: str) -> list[str]:
        heading = next(h for h in doc.select("article h2") if h.get_text(" ", strip=True).rstrip("¶").strip() == day)
        return [" ".join(li.get_text().split()) for li in heading.find_next("div", class_="sp-changes").find_all("li")]

    (replaced,) = entries("3 December 2026")
    assert (
        replaced.startswith("Retired and replaced: Does A&E have paediatric nurses") and "replaced by q011" in replaced
    )
    (reviewed,) = entries("2 December 2026")
    assert reviewed.startswith("Reviewed or changed:") and "(ref. q014)" in reviewed
    day = entries("22 November 2026")
    assert day[0].startswith("Retired:") and "(ref. q020)" in day[0]
    assert day[1].startswith("New:") and "(ref. q099)" in day[1]
    # The page lists the newest DEFAULT_LIMIT changes: the 99 questions of 22 November as far as they fit.
    from scrutiny_packs.site.changes import DEFAULT_LIMIT

    listed = doc.select("article .sp-changes li")
    assert len(listed) == DEFAULT_LIMIT
    assert all(e.startswith(("New:", "Retired:")) for e in day)
    assert 0 < sum(e.startswith("New:") for e in day) <= 99
