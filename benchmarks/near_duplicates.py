"""Near-duplicate warnings: precision and recall on the hand-labelled pairs in tests/fixtures/near-duplicates.yml,
by words and characters (what ``validate`` uses) and by characters alone; and the CPU time to check
10,001 synthetic questions (one pair among them a near-duplicate)."""

from __future__ import annotations

import itertools
import random
import time
from typing import Any

import yaml

from benchmarks.bank import ROOT
from benchmarks.context import Context
from benchmarks.report import Section

NAME = "near_duplicates"
LABELLED_PAIRS = ROOT / "tests" / "fixtures" / "near-duplicates.yml"


def _scores(pairs: list[dict], **options: Any) -> tuple[float, float, int, int]:
    from scrutiny_packs.content.duplicates import near_duplicates
    from scrutiny_packs.model import Question

    def flagged(pair: dict) -> bool:
        made = [Question("q001", pair["a"], ("a",), ("b",)), Question("q002", pair["b"], ("a",), ("b",))]
        return bool(near_duplicates(made, **options))

    said = [flagged(p) for p in pairs]
    same = sum(p["same"] for p in pairs)
    hits = sum(f and p["same"] for f, p in zip(said, pairs))
    return hits / max(1, sum(said)), hits / same, sum(said) - hits, same - hits


def _synthetic_seconds() -> tuple[float, int]:
    from scrutiny_packs.content.duplicates import near_duplicates, normalise
    from scrutiny_packs.content.load import load_bank
    from scrutiny_packs.model import Question

    bank = load_bank(ROOT).bank
    rng = random.Random(7)
    vocabulary = sorted({w for q in bank.questions.values() for w in normalise(q.text).split()})
    vocabulary += [f"term{i}" for i in range(3000)]
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocabulary))))
    templates = [q.text.split() for q in bank.questions.values()]
    questions = []
    for n in range(10_000):
        template = rng.choice(templates)
        fresh = rng.choices(vocabulary, cum_weights=cumulative, k=len(template))
        words = [w if rng.random() < 0.4 else f for w, f in zip(template, fresh)]
        questions.append(Question(id=f"q{n:05d}", text=" ".join(words), areas=("a",), audiences=("b",)))
    questions.append(Question(id="q10000", text=questions[123].text + " now", areas=("a",), audiences=("b",)))
    started = time.process_time()
    found = near_duplicates(questions)
    return time.process_time() - started, len(found)


def measure(ctx: Context) -> Section:
    pairs = yaml.safe_load(LABELLED_PAIRS.read_text(encoding="utf-8"))["pairs"]
    rows, data = [], {}
    for label, options in (("words and characters (validate)", {}), ("characters alone", {"by_words": False})):
        precision, recall, false_alarms, missed = _scores(pairs, **options)
        rows.append([f"labelled pairs, {label}", f"{precision:.2f}", f"{recall:.2f}", f"{false_alarms} / {missed}"])
        data[label] = {"precision": precision, "recall": recall, "false_alarms": false_alarms, "missed": missed}
    seconds, found = _synthetic_seconds()
    rows.append(["10,001 synthetic questions: CPU s / pairs found", f"{seconds:.2f}", str(found), "-"])
    data["synthetic_10001"] = {"cpu_s": seconds, "pairs_found": found}
    header = ["near-duplicate warnings", "precision", "recall", "false alarms / missed"]
    return Section("Near-duplicate warnings (tests/fixtures/near-duplicates.yml)", header, rows, data=data)
