"""The built site, as a reader meets it: parsed HTML from a real, strict MkDocs build."""

from __future__ import annotations

import html
import json
import posixpath
import re
from urllib.parse import urlsplit

from scrutiny_packs.text.framing import frame
from tests.conftest import page


def _resolve(site, from_path: str, href: str):
    """The file a relative link on the page at from_path leads to."""
    target = posixpath.normpath(posixpath.join(from_path, urlsplit(href).path))
    path = site / target
    return path / "index.html" if path.is_dir() else path


def test_every_question_has_a_page_in_both_framings(built_site, bank):
    for q in bank.questions.values():
        doc = page(built_site, f"questions/{q.id}/")
        assert doc.h1.get_text(" ", strip=True).rstrip("¶").strip() == frame(q.text, "you")
        framings = [" ".join(dd.get_text().split()) for dd in doc.select("dl.sp-framings dd")]
        assert framings == list(dict.fromkeys([frame(q.text, "you"), frame(q.text, "we")]))
        assert "{" not in "".join(framings)


def test_question_page_links_its_areas_audiences_and_evidence(built_site, bank):
    q = next(q for q in bank.questions.values() if q.benchmarks and q.evidence)
    path = f"questions/{q.id}/"
    doc = page(built_site, path)
    facts = doc.select_one("dl.sp-facts")
    hrefs = [a["href"] for a in facts.select("a")]
    for area in q.areas:
        assert any(h.endswith(f"areas/{area}/") for h in hrefs)
    for audience in q.audiences:
        assert any(h.endswith(f"audiences/{audience}/") for h in hrefs)
    for href in hrefs:
        assert _resolve(built_site, path, href).is_file(), href
    headings = [h.get_text(strip=True).rstrip("¶") for h in doc.select("h2")]
    assert "What good looks like" in headings and "Evidence to ask for" in headings
    for a in doc.select("a[href*='#']"):
        href = a["href"]
        if href.startswith("#"):
            continue
        target = _resolve(built_site, path, href)
        anchor = urlsplit(href).fragment
        assert target.is_file() and page(built_site, str(target.relative_to(built_site).parent) + "/").find(
            id=anchor
        ), href


def test_suggest_a_change_links_to_the_questions_yaml(built_site, bank):
    doc = page(built_site, "questions/q010/")
    link = doc.find("a", string=re.compile("Suggest a change"))
    assert link is not None and link["href"].endswith("/edit/main/content/questions/q010.yml")
    assert link.get("rel") == ["noopener", "noreferrer"]


def test_area_pages_list_their_questions(built_site, bank):
    for area in bank.areas.values():
        doc = page(built_site, f"areas/{area.id}/")
        listed = [d["data-question"] for d in doc.select(".sp-q")]
        expected = [q.id for q in bank.questions_for_area(area.id)]
        assert listed == expected, area.id


def test_area_pages_put_their_questions_first_and_offer_only_their_audiences(built_site, bank):
    checked = 0
    for area in bank.areas.values():
        questions = bank.questions_for_area(area.id)
        doc = page(built_site, f"areas/{area.id}/")
        headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in doc.select("article h2")]
        form = doc.select_one("article form[data-sp-filters]")
        if not questions:
            assert form is None and not any(h.startswith("Questions") for h in headings), area.id
            continue
        # The questions before the long benchmarks and the sub-areas, in reading order as on screen.
        assert headings[0] == f"Questions ({len(questions)})", area.id
        # The audience choice, hidden until the script can work it, offers the audiences the questions are for.
        assert form.has_attr("hidden") and form.find_previous("h2") is doc.select("article h2")[0]
        options = [(o["value"], o.get_text(strip=True)) for o in form.select("select[name=audience] option")]
        wanted = {a for q in questions for a in q.audiences}
        assert options == [("", "All audiences")] + [(a.id, a.name) for a in bank.audiences.values() if a.id in wanted]
        assert [s["name"] for s in form.select("select")] == ["audience"], "an area page narrows by audience only"
        assert form.select_one("[data-sp-filter-status][role=status]") is not None
        checked += 1
    assert checked


def test_audience_pages_list_exactly_their_questions(built_site, bank):
    for audience in bank.audiences:
        doc = page(built_site, f"audiences/{audience}/")
        listed = {d["data-question"] for d in doc.select(".sp-q")}
        assert listed == {q.id for q in bank.questions_for_audience(audience)}


def test_question_bank_page_lists_all_99_grouped_by_area(built_site, bank):
    doc = page(built_site, "modules/question-bank/")
    listed = {d["data-question"] for d in doc.select(".sp-q")}
    assert listed == {q.id for q in bank.active_questions()}  # a retired question keeps its page, not its place
    assert doc.select_one("form[data-sp-filters]") is not None


def test_modules_are_published(built_site, bank):
    for module in bank.modules:
        doc = page(built_site, f"modules/{module}/")
        assert doc.h1 is not None
    m2 = page(built_site, "modules/what-good-looks-like/")
    for benchmark in bank.benchmarks:
        assert m2.find(id=benchmark) is not None
    m5 = page(built_site, "modules/performance-information/")
    for indicator in bank.indicators:
        assert m5.find(id=indicator) is not None


def test_question_pages_stay_out_of_the_navigation(built_site):
    doc = page(built_site, "questions/q001/")
    nav_links = [a["href"] for a in doc.select("nav.md-nav--primary a[href]")]
    assert nav_links, "the page has a navigation"
    assert not any("questions/" in h for h in nav_links)
    assert len(nav_links) < 60


def test_home_page_leads_to_every_audience(built_site, bank):
    doc = page(built_site, "")
    hrefs = [a["href"] for a in doc.select("article a[href]")]
    for audience in bank.audiences:
        assert any(h.rstrip("/").endswith(f"audiences/{audience}") for h in hrefs)


def test_search_index_has_every_question_page_and_lists_are_excluded(built_site, bank):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    locations = {d["location"] for d in docs}
    for q in bank.questions:
        assert f"questions/{q}/" in locations
    # Question text appears in area lists too, but only question pages are indexed with it. (q010 is
    # quoted in the content guide, so q011.)
    text = frame(bank.questions["q011"].text, "you")
    hits = {
        d["location"].split("#")[0]
        for d in docs
        if text[:60] in html.unescape(d["text"]) or text[:60] in html.unescape(d["title"])
    }
    assert hits == {"questions/q011/"}


def test_no_google_fonts_and_no_page_over_40kb(built_site):
    for path in built_site.rglob("*.html"):
        content = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in content and "fonts.gstatic" not in content, path
    for path in (built_site / "questions").rglob("index.html"):
        assert path.stat().st_size <= 40 * 1024, path
