"""My pack printed from the browser carries the built PDFs' running footer (body, date, agenda item
and title) on every page; and the site's filters choose the questions the command line does."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import quote

import pytest

from tests.conftest import ROOT

from .harness import DESKTOP
from .test_add_shown import added_says
from .test_mypack import announced, open_my_pack
from .test_print import pdf_pages

pytestmark = pytest.mark.browser

REF = re.compile(r"\(ref\. (q\d+)\)")
# Quotes, a backslash and markup in the body: the footer must print them as typed.
BODY = 'Children\'s "Scrutiny" Panel \\ </style>'
TITLE = "Children missing education & home education"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", *args],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


PAGE = re.compile(r"\s*Page (\d+) of (\d+)\s*")


def footer(page_text: str) -> tuple[str, str]:
    """A printed page's running footer (its last two lines) as (words, 'Page N of M')."""
    lines = [" ".join(line.split()) for line in page_text.splitlines() if line.strip()][-2:]
    joined = " ".join(lines)
    number = PAGE.search(joined)
    return " ".join(PAGE.sub(" ", joined).split()), number.group(0).strip() if number else ""


def test_the_printed_pack_carries_body_date_item_and_title_on_every_page(open_page, bank, tmp_path):
    ids = [q.id for q in bank.active_questions()][:12]
    query = (
        f"ids={','.join(ids)}&body={quote(BODY)}&meeting=Ordinary%20meeting&date=2027-01-14&item=5"
        f"&title={quote(TITLE)}&opts=b,e,n"
    )
    page = open_page(f"my-pack/?{query}")
    page.wait_for_selector("[data-sp-mypack-preview] .sp-pack", state="attached")
    page.emulate_media(media="print")
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
    pages = pdf_pages(printed)
    assert len(pages) >= 3

    # The built PDF of the same link: its footer is what the browser's must say.
    built = tmp_path / "built.pdf"
    done = cli("pack", "--from-url", f"?{query}", "-o", str(built))
    assert done.returncode == 0, done.stderr
    built_words, _ = footer(pdf_pages(built)[1])
    for words in ("14 January 2027", "Item 5", TITLE, BODY):
        assert words in built_words, (words, built_words)

    for number, text in enumerate(pages[1:], start=2):
        assert footer(text) == (built_words, f"Page {number} of {len(pages)}"), number

    # Without body, date and item the footer changes with the pack, as the built PDF's does.
    page.emulate_media(media="screen")
    for name in ("body", "meeting", "date", "item"):
        page.locator(f"[data-sp-mypack-form] [name='{name}']").fill("")
    page.locator("#sp-mypack-title").press("Tab")
    page.emulate_media(media="print")
    page.pdf(path=str(printed), prefer_css_page_size=True, print_background=True)
    again = pdf_pages(printed)
    assert "14 January 2027" not in " ".join(again)
    done = cli("pack", "--from-url", f"?ids={','.join(ids)}&title={quote(TITLE)}&opts=b,e,n", "-o", str(built))
    assert done.returncode == 0, done.stderr
    built_words, _ = footer(pdf_pages(built)[1])
    assert TITLE in built_words and "Item 5" not in built_words
    assert footer(again[1]) == (built_words, f"Page 2 of {len(again)}")


def test_the_site_filters_choose_what_the_command_line_chooses(new_context, base_url, page_kinds, tmp_path):
    context = new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.goto(page_kinds["module"].path)
    form = page.locator("form[data-sp-filters]")
    form.get_by_label("Audience").select_option("councillors")
    form.get_by_label("Area").select_option("missing-education")
    form.get_by_role("button", name="Add all shown to my pack").click()
    added_says(page)
    open_my_pack(page)
    page.get_by_role("button", name="Copy link").click()
    announced(page, "Link copied")
    link = page.locator("#sp-mypack-share-url").input_value()

    from_link, from_options = tmp_path / "link.md", tmp_path / "options.md"
    assert cli("pack", "--from-url", link, "-o", str(from_link)).returncode == 0
    assert (
        cli("pack", "--area", "missing-education", "--audience", "councillors", "-o", str(from_options)).returncode == 0
    )
    chosen = REF.findall(from_link.read_text(encoding="utf-8"))
    assert chosen and chosen == REF.findall(from_options.read_text(encoding="utf-8"))
    assert len(chosen) < 25
