"""Release notes of the national bank, as a council reads them: what happened to each question and
benchmark between two releases, and the release number that follows."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.editing.release import Change, bump
from tests.conftest import copy_project

QUESTIONS = "content/questions"


def _edit(project, qid: str, old: str, new: str) -> None:
    path = project / QUESTIONS / f"{qid}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, (qid, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _retire(project, qid: str, extra: str) -> None:
    path = project / QUESTIONS / f"{qid}.yml"
    text = path.read_text(encoding="utf-8").replace("\nstatus: retired\n", "\n")
    path.write_text(
        text.rstrip("\n")
        + "\nstatus: retired\nnotes: >-\n  Retired in this release. Its ground is covered better now.\n"
        + extra,
        encoding="utf-8",
    )


def _set_release(project, version: str) -> None:
    path = project / "content" / "settings.yml"
    text = re.sub(r"^release: .*$", f"release: {version}", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def releases(tmp_path):
    """The shipped bank as release 2.0.0, and a next release with one change of each kind."""
    old = copy_project(tmp_path / "old")
    new = copy_project(tmp_path / "new")
    # Questions of the children in care and neglect areas, which no example pack or record uses.
    _edit(new, "q010", "24 hours per day?", "24 hours a day?")  # a touch-up
    _edit(
        new, "q017", "reported incidents of domestic violence", "reported domestic abuse, including coercive control,"
    )
    _edit(new, "q100", "areas: [children-in-care]", "areas: [placement-sufficiency]")
    _retire(new, "q101", "replaced_by: q102\n")
    _retire(new, "q103", "split_into: [q104, q105]\n")
    _retire(new, "q106", "replaced_by: q108\n")
    _retire(new, "q107", "replaced_by: q108\n")
    (new / QUESTIONS / "q900.yml").write_text(
        'text: "How do {we} know the new service is working?"\nareas: [front-door]\naudiences: [councillors]\n'
        'source:\n  ref: children-act-1989\n  locator: "Section 17"\n',
        encoding="utf-8",
    )
    ids = new / "content" / "ids.yml"
    ids.write_text(
        ids.read_text(encoding="utf-8").replace("questions:\n", "questions:\n  q900: 2027-01-10\n", 1), "utf-8"
    )
    _set_release(old, "2.0.0")
    return old, new


def notes(old, new, tmp_path):
    out = tmp_path / "changes.json"
    done = CliRunner().invoke(main, ["release-notes", "--root", str(new), "--from", str(old), "-o", str(out)])
    return done, json.loads(out.read_text(encoding="utf-8"))


def test_each_kind_of_change_is_named_item_by_item(releases, tmp_path):
    old, new = releases
    _set_release(new, "3.0.0")
    done, changelog = notes(old, new, tmp_path)
    assert done.exit_code == 0, done.output
    kinds = {c["item"]: c["kind"] for c in changelog["changes"] if c["kind"] != "unchanged"}
    assert kinds == {
        "q010": "minor",
        "q017": "modified",
        "q100": "moved",
        "q101": "retired",
        "q103": "split",
        "q106": "merged",
        "q107": "merged",
        "q900": "added",
    }
    by_id = {c["item"]: c for c in changelog["changes"]}
    assert by_id["q101"]["replacement"] == ["q102"]
    assert by_id["q101"]["reason"] == "Retired in this release."
    assert by_id["q103"]["replacement"] == ["q104", "q105"]
    assert by_id["q106"]["replacement"] == ["q108"]
    assert changelog["from"] == "2.0.0" and changelog["to"] == "3.0.0"
    assert "q017: modified (wording changed)" in done.output
    assert "q101: retired: Retired in this release." in done.output


def test_a_release_number_too_low_for_its_changes_is_refused(releases, tmp_path):
    old, new = releases
    _set_release(new, "2.1.0")
    done, _ = notes(old, new, tmp_path)
    assert done.exit_code == 1
    assert "content/settings.yml: release is 2.1.0, but these changes call for 3.0.0" in done.stderr


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ((), "2.4.1"),
        (("unchanged",), "2.4.1"),
        (("minor",), "2.4.2"),
        (("added", "minor"), "2.5.0"),
        (("added", "retired"), "3.0.0"),
        (("moved",), "3.0.0"),
    ],
)
def test_the_version_follows_what_changed(kinds, expected):
    assert bump("2.4.1", [Change("questions", "q001", kind) for kind in kinds]) == expected
