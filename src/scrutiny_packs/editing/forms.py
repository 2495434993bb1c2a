"""Lists of areas and audiences kept outside content/, written from content.

The "Propose a question" issue form and CONTRIBUTING.md name the bank's areas and
audiences. They are written from content by ``scrutiny-packs generate-forms`` (``make
forms``), between marker lines, and ``scrutiny-packs generate-forms --check`` (run by
the tests and on every pull request) names any file that no longer matches, so adding
an area or an audience is: add its file, run the command, commit what it changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scrutiny_packs.model import Bank
from scrutiny_packs.problems import Problem

COMMAND = "scrutiny-packs generate-forms"
ISSUE_FORM = ".github/ISSUE_TEMPLATE/propose-question.yml"
CONTRIBUTING = "CONTRIBUTING.md"


@dataclass(frozen=True, slots=True)
class Block:
    """A generated block in a file: the lines between a begin and an end marker."""

    path: str  # repository path
    name: str  # what it lists: "areas" or "audiences"
    begin: re.Pattern[str]
    end: re.Pattern[str]
    render: Callable[[Bank, str], str]  # (bank, indent of the begin marker) -> the lines between


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _form_areas(bank: Bank, indent: str) -> str:
    return "".join(f"{indent}- {_yaml_string(f'{a.name} ({a.id})')}\n" for a in bank.areas_in_order())


def _form_audiences(bank: Bank, indent: str) -> str:
    return "".join(f"{indent}- label: {_yaml_string(f'{a.name} ({a.id})')}\n" for a in bank.audiences.values())


def _contributing_ids(ids: list[str]) -> str:
    quoted = [f"`{i}`" for i in ids]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _yaml_markers(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(rf"^(?P<indent>[ ]*)# begin {name}: written from content/{name}/ by `{COMMAND}`.*\n", re.M),
        re.compile(rf"^[ ]*# end {name}\n", re.M),
    )


def _md_markers(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(rf"<!-- begin {name}: written from content/{name}/ by `{COMMAND}` -->(?P<indent>)"),
        re.compile(rf"<!-- end {name} -->"),
    )


BLOCKS: tuple[Block, ...] = (
    Block(ISSUE_FORM, "areas", *_yaml_markers("areas"), _form_areas),
    Block(ISSUE_FORM, "audiences", *_yaml_markers("audiences"), _form_audiences),
    Block(
        CONTRIBUTING,
        "areas",
        *_md_markers("areas"),
        lambda bank, _: _contributing_ids([a.id for a in bank.areas_in_order()]),
    ),
    Block(
        CONTRIBUTING, "audiences", *_md_markers("audiences"), lambda bank, _: _contributing_ids(list(bank.audiences))
    ),
)


def _apply(text: str, block: Block, bank: Bank) -> tuple[str, int | None, str | None]:
    """(new text, line of the block, problem) for one block of a file's text."""
    begin = block.begin.search(text)
    if begin is None:
        return text, None, f"the marker for the generated list of {block.name} is missing"
    end = block.end.search(text, begin.end())
    if end is None:
        return text, text.count("\n", 0, begin.start()) + 1, f"the end marker of the list of {block.name} is missing"
    wanted = block.render(bank, begin.group("indent"))
    line = text.count("\n", 0, begin.start()) + 1
    return text[: begin.end()] + wanted + text[end.start() :], line, None


def generate(root: Path, bank: Bank, write: bool = True) -> list[Problem]:
    """Write (or with ``write=False`` only check) every generated block. Returns one problem per
    file that is out of date or cannot be written, naming the command that brings it up to date."""
    root = Path(root)
    problems: list[Problem] = []
    for path in dict.fromkeys(b.path for b in BLOCKS):
        target = root / path
        if not target.is_file():
            problems.append(Problem(path, None, "", "file not found", "restore it from the repository"))
            continue
        old = target.read_text(encoding="utf-8")
        text, broken_here = old, False
        for block in (b for b in BLOCKS if b.path == path):
            updated, line, broken = _apply(text, block, bank)
            if broken:
                broken_here = True
                problems.append(
                    Problem(
                        path,
                        line,
                        block.name,
                        broken,
                        f"restore the marker lines from the repository, then run `{COMMAND}`",
                    )
                )
                continue
            if updated != text and not write:
                problems.append(
                    Problem(
                        path,
                        line,
                        block.name,
                        f"the list of {block.name} differs from content/{block.name}/",
                        f"run `{COMMAND}` or `make forms` to write it again, and commit the change",
                    )
                )
            text = updated
        if write and text != old and not broken_here:
            target.write_text(text, encoding="utf-8")
    return problems
