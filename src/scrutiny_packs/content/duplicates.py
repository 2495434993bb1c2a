"""Near-duplicate questions: a warning for reviewers, never an error.

Two tests, either of which flags a pair:

- Characters: each question in its "you" reading, lower-cased, without punctuation and
  with its words in alphabetical order (so that reordering a sentence does not hide a
  repeat), scored with rapidfuzz's ``ratio`` (0 to 100); a pair scoring at least the
  threshold (90 by default) is flagged. Catches misspellings and small rewordings of
  long questions.
- Words: the same questions' words less the little words that carry no meaning of their
  own ("the", "on", "per", "each" ...). A pair whose meaningful words differ by at most one
  added or dropped word, or one word changed for another, is flagged when they share at
  least four (or the same words in any order, sharing three). Catches short questions
  reworded by a word or two ("nurses on 24 hours per day" and "nurses on duty 24 hours
  each day"), which a character score misses.

A reviewer who judges two such questions different says so in the newer file with
``distinct_from: [q065]``, and the warning goes.

Comparing every pair would be slow for a bank of thousands of questions, so each
question is only scored against questions that could pass: for characters, those
sharing at least half of the distinct words of the longer of the two; for words,
those sharing one of its three rarest meaningful words (a pair differing by at most
two meaningful words always does). Both are found through an index of rare words.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from scrutiny_packs.content.yaml_source import read_yaml
from scrutiny_packs.model import Bank, Question, question_number
from scrutiny_packs.problems import Problem, Severity
from scrutiny_packs.text.framing import frame

DEFAULT_THRESHOLD = 90
SHARED_WORDS = 0.5  # the share of the longer text's distinct words two texts must have in common to be scored
WORD_EDITS = 2  # meaningful words that may differ (one changed counts two: one out, one in)
SHARED_MEANINGFUL = 4  # meaningful words a pair must share when they differ at all
SHARED_WHEN_SAME = 3  # ... and when only their order or little words differ
_FAR_PAST = dt.date.min

# Words that carry little meaning of their own in a question. Question words (how, why,
# many ...) and negations are not among them: changing one changes the question.
LITTLE_WORDS = frozenset(
    """
a an the of to in on at for per each every all any some by with from into onto within about over under across
and or as than then so also is are was were be been being am do does did doing done have has had having
this that these those it its there their theirs they them you your yours yourself yourselves we our ours us
itself themselves get gets got currently actually really now still
""".split()
)


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    newer: str  # the id flagged
    older: str  # the id it resembles
    score: int  # 0 to 100: the character score
    change: str = ""  # for a pair flagged by its words: what differs, in words ("'duty' added")


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


def _tokens(text: str) -> list[str]:
    return utils.default_process(frame(text, "you")).split()


def meaningful(text: str) -> list[str]:
    """The words of a question that carry its meaning, in order."""
    return [w for w in _tokens(text) if w not in LITTLE_WORDS]


def word_change(a: list[str], b: list[str]) -> tuple[int, int] | None:
    """(words differing, words shared) of two meaningful-word lists, when they pass the word test."""
    ca, cb = Counter(a), Counter(b)
    shared = sum((ca & cb).values())
    differing = sum((ca - cb).values()) + sum((cb - ca).values())
    if differing > WORD_EDITS:
        return None
    if shared < (SHARED_WHEN_SAME if differing == 0 else SHARED_MEANINGFUL):
        return None
    return differing, shared


def describe_change(older: str, newer: str) -> str:
    """What the newer text changes in the older one, in words: "'duty' added, 'per' changed to 'each'"."""
    a, b = _tokens(older), _tokens(newer)
    if sorted(a) == sorted(b):
        return "the same words in another order"
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "insert":
            parts.append(f"{new!r} added")
        elif op == "delete":
            parts.append(f"{old!r} left out")
        elif op == "replace":
            parts.append(f"{old!r} changed to {new!r}")
    if len(parts) > 3:
        return "a few words changed"
    return ", ".join(parts) or "the same words"


def _word_candidates(words: list[list[str]]) -> list[set[int]]:
    """For each text, the earlier texts (in the order given) sharing one of its rarest meaningful words:
    two texts differing by at most WORD_EDITS words share a word among the WORD_EDITS + 1 rarest of each."""
    sets = [sorted(set(ws)) for ws in words]
    frequency = Counter(w for ws in sets for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    found: list[set[int]] = [set() for _ in words]
    for i in range(len(sets)):
        for word in sorted(sets[i], key=lambda w: (frequency[w], w))[: WORD_EDITS + 1]:
            found[i].update(index[word])
            index[word].append(i)
    return found


def near_duplicates(
    questions: Iterable[Question], threshold: int | None = DEFAULT_THRESHOLD, by_words: bool = True
) -> list[NearDuplicate]:
    """Pairs of questions that read almost the same, strongest first: a character score of at least
    threshold (None: no character test), or (with ``by_words``) meaningful words differing by at
    most a word or two."""
    items = list(questions)
    keys = [normalise(q.text) for q in items]
    words = [sorted(set(k.split())) for k in keys]
    found: dict[tuple[str, str], NearDuplicate] = {}

    def add(a: Question, b: Question, score: float, change: str = "") -> None:
        newer, older = (a, b) if _age_key(a) > _age_key(b) else (b, a)
        if (newer.id, older.id) not in found:
            if change:
                change = describe_change(older.text, newer.text)
            found[(newer.id, older.id)] = NearDuplicate(newer.id, older.id, int(score), change)

    for i, others in enumerate(_candidates(words) if threshold is not None else ()):
        if not others:
            continue
        others_list = sorted(others)
        for _, score, position in process.extract(
            keys[i],
            [keys[j] for j in others_list],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
            limit=None,
        ):
            add(items[i], items[others_list[position]], score)
    if by_words:
        content = [meaningful(q.text) for q in items]
        for i, others in enumerate(_word_candidates(content)):
            for j in others:
                if word_change(content[i], content[j]) is not None:
                    add(items[i], items[j], fuzz.ratio(keys[i], keys[j]), change="yes")
    return sorted(found.values(), key=lambda d: (-d.score, d.newer, d.older))


def acknowledged(bank: Bank, dup: NearDuplicate) -> bool:
    """Whether a reviewer has said the pair ask different things (``distinct_from`` in either file)."""
    newer, older = bank.questions[dup.newer], bank.questions[dup.older]
    return dup.older in newer.distinct_from or dup.newer in older.distinct_from


def duplicate_problems(bank: Bank, root: Path, threshold: int = DEFAULT_THRESHOLD) -> list[Problem]:
    """A warning on the newer file of each near-duplicate pair, naming both ids and the score.

    Retired questions are left out: a replacement often rewords the question it replaces.
    """
    problems = []
    for dup in near_duplicates(bank.active_questions(), threshold):
        if acknowledged(bank, dup):
            continue
        display = bank.questions[dup.newer].path
        line = None
        doc, _ = read_yaml(Path(root) / display, display)
        if doc is not None:
            line = doc.line_of(("text",))
        if dup.change:
            message = f"{dup.newer} reads almost the same as {dup.older} ({dup.change})"
        else:
            message = f"{dup.newer} reads almost the same as {dup.older} (similarity {dup.score} out of 100)"
        problems.append(
            Problem(
                display,
                line,
                "text",
                message,
                f"if they ask the same thing, keep {dup.older} and drop this one; if they ask different things, "
                f"make the difference clear, or add 'distinct_from: [{dup.older}]' to this file",
                Severity.WARNING,
            )
        )
    return problems
