"""The accessibility statement: the parts a UK public-sector statement needs, kept true."""

from __future__ import annotations

import datetime as dt
import re

from ..conftest import page as parse_page

SECTIONS = [
    "How accessible this website is",
    "Feedback and reporting a problem",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "How we tested this website",
    "Preparation of this accessibility statement",
]


def test_statement_has_the_expected_sections_and_facts(built_site, bank):
    doc = parse_page(built_site, "accessibility/")
    article = doc.select_one("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    for section in SECTIONS:
        assert section in headings, f"missing section {section!r}; found {headings}"
    text = " ".join(article.get_text(" ").split())
    assert "WCAG" in text and "2.2" in text and "level AA" in text
    assert "Equality and Human Rights Commission" in text and "Equality Advisory and Support Service" in text
    assert " ".join(bank.settings.contact.split()) in text, "the statement gives the contact from settings.yml"
    assert "{contact}" not in text

    prepared = re.search(r"prepared on (\d{1,2} [A-Z][a-z]+ \d{4})", text)
    assert prepared, "the statement says when it was prepared"
    assert dt.datetime.strptime(prepared.group(1), "%d %B %Y").date() <= dt.date.today()


def test_statement_is_linked_from_every_page_footer(built_site):
    for html in [built_site / "index.html", *sorted(built_site.glob("*/*/index.html"))[::7]]:
        path = html.parent.relative_to(built_site).as_posix()
        doc = parse_page(built_site, "" if path == "." else path + "/")
        links = [a for a in doc.select("footer a[href]") if a.get_text(strip=True) == "Accessibility statement"]
        assert links, f"no footer link to the accessibility statement on /{path}"
        assert (html.parent / links[0]["href"] / "index.html").resolve().is_file()
