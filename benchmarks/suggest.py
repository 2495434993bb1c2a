"""Suggested questions for agenda items (`scrutiny-packs suggest`, Plan a meeting): precision of the first
five over the titles in tests/fixtures/agenda-items.yml, for any audience and for councillors
(benchmarks/suggest_precision.py, which `make bench-suggest` runs alone, says how it counts)."""

from __future__ import annotations

from benchmarks.bank import ROOT
from benchmarks.context import Context
from benchmarks.report import Section
from benchmarks.suggest_precision import K, agenda_items, mean_precision, score_items

NAME = "suggest"
AUDIENCES = (None, "councillors")


def measure(ctx: Context) -> Section:
    from scrutiny_packs.packs.checks import load_checked

    bank = load_checked(ROOT).bank
    items = agenda_items()
    rows, data = [], {}
    for audience in AUDIENCES:
        scores = score_items(bank, items, audience)
        precision = mean_precision(scores)
        weakest = sorted(scores, key=lambda s: s.precision)[:3]
        who = audience or "any audience"
        rows.append([who, f"{precision:.2f}", str(len(scores)), "; ".join(f"{s.title} {s.hits}/{K}" for s in weakest)])
        data[who] = {"precision_at_5": precision, "items": len(scores)}
    header = ["suggestions for", f"precision@{K}", "agenda items", "weakest three"]
    return Section("Suggested questions (tests/fixtures/agenda-items.yml)", header, rows, data=data)
