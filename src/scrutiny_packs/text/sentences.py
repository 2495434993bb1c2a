"""What a pack says to its reader, written once for every format that says it.

The web page and PDF (``templates/packs/pack.html.j2``), the Word file
(``packs/docx.py``), the Markdown pack and the browser's My pack page all use
these words. Templates reach them as ``say`` (``text/templating.py``); the
browser gets them in the My pack page data (``for_browser``), so its packs,
CSV and text read as the built packs do.
"""

from __future__ import annotations

from itertools import product

from scrutiny_packs.text.credits import PACK_SOURCE_LINE

KICKER = "Question pack"
CONTENTS = "Contents"
GOOD = "What good looks like"  # the benchmarks: what a panel should expect to see
LISTEN = "Listen for"  # the points under each question that a good answer would make
EVIDENCE = "Evidence to ask for"
NOTES = "Notes"
RAG = "RAG"
RAG_KEY = "Red, amber or green"
RAG_COLUMN = f"{RAG} status ({RAG_KEY.lower()})"  # the Word file's box for it, beside the notes
SOURCES_CITED = "Sources cited in this pack"  # the publications its questions and benchmarks rest on
SUPERSEDED = "a newer edition has been published"
TERMS = "Terms used in this pack"  # the glossary's entries for the words the pack's questions use

# The cover's labelled lines (packs.layout.Detail), by what they show.
DETAILS: dict[str, str] = {
    "body": "Body",
    "meeting": "Meeting",
    "date": "Date",
    "place": "Place",
    "item": "Agenda item",
    "audience": "Audience",
    "questions": "Questions",
}

# Dates are written "4 March 2026" in every format, whatever the machine's locale.
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The running footer's agenda item, after the body and date (packs.layout.meeting_line).
FOOTER_ITEM = "Item {item}"

ONE_QUESTION = "question {first}"
SOME_QUESTIONS = "questions {first}\u2013{last}"
GUIDES_HEADING = GOOD + ": {area}"

# The cover's sentence on how to use the pack, from these parts.
HOW_TO_NUMBERED = "The questions are numbered so they can be referred to in the meeting."
HOW_TO_GOOD_AND_EVIDENCE = "Under each is what a good answer would show, and the evidence to ask for."
HOW_TO_GOOD = "Under each is what a good answer would show."
HOW_TO_EVIDENCE = "Under each is the evidence to ask for."
HOW_TO_NOTES_AND_RAG = (
    "The printed pack has space for notes and a box for a red, amber or green (RAG) status against each question."
)
HOW_TO_NOTES = "The printed pack has space for notes under each question."
HOW_TO_RAG = "The printed pack has a box for a red, amber or green (RAG) status against each question."


def question_numbers(first: int, last: int) -> str:
    """'question 3', or 'questions 3–7': which questions an area's section holds."""
    if first == last:
        return ONE_QUESTION.format(first=first)
    return SOME_QUESTIONS.format(first=first, last=last)


def guides_heading(area: str) -> str:
    return GUIDES_HEADING.format(area=area)


def long_date(year: int, month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]} {year}"


def how_to(*, good: bool, evidence: bool, notes: bool, rag: bool) -> str:
    """How to use the pack, for what it shows: ``good`` and ``evidence`` when there are any to show."""
    parts = [HOW_TO_NUMBERED]
    if good:
        parts.append(HOW_TO_GOOD_AND_EVIDENCE if evidence else HOW_TO_GOOD)
    elif evidence:
        parts.append(HOW_TO_EVIDENCE)
    if notes or rag:
        parts.append(HOW_TO_NOTES_AND_RAG if notes and rag else HOW_TO_NOTES if notes else HOW_TO_RAG)
    return " ".join(parts)


def how_to_key(*, good: bool, evidence: bool, notes: bool, rag: bool) -> str:
    """The key of ``how_to``'s sentence in ``for_browser()['howTo']``: 'g', 'e', 'n', 'r' for each shown."""
    return "".join(letter for letter, shown in zip("genr", (good, evidence, notes, rag)) if shown)


def for_browser() -> dict:
    """These words as plain JSON, for the My pack page (``site/mypack.py``)."""
    how = {}
    for good, evidence, notes, rag in product((False, True), repeat=4):
        flags = {"good": good, "evidence": evidence, "notes": notes, "rag": rag}
        how[how_to_key(**flags)] = how_to(**flags)
    return {
        "kicker": KICKER,
        "contents": CONTENTS,
        "good": GOOD,
        "listen": LISTEN,
        "terms": TERMS,
        "footerItem": FOOTER_ITEM,
        "evidence": EVIDENCE,
        "notes": NOTES,
        "rag": RAG,
        "ragKey": RAG_KEY,
        "ragColumn": RAG_COLUMN,
        "details": dict(DETAILS),
        "months": list(MONTHS),
        "oneQuestion": ONE_QUESTION,
        "someQuestions": SOME_QUESTIONS,
        "guidesHeading": GUIDES_HEADING,
        "howTo": how,
        "sources": PACK_SOURCE_LINE,
        "sourcesCited": SOURCES_CITED,
        "superseded": SUPERSEDED,
    }
