"""The Sources and Needs review pages, as generated Markdown read back as HTML: each source under its kind
with what cites it, and every item citing a superseded edition listed for editors, online and offline."""

from __future__ import annotations

import shutil

import markdown
from bs4 import BeautifulSoup

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.site import links
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from tests.conftest import ROOT


def _page(bank, src: str, **options) -> BeautifulSoup:
    made = next(p for p in SiteBuilder(bank, SiteOptions(**options)).pages() if p.src_uri == src)
    body = made.content.split("---\n", 2)[2]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables"]), "html.parser")


def _citing_old_editions(tmp_path):
    """A copy of the bank where q160 still cites Working Together 2023 and q117 KCSIE 2024, as before review."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    for qid, new, old in (
        ("q160", "working-together-2026", "working-together-2023"),
        ("q117", "kcsie-2025", "kcsie-2024"),
    ):
        path = tmp_path / f"content/questions/{qid}.yml"
        path.write_text(path.read_text().replace(f"ref: {new}", f"ref: {old}"))
    return load_checked(tmp_path).bank


def test_the_sources_page_lists_each_source_under_its_kind_with_what_cites_it(tmp_path):
    bank = _citing_old_editions(tmp_path)
    soup = _page(bank, links.SOURCES)
    entry = soup.find(id="working-together-2023")
    assert entry is not None and "Working Together" in entry.get_text()
    facts = entry.find_next("dl").get_text(" ")
    assert "Superseded by" in facts and "2026" in facts
    cited = entry.find_next("dl").find_all("a", href=lambda h: h and "questions/q160" in h)
    assert cited, "q160 cites Working Together 2023"
    assert soup.find(id="kind-practice-example") is not None
    assert "Current" in soup.find(id="working-together-2026").find_next("dl").get_text()


def test_the_needs_review_page_names_every_item_citing_a_superseded_edition(tmp_path):
    bank = _citing_old_editions(tmp_path / "old")
    rows = _page(bank, links.NEEDS_REVIEW).select("table.sp-needs-review tbody tr")
    files = {row.find("code").get_text() for row in rows}
    assert files == {"content/questions/q160.yml", "content/questions/q117.yml"}
    # A project whose sources are all current says so.
    shutil.copytree(ROOT / "content", tmp_path / "content")
    for path in (tmp_path / "content/sources").glob("*.yml"):
        path.write_text(
            "\n".join(line for line in path.read_text().splitlines() if not line.startswith("superseded_by:")) + "\n"
        )
    soup = _page(load_checked(tmp_path).bank, links.NEEDS_REVIEW)
    assert not soup.select("table.sp-needs-review") and "Nothing needs review" in soup.get_text()


def test_offline_links_keep_their_anchor():
    bank = load_checked(ROOT).bank
    builder = SiteBuilder(bank, SiteOptions(directory_urls=False))
    assert builder.href(links.NEEDS_REVIEW, links.SOURCES + "#kcsie-2025") == "index.html#kcsie-2025"
    online = SiteBuilder(bank)
    assert online.href(links.NEEDS_REVIEW, links.SOURCES + "#kcsie-2025") == "../#kcsie-2025"


def test_a_page_cites_a_source_with_the_short_reference():
    bank = load_checked(ROOT).bank
    soup = _page(bank, links.module("question-bank"))
    link = soup.find("a", href=lambda h: h and h.endswith("sources/index.md#walsall-toolkit-2012"))
    assert link is not None and "Walsall Council" in link.get_text()
    assert "[[src:" not in soup.get_text()
