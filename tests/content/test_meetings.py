"""Meeting files in content/meetings/: the example loads, and each mistake is one line naming file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.problems import sort_problems

MEETING = """\
body: "Children and Young People Scrutiny Panel"
name: "Ordinary meeting"
date: {date}
items:
  - number: {first}
    title: "The front door"
    pack: {pack}
  - number: {second}
    title: "Domestic abuse"
    selection:
      areas: [{area}]
      tags: [{tag}]
      match: {match}
"""
GOOD = dict(
    date="2027-01-19",
    first=6,
    second="6a",
    pack="front-door-contacts-and-referrals",
    area="domestic-violence",
    tag="outcomes",
    match="any",
)


def write_meeting(project: Path, **fields) -> Path:
    path = project / "content" / "meetings" / "panel.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MEETING.format(**(GOOD | fields)), encoding="utf-8")
    return path


def problems(project: Path) -> list[str]:
    return [p.format() for p in sort_problems(load_checked(project).problems) if p.is_error]


CASES = [
    (
        {"pack": "front-door-contacts"},
        "content/meetings/panel.yml:7: items[0].pack: 'front-door-contacts' is not a known pack "
        "(did you mean 'front-door-contacts-and-referrals'?)",
    ),
    (
        {"second": "6"},
        "content/meetings/panel.yml:8: items[1].number: item 6 is already on the agenda as items[0] "
        "(give each agenda item its own number)",
    ),
    (
        {"date": "2027-02-30"},
        "content/meetings/panel.yml:3: date: '2027-02-30' is not a valid date "
        "(write dates as YYYY-MM-DD, e.g. 2026-11-22, with a year from 1900 to 2999)",
    ),
    (
        {"date": "next Tuesday"},
        "content/meetings/panel.yml:3: date: 'next Tuesday' is not a valid date "
        "(write dates as YYYY-MM-DD, e.g. 2026-11-22, with a year from 1900 to 2999)",
    ),
    (
        {"area": "domestic-violnce"},
        "content/meetings/panel.yml:11: items[1].selection.areas[0]: 'domestic-violnce' is not a known area "
        "(did you mean 'domestic-violence'?)",
    ),
    (
        {"area": "workforce", "tag": "front-door", "match": "all"},
        "content/meetings/panel.yml:11: items[1].selection: item 6a matches no questions "
        "(questions matching all of areas: workforce; tags: front-door) "
        "(widen the selection, or use 'match: any' to take questions matching any list)",
    ),
]


@pytest.mark.parametrize(
    "fields,message",
    CASES,
    ids=["unknown-pack", "duplicate-number", "impossible-date", "not-a-date", "unknown-area", "selects-nothing"],
)
def test_a_bad_meeting_file_is_one_clear_problem(project, fields, message):
    write_meeting(project, **fields)
    assert problems(project) == [message]


def test_an_item_needs_a_pack_or_a_selection_not_both(project):
    path = project / "content" / "meetings" / "panel.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'body: "Panel"\nname: "Meeting"\ndate: 2027-01-19\nitems:\n'
        '  - number: 1\n    title: "Nothing"\n'
        '  - number: 2\n    title: "Both"\n    pack: front-door-contacts-and-referrals\n'
        "    framing: we\n    selection:\n      tags: [front-door]\n",
        encoding="utf-8",
    )
    assert problems(project) == [
        "content/meetings/panel.yml:5: items[0]: has no questions "
        "(add 'pack:' (a file in content/packs/) or 'selection:' (as in a pack file))",
        "content/meetings/panel.yml:10: items[1].framing: is only used with 'selection' "
        "(the pack's own file sets it; remove it here)",
        "content/meetings/panel.yml:12: items[1].selection: cannot be given with 'pack' "
        "(name a pack from content/packs/, or write the selection here, not both)",
    ]


def test_a_good_meeting_file_loads_with_its_items_in_order(project):
    write_meeting(project)
    assert problems(project) == []
    agenda = load_checked(project).bank.meetings["panel"]
    assert agenda.date == dt.date(2027, 1, 19)
    assert [(i.number, i.pack) for i in agenda.items] == [("6", "front-door-contacts-and-referrals"), ("6a", None)]
    assert agenda.items[1].inline.selection.areas == ("domestic-violence",)


def test_the_example_meeting_says_it_is_an_example_and_uses_the_example_packs(bank):
    agenda = bank.meetings["example-childrens-scrutiny-panel"]
    assert agenda.body.startswith("Example:")
    assert {i.pack for i in agenda.items} == set(bank.packs)


def test_validate_reports_a_bad_meeting_and_exits_non_zero(project):
    from click.testing import CliRunner

    from scrutiny_packs.cli import main

    write_meeting(project, pack="nope")
    done = CliRunner().invoke(main, ["validate", "--root", str(project)])
    assert done.exit_code == 1
    assert "content/meetings/panel.yml:7: items[0].pack: 'nope' is not a known pack" in done.output
    assert "Traceback" not in done.output
