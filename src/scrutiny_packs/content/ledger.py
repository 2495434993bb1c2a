"""The ledger of every id ever issued (content/ids.yml): a question, area or source id is retired,
never deleted or reused.

The ledger lists each question id with the date it was added, and each area and source id. ``validate``
refuses an id the ledger lists whose file has gone, and a question id reused for a question added on
another day; it warns about an id the ledger does not list yet. ``scrutiny-packs new`` records each
question it makes, and ``record`` adds whatever is missing (run by the tools, never by hand).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from scrutiny_packs.content.yaml_source import YamlDocument, read_yaml
from scrutiny_packs.model import question_number
from scrutiny_packs.problems import Problem, Severity

LEDGER_FILE = "ids.yml"
# The ledger grows by one line (about 20 bytes) per id ever issued, so it outgrows the 64 KiB an
# edited content file may have at about 3,000 questions; it is written by the tools, never by hand.
LEDGER_MAX_BYTES = 4 * 1024 * 1024
KINDS = ("questions", "areas", "sources")
HEADER = (
    "# Every id ever issued. Kept by the tools ('scrutiny-packs new' adds each question it makes):\n"
    "# an id listed here is never deleted or reused. Retire a question with 'status: retired' instead.\n"
)

Docs = dict[str, dict[str, tuple[YamlDocument, str]]]


@dataclass(slots=True)
class Ledger:
    questions: dict[str, str] = field(default_factory=dict)  # id -> the date it was added (YYYY-MM-DD, or '')
    areas: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def ids(self, kind: str) -> list[str]:
        return list(self.questions) if kind == "questions" else list(getattr(self, kind))

    def highest_question(self) -> int:
        return max((question_number(q) or 0 for q in self.questions), default=0)


def read(base: Path, root: Path) -> tuple[Ledger | None, list[Problem]]:
    """The ledger, or None when the project keeps none."""
    path = base / LEDGER_FILE
    if not path.is_file() or path.is_symlink():
        return None, []
    display = path.relative_to(root).as_posix()
    doc, problems = read_yaml(path, display, LEDGER_MAX_BYTES)
    if doc is None:
        return None, problems
    data = doc.data if isinstance(doc.data, dict) else {}
    questions = data.get("questions") or {}
    if not isinstance(questions, dict):
        return None, [Problem(display, doc.line_of(("questions",)), "questions", "must be a mapping of id: date", "")]
    ledger = Ledger(
        {str(k): str(v or "") for k, v in questions.items()},
        [str(x) for x in data.get("areas") or ()],
        [str(x) for x in data.get("sources") or ()],
    )
    return ledger, problems


def check(ledger: Ledger | None, docs: Docs, display: str = f"content/{LEDGER_FILE}") -> list[Problem]:
    """Ids that disappeared or were reused (problems), and ids not yet recorded (warnings)."""
    if ledger is None:
        return []
    problems = []
    for kind in KINDS:
        present = docs.get(kind, {})
        ids = ledger.ids(kind)
        for id_ in ids:
            if id_ not in present:
                problems.append(
                    Problem(
                        display,
                        None,
                        kind,
                        f"{id_!r} was issued but content/{kind}/{id_}.yml is gone",
                        "ids are retired, never deleted: restore the file"
                        + (" with 'status: retired' and the reason in its notes" if kind == "questions" else ""),
                    )
                )
        listed = set(ids)  # looked up once per id present: a list would make this quadratic in the bank's size
        for id_, (_doc, path) in present.items():
            if id_ not in listed:
                problems.append(
                    Problem(
                        path,
                        None,
                        "",
                        f"{id_!r} is not in content/{LEDGER_FILE}",
                        f"add it under '{kind}:' in content/{LEDGER_FILE}"
                        " ('scrutiny-packs new' does this for questions)",
                        Severity.WARNING,
                    )
                )
    for qid, (doc, path) in docs.get("questions", {}).items():
        issued = ledger.questions.get(qid)
        added = doc.data.get("added") if isinstance(doc.data, dict) else None
        if issued and added and str(added) != issued:
            problems.append(
                Problem(
                    path,
                    doc.line_of(("added",)),
                    "added",
                    f"{qid!r} was issued for a question added on {issued}; this one says {added}, so the id is reused",
                    "give the new question the next free id ('scrutiny-packs new' picks it) and restore the old one",
                )
            )
    return problems


def render(ledger: Ledger) -> str:
    lines = [HEADER.rstrip("\n"), "questions:"]
    for qid in sorted(ledger.questions, key=lambda q: (question_number(q) or 0, q)):
        lines.append(f"  {qid}: {ledger.questions[qid] or 'null'}")
    for kind in ("areas", "sources"):
        lines.append(f"{kind}:")
        lines += [f"  - {x}" for x in sorted(getattr(ledger, kind))]
    return "\n".join(lines) + "\n"


def record_question(root: Path, qid: str, added: dt.date) -> None:
    """Add a new question's id to the ledger, when the project keeps one."""
    base = root / "content"
    ledger, problems = read(base, root)
    if ledger is None or problems or qid in ledger.questions:
        return
    ledger.questions[qid] = added.isoformat()
    (base / LEDGER_FILE).write_text(render(ledger), encoding="utf-8", newline="\n")
