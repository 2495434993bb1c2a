"""The built pages read as a reader sees them: words kept apart around abbreviations, one bullet per
item, nothing shown twice, tags spelt as words."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder
from scrutiny_packs.text.framing import frame
from tests.conftest import page, soup


def _words(text: str) -> str:
    return " ".join(text.split())


def _article(doc: BeautifulSoup) -> BeautifulSoup:
    return doc.select_one("article") or doc


def _built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if p.parent.name not in ("assets", "search"))


def test_every_page_keeps_the_spaces_around_its_abbreviations(built_site: Path):
    """'strategy, LSCB business plan', never 'strategy,LSCBbusiness plan': on every page, no <abbr> is run
    into the word before or after it."""
    joined = []
    kinds = set()
    for path in _built_pages(built_site):
        doc = _article(soup(path))
        for abbr in doc.find_all("abbr"):
            kinds.add(path.relative_to(built_site).parts[0] if len(path.relative_to(built_site).parts) > 1 else "")
            before = abbr.previous_sibling
            after = abbr.next_sibling
            before_text = before.get_text() if hasattr(before, "get_text") else str(before or " ")
            after_text = after.get_text() if hasattr(after, "get_text") else str(after or " ")
            if (before_text[-1:].isalnum()) or (after_text[:1].isalnum()):
                shown = _words(abbr.parent.get_text())
                joined.append(f"{path.relative_to(built_site)}: {shown[:120]!r}")
    assert not joined, "\n".join(joined[:20]) + f"\n({len(joined)} in all)"
    # The check read list pages of every kind, not only question pages.
    assert {"areas", "audiences", "questions", "modules"} <= kinds, kinds


def test_question_cards_on_list_pages_read_as_the_question(built_site: Path, bank):
    """A card's text, as get_text reads it, is the question's 'you' wording, on every kind of list page."""
    builder = SiteBuilder(bank)
    lists = [links.area(a) for a in bank.areas] + [links.audience(a) for a in bank.audiences]
    bank_page = builder.index.question_bank_src()
    if bank_page:
        lists.append(bank_page)
    wrong = []
    for src in lists:
        path = built_site / links.url_path(src) / "index.html"
        if not path.exists():
            continue
        for card in soup(path).select(".sp-q__text"):
            qid = card.find_parent(attrs={"data-question": True})["data-question"]
            if _words(card.get_text()) != _words(frame(bank.questions[qid].text, "you")):
                wrong.append(f"{src}: {qid}: {_words(card.get_text())[:100]!r}")
    assert not wrong, "\n".join(wrong[:20]) + f"\n({len(wrong)} in all)"


def test_performance_information_on_an_area_page_is_one_bullet_per_item(built_site: Path, bank):
    builder = SiteBuilder(bank)
    checked = 0
    for area_id, indicators in builder.index.indicators_by_area.items():
        if not indicators:
            continue
        doc = page(built_site, links.url_path(links.area(area_id)))
        heading = next(h for h in doc.find_all("h2") if h.get_text(strip=True).startswith("Performance information"))
        items = [_words(li.get_text()) for li in heading.find_next_sibling("ul").find_all("li", recursive=False)]
        assert items == [_words(i.name) for i in indicators], area_id
        assert not any(re.search(r"(^|\s)- ", item) for item in items), area_id
        checked += 1
    assert checked >= 2


def test_a_question_worded_the_same_either_way_shows_its_wording_once(built_site: Path, bank):
    same = [q for q in bank.active_questions() if frame(q.text, "you") == frame(q.text, "we")]
    differ = [q for q in bank.active_questions() if frame(q.text, "you") != frame(q.text, "we")]
    assert same and differ
    for q in same:
        framings = page(built_site, f"questions/{q.id}/").select_one("dl.sp-framings")
        assert [_words(dd.get_text()) for dd in framings.find_all("dd")] == [frame(q.text, "you")], q.id
        assert len(framings.find_all("dt")) == 1, q.id
    for q in differ:
        framings = page(built_site, f"questions/{q.id}/").select_one("dl.sp-framings")
        labels = [dt.get_text() for dt in framings.find_all("dt")]
        assert labels == ["Asking another body", "Asking yourselves"], q.id


def test_a_question_page_names_its_source_once(built_site: Path, bank):
    checked = 0
    for q in bank.active_questions():
        if not q.source:
            continue
        doc = page(built_site, f"questions/{q.id}/")
        heading = doc.find(id="source")
        section = []
        for el in heading.find_next_siblings():
            if el.name and el.name.startswith("h"):
                break
            section.append(el.get_text(" "))
        text = _words(" ".join(section))
        title = _words(bank.settings.document_title(q.source.document))
        assert text.count(title) == 1, f"{q.id}: {text[:300]!r}"
        checked += 1
    assert checked >= 10


def test_an_abbreviation_tag_is_written_in_capitals(hostile_site: Path):
    facts = page(hostile_site, "questions/hostile-question/").select_one("dl.sp-facts")
    tags = next(dt for dt in facts.find_all("dt") if dt.get_text() == "Tags").find_next_sibling("dd").get_text()
    assert "AI" in [t.strip() for t in tags.split(",")], tags
    assert "Ai" not in tags


def test_a_search_result_shows_the_question_once(built_site: Path, bank):
    """A question's result is its title (the question) with its area and terms under it: the text under
    the title does not say the question again."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    first = {d["location"]: d for d in docs if "#" not in d["location"]}
    checked = 0
    for q in bank.active_questions():
        doc = first.get(links.url_path(links.question(q.id)))
        if doc is None:
            continue
        text = _words(BeautifulSoup(doc["text"], "html.parser").get_text())
        assert _words(frame(q.text, "you")) not in text, f"{q.id}: {text[:200]!r}"
        checked += 1
    assert checked >= 10
