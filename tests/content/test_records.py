"""Meeting records (content/meetings/<id>.record.yml): the example loads, and each mistake is one
line naming file, line and field; anything personal is an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scrutiny_packs.content.personal_data import find_personal_data_in_record
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.problems import sort_problems

EXAMPLE = "example-childrens-scrutiny-panel-2026-10"
RECORD = """\
items:
  - number: {number}
    answers:
      - question: {question}
        summary: "{summary}"
        rag: {rag}
        actions:
          - action: "Bring the figures back to the panel."
{owner}            due: {due}
"""
GOOD = dict(
    number=5,
    question="q004",
    summary="Parents' views are being gathered.",
    rag="amber",
    owner='            owner: "Head of Service"\n',
    due="2026-11-15",
)
PATH = f"content/meetings/{EXAMPLE}.record.yml"


def write_record(project: Path, meeting: str = EXAMPLE, **fields) -> str:
    path = project / "content" / "meetings" / f"{meeting}.record.yml"
    path.write_text(RECORD.format(**(GOOD | fields)), encoding="utf-8")
    return path.relative_to(project).as_posix()


def errors(project: Path) -> list[str]:
    return [p.format() for p in sort_problems(load_checked(project).problems) if p.is_error]


def test_the_example_record_loads(bank):
    record = bank.records[EXAMPLE]
    assert record.example
    agenda = bank.meetings[EXAMPLE]
    assert [i.number for i in record.items] == ["5", "6"]
    actions = [a for i in record.items for ans in i.answers for a in ans.actions]
    assert all(a.owner and a.due >= agenda.date for a in actions)
    assert any(a.status == "open" and a.due < dt.date(2026, 12, 1) for a in actions)


def test_a_good_record_has_no_errors(project):
    write_record(project)
    assert errors(project) == []


CASES = [
    ({"question": "q999"}, f"{PATH}:4: items[0].answers[0].question: 'q999' is not a question in the bank"),
    ({"rag": "purple"}, f"{PATH}:6: items[0].answers[0].rag: 'purple' is not one of 'red', 'amber', 'green'"),
    (
        {"due": "2026-10-01"},
        f"{PATH}:10: items[0].answers[0].actions[0].due: due 2026-10-01, before the meeting on 2026-10-13 "
        "(an action agreed at a meeting falls due on or after it)",
    ),
    (
        {"owner": ""},
        f"{PATH}:8: items[0].answers[0].actions[0].owner: an action needs an owner "
        "(add 'owner:' with the role that will do it, e.g. 'Head of Service')",
    ),
    ({"number": 9}, f"{PATH}:2: items[0].number: item 9 is not on the agenda of {EXAMPLE} (agenda items: 5, 6)"),
    (
        {"summary": "Jane Smith said the survey had started."},
        f"{PATH}:5: items[0].answers[0].summary: personal data in a record: a person's name 'Jane Smith' "
        "(records are published: name the role, e.g. 'Head of Service' or 'Designated Nurse', never a person)",
    ),
    (
        {"summary": "Write to head.of.service@example.org.uk for the survey."},
        f"{PATH}:5: items[0].answers[0].summary: personal data in a record: e-mail address "
        "'head.of.service@example.org.uk' (records are published: remove it, or name a role or team instead)",
    ),
    (
        {"summary": "Call 0121 496 0000 for the survey."},
        f"{PATH}:5: items[0].answers[0].summary: personal data in a record: phone number '0121 496 0000' "
        "(records are published: remove it, or name a role or team instead)",
    ),
    (
        {"owner": '            owner: "Mrs Patel"\n'},
        f"{PATH}:9: items[0].answers[0].actions[0].owner: personal data in a record: a person's name 'Mrs Patel'",
    ),
]


@pytest.mark.parametrize(
    ("fields", "expected"), CASES, ids=[c[1].split(": ", 2)[1] + "-" + str(i) for i, c in enumerate(CASES)]
)
def test_each_mistake_is_one_line(project, fields, expected):
    write_record(project, **fields)
    found = errors(project)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found


def test_a_record_for_an_unknown_meeting(project):
    path = write_record(project, meeting="example-childrens-scrutiny-panel-2025")
    assert errors(project) == [
        f"{path}: records a meeting that is not in content/meetings/ ('example-childrens-scrutiny-panel-2025') "
        f"(did you mean '{EXAMPLE}'?)"
    ]


@pytest.mark.parametrize(
    "role",
    [
        "Head of Service",
        "Designated Nurse",
        "Director of Children's Services",
        "Scrutiny Officer",
        "Designated Safeguarding Lead",
        "Chair of the Panel",
    ],
)
def test_roles_are_not_names(role):
    assert find_personal_data_in_record(role) == []
