"""My pack outside the browser: the share link's format, checking a link against the bank,
the data the page carries, and `scrutiny-packs pack --from-url`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny_packs.model import PackOptions
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.site import mypack
from scrutiny_packs.text.framing import SECOND_PERSON, frame
from tests.conftest import ROOT

# -- the link format ---------------------------------------------------------------------------

ids = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,12}\Z")
texts = st.text(max_size=mypack.MAX_TEXT).map(lambda t: " ".join(t.split())[: mypack.MAX_TEXT])
packs = st.builds(
    mypack.MyPack,
    questions=st.lists(ids, unique=True, max_size=30).map(tuple),
    framing=st.sampled_from(["you", "we"]),
    body=texts, meeting=texts, item=texts, title=texts,
    date=st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    options=st.builds(PackOptions, st.booleans(), st.booleans(), st.booleans(), st.booleans()),
)


@given(packs)
@settings(max_examples=300, deadline=None)
def test_a_link_reads_back_as_the_pack_it_was_made_from(pack):
    query = mypack.encode(pack)
    assert mypack.decode(query) == (pack, [])
    assert mypack.decode(mypack.query_of(f"https://example.org/my-pack/?{query}#top")) == (pack, [])


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_reads_as_some_pack_without_failing(text):
    pack, notices = mypack.decode(text)
    assert all(mypack.ID_PATTERN.match(q) for q in pack.questions)
    assert len(set(pack.questions)) == len(pack.questions)
    assert all(len(getattr(pack, f)) <= mypack.MAX_TEXT for f in mypack.TEXT_FIELDS)
    assert all(n.message for n in notices)


def test_the_link_is_short_and_readable():
    pack = mypack.MyPack(("q001", "q014"), "we", body="Children's Scrutiny Panel", date=dt.date(2026, 3, 4),
                         item="6", title="The front door & referrals", options=PackOptions(rag=True))
    assert mypack.encode(pack) == ("ids=q001,q014&f=we&body=Children's%20Scrutiny%20Panel&date=2026-03-04"
                                   "&item=6&title=The%20front%20door%20%26%20referrals&opts=b,e,n,r")
    assert mypack.encode(mypack.MyPack(("q001",))) == "ids=q001"
    assert mypack.encode(mypack.MyPack(("q001",), options=PackOptions(False, False, False, False))) == "ids=q001&opts="


def test_a_missing_opts_means_the_usual_options_and_an_empty_one_means_none():
    assert mypack.decode("ids=q001")[0].options == PackOptions()
    assert mypack.decode("ids=q001&opts=")[0].options == PackOptions(False, False, False, False)
    assert mypack.decode("ids=q001&opts=r,b")[0].options == PackOptions(True, False, False, True)


def test_what_a_link_cannot_use_is_named_not_dropped():
    pack, notices = mypack.decode("ids=q001,Q014,q001,<b>x</b>,,q020&f=they&date=2026-02-30&opts=b,z"
                                  "&title=" + "x" * 250)
    assert pack.questions == ("q001", "q014", "q020")
    assert pack.framing == "you" and pack.date is None and len(pack.title) == mypack.MAX_TEXT
    said = [(n.field, n.kind) for n in notices]
    assert said == [("ids", "repeated"), ("ids", "invalid"), ("f", "invalid"), ("title", "too-many"),
                    ("date", "invalid"), ("opts", "invalid")]
    by_field = {n.field: n.message for n in notices}
    assert "'they' is not a framing" in by_field["f"]
    assert "'2026-02-30' is not a date" in by_field["date"]
    assert "'z' is not an option" in by_field["opts"]


def test_unknown_and_retired_questions_are_left_out_with_a_notice(bank):
    retired_id, successor = "q003", "q004"
    changed = dataclasses.replace(bank, questions=dict(bank.questions))
    changed.questions[retired_id] = dataclasses.replace(bank.questions[retired_id], status="retired",
                                                        replaced_by=successor)
    pack, notices = mypack.from_url(changed, f"https://example.org/my-pack/?ids=q001,q998,{retired_id},q002")
    assert pack.questions == ("q001", "q002")
    assert [n.format() for n in notices] == [
        "link: ids: 'q998' is not a question in the bank; left out (it may have been removed, or the link was cut short)",
        f"link: ids: '{retired_id}' has been retired; left out; '{successor}' replaces it",
    ]


def test_the_pack_keeps_the_chosen_order_and_framing(bank):
    chosen = ("q050", "q001", "q014", "q013")
    pack = mypack.MyPack(chosen, "we", body="Safeguarding Children Partnership", meeting="Board meeting",
                         date=dt.date(2026, 3, 4), item="6", title="Front door")
    view = build_view(bank, mypack.to_spec(pack))
    assert tuple(q.id for q in view.questions) == chosen
    assert [q.number for q in view.questions] == [1, 2, 3, 4]
    assert [q.text for q in view.questions] == [frame(bank.questions[q].text, "we") for q in chosen]
    assert not any(SECOND_PERSON.search(q.text) for q in view.questions)
    assert view.title == "Front door"
    assert [(d.label, d.value) for d in view.details] == [
        ("Body", "Safeguarding Children Partnership"), ("Meeting", "Board meeting"), ("Date", "4 March 2026"),
        ("Agenda item", "6: Front door"), ("Questions", "4")]


def test_the_pack_title_falls_back_to_the_meeting_then_a_plain_title():
    assert mypack.MyPack(title="Item", meeting="Panel").pack_title == "Item"
    assert mypack.MyPack(meeting="Panel").pack_title == "Panel"
    assert mypack.MyPack().pack_title == mypack.DEFAULT_TITLE


# -- the data the My pack page carries -------------------------------------------------------------

def test_the_page_data_cannot_end_its_script_element(bank):
    hostile = "{We} say </script><script>alert(1)</script> <!-- & \u2028"
    changed = dataclasses.replace(bank, questions=dict(bank.questions))
    changed.questions["q001"] = dataclasses.replace(bank.questions["q001"], text=hostile)
    block = mypack.data_script(changed)
    body = block[len('<script type="application/json" id="sp-bank">'):-len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body)["questions"]["q001"]["text"] == hostile


def test_the_page_data_holds_what_the_built_packs_show(bank):
    data = json.loads(re.sub(r"^<script[^>]*>|</script>$", "", mypack.data_script(bank)))
    assert set(data["questions"]) == set(bank.questions)
    assert data["framing"]["our"] == {"you": "your", "we": "our"}
    for q in bank.questions.values():
        entry = data["questions"][q.id]
        assert entry["text"] == q.text  # placeholders kept: the page frames them
        assert entry["areas"] == list(q.areas)
    # What a pack shows under each question, as the built packs lay it out.
    chosen = tuple(q.id for q in bank.active_questions())
    view = build_view(bank, mypack.to_spec(mypack.MyPack(chosen)))
    for q in view.questions:
        entry = data["questions"][q.id]
        assert entry.get("listenFor", []) == list(q.listen_for)
        assert entry.get("askedOf", "") == q.asked_of
        assert [data["indicators"][i] for i in entry.get("evidence", [])] == [
            {"name": f.name, "description": f.description} for f in q.evidence]
    for group in view.groups:
        for guide in group.guides:
            assert data["guides"][guide.id]["title"] == guide.title
    assert all("<script" not in g["html"] for g in data["guides"].values())


# -- the built site ------------------------------------------------------------------------------

def test_every_question_card_and_page_has_an_add_button(built_site, bank):
    from tests.conftest import page

    bank_module = next(m.id for m in bank.modules.values() if m.generated == "questions")
    doc = page(built_site, f"modules/{bank_module}/")
    cards = doc.select(".sp-q[data-question]")
    assert len(cards) >= len(bank.active_questions())
    for card in cards:
        qid = card["data-question"]
        buttons = card.select("button[data-sp-add]")
        assert len(buttons) == 1 and buttons[0]["data-sp-add"] == qid
        assert buttons[0]["type"] == "button" and buttons[0]["aria-pressed"] == "false"
        assert buttons[0].get_text(" ", strip=True) == f"Add to my pack (ref. {qid})"
        assert buttons[0].find_parent(attrs={"data-sp-add-holder": True}).has_attr("hidden")
    for q in bank.questions.values():
        doc = page(built_site, f"questions/{q.id}/")
        assert len(doc.select(f"button[data-sp-add='{q.id}']")) == (0 if q.retired else 1)


def test_question_pages_stay_small(built_site, bank):
    sizes = {q.id: (built_site / "questions" / q.id / "index.html").stat().st_size for q in bank.questions.values()}
    assert max(sizes.values()) < 40_000, max(sizes.items(), key=lambda kv: kv[1])


def test_the_my_pack_page_carries_the_bank_and_links_that_resolve(built_site, bank):
    from tests.conftest import page

    doc = page(built_site, "my-pack/")
    data = json.loads(doc.find("script", id=mypack.DATA_ELEMENT_ID).string)
    assert set(data["questions"]) == set(bank.questions)
    for qid, entry in data["questions"].items():
        target = (built_site / "my-pack" / entry["href"]).resolve()
        assert (target / "index.html").is_file(), (qid, entry["href"])
    assert doc.select_one("#sp-mypack [data-sp-mypack-list]") is not None
    assert doc.select_one("[data-sp-mypack-nojs]").get_text(strip=True).startswith("My pack needs JavaScript")
    nav = [a.get_text(strip=True) for a in doc.select(".md-nav--primary a.md-nav__link")]
    assert "My pack" in nav
    # Every page offers the header link (hidden until the script shows it).
    for path in ("", "questions/q001/", "areas/"):
        link = page(built_site, path).select_one("a[data-sp-mypack-link]")
        assert link is not None and link.has_attr("hidden")
        assert link["href"].rstrip("/").endswith("my-pack")


# -- scrutiny-packs pack --from-url -----------------------------------------------------------------

def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrutiny_packs.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


LINK = ("https://scrutiny.example/my-pack/?ids=q050,q001,q014,q013,q999&f=we"
        "&body=Children%27s%20Scrutiny%20Panel&date=2026-03-04&item=6&title=The%20front%20door&opts=b,e,r")


def test_from_url_makes_the_same_pack_as_a_pdf(bank, tmp_path):
    out = tmp_path / "item-6.pdf"
    result = _cli("pack", "--from-url", LINK, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "--from-url: warning: ids: 'q999' is not a question in the bank; left out "
        "(it may have been removed, or the link was cut short)"]
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


@pytest.mark.parametrize("args, message", [
    (("--from-url", "https://scrutiny.example/my-pack/?ids=q998,q997"), "the link names no questions the bank can offer"),
    (("--from-url", "https://scrutiny.example/my-pack/"), "this is not a My pack link"),
    (("--from-url", LINK, "--framing", "you", "--area", "workforce"), "cannot be combined with --area, --framing"),
])
def test_from_url_problems_are_one_line_each(args, message, tmp_path):
    out = tmp_path / "pack.pdf"
    result = _cli("pack", *args, "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert any(line.startswith("--from-url: ") and message in line for line in result.stderr.splitlines()), result.stderr
    assert not out.exists()
