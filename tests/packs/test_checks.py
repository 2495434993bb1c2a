"""Bad pack files in content/packs/: one line per problem, naming file, line and field, and no site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.packs.checks import load_checked

PACK = """\
title: "Item 6"
audience: {audience}
framing: {framing}
selection:
  areas: [{area}]
  tags: [{tag}]
  match: {match}
"""


def write_pack(
    project: Path,
    name: str,
    audience="councillors",
    framing="you",
    area="domestic-violence",
    tag="outcomes",
    match="any",
) -> Path:
    path = project / "content" / "packs" / f"{name}.yml"
    path.write_text(PACK.format(audience=audience, framing=framing, area=area, tag=tag, match=match), encoding="utf-8")
    return path


def problems(project: Path) -> list[str]:
    return [p.format() for p in load_checked(project).problems if p.is_error]


CASES = [
    (
        {"area": "domestic-violnce"},
        "content/packs/item.yml:5: selection.areas[0]: 'domestic-violnce' is not a known area (did you mean 'domestic-violence'?)",
    ),
    (
        {"audience": "councilors"},
        "content/packs/item.yml:2: audience: 'councilors' is not a known audience (did you mean 'councillors'?)",
    ),
    ({"framing": "they"}, "content/packs/item.yml:3: framing: 'they' is not one of 'you', 'we'"),
    (
        {"tag": "frontdoor"},
        "content/packs/item.yml:6: selection.tags[0]: 'frontdoor' is not a tag any question has (did you mean 'front-door'?)",
    ),
    (
        {"area": "workforce", "tag": "front-door", "match": "all"},
        "content/packs/item.yml:5: selection: matches no questions (questions matching all of areas: workforce; tags: front-door)",
    ),
]


@pytest.mark.parametrize("fields,message", CASES, ids=["area", "audience", "framing", "tag", "empty"])
def test_bad_pack_file_is_one_clear_problem(project, fields, message):
    write_pack(project, "item", **fields)
    found = problems(project)
    assert len(found) == 1, found
    assert found[0].startswith(message), found[0]


def test_a_pack_file_cannot_take_an_audience_packs_address(project):
    write_pack(project, "police")
    assert problems(project) == [
        "content/packs/police.yml: the address /packs/police/ belongs to the pack made for the 'Police' audience "
        "(rename the file, e.g. 'police-meeting.yml')"
    ]


def test_a_good_pack_file_loads(project):
    write_pack(project, "item")
    result = load_checked(project)
    assert problems(project) == []
    assert result.bank.packs["item"].title == "Item 6"


def test_validate_and_build_refuse_a_bad_pack(project):
    write_pack(project, "item", area="workforce", tag="front-door", match="all")
    runner = CliRunner()
    done = runner.invoke(main, ["validate", "--root", str(project)])
    assert done.exit_code == 1 and not _crashed(done)
    assert "content/packs/item.yml:5: selection: matches no questions" in done.stderr
    # The build starts MkDocs, whose run the hook stops: in a process of its own, as `make build` runs it.
    site = str(project / "site")
    built = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "build", "--root", str(project), "--site-dir", site, "--no-pdf"],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert "content/packs/item.yml:5: selection: matches no questions" in built.stderr
    assert not (project / "site").exists()


def _crashed(result) -> bool:
    """The command ended in a traceback rather than a message."""
    return result.exception is not None and not isinstance(result.exception, SystemExit)


def test_validate_reports_what_check_all_finds_and_nothing_else(project):
    """`validate` (and so CI) says what check_all says: its warnings too, near-duplicates and overdue actions."""
    import datetime as dt
    import shutil

    from click.testing import CliRunner

    from scrutiny_packs.cli import main
    from scrutiny_packs.packs.checks import check_all
    from tests.editing.test_actions_command import as_own

    as_own(project)  # the example record made a council's own: examples are never warned about
    questions = project / "content" / "questions"
    shutil.copy2(questions / "q001.yml", questions / "q900.yml")  # the same question twice
    later = dt.date(2031, 1, 1)  # every action is overdue by then
    found = check_all(project, today=later)
    result = CliRunner().invoke(main, ["validate", "--root", str(project), "--today", later.isoformat()])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [p.format() for p in found]
    assert any("q900.yml" in p.path and "q001" in p.message for p in found)
    assert any("overdue" in p.message for p in found), [p.format() for p in found]
