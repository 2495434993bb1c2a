"""What every measurement is handed: the command line's options, a work folder, and the banks, made once."""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bank import make_project, make_shipped


def say(message: str) -> None:
    """Progress, on standard error (the table goes to standard output)."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def ints(text: str) -> list[int]:
    """'100,1000' -> [100, 1000]; '' -> []."""
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


@dataclass
class Context:
    args: argparse.Namespace
    work: Path  # a scratch folder for this run of the benchmark
    _projects: dict[int | None, Path] = field(default_factory=dict)

    @property
    def sizes(self) -> list[int]:
        return [100] if self.args.quick else ints(self.args.sizes)

    @property
    def runs(self) -> int:
        return 1 if self.args.quick else self.args.runs

    def project(self, n: int) -> Path:
        """A copy of the project whose bank holds N questions (the same one for every measurement)."""
        if n not in self._projects:
            dest = self.work / f"bank-{n}"
            shutil.rmtree(dest, ignore_errors=True)
            say(f"{n:,} questions: making the project in {dest}")
            self._projects[n] = make_project(n, dest)
        return self._projects[n]

    def shipped(self) -> Path:
        """A copy of the project as it is, shipped bank and meeting records included."""
        if None not in self._projects:
            dest = self.work / "bank-shipped"
            shutil.rmtree(dest, ignore_errors=True)
            self._projects[None] = make_shipped(dest)
        return self._projects[None]
