"""The ledger of ids (content/ids.yml): an id once issued is never deleted or reused."""

from __future__ import annotations

import shutil
from pathlib import Path

from scrutiny_packs.content import ledger
from scrutiny_packs.content.load import load_bank

ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def _errors(root: Path) -> list[str]:
    return [p.format() for p in load_bank(root).problems if p.is_error]


def test_the_shipped_bank_keeps_every_id_it_issued_including_retired_q184():
    result = load_bank(ROOT)
    assert not [p for p in result.problems if "ids.yml" in p.message or "ids.yml" in p.path]
    q184 = result.bank.questions["q184"]
    assert q184.retired and "Retired" in q184.notes


def test_a_deleted_question_is_refused_naming_it(tmp_path):
    root = _copy(tmp_path)
    (root / "content/questions/q184.yml").unlink()
    assert _errors(root) == [
        "content/ids.yml: questions: 'q184' was issued but content/questions/q184.yml is gone (ids are retired, "
        "never deleted: restore the file with 'status: retired' and the reason in its notes)"
    ]


def test_a_deleted_area_or_source_is_refused(tmp_path):
    root = _copy(tmp_path)
    (root / "content/sources/kcsie-2025.yml").unlink()
    found = _errors(root)
    assert any("'kcsie-2025' was issued but content/sources/kcsie-2025.yml is gone" in p for p in found), found


def test_a_reused_question_id_is_refused(tmp_path):
    root = _copy(tmp_path)
    path = root / "content/questions/q184.yml"
    path.write_text(path.read_text().replace("added: 2026-12-01", "added: 2027-02-01"))
    found = _errors(root)
    assert len(found) == 1 and found[0].startswith("content/questions/q184.yml:")
    assert "'q184' was issued for a question added on 2026-12-01" in found[0]


def test_new_takes_a_number_never_issued_and_records_it(tmp_path):
    import datetime as dt

    from scrutiny_packs.editing.scaffold import QuestionDraft, write_question

    root = _copy(tmp_path)
    for n in (186, 187, 188):  # the highest files gone from disk: their numbers were still issued
        (root / f"content/questions/q{n}.yml").unlink()
    made = write_question(
        root, QuestionDraft("How do {we} know?", ("front-door",), ("councillors",)), dt.date(2027, 1, 5)
    )
    issued = [
        int(line.split(":")[0].strip()[1:])
        for line in (root / "content/ids.yml").read_text().splitlines()
        if line.startswith("  q")
    ]
    assert made.id == f"q{max(issued):03d}" and max(issued) > 188  # after every number ever issued
    assert f"  {made.id}: 2027-01-05" in (root / "content/ids.yml").read_text().splitlines()


def test_a_ledger_of_ten_thousand_ids_is_read(tmp_path):
    """A long-lived bank's ledger outgrows the size an edited content file may have; it is still read."""
    content = tmp_path / "content"
    content.mkdir()
    lines = [ledger.HEADER, "questions:\n"] + [f"  q{n:05d}: 2026-11-22\n" for n in range(1, 10_001)]
    (content / "ids.yml").write_text("".join(lines), encoding="utf-8")
    assert (content / "ids.yml").stat().st_size > 64 * 1024
    found, problems = ledger.read(content, tmp_path)
    assert problems == []
    assert found is not None and len(found.questions) == 10_000
