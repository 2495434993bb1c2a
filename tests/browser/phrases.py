"""Distinctive phrases to search for, chosen from the bank rather than written into tests."""

from __future__ import annotations

import re
from functools import cache

from scrutiny_packs.text.framing import frame

WINDOW = 4  # words


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]", text)


@cache
def _vocabulary(bank_id: int, texts: tuple[str, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for word in {w.lower() for w in _words(text)}:
            counts[word] = counts.get(word, 0) + 1
    return counts


def distinctive_phrase(bank, question_id: str) -> str:
    """Four consecutive words of the question (as a "you" reader sees it) that, taken
    together, appear in no other question, preferring rare words."""
    texts = {q.id: frame(q.text, "you") for q in bank.questions.values()}
    counts = _vocabulary(id(bank), tuple(sorted(texts.values())))
    others = [{w.lower() for w in _words(t)} for qid, t in texts.items() if qid != question_id]
    words = _words(texts[question_id])
    best, best_score = None, None
    for start in range(max(1, len(words) - WINDOW + 1)):
        window = words[start : start + WINDOW]
        lowered = {w.lower() for w in window}
        if any(lowered <= other for other in others):
            continue
        score = sum(1 / counts[w] for w in lowered if len(w) > 3)
        if best_score is None or score > best_score:
            best, best_score = window, score
    if best is None:
        raise ValueError(f"{question_id} has no four words in a row that other questions do not share")
    return " ".join(best)
