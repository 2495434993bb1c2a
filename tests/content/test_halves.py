"""A large bank read on two cores gives exactly what reading it in one process gives.

Each scenario runs in a fresh interpreter: the build forks only while it runs a single thread, and
a test process that has run other tests may hold threads of theirs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny_packs.content import halves
from scrutiny_packs.content.load import load_bank

ROOT = Path(__file__).resolve().parents[2]
needs_fork = pytest.mark.skipif(
    sys.platform != "linux" or (os.cpu_count() or 1) < 2, reason="needs Linux and two cores"
)


def _in_fresh_process(scenario: str, *args: str) -> None:
    code = f"import sys; from tests.content.test_halves import {scenario}; {scenario}(*sys.argv[1:])"
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def _items() -> list[int]:
    assert halves.can_split(halves.SPLIT_FROM), "this process would not split: the scenario proves nothing"
    return list(range(halves.SPLIT_FROM))


def order_kept_second_half_elsewhere() -> None:
    parent = os.getpid()
    items = _items()
    got = halves.map_in_two(lambda i: (i * i, os.getpid() == parent), items)
    assert [value for value, _ in got] == [i * i for i in items]
    in_parent = [here for _, here in got]
    assert all(in_parent[: len(items) // 2]) and not any(in_parent[len(items) // 2 :])


def child_raises() -> None:
    parent = os.getpid()

    def read(i):
        if os.getpid() != parent:
            raise RuntimeError("the child cannot read this")
        return i + 1

    items = _items()
    assert halves.map_in_two(read, items) == [i + 1 for i in items]


def child_dies() -> None:
    parent = os.getpid()

    def read(i):
        if os.getpid() != parent:
            os._exit(7)
        return -i

    items = _items()
    assert halves.map_in_two(read, items) == [-i for i in items]


def bank_split_is_bank_whole(project: str) -> None:
    halves.SPLIT_FROM = 10
    questions = Path(project) / "content" / "questions"
    assert halves.can_split(len(list(questions.iterdir())))
    one, two = load_bank(project), load_bank(project, split=True)
    words = [p.format() for p in one.problems]
    assert len(words) >= 3 and any("q002.yml" in w for w in words) and any("zz-extra.yml" in w for w in words)
    assert [p.format() for p in two.problems] == words
    assert two.bank.questions == one.bank.questions and list(two.bank.questions) == list(one.bank.questions)
    assert two.bank.areas == one.bank.areas and two.bank.packs == one.bank.packs
    for folder, docs in one.documents.items():
        assert {id_: (doc.data, doc.lines) for id_, (doc, _) in docs.items()} == {
            id_: (doc.data, doc.lines) for id_, (doc, _) in two.documents[folder].items()
        }


@needs_fork
def test_the_second_half_is_read_in_another_process_and_comes_back_in_order():
    _in_fresh_process("order_kept_second_half_elsewhere")


@needs_fork
def test_a_child_that_fails_costs_only_time():
    _in_fresh_process("child_raises")


@needs_fork
def test_a_child_that_dies_costs_only_time():
    _in_fresh_process("child_dies")


@needs_fork
def test_a_bank_read_in_two_halves_is_the_bank_read_in_one(project):
    """Items, line numbers and every problem, in the same order, whether the bank is split or not."""
    questions = project / "content" / "questions"
    (questions / "q002.yml").write_text((questions / "q002.yml").read_text() + "  - : broken\n")
    (questions / "q098.yml").write_text((questions / "q098.yml").read_text().replace("areas:", "areass:", 1))
    (project / "content" / "areas" / "zz-extra.yml").write_text("name: [unclosed\n")
    _in_fresh_process("bank_split_is_bank_whole", str(project))


def test_small_banks_unsplit_reads_and_busy_processes_stay_in_this_process(monkeypatch):
    parent = os.getpid()
    assert not halves.can_split(halves.SPLIT_FROM - 1)
    assert all(halves.map_in_two(lambda i: os.getpid() == parent, range(halves.SPLIT_FROM), split=False))
    assert all(halves.map_in_two(lambda i: os.getpid() == parent, range(10)))
    monkeypatch.setattr(halves.threading, "active_count", lambda: 2)  # another thread running: never fork
    assert not halves.can_split(halves.SPLIT_FROM)
