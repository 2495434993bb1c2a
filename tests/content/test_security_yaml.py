"""Rule 1 (safe YAML) and the refused half of the hostile corpus in tests/hostile/refused/.

Every file there is dropped into a scratch copy of the project; each must be
refused with one clear line naming the file and line, and never a traceback.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from scrutiny_packs.content.yaml_source import MAX_BYTES, parse_yaml, read_yaml
from scrutiny_packs.packs.checks import load_checked
from tests.conftest import HOSTILE, ROOT

REFUSED = HOSTILE / "refused"

# corpus file -> (line, words in the message); line None for whole-file problems
EXPECTED: dict[str, tuple[int | None, str]] = {
    "questions/alias-bomb.yml": (3, "YAML anchors (&a) are not allowed"),
    "questions/alias-only.yml": (3, "YAML anchors (&shared) are not allowed"),
    "questions/duplicate-key.yml": (6, "duplicate key 'text'"),
    "questions/python-tag.yml": (2, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "questions/custom-tag.yml": (1, "YAML tag '!include' is not allowed"),
    "questions/tab-indent.yml": (5, "tab character in indentation"),
    "questions/not-utf8.yml": (2, "not UTF-8 text (byte 0xa3)"),
    "questions/two-documents.yml": (4, "more than one YAML document"),
    "questions/deep-nesting.yml": (2, "nesting deeper than"),
    "questions/oversized.yml": (None, f"over the limit of {MAX_BYTES:,}"),
    "questions/path-traversal.yml": (3, "'../../etc/passwd' is not a valid id"),
    "questions/jinja-placeholder.yml": (2, "unknown placeholder {config}"),
    "areas/template-parent.yml": (4, "'{{ 7*7 }}/../../etc' is not a valid id"),
    "pages/Hostile Name.md": (None, "file name 'Hostile Name' is not a valid id"),
    "pages/front-matter-tag.md": (2, "YAML tag 'tag:yaml.org,2002:python/object/new:subprocess.Popen' is not allowed"),
    "pages/not-utf8.md": (2, "not UTF-8 text (byte 0xe9)"),
}
ONE_LINE = re.compile(r"^content/[\w/ .-]+(?::\d+)?: (?:[\w.\[\]-]+: )?\S.*\(.+\)$")


def _corpus() -> list[str]:
    return sorted(p.relative_to(REFUSED).as_posix() for p in REFUSED.rglob("*") if p.is_file())


def test_every_corpus_file_has_an_expectation():
    assert _corpus() == sorted(EXPECTED)


@pytest.fixture(scope="module")
def refused_project(tmp_path_factory) -> Path:
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("refused") / "project")
    for name in EXPECTED:
        shutil.copyfile(REFUSED / name, project / "content" / name)
    return project


@pytest.fixture(scope="module")
def refused_problems(refused_project):
    return load_checked(refused_project).problems


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_refused_with_one_clear_line(refused_problems, name):
    line, words = EXPECTED[name]
    mine = [p for p in refused_problems if p.path == f"content/{name}" and p.is_error]
    assert mine, f"content/{name} was accepted"
    first = min(mine, key=lambda p: (p.line or 0))
    assert first.line == line, first.format()
    assert words in first.message, first.format()
    assert first.hint, first.format()
    for p in mine:
        assert "\n" not in p.format() and ONE_LINE.match(p.format()), p.format()


def test_corpus_refusals_reach_the_command_line_without_a_traceback(refused_project):
    result = subprocess.run([sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(refused_project)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name in EXPECTED:
        assert f"content/{name}" in result.stderr
    assert not Path("/tmp/scrutiny-packs-pwned").exists()


def test_an_alias_bomb_is_refused_in_well_under_a_second():
    path = REFUSED / "questions" / "alias-bomb.yml"
    started = time.perf_counter()
    doc, problems = read_yaml(path, "content/questions/alias-bomb.yml")
    elapsed = time.perf_counter() - started
    assert doc is None and "anchors" in problems[0].message
    assert elapsed < 1.0, f"took {elapsed:.2f}s"


def test_an_alias_bomb_with_its_anchors_far_down_is_still_refused_quickly():
    # A file near the size limit whose aliases come last: the parser streams
    # through it once and stops at the first anchor, whatever comes after.
    padding = "".join(f"k{i}: \"{'x' * 40}\"\n" for i in range(1200))
    bomb = padding + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    assert len(bomb.encode()) < MAX_BYTES
    started = time.perf_counter()
    doc, problems = parse_yaml(bomb, "content/questions/late-bomb.yml")
    assert time.perf_counter() - started < 1.0
    assert doc is None and problems[0].line == 1201


def test_the_plain_yaml_loader_would_have_kept_the_hidden_duplicate():
    # Why the duplicate-key rule exists: PyYAML keeps the last value silently.
    text = (REFUSED / "questions" / "duplicate-key.yml").read_text()
    assert yaml.safe_load(text)["text"].startswith("A different question")
    doc, problems = parse_yaml(text, "x.yml")
    assert doc is None and "it is already set on line 3" in problems[0].hint


@pytest.mark.parametrize("text, words", [
    ("text: !!python/name:os.system\n", "is not allowed"),
    ("text: !!binary aGVsbG8=\n", "is not allowed"),
    ("text: !!set {a, b}\n", "is not allowed"),
    ("? [a, b]\n: c\n", "a key must be plain text"),
    ("text: hello\n...\n---\ntext: again\n", "more than one YAML document"),
    ("areas:\n  - workforce\n\t- practice\n", "tab character"),
])
def test_other_unsafe_yaml_is_refused(text, words):
    doc, problems = parse_yaml(text, "content/questions/q900.yml")
    assert doc is None
    assert words in problems[0].message or words in problems[0].format()


def test_merge_keys_do_not_pull_in_other_values():
    doc, problems = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "x.yml")
    assert doc is None and "anchors" in problems[0].message


def test_the_shipped_bank_uses_none_of_it():
    assert load_checked(ROOT).ok


@pytest.mark.parametrize("text, line, field, code", [
    ('text: "How do {we} know?\\0"\n', 1, "text", "U+0000"),
    ('areas: [workforce]\nlisten_for:\n  - "fine"\n  - "bell \\a here"\n', 4, "listen_for[1]", "U+0007"),
    ('source:\n  note: "\\x7f"\n', 2, "source.note", "U+007F"),
    ('notes: "\\x9b[31m"\n', 1, "notes", "U+009B"),
])
def test_invisible_control_characters_are_refused(text, line, field, code):
    doc, problems = parse_yaml(text, "content/questions/q900.yml")
    assert doc is None
    assert (problems[0].line, problems[0].field) == (line, field)
    assert f"invisible control character {code}" in problems[0].message and problems[0].hint


def test_control_characters_in_a_markdown_page_are_refused(project):
    page = project / "content" / "pages" / "control.md"
    page.write_text("---\ntitle: Control\n---\n\nFine.\nA bell \a here.\n", encoding="utf-8")
    errors = [p.format() for p in load_checked(project).problems if p.is_error]
    assert errors == ["content/pages/control.md:6: invisible control character U+0007 in the text "
                      "(delete it; it usually comes from pasting out of another program)"]


def test_an_emoji_is_not_a_control_character():
    doc, problems = parse_yaml('text: "How do {we} know? \\U0001F600 😀"\n', "x.yml")
    assert problems == [] and doc.data["text"].endswith("😀 😀")
