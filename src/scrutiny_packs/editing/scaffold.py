"""``scrutiny-packs new``: a new question file with a fresh id, ready to edit.

Question ids are ``q`` and a number. A new question always takes the number
after the highest ever used in content/questions/, so an id is never reused:
retired questions keep their files (and so their numbers), and gaps left by
anything else are never filled.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scrutiny_packs.content import ledger
from scrutiny_packs.model import question_number
from scrutiny_packs.problems import Problem, did_you_mean
from scrutiny_packs.text.framing import PLACEHOLDER_HINT, unknown_placeholders

QUESTIONS_DIR = Path("content") / "questions"
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/question.schema.json"
_NEEDS_QUOTES = re.compile(r"^(?:true|false|null|[0-9]+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuestionDraft:
    text: str
    areas: tuple[str, ...]
    audiences: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class Created:
    id: str
    path: Path  # absolute
    display_path: str  # relative to the repository root


def next_question_id(questions_dir: Path) -> str:
    """The id after the highest numbered question file, whatever its state or ending."""
    numbers = [0]
    if questions_dir.is_dir():
        for entry in questions_dir.iterdir():
            number = question_number(entry.name.split(".", 1)[0])
            if number is not None:
                numbers.append(number)
    return f"q{max(numbers) + 1:03d}"


def split_ids(raw: str | Iterable[str]) -> tuple[str, ...]:
    """Ids typed as 'a, b c' or given as repeated options, in order, without repeats."""
    parts = [raw] if isinstance(raw, str) else list(raw)
    found: list[str] = []
    for part in parts:
        for value in re.split(r"[\s,]+", part.strip()):
            if value and value not in found:
                found.append(value)
    return tuple(found)


def check_ids(values: tuple[str, ...], known: Iterable[str], what: str, option: str) -> list[Problem]:
    known = set(known)
    if not values:
        return [Problem(option, None, "", f"give at least one {what}", "known: " + ", ".join(sorted(known)))]
    return [
        Problem(option, None, "", f"{value!r} is not a known {what}", did_you_mean(value, known))
        for value in values
        if value not in known
    ]


def check_draft(draft: QuestionDraft, areas: Iterable[str], audiences: Iterable[str]) -> list[Problem]:
    """Problems with what was asked for, found before any file is written."""
    problems = []
    if not draft.text.strip():
        problems.append(Problem("--text", None, "", "the question text is empty", "type the question"))
    for name in unknown_placeholders(draft.text):
        problems.append(Problem("--text", None, "", f"unknown placeholder {{{name}}}", PLACEHOLDER_HINT))
    problems += check_ids(draft.areas, areas, "area", "--area")
    problems += check_ids(draft.audiences, audiences, "audience", "--audience")
    return problems


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted string.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _id_list(ids: Iterable[str]) -> str:
    return "[" + ", ".join(json.dumps(i) if _NEEDS_QUOTES.match(i) else i for i in ids) + "]"


def render_question(draft: QuestionDraft, today: dt.date) -> str:
    """The new file's text: the fields given, then the optional ones as comments to fill in."""
    lines = [
        SCHEMA_LINE,
        f"text: {_quoted(draft.text)}",
        f"areas: {_id_list(draft.areas)}",
        f"audiences: {_id_list(draft.audiences)}",
        "# Optional fields: remove the '#' at the start of a line to use it.",
        '# asked_of: "Who should answer, e.g. Children\'s services"',
        "# listen_for:",
        '#   - "One point a good answer would make"',
        "# benchmarks: [id-of-a-benchmark]",
        "# evidence: [id-of-an-indicator]",
        "# tags: [a-tag]",
        '# notes: "Why the question matters and how to follow it up."',
    ]
    if draft.source.strip():
        lines += ["source:", f"  document: {_quoted(draft.source)}"]
    else:
        lines += ["# source:", '#   document: "The report, guidance or web page the question comes from"']
    lines += [f"added: {today.isoformat()}", f"last_reviewed: {today.isoformat()}"]
    return "\n".join(lines) + "\n"


def write_question(root: Path, draft: QuestionDraft, today: dt.date) -> Created:
    """Write the file under the next free id. Never overwrites: a taken id moves on to the next."""
    folder = root / QUESTIONS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    text = render_question(draft, today)
    issued, _ = ledger.read(root / "content", root)
    while True:
        qid = next_question_id(folder)
        if issued is not None and (question_number(qid) or 0) <= issued.highest_question():
            qid = f"q{issued.highest_question() + 1:03d}"  # a number issued before is never reused
        path = folder / f"{qid}.yml"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:  # someone else took it a moment ago
            continue
        ledger.record_question(root, qid, today)
        return Created(qid, path, path.relative_to(root).as_posix())
