"""Words a pack says in several formats are one wording: the web page and PDF, the Word file,
the Markdown pack and the My pack page all take them from text/sentences.py."""

from __future__ import annotations

import io
import itertools

import pytest
from bs4 import BeautifulSoup
from docx import Document

from scrutiny_packs.model import PackOptions
from scrutiny_packs.packs import link
from scrutiny_packs.packs.docx import render_docx
from scrutiny_packs.packs.html import render_body
from scrutiny_packs.packs.layout import build_view
from scrutiny_packs.packs.md import render_markdown
from scrutiny_packs.site import mypack
from scrutiny_packs.text import sentences

OPTIONS = [PackOptions(*flags) for flags in itertools.product((True, False), repeat=4)]


def docx_paragraphs(view) -> list[str]:
    doc = Document(io.BytesIO(render_docx(view)))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in doc.paragraphs] + cells


@pytest.fixture(scope="module")
def chosen(bank) -> tuple[str, ...]:
    """Questions with and without guidance and evidence, so every sentence can be reached."""
    active = list(bank.active_questions())
    with_all = next(q for q in active if q.listen_for and q.evidence and q.benchmarks)
    bare = [q for q in active if not q.listen_for and not q.evidence and not q.benchmarks]
    return (with_all.id, *(q.id for q in bare[:1]))


@pytest.mark.parametrize(
    "options",
    OPTIONS,
    ids=lambda o: "".join(letter for letter, name in link.OPTION_LETTERS.items() if getattr(o, name)) or "none",
)
def test_the_how_to_sentence_is_the_same_in_every_format(bank, chosen, options):
    view = build_view(bank, link.to_spec(link.MyPack(chosen, options=options)))
    html = BeautifulSoup(str(render_body(view)), "html.parser").select_one(".sp-pack-howto").get_text()
    assert html == view.how_to
    assert view.how_to in docx_paragraphs(view)
    key = sentences.how_to_key(
        good=options.benchmarks and view.has_guidance,
        evidence=options.evidence and view.has_evidence,
        notes=options.notes_space,
        rag=options.rag,
    )
    assert mypack.bank_data(bank)["sentences"]["howTo"][key] == view.how_to
    assert view.how_to.startswith(sentences.HOW_TO_NUMBERED)


def test_each_how_to_sentence_reads_as_one_paragraph():
    table = sentences.for_browser()["howTo"]
    assert len(table) == len(set(table.values())) == 16  # each choice of what is shown says so
    for text in table.values():
        assert "  " not in text and text.endswith(".") and text == text.strip()
    assert table["genr"] == (
        "The questions are numbered so they can be referred to in the meeting. Under each is what a good "
        "answer would show, and the evidence to ask for. The printed pack has space for notes and a box for a "
        "red, amber or green (RAG) status against each question."
    )


def test_the_labels_under_each_question_are_the_same_in_every_format(bank, chosen):
    options = PackOptions(benchmarks=True, evidence=True, notes_space=True, rag=True)
    view = build_view(bank, link.to_spec(link.MyPack(chosen, options=options)))
    page = BeautifulSoup(str(render_body(view)), "html.parser")
    labels = {p.get_text() for p in page.select(".sp-pack-label")}
    assert labels == {sentences.LISTEN, sentences.EVIDENCE, sentences.NOTES, sentences.RAG}
    assert page.select_one(".sp-pack-contents-title").get_text() == sentences.CONTENTS
    assert page.select_one(".sp-pack-kicker").get_text() == sentences.KICKER
    words = docx_paragraphs(view)
    for label in (sentences.LISTEN, sentences.EVIDENCE, sentences.NOTES, sentences.CONTENTS):
        assert label in words
    markdown = render_markdown(view)
    assert f"{sentences.LISTEN}:" in markdown and f"{sentences.EVIDENCE}:" in markdown
    guided = next(g for g in view.groups if g.guides)
    assert page.select_one(".sp-pack-guides__title").get_text() == sentences.guides_heading(guided.title)
    assert sentences.guides_heading(guided.title) in words
    assert f"### {sentences.guides_heading(guided.title)}" in markdown
