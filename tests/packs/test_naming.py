"""One name per concept, only what a pack asks for, and counts in good English."""

from __future__ import annotations

import copy
import io
import re

import pytest
from bs4 import BeautifulSoup
from docx import Document

from scrutiny_packs.model import PackSpec, Selection
from scrutiny_packs.packs.defaults import all_packs
from scrutiny_packs.packs.docx import render_docx
from scrutiny_packs.packs.html import render_document
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.packs.md import render_markdown
from scrutiny_packs.site.generate import SiteBuilder
from scrutiny_packs.text.plural import count_of

ONE_QUESTIONS = re.compile(r"(?<![\d,])1 questions")


@pytest.mark.parametrize(
    "n,word,expected",
    [
        (0, "question", "0 questions"),
        (1, "question", "1 question"),
        (2, "question", "2 questions"),
        (1, "agenda item", "1 agenda item"),
        (3, "agenda item", "3 agenda items"),
        (2, "body", "2 bodies"),
        (2, "match", "2 matches"),
        (1200, "question", "1,200 questions"),
    ],
)
def test_count_of(n, word, expected):
    assert count_of(n, word) == expected


def test_a_pack_shows_only_the_benchmarks_its_questions_link_to(bank):
    for spec in all_packs(bank):
        view = build_view(bank, spec)
        linked = {b for q in view.questions for b in bank.questions[q.id].benchmarks}
        shown = [g.id for group in view.groups for g in group.guides]
        assert set(shown) <= linked, spec.id
        assert len(shown) == len(set(shown)), spec.id  # each once


def test_listen_for_and_what_good_looks_like_are_named_the_same_in_every_format(bank):
    spec = bank.packs["front-door-contacts-and-referrals"]
    view = build_view(bank, spec)
    assert any(q.listen_for for q in view.questions) and any(g.guides for g in view.groups)
    html = BeautifulSoup(render_document(view), "html.parser")
    assert {p.get_text(strip=True) for p in html.select(".sp-pack-q__good .sp-pack-label")} == {"Listen for"}
    assert all(h.get_text().startswith("What good looks like: ") for h in html.select(".sp-pack-guides__title"))
    doc = Document(io.BytesIO(render_docx(view)))
    labels = {p.text for p in doc.paragraphs if p.text.isupper() or p.text in ("Listen for", "What good looks like")}
    assert "Listen for" in labels and "What good looks like" not in labels
    assert any(p.text.startswith("What good looks like: ") for p in doc.paragraphs if p.style.name == "Heading 2")
    md = render_markdown(view)
    assert "Listen for:" in md and "### What good looks like: " in md


def test_a_pack_of_one_question_says_1_question(bank):
    one = copy.copy(bank)
    one.packs = dict(
        bank.packs,
        single=PackSpec(
            "single", "One question", selection=Selection(questions=("q004",)), path="content/packs/single.yml"
        ),
    )
    pages = {p.src_uri: p.render() for p in SiteBuilder(one).pack_pages()}
    index = " ".join(pages["packs/index.md"].split())
    assert "1 question, framed" in index and not ONE_QUESTIONS.search(index)
    assert not ONE_QUESTIONS.search(" ".join(render_document(build_view(one, one.packs["single"])).split()))
