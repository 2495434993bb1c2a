"""Running one command and measuring it: wall time, CPU time of its whole process tree, peak memory.

- wall: seconds from starting the command to its exit.
- CPU: user + system seconds of the command and every process it started and waited for (MkDocs, the
  page worker, the PDF pool, the offline copy's build), as ``getrusage(RUSAGE_CHILDREN)`` counts them:
  the difference before and after. Unlike wall time it hardly moves when other work shares the
  machine, and work moved onto a second core is still counted.
- peak memory: the largest resident set of any one process of that tree, from ``wait4`` on the command
  (``RUSAGE_CHILDREN``'s own maximum covers every child this benchmark ever had, so it cannot tell
  one build from the one before).

Commands run one at a time: nothing else of ours ends between the two readings.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

PYTHON = sys.executable
PACK_CACHE = ".cache/packs"  # where the hook keeps pack PDF and Word files, by content


class Failed(Exception):
    """A measured command failed: the message says which and ends with its last lines of output."""


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float  # user + system, the whole process tree
    peak_mb: float  # the largest process of the tree
    returncode: int

    def figures(self) -> dict[str, float]:
        return {k: v for k, v in asdict(self).items() if k != "returncode"}


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], what: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[Run, str]:
    """Run ``cmd`` to its end and measure it; returns the figures and its standard error.

    Raises ``Failed`` (naming ``what``) when it exits with an error.
    """
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    result = Run(wall, _cpu(after) - _cpu(before), usage.ru_maxrss / 1024, proc.returncode)
    if result.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise Failed(f"{what} failed (exit {result.returncode}):\n{tail}")
    return result, stderr


def mkdocs_build(
    config: Path, site: Path, pdf: bool = False, offline_copy: bool = False, cold: bool = False
) -> tuple[Run, str]:
    """One ``mkdocs build`` into ``site``: pdf / offline_copy switch the hook's extras on; ``cold`` empties
    its pack cache first. The other settings are left as a maintainer's build has them."""
    shutil.rmtree(site, ignore_errors=True)
    if cold:
        shutil.rmtree(config.parent / PACK_CACHE, ignore_errors=True)
    env = {"SCRUTINY_PACKS_PDF": "1" if pdf else "0", "SCRUTINY_PACKS_OFFLINE_COPY": "1" if offline_copy else "0"}
    cmd = [PYTHON, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    return run(cmd, f"mkdocs build of {config}", env)


def export_plain(project: Path, out: Path) -> None:
    """The same pages as plain Markdown with an ``mkdocs.yml`` of the same theme and nav, no hook."""
    shutil.rmtree(out, ignore_errors=True)
    run([PYTHON, "-m", "scrutiny_packs.cli", "export-markdown", "--root", str(project), str(out)], "export-markdown")


def zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


def zensical_build(export: Path) -> Run:
    """One ``zensical build`` of an export into export/site, its cache emptied first (a full build)."""
    shutil.rmtree(export / "site", ignore_errors=True)
    cmd = [PYTHON, "-m", "zensical", "build", "--clean", "--config-file", str(export / "mkdocs.yml")]
    return run(cmd, f"zensical build of {export}", cwd=export)[0]
