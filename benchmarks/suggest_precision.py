"""How well `scrutiny-packs suggest` picks questions for agenda items: precision of the first five.

For each agenda item title in tests/fixtures/agenda-items.yml (written with the areas whose questions
answer it), the first five suggestions are counted right when the question is in one of those areas
or their sub-areas. Prints each item's score and the mean, e.g.

    .venv/bin/python benchmarks/suggest_precision.py [--audience councillors] [--show]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
AGENDA_ITEMS = ROOT / "tests" / "fixtures" / "agenda-items.yml"
K = 5


@dataclass(frozen=True)
class ItemScore:
    title: str
    hits: int
    misses: tuple[str, ...]  # suggested question ids outside the expected areas

    @property
    def precision(self) -> float:
        return self.hits / K


def agenda_items(path: Path = AGENDA_ITEMS) -> list[tuple[str, tuple[str, ...]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(item["title"], tuple(item["areas"])) for item in data["items"]]


def score_items(bank, items, audience: str | None = None) -> list[ItemScore]:
    from scrutiny_packs.packs.suggest import suggest

    scores = []
    for title, areas in items:
        wanted = set().union(*(bank.area_and_descendants(a) for a in areas))
        found = suggest(bank, title, audience, K)
        hits = [s for s in found if wanted & set(s.question.areas)]
        misses = tuple(s.question.id for s in found if not wanted & set(s.question.areas))
        scores.append(ItemScore(title, len(hits), misses))
    return scores


def mean_precision(scores: list[ItemScore]) -> float:
    return sum(s.precision for s in scores) / len(scores) if scores else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audience", default=None, help="Rank only questions suited to this audience.")
    parser.add_argument("--show", action="store_true", help="Print every item's score, not only the weakest.")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from scrutiny_packs.packs.checks import load_checked

    bank = load_checked(ROOT).bank
    items = agenda_items()
    scores = score_items(bank, items, args.audience)
    for s in sorted(scores, key=lambda s: s.precision):
        if args.show or s.precision < 0.6:
            extra = f"  (outside: {', '.join(s.misses)})" if s.misses else ""
            print(f"  {s.hits}/{K}  {s.title}{extra}")
    who = f" for {args.audience}" if args.audience else ""
    print(f"Suggestions{who}: precision@{K} {mean_precision(scores):.2f} over {len(scores)} agenda items.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
