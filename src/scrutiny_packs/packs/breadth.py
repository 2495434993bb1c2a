"""Warnings about selections that give more questions than their authors likely meant.

An agenda item is asked a handful of questions; a selection giving more than ``BROAD`` is named
with its count and the reasons it is broad (``match: any``, a parent area standing for its
sub-areas, several areas, no audience). A file written with ``match: any`` whose questions differ
from what the same lists give without it is told what each gives.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from scrutiny_packs.model import Bank, Selection
from scrutiny_packs.packs.select import select
from scrutiny_packs.problems import Problem, Severity

if TYPE_CHECKING:
    from scrutiny_packs.content.yaml_source import YamlDocument

BROAD = 25  # questions: more than an agenda item is usually asked


def reasons(bank: Bank, selection: Selection) -> list[str]:
    """Why a selection gives many questions, in words."""
    why = []
    if selection.match == "any":
        why.append("'match: any' takes a question matching any one list")
    if not (selection.areas or selection.audiences or selection.tags or selection.questions):
        why.append("it names no areas, audiences, tags or questions, so every question goes in")
    for area_id in selection.areas:
        below = bank.area_and_descendants(area_id) - {area_id} if area_id in bank.areas else set()
        if below:
            why.append(f"the area '{area_id}' brings its {len(below)} sub-areas")
    if len(selection.areas) > 1:
        why.append(f"{len(selection.areas)} areas widen it")
    if len(selection.tags) > 1:
        why.append(f"{len(selection.tags)} tags widen it")
    if not selection.audiences and (selection.areas or selection.tags):
        why.append("no audience narrows it")
    return why


def selection_warnings(
    bank: Bank, selection: Selection, doc: YamlDocument, display: str, where: tuple, what: str
) -> list[Problem]:
    """Warnings for one selection (``where`` is its path in the file, ``what`` names it: 'item 6')."""
    problems = []
    path = where + ("selection",)
    field = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
    count = len(select(bank, selection))
    if selection.match == "any":
        narrowed = len(select(bank, replace(selection, match="")))
        if narrowed != count:
            problems.append(
                Problem(
                    display,
                    doc.line_of(path + ("match",)) or doc.line_of(path),
                    f"{field}.match",
                    f"{what}: 'any' takes a question matching any one list: {count} questions; without it "
                    f"the lists narrow together: {narrowed}",
                    "remove 'match: any' unless the wider set is meant",
                    Severity.WARNING,
                )
            )
    if count > BROAD:
        why = reasons(bank, selection)
        problems.append(
            Problem(
                display,
                doc.line_of(path),
                field,
                f"{what} gives {count} questions, more than {BROAD}" + (f": {'; '.join(why)}" if why else ""),
                "narrow it: add an audience, name fewer or smaller areas, or list the questions",
                Severity.WARNING,
            )
        )
    return problems
