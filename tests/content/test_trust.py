"""Content a panel can trust: own wording, sources for every claim, the 2026 topics covered."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
JOURNALISM = (
    "000_524271d9fece65b5.txt",
    "001_88cfcadd896cb333.txt",
    "002_070725ed260e03f4.txt",
    "004_bf270312df325bfb.txt",
)
RUN = 8  # words in a row that may not be shared with the articles


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def own_text(value, key: str = "") -> list[str]:
    """Every string in a content file except the fields that quote a source verbatim."""
    if key in ("quote",):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in own_text(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in own_text(v, key)]
    return []


def content_texts() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix == ".yml":
            found += [(path.relative_to(ROOT).as_posix(), t) for t in own_text(yaml.safe_load(path.read_text()))]
        elif path.suffix == ".md":
            found.append((path.relative_to(ROOT).as_posix(), path.read_text()))
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (shared/seeds beside the checkout) are not here")
def test_no_run_of_eight_words_is_shared_with_the_seed_articles():
    article_runs = set()
    for name in JOURNALISM:
        article_runs |= runs((SEEDS / name).read_text(encoding="utf-8", errors="replace"))
    shared = [(path, " ".join(run)) for path, text in content_texts() for run in runs(text) & article_runs]
    assert not shared, f"{len(shared)} runs of {RUN} words are the articles' own: {shared[:5]}"


def test_the_run_finder_can_fail():
    sentence = "the council set up a programme for newly qualified social workers last year"
    assert runs(sentence) & runs("we know the council set up a programme for newly qualified social workers")


def test_every_benchmark_and_indicator_names_its_source(bank):
    unsourced = [b.id for b in bank.benchmarks.values() if not b.sources and not any(e.source for e in b.examples)]
    assert not unsourced, f"benchmarks with no source: {unsourced}"
    assert not [i.id for i in bank.indicators.values() if not i.source], "indicators with no source"


def test_every_question_says_where_it_comes_from(bank):
    for q in bank.questions.values():
        assert q.source and q.source.document, q.id
        if q.origin == "added" and not q.retired:
            # A question written since 2012 rests on a published document, cited by title, year, publisher and
            # locator, with the publisher's own address when it is known (a copy elsewhere is never linked).
            assert q.source.year and q.source.section and q.source.publisher, q.id
            assert not q.source.url or q.source.url.startswith("https://"), q.id


def test_the_bank_covers_what_panels_ask_about_now(bank):
    added = [q for q in bank.questions.values() if q.origin == "added" and not q.retired]
    assert len(added) >= 60
    by_area = Counter(a for q in added for a in q.areas)
    new_areas = [a for a, n in by_area.items() if n >= 4 and a not in walsall_areas(bank)]
    assert len(new_areas) >= 12, by_area
    for area in new_areas:
        assert any(area in b.areas for b in bank.benchmarks.values()), f"{area} has no benchmark"
        if area not in NO_NATIONAL_MEASURE_CITED:
            assert any(area in i.areas for i in bank.indicators.values()), f"{area} has no indicator"
    domestic = [q for q in bank.active_questions() if "domestic-violence" in q.areas and "councillors" in q.audiences]
    assert len(domestic) >= 10


# Areas for which no national statistics release with figures for each council is cited yet: an
# indicator is added when one is (issue: an indicator where a national measure is published).
NO_NATIONAL_MEASURE_CITED = frozenset(
    {"kinship-care", "serious-violence", "child-deaths", "harmful-practices", "adoption-and-permanence", "young-carers"}
)


def walsall_areas(bank) -> set[str]:
    return {a for q in bank.questions.values() if q.origin == "walsall-2012" for a in q.areas}


def test_editor_notes_never_reach_the_model(bank):
    """Working notes stay in the files: the loaded bank, and so every output, has no field for them."""
    raw = [yaml.safe_load(p.read_text()) for p in (ROOT / "content" / "questions").glob("*.yml")]
    assert any("editor_note" in d for d in raw)
    assert not any(hasattr(q, "editor_note") for q in bank.questions.values())
