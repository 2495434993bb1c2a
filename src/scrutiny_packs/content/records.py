"""Meeting records: content/meetings/<meeting id>.record.yml, beside the meeting they record.

The agenda (the meeting file) is settled before the meeting; the record is written after it and
reviewed on its own. Each record is read and checked against its schema, then against its meeting:
the meeting must exist, each item must be on its agenda, each action needs an owner (a role) and a
due date on or after the meeting. Records are published, so anything that looks like personal data
is an error here, not a warning. A record is history: its questions are checked against the bank
later (``packs.checks.check_records``), retired or not, and never against today's packs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from scrutiny_packs.content import personal_data, recommendations
from scrutiny_packs.content.yaml_source import Path_, YamlDocument, field_name
from scrutiny_packs.ids import item_slug
from scrutiny_packs.model import Action, Agenda, Answer, Record, RecordItem
from scrutiny_packs.problems import Problem, Severity, did_you_mean

SUFFIX = ".record.yml"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")
OWNER_FIELD = "owner"
DUE_FIELD = "due"
DONE_FIELD = "done"
# Required of every action here though the schema leaves it optional (so that its error can say what to write).
ACTION_ALSO_REQUIRED = (OWNER_FIELD,)


def is_record_file(name: str) -> bool:
    return name.endswith(SUFFIX)


def _clean(text: Any) -> str:
    return " ".join(str(text).split()) if text is not None else ""


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def record_from_data(meeting_id: str, d: dict, path: str = "") -> Record:
    items = []
    for item in d["items"]:
        answers = []
        for a in item["answers"]:
            actions = tuple(
                Action(
                    _clean(x["action"]),
                    _clean(x.get("owner", "")),
                    _date(x.get("due")),
                    x.get("status", "open"),
                    _date(x.get("done")),
                )
                for x in a.get("actions", ())
            )
            revisit = _clean(a.get("revisit", ""))
            revisit_date = _date(revisit)
            answers.append(
                Answer(
                    a["question"],
                    _clean(a["summary"]),
                    a["rag"],
                    actions,
                    revisit_date,
                    "" if revisit_date else revisit,
                )
            )
        items.append(RecordItem(_clean(item["number"]), tuple(answers)))
    example = bool(d.get("example", False))
    recs, requests = recommendations.from_data(meeting_id, d, example)
    return Record(meeting_id, tuple(items), example, path, recs, requests)


def _item_key(number: Any) -> str:
    return item_slug(number)


def check_record(
    meeting_id: str, doc: YamlDocument, display: str, meetings: dict[str, Agenda], meeting_files: set[str]
) -> list[Problem]:
    """The checks of one record against its meeting, on the parsed data (valid or not)."""
    problems = personal_data.scan_record(doc, display)
    data = doc.data if isinstance(doc.data, dict) else {}
    if not ID_PATTERN.match(meeting_id) or meeting_id not in meeting_files:
        problems.append(
            Problem(
                display,
                None,
                "",
                f"records a meeting that is not in content/meetings/ ({meeting_id!r})",
                did_you_mean(meeting_id, meeting_files) or f"name the file after its meeting: <meeting id>{SUFFIX}",
            )
        )
        return problems
    agenda = meetings.get(meeting_id)  # None when the meeting file has problems of its own
    numbers = {_item_key(i.number): i for i in agenda.items} if agenda else {}
    items = data.get("items")
    for i, item in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(item, dict):
            continue
        number = item.get("number")
        if (
            agenda is not None
            and isinstance(number, (str, int))
            and not isinstance(number, bool)
            and _item_key(number) not in numbers
        ):
            where: Path_ = ("items", i, "number")
            problems.append(
                Problem(
                    display,
                    doc.line_of(where),
                    field_name(where),
                    f"item {number} is not on the agenda of {meeting_id}",
                    "agenda items: " + ", ".join(a.number for a in agenda.items),
                )
            )
        answers = item.get("answers")
        for j, answer in enumerate(answers if isinstance(answers, list) else ()):
            if not isinstance(answer, dict):
                continue
            base = ("items", i, "answers", j)
            revisit = answer.get("revisit")
            if (
                isinstance(revisit, str)
                and revisit.strip()
                and _date(revisit.strip()) is None
                and revisit.strip() not in meeting_files
            ):
                problems.append(
                    Problem(
                        display,
                        doc.line_of(base + ("revisit",)),
                        field_name(base + ("revisit",)),
                        f"{revisit!r} is neither a date nor a known meeting",
                        "write a date as YYYY-MM-DD, or the id of a meeting in content/meetings/",
                    )
                )
            actions = answer.get("actions")
            for k, action in enumerate(actions if isinstance(actions, list) else ()):
                if not isinstance(action, dict):
                    continue
                where = base + ("actions", k)
                owner = action.get(OWNER_FIELD)
                if owner is None or (isinstance(owner, str) and not owner.strip()):
                    problems.append(
                        Problem(
                            display,
                            doc.line_of(where),
                            field_name(where + (OWNER_FIELD,)),
                            "an action needs an owner",
                            "add 'owner:' with the role that will do it, e.g. 'Head of Service'",
                        )
                    )
                for name, said, hint in (
                    (DUE_FIELD, "due", "an action agreed at a meeting falls due on or after it"),
                    (DONE_FIELD, "done", "an action is done on or after the meeting that agreed it"),
                ):
                    day = _date(action.get(name))
                    if agenda is not None and agenda.date and day and day < agenda.date:
                        problems.append(
                            Problem(
                                display,
                                doc.line_of(where + (name,)),
                                field_name(where + (name,)),
                                f"{said} {day.isoformat()}, before the meeting on {agenda.date.isoformat()}",
                                hint,
                            )
                        )
    return problems


def overdue_problems(
    records: dict[str, Record], docs: dict[str, tuple[YamlDocument, str]], today: dt.date
) -> list[Problem]:
    """Warnings for open actions due before ``today``, each at its line in the record file, and for
    recommendations' responses, actions and information overdue; never for an example record."""
    problems = recommendations.overdue_problems(records, docs, today)
    for meeting_id, record in records.items():
        if record.example:
            continue
        doc = docs[meeting_id][0] if meeting_id in docs else None
        for i, item in enumerate(record.items):
            for j, answer in enumerate(item.answers):
                for k, action in enumerate(answer.actions):
                    if action.status == "open" and action.due and action.due < today:
                        where = ("items", i, "answers", j, "actions", k, "due")
                        problems.append(
                            Problem(
                                record.path,
                                doc.line_of(where) if doc else None,
                                field_name(where),
                                f"action overdue since {action.due.isoformat()} ({action.owner}: {action.what})",
                                "mark it 'done' or 'dropped', or agree a new due date",
                                Severity.WARNING,
                            )
                        )
    return problems


def revisit_problems(
    records: dict[str, Record], docs: dict[str, tuple[YamlDocument, str]], meetings: dict[str, Agenda], today: dt.date
) -> list[Problem]:
    """Warnings for answers to come back to on a date that has passed, or at a meeting held before
    the one recorded, each at its line in the record file."""
    problems = []
    for meeting_id, record in records.items():
        if record.example:
            continue
        doc = docs[meeting_id][0] if meeting_id in docs else None
        held = meetings[meeting_id].date if meeting_id in meetings else None
        for i, item in enumerate(record.items):
            for j, answer in enumerate(item.answers):
                where = ("items", i, "answers", j, "revisit")
                line = doc.line_of(where) if doc else None
                if answer.revisit_date and answer.revisit_date < today:
                    problems.append(
                        Problem(
                            record.path,
                            line,
                            field_name(where),
                            f"{answer.question} was to be come back to on {answer.revisit_date.isoformat()},"
                            " which has passed",
                            "ask it again at a meeting, or set a new 'revisit' date or meeting",
                            Severity.WARNING,
                        )
                    )
                later = meetings.get(answer.revisit_meeting) if answer.revisit_meeting else None
                if later is not None and later.date and held and later.date < held:
                    problems.append(
                        Problem(
                            record.path,
                            line,
                            field_name(where),
                            f"{answer.question} is to be come back to at {later.id}, held on {later.date.isoformat()}, "
                            f"before this meeting on {held.isoformat()}",
                            "name a later meeting, or a date on or after this one",
                            Severity.WARNING,
                        )
                    )
    return problems
