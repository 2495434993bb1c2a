"""My pack's page data (site/mypack.py): the bank as the page needs it, each question drawn as the
built packs draw it, and the built site's buttons, header link and My pack page."""

from __future__ import annotations

import dataclasses
import json

import pytest
from bs4 import BeautifulSoup

from scrutiny_packs.ids import ID_REGEX
from scrutiny_packs.model import PackOptions
from scrutiny_packs.packs import docx, link
from scrutiny_packs.packs.html import render_body
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.site import mypack
from tests.conftest import ROOT

# -- the data the My pack page carries -------------------------------------------------------------


def test_the_page_data_is_a_script_nothing_in_it_can_break_out_of(bank):
    hostile = "{We} say </script><script>alert(1)</script> <!-- & \u2028"
    changed = dataclasses.replace(bank, questions=dict(bank.questions))
    changed.questions["q001"] = dataclasses.replace(bank.questions["q001"], text=hostile)
    made = mypack.data_file(changed)
    assert made.startswith("window.ScrutinyPacksBank = {") and made.endswith("};\n")
    body = made[len("window.ScrutinyPacksBank = ") : -len(";\n")]
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body)["questions"]["q001"]["text"] == hostile
    assert mypack.read_data_file(made)["questions"]["q001"]["text"] == hostile


def test_the_page_data_holds_what_the_built_packs_show(bank):
    data = mypack.read_data_file(mypack.data_file(bank))
    assert set(data["questions"]) == set(bank.questions)
    assert data["framing"]["our"] == {"you": "your", "we": "our"}
    for q in bank.questions.values():
        entry = data["questions"][q.id]
        assert entry["text"] == q.text  # placeholders kept: the page frames them
        assert entry["areas"] == list(q.areas)
    # What a pack shows under each question, as the built packs lay it out.
    chosen = tuple(q.id for q in bank.active_questions())
    view = build_view(bank, link.to_spec(link.MyPack(chosen)))
    for q in view.questions:
        entry = data["questions"][q.id]
        assert entry.get("listenFor", []) == list(q.listen_for)
        assert entry.get("askedOf", "") == q.asked_of
        assert [data["indicators"][i] for i in entry.get("evidence", [])] == [
            {"name": f.name, "description": f.description} for f in q.evidence
        ]
    for group in view.groups:
        for guide in group.guides:
            box = BeautifulSoup(data["guides"][guide.id]["html"], "html.parser")
            assert box.select_one(".sp-pack-guide__title").get_text() == guide.title
    assert all("<script" not in g["html"] for g in data["guides"].values())
    assert data["sentences"]["howTo"][""] == "The questions are numbered so they can be referred to in the meeting."
    assert data["link"]["idPattern"] == ID_REGEX


@pytest.mark.parametrize("framing", ["you", "we"])
def test_each_question_comes_drawn_as_the_built_packs_draw_it(bank, framing):
    """The page clones each question's entry: it must be the built pack's own, bar the number."""
    data = mypack.bank_data(bank)
    chosen = tuple(q.id for q in bank.active_questions())
    every_part = PackOptions(benchmarks=True, evidence=True, notes_space=True, rag=True)
    built = BeautifulSoup(
        str(render_body(build_view(bank, link.to_spec(link.MyPack(chosen, framing, options=every_part))))),
        "html.parser",
    )
    for item in built.select("li.sp-pack-q"):
        entry = data["questions"][item["data-question"]]["html"]
        cloned = BeautifulSoup(entry.get(framing, entry["you"]), "html.parser").li
        cloned.select_one(".sp-pack-q__number").string = item.select_one(".sp-pack-q__number").get_text()
        assert str(cloned) == str(item)
    assert sum("we" in q.get("html", {}) for q in data["questions"].values()) >= 10, "framed questions have both"


def test_the_javascript_tests_bank_has_the_shape_the_build_writes(bank):
    """tests/js/bank.json stands in for the page data in the Node tests: it must keep the build's shape."""
    changed = dataclasses.replace(bank, questions=dict(bank.questions))  # with a retired question, as banks have
    changed.questions["q003"] = dataclasses.replace(bank.questions["q003"], status="retired", replaced_by="q004")
    made = mypack.bank_data(changed, lambda qid: f"../questions/{qid}/")
    small = json.loads((ROOT / "tests" / "js" / "bank.json").read_text(encoding="utf-8"))
    assert small.keys() == made.keys() and small["version"] == made["version"]
    assert small["link"] == made["link"] and small["framing"] == made["framing"]
    assert small["word"] == made["word"] == docx.browser_measures(), "the Word file's measures are docx.py's"
    for part in ("sentences", "framingNotes"):
        assert small[part].keys() == made[part].keys()
    assert small["sentences"]["details"].keys() == made["sentences"]["details"].keys()
    assert small["sentences"]["howTo"].keys() == made["sentences"]["howTo"].keys()
    made_fields = set().union(*(q.keys() for q in made["questions"].values()))
    assert all(q.keys() <= made_fields for q in small["questions"].values())
    assert all(
        g.keys() - {"sources"} == {"html", "title", "paragraphs"}
        for g in [*small["guides"].values(), *made["guides"].values()]
    )
    assert all(s.keys() <= {"key", "name", "url", "superseded", "order"} for s in [*small["sources"], *made["sources"]])
    assert all(t.keys() == {"id", "term", "meaning"} for t in [*small["glossary"], *made["glossary"]])


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
        assert buttons[0]["type"] == "button"
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
    named = doc.select_one("script[data-sp-mypack-data]")
    assert named is not None and named["type"] == "text/plain", "named, loaded when there is a pack to draw"
    data = mypack.read_data_file((built_site / "my-pack" / named["src"]).resolve().read_text(encoding="utf-8"))
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
