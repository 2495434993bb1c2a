"""The "Record answers" mode of a meeting page: what the browser needs, read from the record schema.

A meeting page gets, beside its HTML, a JSON data block (added by the hook after sanitising, as My
pack's is) read by ``overrides/assets/javascripts/record-answers.js``: the meeting's id, date and
items with their questions, and the record's shape taken from ``schemas/record.schema.json``: the
field names in the schema's order, which are required, their lengths, the RAG values and action
statuses. The patterns the validator refuses in a record (every kind of personal data, names,
invisible characters) come from the checks themselves, so the browser and ``validate`` agree.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from scrutiny_packs.content import personal_data, records, yaml_source
from scrutiny_packs.model import Bank
from scrutiny_packs.packs.meetings import MeetingView, build_meeting_view
from scrutiny_packs.site import links, record_published
from scrutiny_packs.site.mypack import json_for_script

DATA_ELEMENT_ID = "sp-record-data"
STORAGE_PREFIX = "scrutiny-packs-record:"


def _schema(name: str) -> dict:
    return json.loads(resources.files("scrutiny_packs").joinpath("schemas", name).read_text(encoding="utf-8"))


def _max_length(prop: dict, defs: dict) -> int | None:
    """The tightest maxLength of a property, its own or through allOf/$ref to the shared definitions."""
    found = [prop["maxLength"]] if "maxLength" in prop else []
    for part in prop.get("allOf", []) + ([prop] if "$ref" in prop else []):
        ref = part.get("$ref", "")
        target = defs.get(ref.rsplit("/", 1)[-1], {}) if ref.startswith("_defs") else part
        if "maxLength" in target:
            found.append(target["maxLength"])
    return min(found) if found else None


def _shape(node: dict, defs: dict) -> dict[str, Any]:
    props = node["properties"]
    return {
        "order": [k for k in props if k != "editor_note"],
        "required": list(node.get("required", [])),
        "maxLength": {k: n for k, v in props.items() if (n := _max_length(v, defs)) is not None},
    }


@cache
def record_shape() -> dict[str, Any]:
    """The record's fields, required fields, lengths and allowed values, from the schema."""
    schema, defs = _schema("record.schema.json"), _schema("_defs.schema.json")["$defs"]
    item = schema["properties"]["items"]["items"]
    answer = item["properties"]["answers"]["items"]
    action = answer["properties"]["actions"]["items"]
    rag, status = answer["properties"]["rag"], action["properties"]["status"]
    action_shape = _shape(action, defs)
    # The names the form's markup uses, each checked here to be one of the schema's fields.
    names = {n: n for n in ("question", "summary", "rag", "actions", "revisit") if n in answer["properties"]}
    names |= {n: n for n in ("action", "owner", "due", "status") if n in action["properties"]}
    if len(names) != 9:
        raise RuntimeError(f"record.schema.json no longer has the fields the meeting page's form fills in: {names}")
    action_shape["required"] += [f for f in records.ACTION_ALSO_REQUIRED if f not in action_shape["required"]]
    return {
        "top": _shape(schema, defs),
        "item": _shape(item, defs),
        "answer": _shape(answer, defs),
        "action": action_shape,
        "names": names,
        "rag": list(rag["enum"]),
        "status": list(status["enum"]),
        "statusDefault": status.get("default"),
        "datePattern": defs["date"]["pattern"],
        "schemaComment": "# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/record.schema.json",
    }


def _js_pattern(pattern: str) -> str:
    """A Python pattern for a JavaScript RegExp with the u flag, every character beyond ASCII as an
    escape (a lone surrogate written as itself would not survive the page's HTML)."""

    def escape(char: str) -> str:
        code = ord(char)
        return char if 0x20 <= code < 0x7F else (f"\\u{code:04x}" if code <= 0xFFFF else f"\\u{{{code:x}}}")

    return "".join(escape(c) for c in pattern)


def checks() -> dict[str, Any]:
    """What the validator refuses in a record's text, as data the browser runs (record-checks.js): the
    personal-data detectors and their rules (``personal_data.browser_rules``) and the invisible characters."""
    return {
        "personalData": personal_data.browser_rules(),
        "control": _js_pattern(yaml_source.CONTROL.pattern),
        "invisible": _js_pattern(yaml_source.INVISIBLE.pattern),
    }


def meeting_data(bank: Bank, meeting: MeetingView) -> dict[str, Any]:
    agenda = bank.meetings[meeting.id]
    return {
        "meeting": {"id": meeting.id, "date": meeting.iso_date, "title": meeting.title},
        "storageKey": STORAGE_PREFIX + meeting.id,
        "fileName": meeting.id + records.SUFFIX,
        "items": [
            {
                "number": i.number,
                "questions": [{"id": q.id, "number": q.number} for q in i.view.questions],
            }
            for i in meeting.items
        ],
        "record": record_shape(),
        "followUp": record_published.follow_up_shape(),
        "rules": record_published.meeting_rules(bank, agenda),
        "published": record_published.published_state(bank.records.get(meeting.id), agenda),
        "checks": checks(),
    }


def later_meetings(bank: Bank, meeting: MeetingView) -> list[dict[str, str]]:
    """The meetings after this one, soonest first: where a question can be come back to."""
    agenda = bank.meetings[meeting.id]
    later = sorted(
        (a.date, a.id, a.name)
        for a in bank.meetings.values()
        if a.id != meeting.id
        and a.example == agenda.example  # an example never offers a council's meeting, nor the other way
        and a.date
        and agenda.date
        and a.date > agenda.date
    )
    return [{"id": id_, "name": name, "date": day.isoformat()} for day, id_, name in later]


def data_script(bank: Bank, meeting: MeetingView) -> str:
    """The meeting's record data as a JSON block (not run; read by record-answers.js)."""
    return (
        f'<script type="application/json" id="{DATA_ELEMENT_ID}">'
        f"{json_for_script(meeting_data(bank, meeting))}</script>"
    )


def meeting_script(bank: Bank, src_uri: str) -> str:
    """The data block for the meeting page at ``src_uri``, or '' for any other page."""
    for meeting_id, agenda in bank.meetings.items():
        if links.meeting(meeting_id) == src_uri:
            return data_script(bank, build_meeting_view(bank, agenda))
    return ""
