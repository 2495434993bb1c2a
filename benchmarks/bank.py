"""The synthetic question banks the benchmark builds: the real questions first, then made-up ones shaped like them.

Each synthetic question takes its areas, audiences, benchmarks, evidence and tags from one real question
and its wording, source and review date from another, with about a third of the words swapped for
other words of the bank, so that the pages and the search index vary as real ones do. Everything else
(areas, audiences, packs, pages, settings) is the project's own. The same seed makes the same bank.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "content", "hooks", "overrides")
SEED = 20261122
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/question.schema.json\n"
KEY_ORDER = (
    "text",
    "areas",
    "audiences",
    "asked_of",
    "listen_for",
    "benchmarks",
    "evidence",
    "tags",
    "source",
    "notes",
    "last_reviewed",
)
_WORD = re.compile(r"^[A-Za-z][a-z'-]+$")


def _real_questions(content: Path) -> list[tuple[Path, dict]]:
    out = []
    for path in sorted((content / "questions").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("status", "active") == "active" and not data.get("replaced_by"):
            out.append((path, data))
    return out


def _vary(text: str, words: list[str], rng: random.Random, share: float) -> str:
    """The text with about ``share`` of its plain words swapped for others from the bank."""
    return " ".join(
        rng.choice(words) if _WORD.match(token) and rng.random() < share else token for token in text.split(" ")
    )


def synthesise(content: Path, n: int, seed: int = SEED) -> Iterator[tuple[str, str]]:
    """(file name, YAML text) for N questions: the real ones, then synthetic ones shaped like them."""
    real = _real_questions(content)
    rng = random.Random(seed)
    texts = [d["text"] for _, d in real]
    listen = [x for _, d in real for x in d.get("listen_for", [])]
    words = sorted({w for t in texts + listen for w in t.split() if _WORD.match(w)})
    for i in range(1, n + 1):
        name = f"q{i:03d}.yml"
        if i <= len(real):
            yield name, real[i - 1][0].read_text(encoding="utf-8")
            continue
        base = real[rng.randrange(len(real))][1]  # wording, source, review date
        shape = real[rng.randrange(len(real))][1]  # areas, audiences, benchmarks, evidence, tags
        data: dict[str, Any] = {"text": _vary(base["text"], words, rng, 0.3)}
        for key in ("areas", "audiences", "benchmarks", "evidence", "tags"):
            if shape.get(key):
                data[key] = list(shape[key])
        if base.get("listen_for"):
            data["listen_for"] = [_vary(x, words, rng, 0.2) for x in rng.sample(listen, len(base["listen_for"]))]
        if shape.get("asked_of"):
            data["asked_of"] = shape["asked_of"]
        for key in ("source", "notes", "last_reviewed"):
            if base.get(key):
                data[key] = base[key]
        data = {k: data[k] for k in KEY_ORDER if k in data}
        yield name, SCHEMA_LINE + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def _copy_project(dest: Path, *ignore: str) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", *ignore))
        elif src.exists():
            shutil.copy2(src, dest / name)


def make_project(n: int, dest: Path) -> Path:
    """A copy of the project (config, content, hook, theme overrides) with N questions.

    Meeting records are left out: they record answers to the questions the shipped bank's agenda items
    select, and the synthetic questions change which those are (so a record would no longer validate).
    """
    _copy_project(dest, "questions", "*.record.yml")
    questions = dest / "content" / "questions"
    questions.mkdir()
    issued = {}
    for name, text in synthesise(ROOT / "content", n):
        (questions / name).write_text(text, encoding="utf-8")
        issued[name.removesuffix(".yml")] = (yaml.safe_load(text) or {}).get("added", "2026-12-01")
    _issue(dest / "content" / "ids.yml", issued)
    return dest


def _issue(ledger: Path, questions: dict) -> None:
    """The ledger of ids ever issued, listing the synthetic questions (with the day each was added) in
    place of the shipped ones."""
    if not ledger.is_file():
        return
    data = yaml.safe_load(ledger.read_text(encoding="utf-8")) or {}
    data["questions"] = questions
    ledger.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def make_shipped(dest: Path) -> Path:
    """A copy of the project as it is (the shipped bank)."""
    _copy_project(dest)
    return dest
