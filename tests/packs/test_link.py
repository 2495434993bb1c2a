"""My pack outside the browser: the share link's format (packs/link.py; the cases Python and the
browser must both read alike are in test_link_cases.py), checking a link against the bank, and
`scrutiny-packs pack --from-url`. The page's data is tested in tests/site/test_mypack.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny_packs.ids import is_id
from scrutiny_packs.model import PackOptions
from scrutiny_packs.packs import link
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.text.framing import SECOND_PERSON, frame
from tests.conftest import ROOT
from tests.examples import examples

# -- the link format ---------------------------------------------------------------------------

ids = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,12}\Z")
texts = st.text(max_size=link.MAX_TEXT).map(lambda t: link.tidy(t)[: link.MAX_TEXT].rstrip(" "))
packs = st.builds(
    link.MyPack,
    questions=st.lists(ids, unique=True, max_size=30).map(tuple),
    framing=st.sampled_from(["you", "we"]),
    body=texts,
    meeting=texts,
    item=texts,
    title=texts,
    date=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    options=st.builds(PackOptions, st.booleans(), st.booleans(), st.booleans(), st.booleans()),
)


@given(packs)
@settings(max_examples=examples(300), deadline=None)
def test_a_link_reads_back_as_the_pack_it_was_made_from(pack):
    query = link.encode(pack)
    assert link.decode(query) == (pack, [])
    assert link.decode(link.query_of(f"https://example.org/my-pack/?{query}#top")) == (pack, [])


@given(st.text(max_size=400))
@settings(max_examples=examples(300), deadline=None)
def test_any_text_reads_as_some_pack_without_failing(text):
    pack, notices = link.decode(text)
    assert all(is_id(q) for q in pack.questions)
    assert len(set(pack.questions)) == len(pack.questions)
    assert all(len(getattr(pack, f)) <= link.MAX_TEXT for f in link.TEXT_FIELDS)
    assert all(getattr(pack, f) == link.tidy(getattr(pack, f)) for f in link.TEXT_FIELDS)
    assert all(n.message for n in notices)


def test_the_link_is_short_and_readable():
    pack = link.MyPack(
        ("q001", "q014"),
        "we",
        body="Children's Scrutiny Panel",
        date=dt.date(2026, 3, 4),
        item="6",
        title="The front door & referrals",
        options=PackOptions(rag=True),
    )
    assert link.encode(pack) == (
        "ids=q001,q014&f=we&body=Children's%20Scrutiny%20Panel&date=2026-03-04"
        "&item=6&title=The%20front%20door%20%26%20referrals&opts=b,e,n,r"
    )
    assert link.encode(link.MyPack(("q001",))) == "ids=q001"
    assert link.encode(link.MyPack(("q001",), options=PackOptions(False, False, False, False))) == "ids=q001&opts="


def test_a_missing_opts_means_the_usual_options_and_an_empty_one_means_none():
    assert link.decode("ids=q001")[0].options == PackOptions()
    assert link.decode("ids=q001&opts=")[0].options == PackOptions(False, False, False, False)
    assert link.decode("ids=q001&opts=r,b")[0].options == PackOptions(True, False, False, True)


def test_what_a_link_cannot_use_is_named_not_dropped():
    pack, notices = link.decode("ids=q001,Q014,q001,<b>x</b>,,q020&f=they&date=2026-02-30&opts=b,z&title=" + "x" * 250)
    assert pack.questions == ("q001", "q014", "q020")
    assert pack.framing == "you" and pack.date is None and len(pack.title) == link.MAX_TEXT
    said = [(n.field, n.kind) for n in notices]
    assert said == [
        ("ids", "repeated"),
        ("ids", "invalid"),
        ("f", "invalid"),
        ("title", "too-long"),
        ("date", "invalid"),
        ("opts", "invalid"),
    ]
    by_field = {n.field: n.message for n in notices}
    assert "'they' is not a framing" in by_field["f"]
    assert "'2026-02-30' is not a date" in by_field["date"]
    assert "'z' is not an option" in by_field["opts"]


def test_unknown_and_retired_questions_are_left_out_with_a_notice(bank):
    retired_id, successor = "q003", "q004"
    changed = dataclasses.replace(bank, questions=dict(bank.questions))
    changed.questions[retired_id] = dataclasses.replace(
        bank.questions[retired_id], status="retired", replaced_by=successor
    )
    pack, notices = link.from_url(changed, f"https://example.org/my-pack/?ids=q001,q998,{retired_id},q002")
    assert pack.questions == ("q001", "q002")
    assert [n.format() for n in notices] == [
        "link: ids: 'q998' is not a question in the bank; left out (it may have been removed, or the link was cut short)",
        f"link: ids: '{retired_id}' has been retired; left out; '{successor}' replaces it",
    ]


def test_the_pack_keeps_the_chosen_order_and_framing(bank):
    chosen = ("q050", "q001", "q014", "q013")
    pack = link.MyPack(
        chosen,
        "we",
        body="Safeguarding Children Partnership",
        meeting="Board meeting",
        date=dt.date(2026, 3, 4),
        item="6",
        title="Front door",
    )
    view = build_view(bank, link.to_spec(pack))
    assert tuple(q.id for q in view.questions) == chosen
    assert [q.number for q in view.questions] == [1, 2, 3, 4]
    assert [q.text for q in view.questions] == [frame(bank.questions[q].text, "we") for q in chosen]
    assert not any(SECOND_PERSON.search(q.text) for q in view.questions)
    assert view.title == "Front door"
    assert [(d.label, d.value) for d in view.details] == [
        ("Body", "Safeguarding Children Partnership"),
        ("Meeting", "Board meeting"),
        ("Date", "4 March 2026"),
        ("Agenda item", "6: Front door"),
        ("Questions", "4"),
    ]


def test_the_pack_title_falls_back_to_the_meeting_then_a_plain_title():
    assert link.MyPack(title="Item", meeting="Panel").pack_title == "Item"
    assert link.MyPack(meeting="Panel").pack_title == "Panel"
    assert link.MyPack().pack_title == link.DEFAULT_TITLE


# -- scrutiny-packs pack --from-url -----------------------------------------------------------------


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


LINK = (
    "https://scrutiny.example/my-pack/?ids=q050,q001,q014,q013,q999&f=we"
    "&body=Children%27s%20Scrutiny%20Panel&date=2026-03-04&item=6&title=The%20front%20door&opts=b,e,r"
)


@pytest.mark.pdf
def test_from_url_makes_the_same_pack_as_a_pdf(bank, tmp_path):
    out = tmp_path / "item-6.pdf"
    result = _cli("pack", "--from-url", LINK, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "--from-url: warning: ids: 'q999' is not a question in the bank; left out "
        "(it may have been removed, or the link was cut short)"
    ]
    text = _pdf_text(out)
    assert "The front door" in text and "Children's Scrutiny Panel" in text and "4 March 2026" in text
    at = -1
    for number, qid in enumerate(("q050", "q001", "q014", "q013"), start=1):
        wording = f"{number}. " + " ".join(frame(bank.questions[qid].text, "we").split())
        found = text.find(wording[:60])
        assert found > at, f"{qid} missing or out of order in the PDF"
        at = found
    assert "RAG" in text


def test_from_url_makes_a_word_file(bank, tmp_path):
    from docx import Document

    out = tmp_path / "item-6.docx"
    result = _cli("pack", "--from-url", LINK, "-o", str(out))
    assert result.returncode == 0, result.stderr
    paragraphs = "\n".join(p.text for p in Document(str(out)).paragraphs)
    positions = [paragraphs.find(frame(bank.questions[q].text, "we")) for q in ("q050", "q001", "q014", "q013")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("--from-url", "https://scrutiny.example/my-pack/?ids=q998,q997"),
            "the link names no questions the bank can offer",
        ),
        (("--from-url", "https://scrutiny.example/my-pack/"), "this is not a My pack link"),
        (("--from-url", LINK, "--framing", "you", "--area", "workforce"), "cannot be combined with --area, --framing"),
    ],
)
def test_from_url_problems_are_one_line_each(args, message, tmp_path):
    out = tmp_path / "pack.pdf"
    result = _cli("pack", *args, "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert any(line.startswith("--from-url: ") and message in line for line in result.stderr.splitlines()), (
        result.stderr
    )
    assert not out.exists()


def test_from_url_reads_a_damaged_link_without_failing(tmp_path):
    """Control characters once stopped the Word file being made, and a stray '[' ended in a traceback."""
    from docx import Document

    out = tmp_path / "pack.docx"
    result = _cli("pack", "--from-url", "https://[scrutiny.example/my-pack/?ids=q001&body=Panel%07one", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "--from-url: warning: body: the body has control characters, which cannot be shown or printed; "
        "each was read as a space"
    ]
    assert any(cell.text == "Panel one" for t in Document(str(out)).tables for row in t.rows for cell in row.cells)
