"""Which questions go in a pack, in what order, and under which area each is shown.

One meaning everywhere (pack files, meeting files, the command line, the site's filters): each
kind of list narrows (areas AND audiences AND tags), several values in one list widen (this area
OR that one), and ``questions`` adds the questions it names. With no list, every question goes in.
The exclude lists then take questions out, and ``origins`` keeps only questions of those origins.
Retired questions never go in. A parent area stands for its sub-areas too.

Two older meanings stay for files written with them: ``match: any`` (a question matching any one
list goes in) and ``match: all`` (a question must match every list, ``questions`` too).

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
    criteria = []
    if selection.areas:
        criteria.append(lambda q: any(a in areas for a in q.areas))
    if selection.audiences:
        criteria.append(lambda q: any(a in selection.audiences for a in q.audiences))
    if selection.tags:
        criteria.append(lambda q: any(t in selection.tags for t in q.tags))
    tests = criteria + ([lambda q: q.id in listed] if selection.questions else [])

    def included(q: Question) -> bool:
        if selection.match == "any":
            return not tests or any(test(q) for test in tests)
        if selection.match == "all":
            return all(test(q) for test in tests)
        if q.id in listed:
            return True
        return all(test(q) for test in criteria) if criteria else not listed

    def wanted(q: Question) -> bool:
        if selection.origins and q.origin not in selection.origins:
            return False
        if not included(q):
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
    lead = {"all": "questions matching all of ", "any": "questions matching any of "}.get(selection.match, "")
    return lead + "; ".join(parts)
