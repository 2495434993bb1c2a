"""The suite's own arrangement: the tests sharing a costly build run on one worker (tests/conftest.py)."""

from __future__ import annotations

import os

import pytest


@pytest.mark.xdist_group("grouping-check")
def test_tests_sharing_a_build_are_grouped_onto_one_worker(request):
    """Under `make test` (`-n 2 --dist loadgroup`) xdist reads a test's group from its id. When it cannot
    (pytest-xdist 3.8 under pytest 9.2), every test still passes but each worker makes the edited site,
    the hostile site and the other engines' sites again: minutes more, with nothing else to show for it."""
    if "PYTEST_XDIST_WORKER" not in os.environ or not request.config.getvalue("loadgroup"):
        pytest.skip("only under `-n N --dist loadgroup`, as `make test` runs")
    assert request.node.nodeid.endswith("@grouping-check"), (
        f"pytest-xdist is not grouping tests under pytest {pytest.__version__}: keep pytest at a version it "
        "supports (pyproject.toml) and run `make lock`"
    )
