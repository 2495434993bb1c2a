"""The offline copy: a zip linked from the home page that works opened from disk, search included."""

from __future__ import annotations

import re
import zipfile
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from scrutiny_packs.publish import offline
from scrutiny_packs.text.framing import frame

from ..conftest import page as parse_page
from .harness import DESKTOP, screenshot, search, wait_for_search_ready
from .phrases import distinctive_phrase


def test_home_page_links_to_the_offline_copy(offline_site):
    home = parse_page(offline_site, "")
    link = home.select_one(f'a[href$="{offline.ZIP_PATH}"]')
    assert link is not None, "the home page offers the offline copy"
    assert (offline_site / link["href"]).is_file()
    assert "download" in link.get_text().lower()


def test_a_site_built_without_the_offline_copy_offers_no_link_to_it(edited_site):
    assert not (edited_site / offline.ZIP_PATH).exists()
    links = [a["href"] for a in parse_page(edited_site, "").select("a[href]")]
    assert links and not [href for href in links if offline.ZIP_PATH in href]


def test_offline_copy_has_every_page_and_its_files(offline_copy, offline_site):
    assert (offline_copy / "index.html").is_file() and (offline_copy / "README.txt").is_file()
    online = {p.relative_to(offline_site).parent.as_posix() for p in offline_site.rglob("index.html")}
    for folder in online:
        page = (
            "index.html"
            if folder == "."
            else (f"{folder}/index.html" if (offline_copy / folder / "index.html").is_file() else f"{folder}.html")
        )
        assert (offline_copy / page).is_file(), f"the offline copy has no page for /{folder}/"

    broken = []
    only_links = SoupStrainer(["a", "link", "script", "img"])
    for html in offline_copy.rglob("*.html"):
        doc = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml", parse_only=only_links)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in doc.find_all(tag, attrs={attr: True}):
                target = urlsplit(element[attr])
                if target.scheme or target.netloc or not target.path:
                    continue
                resolved = (html.parent / unquote(target.path)).resolve()
                if not resolved.is_file():
                    broken.append(f"{html.relative_to(offline_copy)}: {element[attr]}")
    assert not broken, f"{len(broken)} links in the offline copy lead nowhere, e.g.:\n" + "\n".join(broken[:15])


@pytest.mark.browser
def test_offline_copy_works_from_disk_with_search(new_context, offline_copy, bank):
    context = new_context(allow=("file://",), viewport=DESKTOP)
    page = context.new_page()
    page.goto((offline_copy / "index.html").as_uri())
    assert page.locator("article h1").count() == 1
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset h1')).fontWeight") == "700", (
        "the site's own stylesheet loads from disk"
    )

    question = list(bank.active_questions())[len(bank.active_questions()) // 2]
    page.locator("input.md-search__input").click()
    wait_for_search_ready(page)
    results = search(page, distinctive_phrase(bank, question.id))
    assert results and re.search(rf"questions/{question.id}\.html(\?|$)", results[0]), results[:3]
    screenshot(page, "offline-search-desktop", full_page=False)
    with page.expect_navigation():
        page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    assert page.url.startswith("file://") and f"questions/{question.id}.html" in page.url
    assert page.locator("article h1").inner_text().rstrip("¶").strip() == frame(question.text, "you")
    assert context.sp_guard.refused == [], f"the offline copy reached out to {context.sp_guard.refused}"


def test_a_failed_offline_build_is_reported_in_one_message(tmp_path):
    broken = tmp_path / "mkdocs.yml"
    broken.write_text("site_name: [unclosed\n", encoding="utf-8")
    job = offline.start(broken)
    try:
        error = offline.finish(job, timeout=120)
    finally:
        offline.cleanup(job)
    assert error and error.startswith("The offline copy failed to build (exit ")
    assert not job.workdir.exists(), "its temporary files are removed"


def test_zip_leaves_out_what_a_copy_on_disk_cannot_use(tmp_path):
    site = tmp_path / "site"
    for name in (
        "index.html",
        "404.html",
        "sitemap.xml",
        "assets/app.js",
        "assets/app.js.map",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "questions/q001.html",
    ):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    archive = tmp_path / "copy.zip"
    assert offline.zip_site(site, archive) == 3
    with zipfile.ZipFile(archive) as zipped:
        assert sorted(zipped.namelist()) == [
            f"{offline.FOLDER}/{n}" for n in ("README.txt", "assets/app.js", "index.html", "questions/q001.html")
        ]
    first = archive.read_bytes()
    offline.zip_site(site, archive)
    assert archive.read_bytes() == first, "the same site gives the same zip"
