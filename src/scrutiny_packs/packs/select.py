"""Which questions go in a pack, in what order, and under which area each is shown.

A question goes in when it matches the include lists (any of them, or all of
them with ``match: all``; every question when none is given) and none of the
exclude lists. Retired questions never go in. A parent area stands for its
sub-areas too.

Each question is shown once, under one area: the first of its own areas that
the pack asked for, or else the first area it lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny_packs.model import Bank, Question, Selection

INCLUDE_FIELDS = ("areas", "audiences", "tags", "questions")


@dataclass(frozen=True, slots=True)
class Selected:
    questions: tuple[Question, ...]  # in pack order
    shown_under: dict[str, str]  # question id -> the area it is shown under
    left_out: tuple[str, ...] = ()  # retired questions the pack named by id

    def __len__(self) -> int:
        return len(self.questions)


def _expand_areas(bank: Bank, area_ids: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for area_id in area_ids:
        if area_id in bank.areas:
            out |= bank.area_and_descendants(area_id)
    return out


def select(bank: Bank, selection: Selection) -> Selected:
    """The questions a selection picks, in pack order. Unknown names simply match nothing."""
    areas = _expand_areas(bank, selection.areas)
    no_areas = _expand_areas(bank, selection.exclude_areas)
    listed = set(selection.questions)
    tests = []
    if selection.areas:
        tests.append(lambda q: any(a in areas for a in q.areas))
    if selection.audiences:
        tests.append(lambda q: any(a in selection.audiences for a in q.audiences))
    if selection.tags:
        tests.append(lambda q: any(t in selection.tags for t in q.tags))
    if selection.questions:
        tests.append(lambda q: q.id in listed)
    combine = all if selection.match == "all" else any

    def wanted(q: Question) -> bool:
        if selection.origins and q.origin not in selection.origins:
            return False
        if tests and not combine(test(q) for test in tests):
            return False
        return not (
            any(a in no_areas for a in q.areas)
            or any(a in selection.exclude_audiences for a in q.audiences)
            or any(t in selection.exclude_tags for t in q.tags)
            or q.id in selection.exclude_questions
        )

    chosen = [q for q in bank.questions.values() if not q.retired and wanted(q)]
    left_out = tuple(qid for qid in selection.questions if qid in bank.questions and bank.questions[qid].retired)
    shown_under = {q.id: _shown_under(q, areas) for q in chosen}
    area_rank = {a.id: i for i, a in enumerate(bank.areas_in_order())}
    bank_rank = {qid: i for i, qid in enumerate(bank.questions)}

    def by_area(q: Question) -> tuple[int, int]:
        return area_rank.get(shown_under[q.id], len(area_rank)), bank_rank[q.id]

    if selection.order == "bank":
        ordered = sorted(chosen, key=lambda q: bank_rank[q.id])
    elif selection.order == "listed":
        position = {qid: i for i, qid in enumerate(selection.questions)}
        named = sorted((q for q in chosen if q.id in position), key=lambda q: position[q.id])
        ordered = named + sorted((q for q in chosen if q.id not in position), key=by_area)
    else:
        ordered = sorted(chosen, key=by_area)
    return Selected(tuple(ordered), shown_under, left_out)


def _shown_under(q: Question, asked_for: set[str]) -> str:
    for area_id in q.areas:
        if area_id in asked_for:
            return area_id
    return q.areas[0]


def describe(selection: Selection) -> str:
    """The include and exclude lists in words, for a message about an empty selection."""
    parts = []
    for name in INCLUDE_FIELDS + tuple(f"exclude_{n}" for n in INCLUDE_FIELDS) + ("origins",):
        values = getattr(selection, name)
        if values:
            parts.append(f"{name.replace('_', ' ')}: {', '.join(values)}")
    if not parts:
        return "every question"
    return ("questions matching all of " if selection.match == "all" else "") + "; ".join(parts)
