"""Near-duplicate questions: a warning for reviewers, never an error.

Each question is compared in its "you" reading, lower-cased, without
punctuation and with its words in alphabetical order, so that rewording the
order of a sentence does not hide a repeat. The score is rapidfuzz's
``ratio`` (0 to 100) of those normalised texts.

Comparing every pair would be slow for a bank of thousands of questions, so
each question is only scored against questions that share at least half of
the distinct words of the longer of the two (found through an index of each
question's rarest words), and the scoring itself is done by ``rapidfuzz.process.extract`` with
a score cutoff. Texts that share fewer than half their words do not read as
the same question.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process, utils

from scrutiny_packs.content.yaml_source import read_yaml
from scrutiny_packs.model import Bank, Question, question_number
from scrutiny_packs.problems import Problem, Severity
from scrutiny_packs.text.framing import frame

DEFAULT_THRESHOLD = 90
SHARED_WORDS = 0.5  # the share of the longer text's distinct words two texts must have in common to be scored
_FAR_PAST = dt.date.min


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    newer: str  # the id flagged
    older: str  # the id it resembles
    score: int  # 0 to 100


def normalise(text: str) -> str:
    return " ".join(sorted(utils.default_process(frame(text, "you")).split()))


def _age_key(q: Question) -> tuple:
    number = question_number(q.id)
    return (q.added or _FAR_PAST, number if number is not None else -1, q.id)


def _candidates(words: list[list[str]]) -> list[set[int]]:
    """For each text, the earlier texts (in the order given) sharing enough words to be worth scoring."""
    frequency = Counter(w for ws in words for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    found: list[set[int]] = [set() for _ in words]
    # Smallest first, so each text meets every candidate at least as small as itself.
    for i in sorted(range(len(words)), key=lambda k: len(words[k])):
        rare_first = sorted(words[i], key=lambda w: (frequency[w], w))
        size = len(rare_first)
        # Two sets sharing at least half their words overlap within this prefix of each.
        prefix = size - math.ceil(SHARED_WORDS * size) + 1
        for word in rare_first[:prefix]:
            found[i].update(index[word])
            index[word].append(i)
    return found


def near_duplicates(questions: Iterable[Question], threshold: int = DEFAULT_THRESHOLD) -> list[NearDuplicate]:
    """Pairs of questions whose normalised texts score at least threshold, strongest first."""
    items = list(questions)
    keys = [normalise(q.text) for q in items]
    words = [sorted(set(k.split())) for k in keys]
    found: dict[tuple[str, str], NearDuplicate] = {}
    for i, others in enumerate(_candidates(words)):
        if not others:
            continue
        others_list = sorted(others)
        for _, score, position in process.extract(keys[i], [keys[j] for j in others_list], scorer=fuzz.ratio,
                                                  processor=None, score_cutoff=threshold, limit=None):
            a, b = items[i], items[others_list[position]]
            newer, older = (a, b) if _age_key(a) > _age_key(b) else (b, a)
            found[(newer.id, older.id)] = NearDuplicate(newer.id, older.id, int(score))
    return sorted(found.values(), key=lambda d: (-d.score, d.newer, d.older))


def duplicate_problems(bank: Bank, root: Path, threshold: int = DEFAULT_THRESHOLD) -> list[Problem]:
    """A warning on the newer file of each near-duplicate pair, naming both ids and the score.

    Retired questions are left out: a replacement often rewords the question it replaces.
    """
    problems = []
    for dup in near_duplicates(bank.active_questions(), threshold):
        display = bank.questions[dup.newer].path
        line = None
        doc, _ = read_yaml(Path(root) / display, display)
        if doc is not None:
            line = doc.line_of(("text",))
        problems.append(Problem(
            display, line, "text",
            f"{dup.newer} reads almost the same as {dup.older} (similarity {dup.score} out of 100)",
            f"if they ask the same thing, keep {dup.older} and drop this one; if not, make the difference clear",
            Severity.WARNING,
        ))
    return problems

