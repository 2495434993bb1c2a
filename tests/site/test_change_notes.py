"""What's changed says what a review changed and why: a question's or benchmark's change_note is shown
beside it under the day of the review, and a review without one is listed as before."""

from __future__ import annotations

import shutil

import markdown
from bs4 import BeautifulSoup

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from tests.conftest import ROOT


def _changes(bank) -> list[str]:
    made = next(p for p in SiteBuilder(bank, SiteOptions()).pages() if p.src_uri == links.CHANGES)
    body = made.content.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables"])
    return [" ".join(li.get_text().split()) for li in BeautifulSoup(html, "html.parser").select(".sp-changes li")]


def _entry(entries: list[str], kind: str, needle: str) -> str:
    (found,) = [e for e in entries if e.startswith(kind) and needle in e]
    return found


def test_a_reviewed_question_and_benchmark_show_what_changed_and_why():
    entries = _changes(load_checked(ROOT).bank)
    question = _entry(entries, "Reviewed or changed:", "(ref. q160). ")
    assert "Working together to safeguard children 2026" in question and "family help" in question
    benchmark = _entry(entries, "What good looks like, reviewed or changed:", "Families get joined-up help early")
    assert "family help plan" in benchmark


def test_a_review_without_a_note_is_listed_without_one(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content/questions/q160.yml"
    path.write_text("\n".join(line for line in path.read_text().splitlines() if not line.startswith("change_note:")))
    result = load_checked(tmp_path)
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    question = _entry(_changes(result.bank), "Reviewed or changed:", "(ref. q160)")
    assert question.endswith("(ref. q160)")


def test_a_change_note_too_long_is_refused_naming_the_file(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content/questions/q160.yml"
    text = path.read_text()
    note = next(line for line in text.splitlines() if line.startswith("change_note:"))
    path.write_text(text.replace(note, "change_note: " + "x" * 2001))
    found = [p.format() for p in load_checked(tmp_path).problems if p.is_error]
    assert found[0].startswith("content/questions/q160.yml:") and "change_note: too long" in found[0]
