"""Hostile and careless input, round three: meeting records, command-line values and output files.

Each test holds one case that used to slip through: a formula in a CSV cell, a FIFO among the records,
a record checked against today's packs instead of the meeting it records, and so on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
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


# -- agenda item numbers: one normal form for files, ids, records and links ---------------------------


def _errors(project: Path) -> list[str]:
    from scrutiny_packs.packs.checks import load_checked
    from scrutiny_packs.problems import sort_problems

    return [p.format() for p in sort_problems(load_checked(project).problems) if p.is_error]


def _meeting_numbers(project: Path, first: str, second: str) -> None:
    _replace(project / MEETING, "  - number: 5\n", f"  - number: {first}\n")
    _replace(project / MEETING, "  - number: 6\n", f"  - number: {second}\n")


def test_two_item_numbers_that_make_the_same_file_names_are_refused(project):
    _meeting_numbers(project, '"6 (a)"', '"6-a"')
    _replace(project / RECORD, "  - number: 5\n", '  - number: "6 (a)"\n')
    _replace(project / RECORD, "  - number: 6\n", '  - number: "6-a"\n')
    found = [e for e in _errors(project) if "items[1].number" in e]
    assert found == [
        f"{MEETING}:17: items[1].number: item 6-a reads as item 6 (a) (items[0]): both would get the same files "
        "and links (give each agenda item its own number)"
    ]


def test_an_over_long_item_number_is_refused_with_its_line_not_a_crash_later(project):
    _meeting_numbers(project, '"' + "5" * 300 + '"', "6")
    found = [e for e in _errors(project) if e.startswith(MEETING)]
    assert found == [
        f"{MEETING}:14: items[0].number: the item number is 300 characters long; the limit is 20 "
        "(use the agenda's own item number, e.g. 6 or 6a, and put the rest in 'title')"
    ]


def test_an_item_number_of_twenty_characters_makes_its_papers(project, tmp_path):
    number = "4.2 (iii) sub-item 9"
    assert len(number) == 20
    _meeting_numbers(project, f'"{number}"', "6")
    _replace(project / RECORD, "  - number: 5\n", f'  - number: "{number.upper()}"\n')
    _replace(project / RECORD, "    item: 5\n", f'    item: "{number}"\n')  # the recommendation agreed there
    assert _errors(project) == []
    out = tmp_path / "papers.md"
    done = invoke("meeting", "--root", str(project), "example-childrens-scrutiny-panel-2026-10", "-o", str(out))
    assert done.exit_code == 0, done.output
    assert f"Item {number}:" in out.read_text(encoding="utf-8")


def _page_soup(bank, src: str):
    import markdown
    from bs4 import BeautifulSoup

    from scrutiny_packs.site.generate import SiteBuilder

    content = next(p.content for p in SiteBuilder(bank).pages() if p.src_uri == src)
    body = content.split("\n---\n", 1)[1]
    return BeautifulSoup(markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"]), "html.parser")


def test_a_record_matches_its_agenda_item_whatever_the_case_and_follow_up_links_reach_it(project):
    from scrutiny_packs.packs.checks import load_checked
    from scrutiny_packs.site import links

    _meeting_numbers(project, '"7a"', '"8 (b)"')
    _replace(project / RECORD, "  - number: 5\n", '  - number: "7A"\n')
    _replace(project / RECORD, "  - number: 6\n", '  - number: "8 (b)"\n')
    _replace(project / RECORD, "    item: 5\n", '    item: "7a"\n')  # what items 7a and 8 (b) agreed
    _replace(project / RECORD, "    item: 6\n", '    item: "8 B"\n')
    _replace(project / RECORD, "  - item: 6\n", '  - item: "8 (B)"\n')
    result = load_checked(project)
    assert [p.format() for p in result.problems if p.is_error] == []
    meeting_id = "example-childrens-scrutiny-panel-2026-10"
    meeting = _page_soup(result.bank, links.meeting(meeting_id))
    heading = meeting.find(id="record-item-7a")
    assert heading is not None
    answers = heading.find_next("div", class_="sp-record").select(".sp-record-answer")
    assert [a["data-question"] for a in answers] == ["q004", "q005", "q160"]
    follow_up = _page_soup(result.bank, links.FOLLOW_UP)
    fragments = {a["href"].split("#", 1)[1] for a in follow_up.find_all("a", href=True) if "#record-item-" in a["href"]}
    assert fragments and fragments <= {h["id"] for h in meeting.find_all(id=True)}
    assert "record-item-8-b" in fragments


# -- a record is history: checked against the meeting as it was -----------------------------------------


def test_retiring_a_question_a_past_record_answered_leaves_the_record_valid_and_shown(project):
    from scrutiny_packs.packs.checks import load_checked
    from scrutiny_packs.site import links

    question = project / "content/questions/q004.yml"
    question.write_text(question.read_text(encoding="utf-8") + "status: retired\nreplaced_by: q005\n", "utf-8")
    result = load_checked(project)
    assert [p.format() for p in result.problems if p.is_error] == []
    meeting = _page_soup(result.bank, links.meeting("example-childrens-scrutiny-panel-2026-10"))
    answers = meeting.find(id="record-item-5").find_next("div", class_="sp-record").select(".sp-record-answer")
    assert [a["data-question"] for a in answers] == ["q004", "q005", "q160"]


def test_taking_a_question_out_of_an_items_pack_leaves_past_records_valid(project):
    from scrutiny_packs.packs.checks import load_checked

    # Item 5's pack takes every front-door question; q160 is one. Later meetings ask others instead.
    _replace(project / "content/packs/front-door-contacts-and-referrals.yml", "tags: [front-door]", "tags: [outcomes]")
    result = load_checked(project)
    assert [p.format() for p in result.problems if p.is_error] == []


def test_a_record_answering_a_question_the_bank_never_had_is_refused_with_its_line(project):
    _replace(project / RECORD, "      - question: q005\n", "      - question: q999\n")
    found = _errors(project)
    assert len(found) == 1
    assert found[0].startswith(f"{RECORD}:19: items[0].answers[1].question: 'q999' is not a question in the bank (")
    assert "q004" in found[0]  # the item's questions today, as a hint


# -- a FIFO among the content files: refused, never opened -----------------------------------------------


def _cli(project: Path, *args: str, timeout: float = 120):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", *args, "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=timeout,  # a reader blocked on the FIFO would wait for ever
        cwd=project,
    )


def test_a_fifo_named_as_a_record_is_refused_not_waited_on(project, tmp_path):
    import os

    fifo = project / "content/meetings/example-childrens-scrutiny-panel.record.yml"
    os.mkfifo(fifo)
    validated = _cli(project, "validate")
    assert validated.returncode != 0 and "Traceback" not in validated.stderr
    expected = "content/meetings/example-childrens-scrutiny-panel.record.yml: not a regular file"
    assert expected in validated.stderr + validated.stdout
    listed = _cli(project, "actions")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    packed = _cli(project, "pack", "--question", "q004", "-o", str(tmp_path / "p.md"))
    assert "Traceback" not in packed.stderr
    assert expected in packed.stderr


def test_a_fifo_in_any_content_folder_is_refused_not_waited_on(project):
    import os

    for name in ("questions/q999.yml", "pages/fifo.md", "packs/fifo.yml"):
        os.mkfifo(project / "content" / name)
    validated = _cli(project, "validate")
    assert validated.returncode != 0
    for name in ("questions/q999.yml", "pages/fifo.md", "packs/fifo.yml"):
        assert f"content/{name}: not a regular file" in validated.stderr + validated.stdout


# -- values on the command line get the checks the same values get in a content file ----------------------


def _pack(tmp_path: Path, *args: str, out: str = "p.docx"):
    from tests.conftest import ROOT

    return CliRunner().invoke(
        main, ["pack", "--root", str(ROOT), "--question", "q004", *args, "-o", str(tmp_path / out)]
    )


@pytest.mark.parametrize(
    "args, line",
    [
        (["--body", "Panel \u202eenaP"], "--body: invisible formatting character U+202E (right-to-left override)"),
        (["--meeting", "Ordinary\x07 meeting"], "--meeting: invisible control character U+0007 in the text"),
        (["--item-title", "Front door\x0b"], "--item-title: invisible control character U+000B in the text"),
        (["--item", "6\u200b"], "--item: invisible formatting character U+200B (zero width space)"),
        (["--title", "Pack \x1b[31m"], "--title: invisible control character U+001B in the text"),
        (["--body", "Ring 07700 900123"], "--body: personal data: phone number '07700 900123'"),
        (["--item-title", "Ask jo@example.org"], "--item-title: personal data: e-mail address 'jo@example.org'"),
    ],
)
def test_a_value_on_the_command_line_is_checked_as_in_a_content_file(tmp_path, args, line):
    done = _pack(tmp_path, *args)
    assert done.exit_code == 2, done.output
    lines = done.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), done.output
    assert "Traceback" not in done.output and not (tmp_path / "p.docx").exists()


def test_likely_personal_data_on_the_command_line_is_a_warning_as_in_a_file(tmp_path):
    done = _pack(tmp_path, "--item-title", "Born on 3 March 2015", out="p.md")
    assert done.exit_code == 0, done.output
    assert "--item-title: warning: possible personal data: date of birth" in done.output


@pytest.mark.parametrize(
    "command, target",
    [
        (["pack", "--question", "q004"], "content/pages/licence.md"),
        (["meeting", "example-childrens-scrutiny-panel"], "content/meetings/README.md"),
        (["pack", "--question", "q004"], "content/new-folder/pack.pdf"),
    ],
)
def test_output_files_are_never_written_inside_content(project, command, target):
    path = project / target
    before = path.read_bytes() if path.exists() else None
    done = CliRunner().invoke(main, [command[0], "--root", str(project), *command[1:], "-o", str(path)])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"-o: {str(path)!r} is inside the project's content "
        "(write the file outside content/, e.g. in the current folder; nothing was written)"
    ]
    assert (path.read_bytes() if path.exists() else None) == before


@pytest.mark.parametrize("command", [["pack", "--question", "q004"], ["meeting", "example-childrens-scrutiny-panel"]])
def test_output_files_honour_the_umask(tmp_path, command):
    import os
    import stat

    from tests.conftest import ROOT

    out = tmp_path / "out.md"
    mask = os.umask(0o022)
    try:
        done = CliRunner().invoke(main, [command[0], "--root", str(ROOT), *command[1:], "-o", str(out)])
    finally:
        os.umask(mask)
    assert done.exit_code == 0, done.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
