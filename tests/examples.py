"""How many examples each Hypothesis test tries.

`make test` tries the full count. `make test-fast`, the loop an editor or developer runs while working,
sets SCRUTINY_PACKS_QUICK=1 and tries a fifth of it (at least 20); SCRUTINY_PACKS_EXAMPLES=N tries N
everywhere, to search harder before a release.
"""

from __future__ import annotations

import os


def examples(full: int) -> int:
    if os.environ.get("SCRUTINY_PACKS_EXAMPLES"):
        return int(os.environ["SCRUTINY_PACKS_EXAMPLES"])
    if os.environ.get("SCRUTINY_PACKS_QUICK") == "1":
        return max(20, full // 5)
    return full
