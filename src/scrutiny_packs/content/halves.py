"""Reading a large bank on two cores: the second half of the files in a forked child process.

Reading, checking and building one file is independent of every other file, so a build with a
second core to spare reads half of a large bank there. The child inherits everything loaded so
far, reads its half and sends back the results pickled. Anything that goes wrong on the child's
side (it dies, its results cannot be pickled or read) costs only time: the parent then reads
that half itself, so the results are always those of reading every file in this process.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

SPLIT_FROM = 2000  # fewer files than this are read at once anyway: a fork would cost more than it saves


def can_split(count: int) -> bool:
    """Whether count files are worth reading in two processes, and this process may fork. Whether there
    is a second core for it is the caller's to say (the build splits where it has a page worker)."""
    return (
        count >= SPLIT_FROM and sys.platform == "linux" and threading.active_count() == 1
    )  # forking is only safe while this process runs one thread


def map_in_two(read: Callable[[Item], Result], items: Sequence[Item], split: bool = True) -> list[Result]:
    """[read(item) for item in items], the second half read in a child process when ``split`` and it pays."""
    if not split or not can_split(len(items)):
        return [read(item) for item in items]
    half = len(items) // 2
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read the second half, send it, and leave without running any exit handler
        status = 1
        try:
            os.close(receive)
            with os.fdopen(send, "wb") as out:
                pickle.dump([read(item) for item in items[half:]], out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(send)
    first = [read(item) for item in items[:half]]
    try:
        with os.fdopen(receive, "rb") as got:
            second = pickle.load(got)
    except Exception:
        second = None
    _, status = os.waitpid(pid, 0)
    if second is None or status != 0 or len(second) != len(items) - half:
        second = [read(item) for item in items[half:]]
    return first + second
