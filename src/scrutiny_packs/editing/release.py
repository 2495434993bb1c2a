"""Releases of the national bank: what changed for each question and benchmark between two versions of
the bank, and the version number that follows from it.

A council that builds its own site on the national bank needs to know, item by item, what an update
does: a question reworded or retired changes what its panel is asked, a corrected typo does not. So
each item is classed as one of:

- ``unchanged``;
- ``minor``: wording changed only a little (a typo, punctuation), nothing else;
- ``modified``: wording changed more than a little, or its listen-for points or benchmarks changed;
- ``moved``: its areas changed;
- ``retired``: taken out of packs, with the reason and any replacement;
- ``split``: retired in favour of several questions (``split_into``);
- ``merged``: retired together with others into one question (they share ``replaced_by``);
- ``added``: new in this release.

The version follows semantic versioning as a council would read it: a major release when any item
was modified, moved, retired, split or merged; a minor release when items were only added; a patch
release when only wording was touched up.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Literal

from rapidfuzz import fuzz

from scrutiny_packs.model import Bank, Benchmark, Question

Kind = Literal["unchanged", "minor", "modified", "moved", "retired", "split", "merged", "added"]
KINDS: tuple[Kind, ...] = ("added", "modified", "moved", "split", "merged", "retired", "minor", "unchanged")
MAJOR: frozenset[Kind] = frozenset({"modified", "moved", "retired", "split", "merged"})
# Wording at least this alike (rapidfuzz ratio, out of 100) counts as a minor change.
MINOR_SIMILARITY = 95
VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)\Z")


@dataclass(frozen=True)
class Change:
    """What happened to one item between two releases."""

    collection: Literal["questions", "benchmarks"]
    item: str
    kind: Kind
    detail: str = ""
    replacement: tuple[str, ...] = ()
    reason: str = ""


def _words(text: str) -> str:
    return " ".join(text.split())


def _first_sentence(text: str) -> str:
    text = _words(text)
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def _question_change(old: Question, new: Question, retired_into: Counter[str]) -> Change:
    if new.retired and not old.retired:
        reason = _first_sentence(new.notes)
        if len(new.split_into) > 1:
            return Change(
                "questions", new.id, "split", "split into " + ", ".join(new.split_into), new.split_into, reason
            )
        if new.replaced_by and retired_into[new.replaced_by] > 1:
            return Change("questions", new.id, "merged", f"merged into {new.replaced_by}", (new.replaced_by,), reason)
        replacement = (new.replaced_by,) if new.replaced_by else ()
        return Change("questions", new.id, "retired", "retired", replacement, reason)
    if set(old.areas) != set(new.areas):
        return Change("questions", new.id, "moved", f"areas {', '.join(old.areas)} -> {', '.join(new.areas)}")
    text_changed = _words(old.text) != _words(new.text)
    others_changed = (
        tuple(map(_words, old.listen_for)) != tuple(map(_words, new.listen_for))
        or set(old.benchmarks) != set(new.benchmarks)
        or set(old.audiences) != set(new.audiences)
    )
    if not text_changed and not others_changed:
        return Change("questions", new.id, "unchanged")
    if text_changed and not others_changed and fuzz.ratio(_words(old.text), _words(new.text)) >= MINOR_SIMILARITY:
        return Change("questions", new.id, "minor", "wording touched up")
    what = [
        w
        for w, changed in (("wording", text_changed), ("listen-for points, benchmarks or audiences", others_changed))
        if changed
    ]
    return Change("questions", new.id, "modified", " and ".join(what) + " changed")


def _benchmark_change(old: Benchmark, new: Benchmark) -> Change:
    if set(old.areas) != set(new.areas):
        return Change("benchmarks", new.id, "moved", f"areas {', '.join(old.areas)} -> {', '.join(new.areas)}")
    before, after = _words(old.title + " " + old.text), _words(new.title + " " + new.text)
    if before == after:
        return Change("benchmarks", new.id, "unchanged")
    if fuzz.ratio(before, after) >= MINOR_SIMILARITY:
        return Change("benchmarks", new.id, "minor", "wording touched up")
    return Change("benchmarks", new.id, "modified", "what good looks like changed")


def compare(old: Bank, new: Bank) -> list[Change]:
    """Every question and benchmark of either bank, with what happened to it, in id order."""
    retired_into = Counter(
        q.replaced_by for q in new.questions.values() if q.replaced_by and not old.questions.get(q.id, q).retired
    )
    changes = [
        _question_change(old.questions[qid], q, retired_into)
        if qid in old.questions
        else Change("questions", qid, "added")
        for qid, q in new.questions.items()
    ]
    changes += [
        _benchmark_change(old.benchmarks[bid], b) if bid in old.benchmarks else Change("benchmarks", bid, "added")
        for bid, b in new.benchmarks.items()
    ]
    return sorted(changes, key=lambda c: (c.collection, c.item))


def bump(version: str, changes: list[Change]) -> str:
    """The version after ``version`` that these changes call for (the same one when nothing changed)."""
    match = VERSION.match(version)
    if match is None:
        raise ValueError(f"{version!r} is not a version like 1.4.0")
    major, minor, patch = map(int, match.groups())
    kinds = {c.kind for c in changes}
    if kinds & MAJOR:
        return f"{major + 1}.0.0"
    if "added" in kinds:
        return f"{major}.{minor + 1}.0"
    if "minor" in kinds:
        return f"{major}.{minor}.{patch + 1}"
    return version


def summary(changes: list[Change]) -> dict[str, int]:
    """How many items of each kind, in the order a reader cares about (changes first)."""
    counts = Counter(c.kind for c in changes)
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def to_json(old_version: str, new_version: str, changes: list[Change]) -> str:
    """The machine-readable changelog between two releases."""
    return (
        json.dumps(
            {
                "from": old_version,
                "to": new_version,
                "summary": summary(changes),
                "changes": [{k: v for k, v in asdict(c).items() if v not in ("", ())} for c in changes],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )
