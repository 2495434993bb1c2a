"""What readers see of sources: titles not file names, no editors' notes, the coverage table, the origin."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from tests.conftest import ROOT, page

SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def editor_notes() -> list[str]:
    notes = []
    for path in (ROOT / "content").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("editor_note"):
            notes.append(" ".join(data["editor_note"].split()))
    return notes


def test_no_page_or_open_data_shows_a_seed_file_name_or_an_editors_note(built_site: Path):
    notes = [n[:60] for n in editor_notes()]
    assert notes, "the shipped content has editors' notes to keep out"
    shown = list(built_site.rglob("*.html")) + list((built_site / "data").glob("*"))
    assert len(shown) > 200
    for path in shown:
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        assert not SEED_FILE.search(text), f"{path.relative_to(built_site)} names {SEED_FILE.search(text).group(0)}"
        for note in notes:
            assert note not in text, f"{path.relative_to(built_site)} shows an editor's note: {note!r}"


def test_a_question_page_says_where_the_question_comes_from(built_site: Path, bank):
    old = page(built_site, "questions/q017/")
    assert old.select_one(".sp-origin").get_text(strip=True) == "From the 2012 Walsall toolkit (Module 3)."
    assert "Walsall Council" in old.select_one(".sp-source").get_text()
    new = next(q for q in bank.questions.values() if q.origin == "added" and q.source.url and not q.retired)
    shown = page(built_site, f"questions/{new.id}/")
    assert shown.select_one(".sp-origin").get_text(strip=True) == f"Added in {new.added.year}, based on:"
    link = shown.select_one(".sp-source a")
    assert link["href"] == new.source.url and new.source.document in link.get_text()
    assert str(new.source.year) in shown.select_one(".sp-source").get_text()


def test_open_data_names_documents_by_title_with_their_origin(built_site: Path):
    data = json.loads((built_site / "data" / "questions.json").read_text(encoding="utf-8"))
    questions = data["questions"]
    origins = {q["origin"] for q in questions}
    assert origins == {"walsall-2012", "added"}
    walsall = next(q for q in questions if q["origin"] == "walsall-2012")
    assert walsall["source"]["document"].startswith("Walsall Council")


def test_the_coverage_page_counts_questions_per_area_and_audience(built_site: Path, bank):
    soup = page(built_site, "coverage/")
    table = soup.select_one("table.sp-coverage")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    assert heads[1:-2] == [a.label for a in bank.audiences.values()]
    rows = {
        tr.th.get_text(strip=True): [int(td.get_text()) for td in tr.select("td")] for tr in table.select("tbody tr")
    }
    dv = rows["Domestic violence"]
    expected = [q for q in bank.active_questions() if "domestic-violence" in q.areas]
    assert dv[-2] == len(expected)
    assert dv[0] == sum(1 for q in expected if "councillors" in q.audiences) >= 10
    assert "Not covered yet" in soup.get_text()
