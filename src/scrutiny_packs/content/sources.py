"""Sources as content: each publication in content/sources/, its publisher in content/publishers.yml,
and every citation pointing at one by id with a locator.

A citation (``source:``, ``sources:`` or a benchmark example's ``source:``) names a publication with
``ref:`` and where in it with ``locator:``; loading fills in the title, publisher, edition and address,
so every page, pack and the open data show the same thing. Markdown pages cite with ``[[src:ID]]`` or
``[[src:ID LOCATOR]]``. The checks here keep citations honest: an unknown id, an address on a host
that is not the publisher's, a broken chain of editions are problems; a citation of a superseded
edition is a warning naming the item and the newer edition.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrutiny_packs.content import schema
from scrutiny_packs.content.yaml_source import YamlDocument, field_name, read_yaml
from scrutiny_packs.model import Bank, Publication, Publisher, Source
from scrutiny_packs.problems import Problem, Severity, did_you_mean

PUBLISHERS_FILE = "publishers.yml"
CHECK_EVERY_MONTHS = 12  # a source not checked for this long is due
# [[src:working-together-2026]] or [[src:working-together-2026 chapter 3, paragraph 151]]
MARKDOWN_REF = re.compile(r"\[\[src:([a-z0-9][a-z0-9-]{0,63})(?:\s+([^\]\n]{1,200}?))?\s*\]\]")
KIND_NAMES = {
    "act": "Acts of Parliament",
    "regulations": "Regulations",
    "statutory-guidance": "Statutory guidance",
    "non-statutory-guidance": "Non-statutory guidance",
    "inspection-framework": "Inspection frameworks",
    "statistics-release": "Statistics releases",
    "national-review": "National reviews",
    "research": "Research",
    "practice-example": "Practice examples from single councils",
}
# folder, the word for one of its items in messages
CITING = (
    ("questions", "question"),
    ("benchmarks", "benchmark"),
    ("indicators", "indicator"),
    ("glossary", "glossary entry"),
)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _clean(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def build_source(id_: str, d: dict, path: str) -> Publication:
    """A content/sources/<id>.yml file as a Publication (the loader's builder for 'source')."""
    return Publication(
        id=id_,
        title=_clean(d["title"]),
        publisher=d["publisher"],
        kind=d["kind"],
        edition=_clean(d.get("edition", "")),
        date=_date(d.get("date")),
        url=_clean(d.get("url", "")),
        supersedes=d.get("supersedes", ""),
        superseded_by=d.get("superseded_by", ""),
        applies_from=_date(d.get("applies_from")),
        checked=_date(d.get("checked")),
        note=_clean(d.get("note", "")),
        path=path,
    )


def in_order(found: dict[str, Publication]) -> dict[str, Publication]:
    """Sources in the order the Sources page lists them: by title, then year, then id."""
    return dict(sorted(found.items(), key=lambda kv: (kv[1].title.casefold(), kv[1].year or 0, kv[0])))


def read_publishers(base: Path, root: Path) -> tuple[dict[str, Publisher], list[Problem]]:
    """content/publishers.yml, when there is one: {id: Publisher}."""
    path = base / PUBLISHERS_FILE
    if not path.is_file() or path.is_symlink():
        return {}, []
    display = path.relative_to(root).as_posix()
    doc, problems = read_yaml(path, display)
    if doc is None:
        return {}, problems
    found = schema.validate(doc, "publishers", display)
    if found:
        return {}, problems + found
    return {
        pid: Publisher(pid, _clean(d["name"]), tuple(d.get("hosts", ()))) for pid, d in (doc.data or {}).items()
    }, problems


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def on_hosts(url: str, hosts: tuple[str, ...]) -> bool:
    """True when the address is on one of the hosts, or on a host under one of them."""
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in hosts)


# -- citations -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Citation:
    folder: str  # questions, benchmarks, indicators or glossary
    item: str  # the item's id
    field: tuple[str | int, ...]  # where in the item's file, e.g. ('sources', 0)
    source: Source
    path: str  # the item's file


def _item_sources(folder: str, item: Any) -> Iterator[tuple[tuple[str | int, ...], Source]]:
    if folder == "benchmarks":
        for i, s in enumerate(item.sources):
            yield ("sources", i), s
        for i, e in enumerate(item.examples):
            yield ("examples", i, "source"), e.source
    elif item.source is not None:
        yield ("source",), item.source


def citations(bank: Bank) -> list[Citation]:
    """Every citation in questions, benchmarks, indicators and glossary entries, in bank order."""
    return [
        Citation(folder, item_id, path, source, item.path)
        for folder, _ in CITING
        for item_id, item in getattr(bank, folder).items()
        for path, source in _item_sources(folder, item)
    ]


def page_refs(body: str) -> list[tuple[str, str]]:
    """(source id, locator) for each [[src:...]] in a Markdown page."""
    return [(m.group(1), (m.group(2) or "").strip()) for m in MARKDOWN_REF.finditer(body)]


def filled(citation: Source, pub: Publication, publishers: dict[str, Publisher]) -> Source:
    """A citation with its publication's title, publisher, edition and address filled in."""
    publisher = publishers.get(pub.publisher)
    return dataclasses.replace(
        citation,
        document=pub.title,
        publisher=publisher.name if publisher else pub.publisher,
        year=pub.year,
        url=citation.url or pub.url,  # a citation may link straight to its section on the publisher's site
        edition=pub.edition,
        superseded_by=pub.superseded_by,
    )


def resolve(bank: Bank) -> None:
    """Fill in every citation that names a known source (``ref``), in place."""
    if not bank.sources:
        return

    def fill_one(s: Source) -> Source:
        return filled(s, bank.sources[s.ref], bank.publishers) if s.ref in bank.sources else s

    def fill(s: Source | None) -> Source | None:
        return None if s is None else fill_one(s)

    for qid, q in bank.questions.items():
        bank.questions[qid] = dataclasses.replace(q, source=fill(q.source))
    for iid, i in bank.indicators.items():
        bank.indicators[iid] = dataclasses.replace(i, source=fill(i.source))
    for tid, t in bank.glossary.items():
        bank.glossary[tid] = dataclasses.replace(t, source=fill(t.source))
    for bid, b in bank.benchmarks.items():
        bank.benchmarks[bid] = dataclasses.replace(
            b,
            sources=tuple(fill_one(s) for s in b.sources),
            examples=tuple(dataclasses.replace(e, source=fill_one(e.source)) for e in b.examples),
        )


def cited_by(bank: Bank) -> dict[str, list[Citation]]:
    """Every source id, with the citations of it (items and pages), in bank order."""
    found: dict[str, list[Citation]] = {sid: [] for sid in bank.sources}
    for c in citations(bank):
        if c.source.ref in found:
            found[c.source.ref].append(c)
    for section in ("modules", "pages"):
        for page in getattr(bank, section).values():
            for sid, locator in page_refs(page.body):
                if sid in found:
                    found[sid].append(Citation(section, page.id, (), Source("", section=locator, ref=sid), page.path))
    return found


def newest(bank: Bank, source_id: str) -> Publication | None:
    """The latest edition in a chain of superseded_by, or None when the chain breaks or loops."""
    seen = set()
    current = bank.sources.get(source_id)
    while current is not None and current.superseded_by:
        if current.id in seen:
            return None
        seen.add(current.id)
        current = bank.sources.get(current.superseded_by)
    return current


@dataclass(frozen=True, slots=True)
class NeedsReview:
    citation: Citation
    cited: Publication
    newer: Publication | None


def needs_review(bank: Bank) -> list[NeedsReview]:
    """Each citation of a superseded edition, with the edition that replaces it."""
    out = []
    for c in citations(bank):
        pub = bank.sources.get(c.source.ref)
        if pub is not None and pub.superseded_by:
            out.append(NeedsReview(c, pub, bank.sources.get(pub.superseded_by)))
    return out


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_due(pub: Publication) -> dt.date | None:
    """When a source falls due to be checked again (None: never checked, so due now)."""
    return _add_months(pub.checked, CHECK_EVERY_MONTHS) if pub.checked else None


def due(bank: Bank, today: dt.date) -> list[Publication]:
    """Current sources not checked for a year (or never), longest unchecked first."""
    found = [p for p in bank.sources.values() if p.current and ((d := check_due(p)) is None or d <= today)]
    return sorted(found, key=lambda p: (p.checked or dt.date.min, p.id))


def label(folder: str, item_id: str) -> str:
    word = dict(CITING).get(folder, folder.rstrip("s"))
    return item_id if folder == "questions" else f"{word} {item_id!r}"


def describe(pub: Publication) -> str:
    edition = f" ({pub.edition})" if pub.edition else (f" ({pub.year})" if pub.year else "")
    return f"{pub.title!r}{edition}"


# -- checks ------------------------------------------------------------------------------------------

Docs = dict[str, dict[str, tuple[YamlDocument, str]]]


def check(bank: Bank, docs: Docs) -> list[Problem]:
    """Problems and warnings in sources, publishers and every citation."""
    found = docs.get("sources", {})
    problems = [p for sid, pub in bank.sources.items() for p in check_publication(bank, pub, *found[sid])]
    uses_sources = bool(bank.sources) or bool(found)
    for c in citations(bank):
        if c.source.ref and c.source.ref not in bank.sources and c.source.ref in found:
            continue  # the source's own file has a problem, reported there
        problems += check_citation(bank, c, *docs[c.folder][c.item], uses_sources=uses_sources)
    for section in ("modules", "pages"):
        for page in getattr(bank, section).values():
            for sid, _ in page_refs(page.body):
                if sid not in bank.sources:
                    problems.append(
                        Problem(
                            page.path,
                            _line_of_text(page, sid),
                            "",
                            f"[[src:{sid}]]: unknown source {sid!r}",
                            did_you_mean(sid, bank.sources),
                        )
                    )
                elif (pub := bank.sources[sid]).superseded_by:
                    problems.append(
                        Problem(
                            page.path,
                            _line_of_text(page, sid),
                            "",
                            f"[[src:{sid}]] cites {describe(pub)}, which is superseded by {pub.superseded_by!r}",
                            "check the page against the newer edition, then cite it",
                            Severity.WARNING,
                        )
                    )
    return problems


def check_citation(
    bank: Bank,
    c: Citation,
    doc: YamlDocument,
    display: str,
    *,
    uses_sources: bool = True,
    sources_in: str = "content/sources/",
) -> list[Problem]:
    """Problems and warnings in one citation (``doc`` is the citing item's, shown as ``display``)."""
    problems: list[Problem] = []
    line = doc.line_of(c.field)
    where = field_name(c.field)
    ref = c.source.ref
    if not ref:
        if not c.source.document:
            problems.append(
                Problem(display, line, where, "names no source", f"add 'ref:' with an id from {sources_in}")
            )
        elif uses_sources:
            problems.append(
                Problem(
                    display,
                    line,
                    where,
                    f"names its document inline, not by a source in {sources_in}",
                    f"add the publication to {sources_in} and cite it with 'ref:' and 'locator:'",
                    Severity.WARNING,
                )
            )
        return problems
    pub = bank.sources.get(ref)
    if pub is None:
        problems.append(
            Problem(
                display,
                doc.line_of(c.field + ("ref",)),
                where + ".ref",
                f"unknown source {ref!r}",
                did_you_mean(ref, bank.sources),
            )
        )
        return problems
    publisher = bank.publishers.get(pub.publisher)
    if c.source.url and publisher is not None and not on_hosts(c.source.url, publisher.hosts):
        problems.append(
            Problem(
                display,
                doc.line_of(c.field + ("url",)),
                where + ".url",
                f"{host_of(c.source.url) or c.source.url!r} is not a site of {publisher.name}",
                "link to the publisher's own page, or leave 'url' out: the source's own address is shown",
            )
        )
    if pub.superseded_by:
        newer = newest(bank, ref)
        problems.append(
            Problem(
                display,
                doc.line_of(c.field + ("ref",)),
                where + ".ref",
                f"{label(c.folder, c.item)} cites {describe(pub)}, which is superseded by "
                + (describe(newer) + f" ({newer.id!r})" if newer else repr(pub.superseded_by)),
                "check the item against the newer edition, then cite it with 'ref:'",
                Severity.WARNING,
            )
        )
    return problems


def _line_of_text(page: Any, sid: str) -> int | None:
    """The file's line holding the reference: the body's line, after the front matter's lines."""
    at = page.body.find(f"[[src:{sid}")
    if at < 0:
        return None
    try:
        text = Path(page.path).read_text(encoding="utf-8") if page.path else ""
    except OSError:
        text = ""
    start = text.find(page.body[:200]) if text else -1
    before = text.count("\n", 0, start) if start >= 0 else 0
    return before + page.body.count("\n", 0, at) + 1


def check_publication(
    bank: Bank, pub: Publication, doc: YamlDocument, display: str, publishers_in: str = "content/publishers.yml"
) -> list[Problem]:
    """Problems in one source's own file (``doc``, shown as ``display``): its publisher, address and editions."""
    problems = []
    sid = pub.id
    publisher = bank.publishers.get(pub.publisher)
    if publisher is None:
        problems.append(
            Problem(
                display,
                doc.line_of(("publisher",)),
                "publisher",
                f"unknown publisher {pub.publisher!r}",
                did_you_mean(pub.publisher, bank.publishers) + f"; publishers are listed in {publishers_in}",
            )
        )
    elif pub.url and not on_hosts(pub.url, publisher.hosts):
        where = ", ".join(publisher.hosts) or "no site listed"
        problems.append(
            Problem(
                display,
                doc.line_of(("url",)),
                "url",
                f"{host_of(pub.url) or pub.url!r} is not a site of {publisher.name} ({where})",
                "link to the publisher's own page; if it cannot be found, leave 'url' out and cite by title "
                "and publisher",
            )
        )
    for key in ("supersedes", "superseded_by"):
        other = getattr(pub, key)
        if other and other not in bank.sources:
            problems.append(
                Problem(
                    display,
                    doc.line_of((key,)),
                    key,
                    f"unknown source {other!r}",
                    did_you_mean(other, bank.sources),
                )
            )
        elif other == sid:
            problems.append(Problem(display, doc.line_of((key,)), key, "names this source itself", ""))
    if pub.superseded_by and pub.superseded_by in bank.sources and newest(bank, sid) is None:
        problems.append(
            Problem(
                display,
                doc.line_of(("superseded_by",)),
                "superseded_by",
                "editions supersede each other in a loop",
                "each edition names only the one after it",
            )
        )
    return problems


def review_lines(bank: Bank, today: dt.date) -> list[str]:
    """What ``review-due`` adds for sources: items citing a superseded edition, and sources not checked
    for a year, one line each."""
    lines = []
    flagged = needs_review(bank)
    if flagged:
        lines.append(f"{len(flagged)} citation{'s' if len(flagged) != 1 else ''} of a superseded source to review:")
        for n in flagged:
            newer = f"{describe(n.newer)} ({n.newer.id})" if n.newer else n.cited.superseded_by
            lines.append(
                f"  {label(n.citation.folder, n.citation.item)}  cites {describe(n.cited)}; now {newer}  "
                f"{n.citation.path}"
            )
    unchecked = due(bank, today)
    if unchecked:
        lines.append(
            f"{len(unchecked)} source{'s' if len(unchecked) != 1 else ''} not checked since "
            f"{_add_months(today, -CHECK_EVERY_MONTHS).isoformat()} or earlier:"
        )
        for pub in unchecked:
            lines.append(f"  {pub.id}  last checked {pub.checked.isoformat() if pub.checked else 'never'}  {pub.path}")
    return lines
