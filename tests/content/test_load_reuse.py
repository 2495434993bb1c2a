"""Reusing files read by an earlier load (as `mkdocs serve` does) never hides a change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scrutiny_packs.content.load import ReadCache
from scrutiny_packs.packs.checks import load_checked


@pytest.fixture
def cache() -> ReadCache:
    return ReadCache()


def _set_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_reused_load_equals_a_fresh_one(project: Path, cache: ReadCache):
    first = load_checked(project, cache=cache)
    again = load_checked(project, cache=cache)
    fresh = load_checked(project)
    assert again.bank.questions == fresh.bank.questions == first.bank.questions
    assert [p.format() for p in again.problems] == [p.format() for p in fresh.problems]


def test_an_edit_shows_even_with_the_same_size_and_modified_time(project: Path, cache: ReadCache):
    path = project / "content" / "questions" / "q002.yml"
    before = load_checked(project, cache=cache).bank.questions["q002"]
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace(before.text[:4], before.text[:4][::-1], 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an editor that keeps the time
    after = load_checked(project, cache=cache).bank.questions["q002"]
    assert after.text != before.text
    assert after == load_checked(project).bank.questions["q002"]


def test_a_broken_edit_is_reported_and_a_fix_clears_it(project: Path, cache: ReadCache):
    path = project / "content" / "questions" / "q003.yml"
    assert load_checked(project, cache=cache).ok
    _set_text(path, "audiences:", "audiences_typo:")
    broken = load_checked(project, cache=cache)
    assert not broken.ok
    assert any(p.path.endswith("q003.yml") and p.is_error for p in broken.problems)
    assert "q003" not in broken.bank.questions
    _set_text(path, "audiences_typo:", "audiences:")
    fixed = load_checked(project, cache=cache)
    assert fixed.ok and "q003" in fixed.bank.questions


def test_removed_and_added_files_show(project: Path, cache: ReadCache):
    questions = project / "content" / "questions"
    load_checked(project, cache=cache)
    (questions / "q004.yml").rename(questions / "q900.yml")
    bank = load_checked(project, cache=cache).bank
    assert "q004" not in bank.questions and "q900" in bank.questions
    assert bank.questions["q900"].path.endswith("q900.yml")


def test_a_cache_holds_what_was_read_and_plain_loads_use_none(project: Path, cache: ReadCache):
    load_checked(project)
    assert not cache
    load_checked(project, cache=cache)
    assert len(cache) > 100
