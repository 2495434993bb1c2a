"""The Follow-up page's body filter: bodies whose names differ only in case or spacing are one choice,
and every action of that body carries the same value, so each body's actions can be shown alone."""

from __future__ import annotations

import dataclasses

from bs4 import BeautifulSoup

from scrutiny_packs.site import links
from scrutiny_packs.site.follow_up import body_choices, body_key
from scrutiny_packs.site.generate import SiteBuilder


def test_one_normal_form_for_a_bodys_name():
    assert (
        body_key("  Children's  Scrutiny Panel ")
        == body_key("CHILDREN'S SCRUTINY PANEL")
        == "children's scrutiny panel"
    )
    assert body_key("Corporate Parenting Board") != body_key("Children's Scrutiny Panel")
    names = ["Children's Scrutiny Panel", "children's scrutiny panel", "CHILDREN'S  SCRUTINY PANEL", "Audit Committee"]
    assert body_choices(names) == [
        ("audit committee", "Audit Committee"),
        ("children's scrutiny panel", "Children's Scrutiny Panel"),
    ]


def _follow_up(bank) -> BeautifulSoup:
    planned = next(p for p in SiteBuilder(bank).plan() if p.src_uri == links.FOLLOW_UP)
    return BeautifulSoup(planned.made().content, "html.parser")


def test_three_spellings_of_one_body_are_one_filter_choice_covering_all_its_actions(bank):
    recorded = next(m for m in bank.records if bank.meetings[m].body)
    agenda, record = bank.meetings[recorded], bank.records[recorded]
    meetings, records = dict(bank.meetings), dict(bank.records)
    for n, body in enumerate((agenda.body.lower(), " " + agenda.body.upper() + " ")):
        copy = f"{recorded}-copy-{n}"
        meetings[copy] = dataclasses.replace(agenda, id=copy, body=body)
        records[copy] = dataclasses.replace(record, meeting=copy)
    soup = _follow_up(dataclasses.replace(bank, meetings=meetings, records=records))
    choices = [o for o in soup.select("select[name=body] option") if o["value"]]
    assert [o.get_text(strip=True) for o in choices] == [" ".join(agenda.body.split())]
    rows = soup.select("table.sp-actions tbody tr")
    assert len(rows) >= 3 and {r["data-body"] for r in rows} == {choices[0]["value"]}
