"""The My pack page's data: what the browser needs to draw any pack from the bank.

The pack itself travels in a link (``packs/link.py``, the format). This module
writes the bank as a script file of its own (``DATA_PATH``), which only the My pack
page loads (``overrides/main.html``, the page's front matter ``sp_my_pack``) and the
scripts in ``overrides/assets/javascripts/my-pack/`` read, and the link's rules, which
every page's "Add to my pack" buttons need too. A plain script rather than JSON
fetched by the page: the offline copy opened from disk (file://) may not fetch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace

from scrutiny_packs.model import Bank, PackOptions
from scrutiny_packs.packs.docx import browser_measures
from scrutiny_packs.packs.layout import (
    FOOTER_MEETING_LIMIT,
    FOOTER_TITLE_LIMIT,
    Gloss,
    build_view,
    cited_order,
    cited_source,
    framing_note,
    paragraphs,
)
from scrutiny_packs.packs.link import DEFAULT_TITLE, MyPack, browser_rules, to_spec
from scrutiny_packs.packs.select import Selected
from scrutiny_packs.text import sentences
from scrutiny_packs.text.escape import html_escape
from scrutiny_packs.text.framing import FRAMINGS, frame, framing_table
from scrutiny_packs.text.templating import environment, macro

DATA_PATH = "assets/javascripts/my-pack-data.js"  # the bank's data, a script only the My pack page loads
DATA_GLOBAL = "ScrutinyPacksBank"  # the name it sets on window, read by my-pack/page.js
EXTRA_KEY = "scrutiny_packs_link"  # mkdocs.yml `extra`: the link's rules, for the header link on every page

# Each question's entry is drawn with everything shown; the page takes away what a pack leaves out.
ALL_SHOWN = PackOptions(benchmarks=True, evidence=True, notes_space=True, rag=True)


# -------------------------------------------------------------------- the page's data


def link_rules() -> dict:
    """The link's rules (``packs.link.browser_rules``): in the My pack data, and on every page's header link."""
    return browser_rules()


def bank_data(bank: Bank, question_href: Callable[[str], str] | None = None, markup: bool = True) -> dict:
    """What the My pack page needs to draw any pack from the bank, as plain JSON.

    Each question is laid out once on its own by ``packs.layout`` (the code
    every built pack goes through) and drawn by the built packs' own template
    (``templates/packs/pack.html.j2``), in each framing, with everything shown:
    the page clones that markup, numbers it, and takes away what the pack's
    options leave out. Each guide comes drawn the same way. What the page
    writes itself (the list, the cover, CSV and text) it takes from the plain
    fields kept beside the markup: the area a question is shown under, what to
    listen for, the evidence (shortened as in the packs), the glossary terms its
    text uses, each guide's title and paragraphs (for the Word file), and the
    words every format shares (``text.sentences``). Question text keeps its
    placeholders, framed in the browser with ``framing.framing_table()``.
    Without ``markup`` the questions and guides come without their drawn HTML (Plan a meeting's data).
    """
    template = environment().get_template("packs/pack.html.j2").module
    question, guide = macro(template, "question"), macro(template, "guide")
    questions: dict[str, dict] = {}
    areas: dict[str, dict] = {}
    indicators: dict[str, dict] = {}
    guides: dict[str, dict] = {}
    used_terms: dict[str, Gloss] = {}
    cited = _CitedTable()
    for q in bank.questions.values():
        entry: dict = {"text": q.text, "areas": list(q.areas)}
        if question_href is not None:
            entry["href"] = question_href(q.id)
        if q.retired:
            entry["retired"] = True
            if q.replaced_by in bank.questions:
                entry["replacedBy"] = q.replaced_by
            questions[q.id] = entry
            continue
        # One active question: its selection is known (shown under its first area, as select()
        # does when no area is asked for), without a pass over the whole bank for each question.
        alone = build_view(bank, to_spec(MyPack((q.id,), options=ALL_SHOWN)), Selected((q,), {q.id: q.areas[0]}))
        group, shown = alone.groups[0], alone.questions[0]
        areas[group.area_id] = {"name": group.title, "context": group.context}
        entry["area"] = group.area_id
        if shown.asked_of:
            entry["askedOf"] = shown.asked_of
        if shown.listen_for:
            entry["listenFor"] = list(shown.listen_for)
        if shown.evidence:
            entry["evidence"] = [f.id for f in shown.evidence]
            indicators.update({f.id: {"name": f.name, "description": f.description} for f in shown.evidence})
        if q.source and (found := cited.add(q.source)) is not None:  # "Sources cited in this pack"
            entry["sources"] = [found]
        if alone.terms:  # "Terms used in this pack": the glossary entries this question's text uses
            entry["terms"] = [t.id for t in alone.terms]
            used_terms.update((t.id, t) for t in alone.terms)
        if markup:  # the entry as the built packs draw it; a framing that reads the same is left out ("you" is used)
            entry["html"] = {"you": str(question(alone, shown))}
            we = frame(q.text, "we")
            if we != shown.text:
                entry["html"]["we"] = str(question(alone, replace(shown, text=we)))
        if group.guides:
            entry["guides"] = [g.id for g in group.guides]
            for g in group.guides:  # each guide drawn once, however many questions bring it
                if g.id not in guides:
                    drawn = {"html": str(guide(g))} if markup else {}
                    guides[g.id] = {**drawn, "title": g.title, "paragraphs": paragraphs(g.text)}
                    benchmark = bank.benchmarks.get(g.id)
                    places = [cited.add(c) for c in benchmark.sources] if benchmark else []
                    if cited_ids := [i for i in places if i is not None]:
                        guides[g.id]["sources"] = cited_ids
        questions[q.id] = entry
    # The terms in the glossary's order (a pack lists them so); each as a pack's list shows it.
    glossary = [
        {"id": t.id, "term": t.term, "meaning": t.meaning}
        for t in (used_terms[i] for i in bank.glossary if i in used_terms)
    ]
    return {
        "version": 2,
        "link": link_rules(),
        "defaultTitle": DEFAULT_TITLE,
        "organisation": bank.settings.organisation,  # the Word file's author
        "footerTitleLimit": FOOTER_TITLE_LIMIT,
        "footerMeetingLimit": FOOTER_MEETING_LIMIT,
        "framing": framing_table(),
        "framingNotes": {f: framing_note(f) for f in FRAMINGS},
        "sentences": sentences.for_browser(),
        "word": browser_measures(),  # how the Word file looks: word.js draws with packs/docx.py's measures
        "areas": areas,
        "questions": questions,
        "indicators": indicators,
        "guides": guides,
        "glossary": glossary,
        "sources": cited.entries(),
    }


class _CitedTable:
    """Each citation the questions and benchmarks make, as the packs' list of sources cited shows it
    (``packs.layout.cited_source``), once: the entries point at it by its place in the table."""

    def __init__(self) -> None:
        self._at: dict[tuple, int] = {}

    def add(self, citation) -> int | None:
        made = cited_source(citation)
        if made is None:
            return None
        key, source = made
        return self._at.setdefault((key, source), len(self._at))

    def entries(self) -> list[dict]:
        """Each one's key (a pack lists a key once, as its first citation shows it), name, link, whether a
        newer edition is out, and where it comes in the list (``order``: equal for names a pack sorts as equal)."""
        places = {name: n for n, name in enumerate(sorted({cited_order(s) for _, s in self._at}))}
        out = []
        for key, source in self._at:
            entry: dict = {"key": key, "name": source.name, "order": places[cited_order(source)]}
            if source.url:
                entry["url"] = source.url
            if source.superseded:
                entry["superseded"] = True
            out.append(entry)
        return out


def json_for_script(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def data_file(bank: Bank, question_href: Callable[[str], str] | None = None) -> str:
    """The bank as a script for the My pack page (``DATA_PATH``): it sets ``window.ScrutinyPacksBank``.

    ``question_href`` links each question from the My pack page, the only page that loads the file."""
    return f"window.{DATA_GLOBAL} = {json_for_script(bank_data(bank, question_href))};\n"


def read_data_file(text: str) -> dict:
    """The data a ``data_file`` holds (for tests and tools)."""
    prefix = f"window.{DATA_GLOBAL} = "
    if not text.startswith(prefix):
        raise ValueError(f"not a My pack data file: it does not start with {prefix!r}")
    return json.loads(text[len(prefix) :].rstrip().removesuffix(";"))


def vendor_scripts(sources: Iterable[str]) -> str:
    """The scripts only the My pack page uses (``publish/vendor.py``), by their URLs from the page: named,
    not loaded (a script of type text/plain is neither fetched nor run). my-pack/word.js loads the docx
    package from here when Download Word is first pressed, so the page's first visit does not fetch it."""
    return "".join(f'<script type="text/plain" data-sp-later src="{html_escape(src)}"></script>' for src in sources)
