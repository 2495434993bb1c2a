"""Checks on pack files that need the whole bank: tags, an empty selection, a taken address.

References to areas, audiences, tags and questions are checked with the rest of
the content (``content.references``); these come after, on loaded packs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_packs.content.council import is_council, load_council
from scrutiny_packs.content.load import LoadResult, ReadCache, load_bank
from scrutiny_packs.content.references import PACK_REFERENCES, known_in_bank, pack_fields, unknown_names
from scrutiny_packs.content.yaml_source import field_name
from scrutiny_packs.ids import item_slug
from scrutiny_packs.model import Agenda, Bank, PackSpec
from scrutiny_packs.packs.breadth import selection_warnings
from scrutiny_packs.packs.select import describe, select
from scrutiny_packs.problems import Problem, Severity, did_you_mean, sort_problems

if TYPE_CHECKING:
    from scrutiny_packs.content.yaml_source import YamlDocument


def load_checked(root: Path | str = ".", content_dir: str = "content", cache: ReadCache | None = None) -> LoadResult:
    """Load content/ and check all of it: every file (``content.load``), then each pack file's
    selection against the loaded bank. What the site, the packs and ``validate`` all start from.
    """
    if content_dir == "content" and is_council(Path(root)):  # a council's site: the national bank and its overlay
        result = load_council(Path(root), cache=cache)
        if not result.ok:
            return result
        # A national pack that the council's hiding left with nothing to ask is not on the council's site.
        packs = result.bank.packs
        for pack_id in [p for p, spec in packs.items() if not select(result.bank, spec.selection).questions]:
            del packs[pack_id]
    else:
        result = load_bank(root, content_dir, cache=cache)
    result.problems += check_packs(result.bank, result.documents.get("packs", {}))
    result.problems += check_meetings(result.bank, result.documents.get("meetings", {}))
    result.problems += check_records(result.bank, result.documents.get("records", {}))
    return result


def check_all(
    root: Path | str = ".",
    *,
    loaded: LoadResult | None = None,
    today: dt.date | None = None,
    similarity: int | None = None,
) -> list[Problem]:
    """Every problem and warning in content/, sorted: what "checked" means for ``validate``, CI and
    the site build alike.

    Errors: everything ``load_checked`` finds. Warnings: those it finds too (a question with no
    source ...), then near-duplicate questions (``similarity`` out of 100, 90 unless given), and
    actions overdue and answers due to be come back to on ``today`` (the real today unless given).
    ``loaded``: the result of ``load_checked(root)`` when the caller has it already.
    """
    from scrutiny_packs.content.duplicates import DEFAULT_THRESHOLD, duplicate_problems
    from scrutiny_packs.content.records import overdue_problems, revisit_problems

    result = loaded if loaded is not None else load_checked(root)
    bank, on = result.bank, today or dt.date.today()
    records = result.documents.get("records", {})
    return sort_problems(
        result.problems
        + duplicate_problems(bank, Path(root), DEFAULT_THRESHOLD if similarity is None else similarity)
        + overdue_problems(bank.records, records, on)
        + revisit_problems(bank.records, records, bank.meetings, on)
    )


def check_packs(bank: Bank, docs: dict[str, tuple[YamlDocument, str]]) -> list[Problem]:
    """Problems in the loaded pack files of content/packs/."""
    problems: list[Problem] = []
    for pack_id, spec in bank.packs.items():
        doc, display = docs[pack_id]
        if pack_id in bank.audiences:
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    f"the address /packs/{pack_id}/ belongs to the pack made for the "
                    f"{bank.audiences[pack_id].name!r} audience",
                    f"rename the file, e.g. '{pack_id}-meeting.yml'",
                )
            )
            continue
        problems += check_spec(bank, spec, doc, display)
        problems += retired_problems(bank, spec, doc, display)
        problems += selection_warnings(bank, spec.selection, doc, display, (), "the pack")
    return problems


def retired_problems(bank: Bank, spec: PackSpec, doc: YamlDocument, display: str) -> list[Problem]:
    """A warning for each question the pack names that is retired: it is left out of the pack."""
    problems = []
    for index, qid in enumerate(spec.selection.questions):
        question = bank.questions.get(qid)
        if question is None or not question.retired:
            continue
        successor = question.replaced_by if question.replaced_by in bank.questions else None
        path = ("selection", "questions", index)
        problems.append(
            Problem(
                display,
                doc.line_of(path),
                field_name(path),
                f"{qid!r} is retired, so the pack leaves it out"
                + (f"; {successor!r} replaces it" if successor else ""),
                f"list {successor!r} instead" if successor else "remove it from the list",
                Severity.WARNING,
            )
        )
    return problems


def check_spec(bank: Bank, spec: PackSpec, doc: YamlDocument, display: str) -> list[Problem]:
    """A selection that matches nothing, in one pack file.

    Only reported when every name in it is known: an unknown name is the problem to fix first,
    and is reported as such with the other references (``content.references``).
    """
    if unknown_names(pack_fields(spec), PACK_REFERENCES, known_in_bank(bank)):
        return []
    if select(bank, spec.selection).questions:
        return []
    return [
        Problem(
            display,
            doc.line_of(("selection",)),
            "selection",
            f"matches no questions ({describe(spec.selection)})",
            EMPTY_HINT,
        )
    ]


def check_meetings(bank: Bank, docs: dict[str, tuple[YamlDocument, str]]) -> list[Problem]:
    """Problems in the loaded meeting files of content/meetings/."""
    problems: list[Problem] = []
    for meeting_id, agenda in bank.meetings.items():
        doc, display = docs[meeting_id]
        problems += check_agenda(bank, agenda, doc, display)
        problems += agenda_warnings(bank, agenda, doc, display)
    return problems


def agenda_warnings(bank: Bank, agenda: Agenda, doc: YamlDocument, display: str) -> list[Problem]:
    """Warnings for the selections written in a meeting file (a pack's are warned about in its own file)."""
    known = known_in_bank(bank)
    return [
        p
        for i, item in enumerate(agenda.items)
        if item.inline is not None and not unknown_names(pack_fields(item.inline), PACK_REFERENCES, known)
        for p in selection_warnings(bank, item.inline.selection, doc, display, ("items", i), f"item {item.number}")
    ]


def check_agenda(bank: Bank, agenda: Agenda, doc: YamlDocument, display: str) -> list[Problem]:
    """An agenda item whose selection, written in the meeting file, matches no questions.

    As for pack files, only reported when every name in the selection is known.
    """
    problems: list[Problem] = []
    known = known_in_bank(bank)
    for i, item in enumerate(agenda.items):
        if item.inline is None or unknown_names(pack_fields(item.inline), PACK_REFERENCES, known):
            continue
        if not select(bank, item.inline.selection).questions:
            problems.append(
                Problem(
                    display,
                    doc.line_of(("items", i, "selection")),
                    f"items[{i}].selection",
                    f"item {item.number} matches no questions ({describe(item.inline.selection)})",
                    EMPTY_HINT,
                )
            )
    return problems


EMPTY_HINT = "widen the selection, or use 'match: any' to take questions matching any list"


def check_records(bank: Bank, docs: dict[str, tuple[YamlDocument, str]]) -> list[Problem]:
    """Each question a record answers must be a question of the bank that could have been asked then.

    A record is history: it is checked against the meeting as it was, not against today's packs. A
    question retired since, or taken out of the item's pack for later meetings, stays a good answer.
    What can still be known is checked: the question is in the bank, retired or not (a question's
    'added' date is when it joined this bank, not when it was first asked, so it says nothing about an
    earlier meeting). The item's questions today serve only as a hint for an id the bank lacks."""
    from scrutiny_packs.packs.meetings import item_spec

    problems: list[Problem] = []
    for meeting_id, record in bank.records.items():
        agenda = bank.meetings.get(meeting_id)
        if agenda is None or meeting_id not in docs:
            continue
        doc, display = docs[meeting_id]
        items = {item_slug(i.number): i for i in agenda.items}
        for i, recorded in enumerate(record.items):
            item = items.get(item_slug(recorded.number))
            spec = item_spec(bank, agenda, item) if item else None
            for j, answer in enumerate(recorded.answers):
                where = ("items", i, "answers", j, "question")
                question = bank.questions.get(answer.question)
                if question is None:
                    asked = [q.id for q in select(bank, spec.selection).questions] if spec else []
                    problems.append(
                        Problem(
                            display,
                            doc.line_of(where),
                            f"items[{i}].answers[{j}].question",
                            f"{answer.question!r} is not a question in the bank",
                            did_you_mean(answer.question, asked or bank.questions)
                            or "name a question by its id, e.g. q004",
                        )
                    )
    return problems
