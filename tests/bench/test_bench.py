"""The benchmark's own parts: the synthetic bank is valid content, and a run counts its whole process tree."""

from __future__ import annotations

import sys

import pytest

from benchmarks.bank import ROOT, make_project, synthesise
from benchmarks.measure import Failed, run
from benchmarks.report import markdown_table
from scrutiny_packs.packs.checks import load_checked

# A child that starts a grandchild; the grandchild holds about 150 MB and spins the CPU for 0.4 s.
GRANDCHILD = (
    "import time; b = bytearray(150 * 2**20); t = time.process_time()\nwhile time.process_time() - t < 0.4: pass"
)
CHILD = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {GRANDCHILD!r}], check=True)"


def test_a_synthetic_bank_validates_and_is_the_same_each_time(tmp_path):
    result = load_checked(make_project(150, tmp_path / "project"))
    assert result.ok, [p.format() for p in result.problems if p.is_error][:5]
    assert len(result.bank.questions) == 150
    assert list(synthesise(ROOT / "content", 150)) == list(synthesise(ROOT / "content", 150))


def test_a_run_counts_the_cpu_time_and_memory_of_the_processes_it_starts():
    measured, _ = run([sys.executable, "-c", CHILD], "the child")
    assert measured.cpu_s >= 0.4  # the grandchild's spin, counted though the child itself did little
    assert measured.peak_mb >= 150
    assert measured.wall_s >= 0.4


def test_a_failed_command_is_reported_with_its_last_words():
    with pytest.raises(Failed, match=r"the failing step failed \(exit 3\):\nsomething broke"):
        run(
            [
                sys.executable,
                "-c",
                "import sys; sys.exit('something broke' and print('something broke', file=sys.stderr) or 3)",
            ],
            "the failing step",
        )


def test_the_table_lines_up_its_figures():
    table = markdown_table(["measure", "100"], [["CPU s", "12.5"], ["peak memory MB", "1115"]])
    assert table.splitlines() == [
        "| measure        |  100 |",
        "|----------------|-----:|",
        "| CPU s          | 12.5 |",
        "| peak memory MB | 1115 |",
    ]
