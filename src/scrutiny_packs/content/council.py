"""A council's site: the national bank of the release its overlay extends, with the overlay applied.

``load_council(root)`` gives the same ``LoadResult`` the national site starts from, so the site, the
packs and the open data need nothing else: what differs is the bank. Each item the overlay rewords,
retags or adds carries its provenance (``Bank.provenance``), which pages, packs and data show.
Problems are reported against ``overlay.yml`` and ``settings.yml``, one line each.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection
from pathlib import Path

from scrutiny_packs.content import markdown_fields, national, schema, sources
from scrutiny_packs.content.load import BUILDERS, LoadResult, ReadCache, leave_out_examples, load_bank
from scrutiny_packs.content.overlay import (
    LOCAL_COLLECTIONS,
    LOCAL_SEPARATOR,
    OVERLAY_FILE,
    CouncilSettings,
    Overlay,
    fingerprint,
    read_overlay,
    read_settings,
)
from scrutiny_packs.model import Bank, Provenance, Publisher
from scrutiny_packs.problems import Problem, Severity, did_you_mean
from scrutiny_packs.text.framing import READINGS

PARAMETER = re.compile(r"\{([a-z][a-z_]*)\}")
LOCAL_TEXT = {"questions": "text", "benchmarks": "text", "glossary": "explanation"}  # where {parameters} are filled
KIND_WORDS = {"questions": "question", "benchmarks": "benchmark", "glossary": "glossary entry", "sources": "source"}
SOURCES_IN = "overlay.yml's sources: or the national content/sources/"
PUBLISHERS_IN = "overlay.yml's publishers: or the national content/publishers.yml"


def is_council(root: Path) -> bool:
    """A council's repository has an overlay and no content/ of its own."""
    return (root / OVERLAY_FILE).is_file() and not (root / "content").is_dir()


def load_council(root: Path, cache: ReadCache | None = None) -> LoadResult:
    root = Path(root).resolve()
    settings, problems = read_settings(root)
    overlay, found = read_overlay(root)
    problems += found
    if settings is None or overlay is None:
        return LoadResult(Bank(), problems)
    folder = national.find_release(overlay.extends, root)
    if folder is None:
        known = ", ".join(national.known_releases(root)) or "none"
        problems.append(
            Problem(
                OVERLAY_FILE,
                overlay.line_of("extends"),
                "extends",
                f"national release {overlay.extends} is not installed (installed: {known})",
                "install the scrutiny-packs release that carries it, "
                f"or unpack it into {national.RELEASES_DIR}/{overlay.extends}/",
            )
        )
        return LoadResult(Bank(), problems)
    result = load_bank(folder, cache=cache)
    result.national = folder
    # The national bank's own warnings are the national editors' to act on, not the council's.
    result.problems = [p for p in result.problems if p.is_error]
    if not result.ok:
        return result
    bank = result.bank
    bank.settings = dataclasses.replace(
        bank.settings, organisation=settings.council, examples=False, contact=settings.contact or bank.settings.contact
    )
    leave_out_examples(bank, result.documents)
    result.problems += apply(bank, overlay, settings)
    return result


def parameters(settings: CouncilSettings, overlay: Overlay) -> dict[str, str]:
    named = {"council": settings.council, "panel": settings.panel, "partnership": settings.partnership}
    return {**{k: v for k, v in named.items() if v}, **overlay.parameters}


def _fill(text: str, params: dict[str, str]) -> str:
    """``{panel}`` and the other parameters filled in; the framing placeholders ({we} ...) are left for packs."""
    return PARAMETER.sub(
        lambda m: params.get(m.group(1), m.group(0)) if m.group(1) not in READINGS else m.group(0), text
    )


def _unknown_parameters(text: str, params: dict[str, str]) -> list[str]:
    return [name for name in PARAMETER.findall(text) if name not in READINGS and name not in params]


def apply(bank: Bank, overlay: Overlay, settings: CouncilSettings) -> list[Problem]:
    """Apply the overlay to the national bank in place; every problem found, one per line."""
    params = parameters(settings, overlay)
    problems = _reword(bank, overlay, settings, params)
    problems += _retag(bank, overlay, settings)
    problems += _add_sources(bank, overlay, settings)
    problems += _add_local(bank, overlay, settings, params)
    problems += _local_citations(bank, overlay, settings)
    sources.resolve(bank)  # the council's own citations get their titles, publishers and addresses too
    problems += _hide(bank, overlay)
    return problems


def _problem(line: int, field: str, message: str, hint: str = "", warning: bool = False) -> Problem:
    return Problem(OVERLAY_FILE, line, field, message, hint, Severity.WARNING if warning else Severity.ERROR)


def _reword(bank: Bank, overlay: Overlay, settings: CouncilSettings, params: dict[str, str]) -> list[Problem]:
    problems = []
    for r in overlay.reword:
        items = getattr(bank, r.collection)
        national_item = items.get(r.item)
        if national_item is None:
            problems.append(
                _problem(
                    r.line,
                    "reword",
                    f"{r.what} is not in national release {overlay.extends}",
                    did_you_mean(r.item, items),
                )
            )
            continue
        if r.listen_for is not None and r.collection != "questions":
            problems.append(_problem(r.line, "reword.listen_for", "only a question has listen-for points"))
            continue
        for name in _unknown_parameters(r.text, params):
            problems.append(
                _problem(r.line, "reword.text", f"unknown parameter {{{name}}}", did_you_mean(name, params))
            )
        text = _fill(r.text, params)
        wording = _wording_problems(r.collection, r.listen_for is not None, text)
        problems += [_problem(r.line, "reword.text", message, hint) for message, hint in wording]
        if wording:
            continue
        if r.listen_for is not None:
            points = list(national_item.listen_for)
            if r.listen_for > len(points):
                problems.append(
                    _problem(
                        r.line, "reword.listen_for", f"{r.item} has {len(points)} listen-for points", "count from 1"
                    )
                )
                continue
            replaced = points[r.listen_for - 1]
            points[r.listen_for - 1] = text
            items[r.item] = dataclasses.replace(national_item, listen_for=tuple(points))
        else:
            replaced = national_item.text
            items[r.item] = dataclasses.replace(national_item, text=text)
        if fingerprint(replaced) != r.replaces:
            problems.append(
                _problem(
                    r.line,
                    "reword.replaces",
                    f"the national text of {r.what} is not the one this wording replaced; your wording is kept",
                    "run 'scrutiny-packs upgrade --check' to see both texts",
                    warning=True,
                )
            )
        bank.provenance[(r.collection, r.item)] = Provenance(settings.council, "reworded", KIND_WORDS[r.collection])
    return problems


def _wording_problems(collection: str, listen_for: bool, text: str) -> list[tuple[str, str]]:
    """What the national item's own schema and Markdown checks say of a local wording (message, hint)."""
    kind = "question" if collection == "questions" else "benchmark"
    field = schema.schema(kind)["properties"]["listen_for" if listen_for else "text"]
    limit = (field.get("items", {}) if listen_for else field).get("maxLength")
    found = []
    if limit and len(text) > limit:
        found.append((f"the wording is {len(text):,} characters; the national one may have {limit:,}", "shorten it"))
    if kind == "benchmark":
        found += [(message, hint) for _, message, hint in markdown_fields.findings(text)]
    return found


def _retag(bank: Bank, overlay: Overlay, settings: CouncilSettings) -> list[Problem]:
    problems = []
    for r in overlay.retag:
        q = bank.questions.get(r.item)
        if q is None:
            problems.append(
                _problem(r.line, "retag", f"question {r.item} is not in national release {overlay.extends}")
            )
            continue
        bank.questions[r.item] = dataclasses.replace(q, tags=r.tags)
        bank.provenance.setdefault(("questions", r.item), Provenance(settings.council, "retagged", "question"))
    return problems


def _prefix_problem(overlay: Overlay, settings: CouncilSettings, collection: str, item_id: str) -> Problem | None:
    """The problem with a local id that does not start with the council's prefix, or None."""
    prefix = settings.id_prefix + LOCAL_SEPARATOR
    if item_id.startswith(prefix):
        return None
    return _problem(
        overlay.line_of(collection, item_id),
        f"{collection}.{item_id}",
        f"a local id must start with {prefix!r}",
        f"e.g. '{prefix}{item_id}', which no national id can ever be",
    )


def _within(collection: str, item_id: str, found: list[Problem]) -> list[Problem]:
    """Problems found in one local item's part of the overlay, named by where it is in overlay.yml."""
    return [dataclasses.replace(p, field=f"{collection}.{item_id}" + (f".{p.field}" if p.field else "")) for p in found]


def _add_sources(bank: Bank, overlay: Overlay, settings: CouncilSettings) -> list[Problem]:
    """The council's own publishers and sources, added before the items that cite them."""
    problems: list[Problem] = []
    for publisher_id, part in overlay.local.get("publishers", {}).items():
        if wrong := _prefix_problem(overlay, settings, "publishers", publisher_id):
            problems.append(wrong)
            continue
        d = part.data
        bank.publishers[publisher_id] = Publisher(publisher_id, " ".join(d["name"].split()), tuple(d.get("hosts", ())))
    added = {}
    for source_id, part in overlay.local.get("sources", {}).items():
        if wrong := _prefix_problem(overlay, settings, "sources", source_id):
            problems.append(wrong)
            continue
        bank.sources[source_id] = sources.build_source(source_id, part.data, OVERLAY_FILE)
        bank.provenance[("sources", source_id)] = Provenance(settings.council, "added", KIND_WORDS["sources"])
        added[source_id] = part
    for source_id, part in added.items():
        found = sources.check_publication(bank, bank.sources[source_id], part, OVERLAY_FILE, PUBLISHERS_IN)
        problems += _within("sources", source_id, found)
    bank.sources = sources.in_order(bank.sources)
    return problems


def _local_citations(bank: Bank, overlay: Overlay, settings: CouncilSettings) -> list[Problem]:
    """What the citations of the council's own items say: an unknown source, an address on another host."""
    problems: list[Problem] = []
    prefix = settings.id_prefix + LOCAL_SEPARATOR
    for c in sources.citations(bank):
        part = overlay.local.get(c.folder, {}).get(c.item)
        if part is not None and c.item.startswith(prefix):
            found = sources.check_citation(bank, c, part, OVERLAY_FILE, sources_in=SOURCES_IN)
            problems += _within(c.folder, c.item, found)
    return problems


def _add_local(bank: Bank, overlay: Overlay, settings: CouncilSettings, params: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for collection, kind in LOCAL_COLLECTIONS:
        target = getattr(bank, collection)
        for item_id, part in overlay.local.get(collection, {}).items():
            line = overlay.line_of(collection, item_id)
            if wrong := _prefix_problem(overlay, settings, collection, item_id):
                problems.append(wrong)
                continue
            found = schema.validate(part, kind, OVERLAY_FILE) or markdown_fields.field_problems(
                part, kind, OVERLAY_FILE
            )
            if found:
                problems += found
                continue
            item = BUILDERS[kind](item_id, part.data, OVERLAY_FILE)
            text_field = LOCAL_TEXT[collection]
            text = getattr(item, text_field)
            for name in _unknown_parameters(text, params):
                problems.append(
                    _problem(
                        line,
                        f"{collection}.{item_id}.{text_field}",
                        f"unknown parameter {{{name}}}",
                        did_you_mean(name, params),
                    )
                )
            item = dataclasses.replace(item, **{text_field: _fill(text, params)}, path="")
            if collection == "questions":
                problems += _local_references(bank, item, line)
            target[item_id] = item
            bank.provenance[(collection, item_id)] = Provenance(settings.council, "added", KIND_WORDS[collection])
    return problems


def _local_references(bank: Bank, question, line: int) -> list[Problem]:
    problems = []
    for field, known in (("areas", bank.areas), ("audiences", bank.audiences), ("benchmarks", bank.benchmarks)):
        for name in getattr(question, field):
            if name not in known:
                problems.append(
                    _problem(
                        line,
                        f"questions.{question.id}.{field}",
                        f"{name!r} is not in the national bank or this overlay",
                        did_you_mean(name, known),
                    )
                )
    return problems


def hidden_questions(bank: Bank, overlay: Overlay) -> tuple[set[str], set[str], list[Problem]]:
    """The question and benchmark ids the overlay's hide list leaves out, and its unknown names."""
    questions: set[str] = set()
    benchmarks: set[str] = set()
    problems = []
    areas = {h.value for h in overlay.hide if h.by == "area"}
    audiences = {h.value for h in overlay.hide if h.by == "audience"}
    shown_areas = set(bank.areas) - {a for area in areas for a in bank.area_and_descendants(area)}
    known: dict[str, Collection[str]] = {
        "question": bank.questions,
        "benchmark": bank.benchmarks,
        "area": bank.areas,
        "audience": bank.audiences,
        "tag": {t for q in bank.questions.values() for t in q.tags},
    }
    for h in overlay.hide:
        if h.value not in known[h.by]:
            problems.append(
                _problem(
                    h.line,
                    f"hide.{h.by}",
                    f"{h.by} {h.value} is not in national release {overlay.extends}",
                    did_you_mean(h.value, known[h.by]),
                )
            )
        elif h.by == "question":
            questions.add(h.value)
        elif h.by == "benchmark":
            benchmarks.add(h.value)
        elif h.by == "tag":
            questions |= {q.id for q in bank.questions.values() if h.value in q.tags}
    for q in bank.questions.values():
        if areas and not set(q.areas) & shown_areas:
            questions.add(q.id)
        if audiences and not set(q.audiences) - audiences:
            questions.add(q.id)
    return questions, benchmarks, problems


def hidden_areas_and_audiences(bank: Bank, overlay: Overlay) -> tuple[set[str], set[str]]:
    """The areas (with the areas under them) and audiences the overlay hides whole."""
    areas = {
        a for h in overlay.hide if h.by == "area" and h.value in bank.areas for a in bank.area_and_descendants(h.value)
    }
    audiences = {h.value for h in overlay.hide if h.by == "audience" and h.value in bank.audiences}
    return areas, audiences


def _hide(bank: Bank, overlay: Overlay) -> list[Problem]:
    questions, benchmarks, problems = hidden_questions(bank, overlay)
    areas, audiences = hidden_areas_and_audiences(bank, overlay)
    # A benchmark or indicator of hidden areas only goes with them.
    benchmarks |= {b.id for b in bank.benchmarks.values() if areas and set(b.areas) <= areas}
    indicators = {i.id for i in bank.indicators.values() if areas and set(i.areas) <= areas}
    for qid in questions:
        bank.questions.pop(qid, None)
    for bid in benchmarks:
        bank.benchmarks.pop(bid, None)
    for iid in indicators:
        bank.indicators.pop(iid, None)
    for qid, q in bank.questions.items():
        kept = dataclasses.replace(
            q,
            benchmarks=tuple(b for b in q.benchmarks if b not in benchmarks),
            evidence=tuple(e for e in q.evidence if e not in indicators),
            replaced_by=q.replaced_by if q.replaced_by not in questions else None,
            split_into=tuple(s for s in q.split_into if s not in questions),
            areas=tuple(a for a in q.areas if a not in areas),
            audiences=tuple(a for a in q.audiences if a not in audiences),
        )
        if kept != q:
            bank.questions[qid] = kept
    if areas or audiences:
        _leave_out(bank, areas, audiences)
    return problems


def _leave_out(bank: Bank, areas: set[str], audiences: set[str]) -> None:
    """Hidden areas and audiences vanish from the council's site: their pages, and the packs made for them."""
    for area_id in areas:
        bank.areas.pop(area_id, None)
    for audience_id in audiences:
        bank.audiences.pop(audience_id, None)
    for collection in ("benchmarks", "indicators"):
        items = getattr(bank, collection)
        for item_id, item in items.items():
            if set(item.areas) & areas:
                items[item_id] = dataclasses.replace(item, areas=tuple(a for a in item.areas if a not in areas))
    for pack_id, spec in list(bank.packs.items()):
        s = spec.selection
        if (
            spec.audience in audiences
            or (s.areas and set(s.areas) <= areas)
            or (s.audiences and set(s.audiences) <= audiences)
        ):
            del bank.packs[pack_id]  # a pack about what the council hides
            continue
        selection = dataclasses.replace(
            s,
            areas=tuple(a for a in s.areas if a not in areas),
            exclude_areas=tuple(a for a in s.exclude_areas if a not in areas),
            audiences=tuple(a for a in s.audiences if a not in audiences),
            exclude_audiences=tuple(a for a in s.exclude_audiences if a not in audiences),
        )
        if selection != s:
            bank.packs[pack_id] = dataclasses.replace(spec, selection=selection)
