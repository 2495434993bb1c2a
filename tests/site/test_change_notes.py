"""What's changed says what a review changed and why: a question's, benchmark's, indicator's or glossary
entry's change_note is shown beside it under the day of the review, and a review without one is listed as
before."""

from __future__ import annotations

import shutil
from urllib.parse import urljoin, urlsplit

import markdown
from bs4 import BeautifulSoup

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from tests.conftest import ROOT, page


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


def _listed_on(doc: BeautifulSoup, day: str) -> list:
    heading = next(h for h in doc.select("article h2") if h.get_text(" ", strip=True).rstrip("¶").strip() == day)
    return heading.find_next("div", class_="sp-changes").find_all("li")


def _text(element) -> str:
    return " ".join(element.get_text().split())


def _target(site, href: str) -> BeautifulSoup:
    """The element a link on the What's changed page leads to, on the built site."""
    url = urlsplit(urljoin("https://example.org/changes/", href))
    found = page(site, url.path.lstrip("/")).find(id=url.fragment)
    assert found is not None, href
    return found


def test_updated_glossary_entries_and_indicators_are_listed_with_what_changed(edited_site):
    bank = load_checked(ROOT).bank
    doc = page(edited_site, "changes/")
    updated = [("Glossary entry, reviewed or changed:", t.term, t) for t in bank.glossary.values() if t.last_reviewed]
    updated += [
        ("Performance information, reviewed or changed:", i.name, i)
        for i in bank.indicators.values()
        if i.last_reviewed
    ]
    kinds = {kind for kind, _, _ in updated}
    assert len(kinds) == 2  # the shipped bank has updated entries of both kinds
    for kind, label, item in updated:
        day = item.last_reviewed.strftime("%-d %B %Y")
        (entry,) = [li for li in _listed_on(doc, day) if _text(li).startswith(kind) and li.a.get_text() == label]
        text = _text(entry)
        assert item.change_note and text.endswith(item.change_note), text
        assert _target(edited_site, entry.a["href"]).get_text(" ", strip=True).startswith(label)


def test_a_change_note_on_a_glossary_entry_or_indicator_is_checked_like_a_questions(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    for folder, item in (("glossary", "lado"), ("indicators", "cp-plans-per-10000")):
        path = tmp_path / "content" / folder / f"{item}.yml"
        text = path.read_text()
        note = next(line for line in text.splitlines() if line.startswith("change_note:"))
        path.write_text(
            text.replace(note, 'change_note: " "').replace("last_reviewed: 2026-12-07", "last_reviewed: 7/12/26")
        )
    found = [p.format() for p in load_checked(tmp_path).problems if p.is_error]
    named = {(line.split(":")[0], line.split(":")[2].strip()) for line in found}
    assert len(found) == 4 and all("\n" not in line for line in found), found
    assert named == {
        (f"content/{folder}/{item}.yml", field)
        for folder, item in (("glossary", "lado"), ("indicators", "cp-plans-per-10000"))
        for field in ("change_note", "last_reviewed")
    }, found


def test_a_change_note_without_the_date_it_describes_is_refused_in_one_line(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    for folder, item in (
        ("glossary", "lado"),
        ("indicators", "cp-plans-per-10000"),
        ("benchmarks", "front-door-decisions-on-time"),
    ):
        path = tmp_path / "content" / folder / f"{item}.yml"
        path.write_text(
            "\n".join(x for x in path.read_text().splitlines() if not x.startswith("last_reviewed:")) + "\n"
        )
    found = sorted(p.format() for p in load_checked(tmp_path).problems if p.is_error)
    assert len(found) == 3, found
    for line, (folder, item) in zip(
        found,
        (("benchmarks", "front-door-decisions-on-time"), ("glossary", "lado"), ("indicators", "cp-plans-per-10000")),
        strict=True,
    ):
        assert line.startswith(f"content/{folder}/{item}.yml:"), line
        assert ": change_note: needs 'last_reviewed' beside it (add 'last_reviewed:' to the file" in line, line
