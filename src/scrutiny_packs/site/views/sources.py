"""The Sources page (every publication the bank cites, by kind, with what cites it) and Needs review
(what cites an edition a newer one has replaced)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from scrutiny_packs.content import sources
from scrutiny_packs.model import SOURCE_KINDS, Publication
from scrutiny_packs.site import links
from scrutiny_packs.site.index import SiteIndex


@dataclass(frozen=True, slots=True)
class CitedIn:
    """Something that cites a source, as the Sources page links to it."""

    label: str
    target: str  # the page (and anchor) it is on
    locator: str
    path: str  # its content file


@dataclass(frozen=True, slots=True)
class SourceEntry:
    source: Publication
    publisher: str  # the publisher's name
    superseded_name: str  # the edition that replaces it, named as a reader names it; "" when current
    provenance: str
    cited_by: tuple[CitedIn, ...]


@dataclass(frozen=True, slots=True)
class SourceKind:
    kind: str
    name: str
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True, slots=True)
class SourcesPage:
    kinds: tuple[SourceKind, ...]  # the kinds the bank has a source of, in the schema's order


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """An item citing a superseded edition, with the edition that replaces it."""

    label: str
    target: str
    path: str
    cited: Publication
    cited_name: str
    newer: Publication | None  # None when the replacing edition is not in the bank
    newer_name: str


@dataclass(frozen=True, slots=True)
class NeedsReviewPage:
    rows: tuple[ReviewRow, ...]


def citation_view(index: SiteIndex, c: sources.Citation) -> CitedIn:
    bank = index.bank
    if c.folder == "questions":
        return CitedIn(f"Question {c.item}", links.question(c.item), c.source.section, c.path)
    if c.folder == "benchmarks":
        title = bank.benchmarks[c.item].title if c.item in bank.benchmarks else c.item
        return CitedIn(
            f"What good looks like: {title}", index.benchmark_link(c.item) or links.SOURCES, c.source.section, c.path
        )
    if c.folder == "indicators":
        name = bank.indicators[c.item].name if c.item in bank.indicators else c.item
        return CitedIn(f"Indicator: {name}", index.indicator_link(c.item) or links.SOURCES, c.source.section, c.path)
    if c.folder == "glossary":
        term = bank.glossary[c.item].term if c.item in bank.glossary else c.item
        return CitedIn(f"Glossary: {term}", f"{links.GLOSSARY}#{c.item}", c.source.section, c.path)
    page = getattr(bank, c.folder)[c.item]
    target = links.module(c.item) if c.folder == "modules" else links.page(c.item)
    return CitedIn(page.title, target, c.source.section, c.path)


def source_citations(index: SiteIndex) -> dict[str, list[CitedIn]]:
    """Each source id, with what cites it (each item once, with its locators joined)."""
    out: dict[str, list[CitedIn]] = {}
    for sid, found in sources.cited_by(index.bank).items():
        views: dict[tuple[str, str], CitedIn] = {}
        for c in found:
            v = citation_view(index, c)
            key = (v.label, v.target)
            if key in views and v.locator and v.locator not in views[key].locator:
                views[key] = dataclasses.replace(
                    views[key], locator="; ".join(x for x in (views[key].locator, v.locator) if x)
                )
            elif key not in views:
                views[key] = v
        out[sid] = list(views.values())
    return out


def sources_page(index: SiteIndex) -> SourcesPage:
    bank = index.bank
    cited = source_citations(index)
    groups: dict[str, list[SourceEntry]] = {kind: [] for kind in SOURCE_KINDS}
    for pub in bank.sources.values():
        groups[pub.kind].append(
            SourceEntry(
                pub,
                index.publisher_name(pub),
                index.source_name(pub.superseded_by) if pub.superseded_by else "",
                bank.provenance_of("sources", pub.id),
                tuple(cited.get(pub.id, ())),
            )
        )
    return SourcesPage(
        tuple(SourceKind(kind, sources.KIND_NAMES[kind], tuple(found)) for kind, found in groups.items() if found)
    )


def needs_review_page(index: SiteIndex) -> NeedsReviewPage:
    rows = []
    for n in sources.needs_review(index.bank):
        v = citation_view(index, n.citation)
        newer_name = index.source_name(n.newer.id) if n.newer else ""
        rows.append(ReviewRow(v.label, v.target, v.path, n.cited, index.source_name(n.cited.id), n.newer, newer_name))
    return NeedsReviewPage(tuple(rows))
