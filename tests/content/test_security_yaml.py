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

from scrutiny_packs.content.load import content_folders
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
    # What validated once, then broke the build or the site:
    "questions/markdown-nesting.yml": (9, "lists or quotes nested 600 levels deep"),  # RecursionError
    "questions/bracket-nesting.yml": (8, "brackets nested too deep"),  # minutes of Markdown
    "questions/relative-link.yml": (8, "link '../../../../etc/passwd' is not a full web address"),
    "benchmarks/relative-link.yml": (4, "link '../modules/question-bank.md' is not a full web address"),
    "questions/year-9999.yml": (6, "'9999-12-31' is not a valid date"),  # year 10000 when review falls due
    "areas/long-number.yml": (3, "the number 999999999999... is too long"),  # int() refuses 4,300 digits
    "questions/bidi-override.yml": (1, "invisible formatting character U+202E (right-to-left override)"),
    "questions/zero-width-id.yml": (2, "invisible formatting character U+200D (zero width joiner)"),
    "questions/loop-a.yml": (6, "questions replace each other in a loop (loop-a \u2192 loop-b \u2192 loop-a)"),
    "questions/loop-b.yml": (6, "questions replace each other in a loop (loop-b \u2192 loop-a \u2192 loop-b)"),
    # Names the site's own pages have: each would replace, or be dropped for, one of them.
    "pages/index.md": (None, "the name 'index' is reserved: the site's own page at that address is the home page"),
    "pages/my-pack.md": (None, "the name 'my-pack' is reserved"),
    "pages/changes.md": (None, "the name 'changes' is reserved"),
    "pages/areas.md": (None, "the name 'areas' is reserved"),
    "areas/index.yml": (None, "the name 'index' is reserved"),
    "audiences/index.yml": (None, "the name 'index' is reserved"),
    "packs/index.yml": (None, "the name 'index' is reserved"),
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
    first = min(mine, key=lambda p: p.line or 0)
    assert first.line == line, first.format()
    assert words in first.message, first.format()
    assert first.hint, first.format()
    for p in mine:
        assert "\n" not in p.format() and ONE_LINE.match(p.format()), p.format()


def test_corpus_refusals_reach_the_command_line_without_a_traceback(refused_project):
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(refused_project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name in EXPECTED:
        assert f"content/{name}" in result.stderr
    assert not Path("/tmp/scrutiny-packs-pwned").exists()


def test_other_commands_read_the_refused_corpus_without_a_traceback(refused_project):
    for command in (["review-due", "--today", "2030-01-01"], ["export-markdown", "out"]):
        result = subprocess.run(
            [sys.executable, "-m", "scrutiny_packs.cli", *command, "--root", str(refused_project)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=refused_project,
        )
        assert "Traceback" not in result.stderr, (command, result.stderr[-2000:])


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
    padding = "".join(f'k{i}: "{"x" * 40}"\n' for i in range(1200))
    bomb = (
        padding
        + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    )
    assert len(bomb.encode()) < MAX_BYTES
    started = time.perf_counter()
    doc, problems = parse_yaml(bomb, "content/questions/late-bomb.yml")
    assert time.perf_counter() - started < 1.0
    assert doc is None and problems[0].line == 1201


def test_a_hidden_duplicate_key_is_refused_naming_the_line_it_repeats():
    text = (REFUSED / "questions" / "duplicate-key.yml").read_text()
    doc, problems = parse_yaml(text, "x.yml")
    assert doc is None and "it is already set on line 3" in problems[0].hint


@pytest.mark.parametrize(
    "text, words",
    [
        ("text: !!python/name:os.system\n", "is not allowed"),
        ("text: !!binary aGVsbG8=\n", "is not allowed"),
        ("text: !!set {a, b}\n", "is not allowed"),
        ("? [a, b]\n: c\n", "a key must be plain text"),
        ("text: hello\n...\n---\ntext: again\n", "more than one YAML document"),
        ("areas:\n  - workforce\n\t- practice\n", "tab character"),
    ],
)
def test_other_unsafe_yaml_is_refused(text, words):
    doc, problems = parse_yaml(text, "content/questions/q900.yml")
    assert doc is None
    assert words in problems[0].message or words in problems[0].format()


def test_merge_keys_do_not_pull_in_other_values():
    doc, problems = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "x.yml")
    assert doc is None and "anchors" in problems[0].message


def test_the_shipped_bank_uses_none_of_it():
    assert load_checked(ROOT).ok


@pytest.mark.parametrize(
    "text, line, field, code",
    [
        ('text: "How do {we} know?\\0"\n', 1, "text", "U+0000"),
        ('areas: [workforce]\nlisten_for:\n  - "fine"\n  - "bell \\a here"\n', 4, "listen_for[1]", "U+0007"),
        ('source:\n  note: "\\x7f"\n', 2, "source.note", "U+007F"),
        ('notes: "\\x9b[31m"\n', 1, "notes", "U+009B"),
    ],
)
def test_invisible_control_characters_are_refused(text, line, field, code):
    doc, problems = parse_yaml(text, "content/questions/q900.yml")
    assert doc is None
    assert (problems[0].line, problems[0].field) == (line, field)
    assert f"invisible control character {code}" in problems[0].message and problems[0].hint


def test_control_characters_in_a_markdown_page_are_refused(project):
    page = project / "content" / "pages" / "control.md"
    page.write_text("---\ntitle: Control\n---\n\nFine.\nA bell \a here.\n", encoding="utf-8")
    errors = [p.format() for p in load_checked(project).problems if p.is_error]
    assert errors == [
        "content/pages/control.md:6: invisible control character U+0007 in the text "
        "(delete it; it usually comes from pasting out of another program)"
    ]


@pytest.mark.parametrize(
    "raw, line, words",
    [
        (b'text: "How do {we} know?"\nareas: [workforce]\nnotes: "a\x00b"\n', 3, "invisible control character U+0000"),
        (b"text: How do {we} know?\nasked_of: a \x1b[31m red\n", 2, "invisible control character U+001B"),
        (b"# a comment with a bell \x07\ntext: x\n", 1, "invisible control character U+0007"),
    ],
)
def test_a_raw_control_character_is_refused_with_its_line_and_a_hint(tmp_path, raw, line, words):
    path = tmp_path / "q900.yml"
    path.write_bytes(raw)
    doc, problems = read_yaml(path, "content/questions/q900.yml")
    assert doc is None
    assert (problems[0].line, problems[0].hint) == (
        line,
        "delete it; it usually comes from pasting out of another program",
    )
    assert words in problems[0].message


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041"])
def test_invisible_formatting_characters_are_refused_raw_or_escaped(char):
    for text in (
        f'text: "How do {{we}} know?"\nasked_of: "Chil{char}dren"\n',
        f'text: "How do {{we}} know?"\nasked_of: "Chil\\U{ord(char):08X}dren"\n',
    ):
        doc, problems = parse_yaml(text, "content/questions/q900.yml")
        assert doc is None
        assert (problems[0].line, problems[0].field) == (2, "asked_of")
        assert f"invisible formatting character U+{ord(char):04X}" in problems[0].message
        assert "read differently" in problems[0].hint


def test_a_page_saved_with_a_byte_order_mark_and_windows_line_endings_is_read(project):
    page = "---\ntitle: Saved on Windows\n---\n\nThe first paragraph.\n\nThe second.\n"
    (project / "content" / "pages" / "windows.md").write_bytes(b"\xef\xbb\xbf" + page.replace("\n", "\r\n").encode())
    (project / "content" / "pages" / "old-mac.md").write_bytes(page.replace("\n", "\r").encode())
    result = load_checked(project)
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    for page_id in ("windows", "old-mac"):
        read = result.bank.pages[page_id]
        assert read.title == "Saved on Windows" and read.body.strip() == "The first paragraph.\n\nThe second."


def test_every_file_in_content_is_read_or_reported(project):
    content = project / "content"
    (content / "question").mkdir()
    shutil.copyfile(content / "questions" / "q001.yml", content / "question" / "q900.yml")
    (content / "notes.txt").write_text("to do\n", encoding="utf-8")
    (content / "settings.yml").rename(content / "settings.yaml")
    (content / "q901.yml").write_text('text: "How do {we} know?"\n', encoding="utf-8")
    (content / ".gitkeep").write_text("", encoding="utf-8")  # for tools: not content
    errors = sorted(p.format() for p in load_checked(project).problems if p.is_error)
    holds = f"content/ holds settings.yml, publishers.yml, ids.yml and the folders {', '.join(content_folders())}"
    assert {"questions", "pages"} <= set(content_folders())
    assert errors == [
        f"content/notes.txt: not a content file, so it is not read ({holds}; move it into one of them, or remove it)",
        f"content/q901.yml: not a content file, so it is not read ({holds}; move it into one of them, or remove it)",
        "content/question/: not a content folder, so nothing in it is read (did you mean 'questions'?)",
        "content/settings.yaml: not a content file, so it is not read (did you mean 'settings.yml'?)",
    ]


def test_the_reserved_names_are_the_addresses_of_the_sites_own_pages(bank):
    """Each page the site makes itself (not from a content file) has an address no content may take."""
    from scrutiny_packs.content.load import RESERVED_IDS
    from scrutiny_packs.site import links
    from scrutiny_packs.site.generate import SiteBuilder

    makers = {
        "pages": links.page,
        "areas": links.area,
        "audiences": links.audience,
        "packs": links.pack,
        "meetings": links.meeting,
    }
    own = {links.url_path(p.src_uri) for p in SiteBuilder(bank).pages() if p.edit_path is None}
    own -= {links.url_path(links.pack(a)) for a in bank.audiences}  # an audience's pack: its audience's name
    for folder, make in makers.items():
        for address in own:
            for name in {address.strip("/").rsplit("/", 1)[-1] or "index", "index"}:
                if links.url_path(make(name)) == address:
                    assert name in RESERVED_IDS[folder], (folder, name, address)


def test_an_emoji_is_not_a_control_character():
    doc, problems = parse_yaml('text: "How do {we} know? \\U0001F600 😀"\n', "x.yml")
    assert problems == [] and doc.data["text"].endswith("😀 😀")
