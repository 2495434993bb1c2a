"""`scrutiny-packs pack`: ad-hoc packs in four formats, and one clear line for each mistake."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document

from scrutiny_packs.cli import main
from scrutiny_packs.model import PackSpec, Selection
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.text.framing import frame
from tests.conftest import ROOT
from tests.packs_helpers import find_in_order, pdf_pages


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, cwd: Path = ROOT) -> Done:
    """`scrutiny-packs pack --root ROOT ...` through click's test runner, in ``cwd``."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["pack", "--root", str(ROOT), *args])
    finally:
        os.chdir(previous)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def dv_we(bank):
    """What `--audience councillors --area domestic-violence --framing we` should hold."""
    spec = PackSpec(
        "x",
        "x",
        framing="we",
        selection=Selection(areas=("domestic-violence",), audiences=("councillors",), match="all"),
    )
    view = build_view(bank, spec)
    assert view.count >= 2
    return [f"{q.number}. {q.text}" for q in view.questions]


@pytest.mark.parametrize("suffix", [pytest.param(".pdf", marks=pytest.mark.pdf), ".docx", ".html", ".md"])
def test_the_pack_command_writes_each_format(tmp_path, suffix, dv_we):
    out = tmp_path / f"item-6{suffix}"
    done = run("--audience", "councillors", "--area", "domestic-violence", "--framing", "we", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert f"{len(dv_we)} questions" in done.stdout
    if suffix == ".pdf":
        text = "\n".join(pdf_pages(out))
    elif suffix == ".docx":
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    elif suffix == ".html":
        text = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    else:
        text = out.read_text(encoding="utf-8").replace("\\", "")
    assert find_in_order(text, dv_we) == []
    assert "Domestic violence: questions for councillors and scrutiny panels" in " ".join(text.split())


def test_no_filters_packs_the_whole_bank(tmp_path, bank):
    out = tmp_path / "all.md"
    done = run("-o", str(out))
    assert done.returncode == 0, done.stderr
    numbered = [line for line in out.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
    assert len(numbered) == len(bank.active_questions())


def test_questions_by_id_keep_their_order_and_options_apply(tmp_path, bank):
    out = tmp_path / "three.html"
    done = run(
        "--question",
        "q050",
        "--question",
        "q003",
        "--question",
        "q022",
        "--framing",
        "we",
        "--title",
        "Item 7: three questions",
        "--no-benchmarks",
        "--no-evidence",
        "--rag",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert [li["data-question"] for li in soup.select("li.sp-pack-q")] == ["q050", "q003", "q022"]
    assert soup.title.string == "Item 7: three questions"
    assert not soup.select(".sp-pack-q__good") and not soup.select(".sp-pack-q__evidence")
    assert len(soup.select(".sp-pack-q__rag")) == 3
    assert frame(bank.questions["q022"].text, "we") in soup.get_text(" ")


def test_a_pack_file_from_anywhere(tmp_path, bank):
    out = tmp_path / "front-door.docx"
    done = run("--spec", "content/packs/front-door-contacts-and-referrals.yml", "-o", str(out))
    assert done.returncode == 0, done.stderr
    view = build_view(bank, bank.packs["front-door-contacts-and-referrals"])
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert find_in_order(text, [f"{q.number}. {q.text}" for q in view.questions]) == []


BAD = [
    (["--audience", "councilors"], "--audience: 'councilors' is not a known audience (did you mean 'councillors'?)"),
    (
        ["--area", "domestic-violnce"],
        "--area: 'domestic-violnce' is not a known area (did you mean 'domestic-violence'?)",
    ),
    (["--tag", "frontdoor"], "--tag: 'frontdoor' is not a known tag (did you mean 'front-door'?)"),
    (["--question", "q999"], "--question: 'q999' is not a known question"),
    (["--framing", "they"], "--framing: 'they' is not a framing"),
    (["--order", "random"], "--order: 'random' is not an order"),
    (
        ["--audience", "police", "--area", "vulnerable-groups", "--tag", "front-door"],
        "pack: the selection matches no questions",
    ),
    (["--spec", "nowhere.yml"], "nowhere.yml: pack file not found"),
    (
        ["--spec", "content/packs/front-door-contacts-and-referrals.yml", "--area", "workforce"],
        "--spec: cannot be combined with --audience, --area, --tag or --question",
    ),
]


@pytest.mark.parametrize("args,message", BAD, ids=[b[1].split(":")[0] + "-" + str(i) for i, b in enumerate(BAD)])
def test_mistakes_are_one_clear_line(tmp_path, args, message):
    out = tmp_path / "pack.pdf"
    done = run(*args, "-o", str(out))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(message), lines[0]
    assert not out.exists()


@pytest.mark.parametrize("name", ["pack.txt", "pack"])
def test_an_output_type_it_cannot_write(tmp_path, name):
    done = run("-o", str(tmp_path / name))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("-o: cannot write")
    assert "name a file ending in .pdf, .docx, .html or .md" in done.stderr


def test_a_bad_pack_file_names_file_line_and_field(tmp_path):
    spec = tmp_path / "item.yml"
    spec.write_text(
        "title: Item 6\nframing: they\nselection:\n  areas: [domestic-violnce]\n  tags: [frontdoor]\n", encoding="utf-8"
    )
    done = run("--spec", str(spec), "-o", str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "item.yml:2: framing: 'they' is not one of 'you', 'we' (known: we, you)",
    ]
    spec.write_text("title: Item 6\nselection:\n  areas: [domestic-violnce]\n  tags: [frontdoor]\n", encoding="utf-8")
    done = run("--spec", str(spec), "-o", str(tmp_path / "x.pdf"), cwd=tmp_path)
    assert done.stderr.strip().splitlines() == [
        "item.yml:3: selection.areas[0]: 'domestic-violnce' is not a known area (did you mean 'domestic-violence'?)",
        "item.yml:4: selection.tags[0]: 'frontdoor' is not a tag any question has (did you mean 'front-door'?)",
    ]
