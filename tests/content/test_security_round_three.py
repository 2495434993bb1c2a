"""Hostile and careless input, round three: meeting records, command-line values and output files.

Each test holds one case that used to slip through: a formula in a CSV cell, a FIFO among the records,
a record checked against today's packs instead of the meeting it records, and so on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from scrutiny_packs.cli import main

RECORD = "content/meetings/example-childrens-scrutiny-panel-2026-10.record.yml"
MEETING = "content/meetings/example-childrens-scrutiny-panel-2026-10.yml"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_actions_csv_never_starts_a_cell_with_a_formula(project):
    _replace(
        project / RECORD,
        'action: "Report the survey\'s first results, with the number of replies, to the panel."',
        'action: \'=HYPERLINK("https://example.org/", "Click")\'',
    )
    _replace(project / RECORD, 'owner: "Scrutiny Officer"', 'owner: "@SUM(1+1) Scrutiny Officer"')
    done = invoke("actions", "--root", str(project), "--status", "all", "--format", "csv", "--today", "2026-12-01")
    assert done.exit_code == 0, done.output
    cells = [c for row in csv.reader(io.StringIO(done.stdout)) for c in row]
    assert '\'=HYPERLINK("https://example.org/", "Click")' in cells
    assert "'@SUM(1+1) Scrutiny Officer" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
