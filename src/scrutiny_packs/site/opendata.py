"""Open data: the whole bank as JSON and CSV, published with the site.

Records carry names and text, not only ids: each question comes with its
areas' and audiences' names, the text of its benchmarks and the description
of its indicators, so the files make sense on their own. Every field is
described here once; the site's Open data page is rendered from these
descriptions, so the page and the files cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scrutiny_packs.content import review
from scrutiny_packs.model import Bank, Question
from scrutiny_packs.site import links
from scrutiny_packs.text.framing import frame
from scrutiny_packs.text.spreadsheet import csv_text

LICENCE = (
    "The project's own text (questions with origin 'added', listen-for points, benchmarks, indicators): "
    "CC BY 4.0, https://creativecommons.org/licenses/by/4.0/, credit 'Scrutiny Packs'. Questions with origin "
    "'walsall-2012': Module 3 of the 2012 safeguarding scrutiny toolkit reproduced in Walsall Council's "
    "briefing note of 30 October 2012, which calls them examples to get people thinking and discussing; it "
    "grants no licence, and neither does this project: credit that source (see the site's Licence and reuse page)."
)
JSON_PATH = "data/questions.json"
CSV_PATH = "data/questions.csv"
SOURCES_JSON_PATH = "data/sources.json"
SOURCES_CSV_PATH = "data/sources.csv"
RECORDS_JSON_PATH = "data/records.json"
RECORDS_CSV_PATH = "data/records.csv"
FORMAT_VERSION = 1
LIST_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class DataFile:
    path: str  # site path
    content: bytes
    media_type: str


TOP_FIELDS: tuple[Field, ...] = (
    Field(
        "format_version",
        "number",
        "The version of this file's layout. It goes up only when a field is removed or changes meaning.",
    ),
    Field("publisher", "text", "Who publishes the bank."),
    Field(
        "licence",
        "text",
        "The terms for reusing the data: the project's own text under CC BY 4.0; the 2012 questions' wording is"
        " the toolkit's, credited to it, with no licence from this project (see the site's Licence and reuse page).",
    ),
    Field(
        "review_interval_months", "number", "How many months after its last review a question falls due for another."
    ),
    Field("question_count", "number", "How many questions follow, retired ones included."),
    Field("questions", "list", "One record per question, in the bank's order, with the fields below."),
)

QUESTION_FIELDS: tuple[Field, ...] = (
    Field("id", "text", "The question's permanent reference, such as q001. Never reused."),
    Field("page", "text", "The question's page, relative to the site's address, such as questions/q001/."),
    Field("status", "text", "'active', or 'retired' for a question kept only so old links and packs still make sense."),
    Field("replaced_by", "text or null", "For a retired question, the id of the question that replaces it."),
    Field(
        "text",
        "text",
        "The wording as stored, with framing placeholders such as {we} and {our} where the wording depends"
        " on who asks.",
    ),
    Field("text_you", "text", "The wording as one body asks another: the placeholders read as you, your and yours."),
    Field("text_we", "text", "The wording as a body asks itself: the placeholders read as we, us and our."),
    Field("asked_of", "text", "Who should answer, where that matters; empty otherwise."),
    Field("areas", "list of {id, name}", "The areas the question belongs to."),
    Field("audiences", "list of {id, name}", "The asking bodies the question suits."),
    Field(
        "benchmarks",
        "list of {id, title, text}",
        "What good looks like: the linked benchmarks, with their text (Markdown).",
    ),
    Field("listen_for", "list of text", "Points a good answer would make."),
    Field("evidence", "list of {id, name, description}", "Performance information to ask for: the linked indicators."),
    Field("tags", "list of text", "Free tags used to select questions for packs."),
    Field("notes", "text", "Guidance for the person asking (Markdown); empty if none."),
    Field(
        "origin", "text", "'walsall-2012' for the 2012 Walsall toolkit's questions, 'added' for those written since."
    ),
    Field(
        "source",
        "{ref, document, year, edition, publisher, module, section, url, note} or null",
        "Where the question comes from: the source's id in sources.json (ref), the document's title, its publisher, "
        "year and edition, and where in it (section).",
    ),
    Field("added", "date or null", "When the question was first published (YYYY-MM-DD)."),
    Field("last_reviewed", "date or null", "When an editor last checked or changed the question (YYYY-MM-DD)."),
    Field(
        "review_due",
        "date or null",
        "When the question falls due for its next review (YYYY-MM-DD); null for retired questions.",
    ),
)

CSV_FIELDS: tuple[Field, ...] = (
    Field("id", "text", "As in the JSON."),
    Field("page", "text", "As in the JSON."),
    Field("status", "text", "As in the JSON."),
    Field("replaced_by", "text", "As in the JSON; empty if none."),
    Field("text", "text", "As in the JSON."),
    Field("text_you", "text", "As in the JSON."),
    Field("text_we", "text", "As in the JSON."),
    Field("asked_of", "text", "As in the JSON."),
    Field("area_ids", "list", "The areas' ids."),
    Field("area_names", "list", "The areas' names, in the same order."),
    Field("audience_ids", "list", "The audiences' ids."),
    Field("audience_names", "list", "The audiences' names, in the same order."),
    Field("benchmark_ids", "list", "The benchmarks' ids."),
    Field("benchmark_titles", "list", "The benchmarks' titles, in the same order."),
    Field(
        "benchmark_texts", "text", "The benchmarks' text (Markdown), each after its title, separated by blank lines."
    ),
    Field("listen_for", "lines", "Points a good answer would make, one per line."),
    Field("evidence_ids", "list", "The indicators' ids."),
    Field("evidence_names", "list", "The indicators' names, in the same order."),
    Field("tags", "list", "As in the JSON."),
    Field("notes", "text", "As in the JSON."),
    Field("origin", "text", "As in the JSON."),
    Field("source_document", "text", "The source document's title."),
    Field("source_year", "text", "The year of the source's edition, if given."),
    Field("source_url", "text", "Where the source can be read, if given."),
    Field("source_module", "text", "The part of the source document, if given."),
    Field("source_section", "text", "The heading in the source document, if given."),
    Field("source_note", "text", "A reviewer's note on how the source was used, if given."),
    Field("added", "date", "As in the JSON; empty if none."),
    Field("last_reviewed", "date", "As in the JSON; empty if none."),
    Field("review_due", "date", "As in the JSON; empty if none."),
)


PROVENANCE_FIELD = Field(
    "provenance",
    "text",
    "On a council's own site only: where the question came from, e.g. 'National question q017, reworded for "
    "Example Council', or 'added by' the council for its own.",
)


def question_fields(bank: Bank) -> tuple[Field, ...]:
    """The fields each question has in this bank's open data (a council's site adds its provenance)."""
    return QUESTION_FIELDS + ((PROVENANCE_FIELD,) if bank.provenance else ())


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def question_record(bank: Bank, q: Question) -> dict[str, Any]:
    due = None if q.retired else review.due_date(q, bank.settings.review_interval_months)
    source = None
    if q.source:
        # The source's own wording ('quote') is kept in the repository for checking, not republished.
        source = {
            "ref": q.source.ref or None,
            "edition": q.source.edition,
            "document": bank.settings.document_title(q.source.document),
            "year": q.source.year,
            "publisher": q.source.publisher,
            "module": q.source.module,
            "section": q.source.section,
            "url": q.source.url,
            "note": q.source.note,
        }
    record = {
        "id": q.id,
        "page": links.url_path(links.question(q.id)),
        "status": "retired" if q.retired else "active",
        "replaced_by": q.replaced_by,
        "text": q.text,
        "text_you": frame(q.text, "you"),
        "text_we": frame(q.text, "we"),
        "asked_of": q.asked_of,
        "areas": [{"id": a, "name": bank.areas[a].name} for a in q.areas],
        "audiences": [{"id": a, "name": bank.audiences[a].name} for a in q.audiences],
        "benchmarks": [
            {"id": b, "title": bank.benchmarks[b].title, "text": bank.benchmarks[b].text} for b in q.benchmarks
        ],
        "listen_for": list(q.listen_for),
        "evidence": [
            {"id": i, "name": bank.indicators[i].name, "description": bank.indicators[i].description}
            for i in q.evidence
        ],
        "tags": list(q.tags),
        "origin": q.origin,
        "notes": q.notes,
        "source": source,
        "added": _iso(q.added),
        "last_reviewed": _iso(q.last_reviewed),
        "review_due": _iso(due),
    }
    if bank.provenance:  # a council's site says which questions it changed or added
        record["provenance"] = bank.provenance_of("questions", q.id) or f"National question {q.id}"
    return record


def bank_record(bank: Bank) -> dict[str, Any]:
    questions = [question_record(bank, q) for q in bank.questions.values()]
    return {
        "format_version": FORMAT_VERSION,
        "publisher": bank.settings.organisation,
        "licence": LICENCE,
        "review_interval_months": bank.settings.review_interval_months,
        "question_count": len(questions),
        "questions": questions,
    }


def to_json(bank: Bank) -> str:
    return json.dumps(bank_record(bank), ensure_ascii=False, indent=2) + "\n"


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    join = LIST_SEPARATOR.join
    source = record["source"] or {}
    row = {
        "id": record["id"],
        "page": record["page"],
        "status": record["status"],
        "replaced_by": record["replaced_by"] or "",
        "text": record["text"],
        "text_you": record["text_you"],
        "text_we": record["text_we"],
        "asked_of": record["asked_of"],
        "area_ids": join(a["id"] for a in record["areas"]),
        "area_names": join(a["name"] for a in record["areas"]),
        "audience_ids": join(a["id"] for a in record["audiences"]),
        "audience_names": join(a["name"] for a in record["audiences"]),
        "benchmark_ids": join(b["id"] for b in record["benchmarks"]),
        "benchmark_titles": join(b["title"] for b in record["benchmarks"]),
        "benchmark_texts": "\n\n".join(f"{b['title']}\n{b['text']}" for b in record["benchmarks"]),
        "listen_for": "\n".join(record["listen_for"]),
        "evidence_ids": join(e["id"] for e in record["evidence"]),
        "evidence_names": join(e["name"] for e in record["evidence"]),
        "tags": join(record["tags"]),
        "notes": record["notes"],
        "origin": record["origin"],
        "source_document": source.get("document", ""),
        "source_year": str(source.get("year") or ""),
        "source_url": source.get("url", ""),
        "source_module": source.get("module", ""),
        "source_section": source.get("section", ""),
        "source_note": source.get("note", ""),
        "added": record["added"] or "",
        "last_reviewed": record["last_reviewed"] or "",
        "review_due": record["review_due"] or "",
    }
    return row


def to_csv(bank: Bank) -> str:
    return csv_text([f.name for f in CSV_FIELDS], (csv_row(record) for record in bank_record(bank)["questions"]))


SOURCE_FIELDS: tuple[Field, ...] = (
    Field("id", "text", "The source's permanent id, as questions.json's source.ref gives it. Never reused."),
    Field("title", "text", "The publication's official title."),
    Field("publisher", "text", "Who publishes it."),
    Field(
        "kind",
        "text",
        "act, regulations, statutory-guidance, non-statutory-guidance, inspection-framework, statistics-release, "
        "national-review, research or practice-example (a single council's example).",
    ),
    Field("edition", "text", "The edition or year, as the publisher names it; empty if none."),
    Field("date", "date", "When it was published (YYYY-MM-DD); empty if not known."),
    Field("url", "text", "The publisher's own page for it; empty where that page could not be found."),
    Field("status", "text", "'current', or 'superseded' when a newer edition replaces it."),
    Field("supersedes", "text", "The id of the edition it replaces; empty if none."),
    Field("superseded_by", "text", "The id of the edition that replaces it; empty if none."),
    Field("applies_from", "date", "When it takes effect, if not on publication; empty otherwise."),
    Field("checked", "date", "When it was last checked as the current edition (YYYY-MM-DD); empty if never."),
    Field("cited_by", "list", "What cites it: question ids, and benchmark:, indicator:, glossary: and page: ids."),
)


def sources_records(bank: Bank) -> list[dict[str, str]]:
    from scrutiny_packs.content.sources import cited_by

    prefix = {"questions": "", "benchmarks": "benchmark:", "indicators": "indicator:", "glossary": "glossary:"}
    cited = cited_by(bank)
    rows = []
    for p in bank.sources.values():
        publisher = bank.publishers.get(p.publisher)
        by = dict.fromkeys(prefix.get(c.folder, "page:") + c.item for c in cited.get(p.id, ()))
        rows.append(
            {
                "id": p.id,
                "title": p.title,
                "publisher": publisher.name if publisher else p.publisher,
                "kind": p.kind,
                "edition": p.edition,
                "date": _iso(p.date) or "",
                "url": p.url,
                "status": "superseded" if p.superseded_by else "current",
                "supersedes": p.supersedes,
                "superseded_by": p.superseded_by,
                "applies_from": _iso(p.applies_from) or "",
                "checked": _iso(p.checked) or "",
                "cited_by": LIST_SEPARATOR.join(by),
            }
        )
    return rows


def sources_json(bank: Bank) -> str:
    rows: list[dict[str, Any]] = [
        {**row, "cited_by": row["cited_by"].split(LIST_SEPARATOR) if row["cited_by"] else []}
        for row in sources_records(bank)
    ]
    record = {"format_version": FORMAT_VERSION, "source_count": len(rows), "sources": rows}
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def sources_csv(bank: Bank) -> str:
    return csv_text([f.name for f in SOURCE_FIELDS], sources_records(bank))


RECORD_TOP_FIELDS: tuple[Field, ...] = (
    Field("format_version", "number", "As in questions.json."),
    Field("answer_count", "number", "How many answers follow."),
    Field(
        "answers",
        "list",
        "One entry per question asked at a recorded meeting, oldest meeting first, with the fields below.",
    ),
)

RECORD_FIELDS: tuple[Field, ...] = (
    Field("meeting", "text", "The meeting's id; its page is meetings/<id>/."),
    Field("body", "text", "The body that met."),
    Field("meeting_name", "text", "The meeting's name."),
    Field("date", "date or null", "The meeting's date (YYYY-MM-DD)."),
    Field("item", "text", "The agenda item number."),
    Field("item_title", "text", "The agenda item's title."),
    Field("example", "true or false", "True when the record is an example, with invented answers."),
    Field("question", "text", "The question's id, as in questions.json."),
    Field("summary", "text", "A short summary of the answer given."),
    Field("rag", "text", "'red', 'amber' or 'green': the body's view of the answer."),
    Field("revisit", "text or null", "When to come back to it: a date (YYYY-MM-DD) or a later meeting's id."),
    Field(
        "actions",
        "list of {action, owner, due, status}",
        "The actions agreed: what, the owner's role, the due date, and 'open', 'done' or 'dropped'.",
    ),
)

RECORD_CSV_FIELDS: tuple[Field, ...] = tuple(f for f in RECORD_FIELDS if f.name != "actions") + (
    Field("actions", "lines", "One action per line: what; owner; due date; status."),
)


def records_record(bank: Bank) -> dict[str, Any]:
    from scrutiny_packs.packs.records import all_heard

    answers = []
    for h in all_heard(bank):
        a = h.answer
        answers.append(
            {
                "meeting": h.meeting,
                "body": h.body,
                "meeting_name": h.meeting_name,
                "date": _iso(h.date),
                "item": h.item,
                "item_title": h.item_title,
                "example": h.example,
                "question": a.question,
                "summary": a.summary,
                "rag": a.rag,
                "revisit": _iso(a.revisit_date) or a.revisit_meeting or None,
                "actions": [
                    {"action": x.what, "owner": x.owner, "due": _iso(x.due), "status": x.status} for x in a.actions
                ],
            }
        )
    return {"format_version": FORMAT_VERSION, "answer_count": len(answers), "answers": answers}


def records_csv(bank: Bank) -> str:
    rows = []
    for answer in records_record(bank)["answers"]:
        row = {
            k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in answer.items()
            if k != "actions"
        }
        row["actions"] = "\n".join(
            LIST_SEPARATOR.join((x["action"], x["owner"], x["due"] or "", x["status"])) for x in answer["actions"]
        )
        rows.append(row)
    return csv_text([f.name for f in RECORD_CSV_FIELDS], rows)


def _records_json(bank: Bank) -> str:
    return json.dumps(records_record(bank), ensure_ascii=False, indent=2) + "\n"


# Each file: its site path, media type, how its text is made and its encoding. The CSVs start with a
# byte order mark so spreadsheets read them as UTF-8.
_FILES: tuple[tuple[str, str, Callable[[Bank], str], str], ...] = (
    (JSON_PATH, "application/json", to_json, "utf-8"),
    (CSV_PATH, "text/csv", to_csv, "utf-8-sig"),
    (SOURCES_JSON_PATH, "application/json", sources_json, "utf-8"),
    (SOURCES_CSV_PATH, "text/csv", sources_csv, "utf-8-sig"),
    (RECORDS_JSON_PATH, "application/json", _records_json, "utf-8"),
    (RECORDS_CSV_PATH, "text/csv", records_csv, "utf-8-sig"),
)


def data_makers(bank: Bank) -> list[tuple[str, Callable[[], bytes]]]:
    """Each file to publish, by its site path, and how to make its bytes (when the build copies it)."""

    def maker(make: Callable[[Bank], str], encoding: str) -> Callable[[], bytes]:
        return lambda: make(bank).encode(encoding)

    return [(path, maker(make, encoding)) for path, _, make, encoding in _FILES]


def data_files(bank: Bank) -> list[DataFile]:
    """The files to publish, made now."""
    return [DataFile(path, make(bank).encode(encoding), media_type) for path, media_type, make, encoding in _FILES]
