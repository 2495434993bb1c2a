"""Moving a council's overlay from one national release to another, losing nothing.

``plan`` compares the overlay with the release it would extend and sorts what it finds:

- conflicts: a national text changed under the council's own wording (the stored fingerprint no longer
  matches). The council's wording is kept; the report shows both. It is resolved by setting the entry's
  ``replaces`` to the new national text's fingerprint (keeping the council's wording, having seen the
  national one) or by removing the entry (taking the national wording);
- affected: items the council hid, reworded or retagged that were retired, moved, split or merged
  nationally (``editing.release`` classes each change, the same rule as the release notes);
- unresolved: the overlay's references that no longer resolve (an error: nothing is dropped silently);
- silent: national changes to items the overlay does not touch, which simply apply.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from scrutiny_packs.content.council import apply
from scrutiny_packs.content.overlay import OVERLAY_FILE, CouncilSettings, Overlay, Reword, fingerprint
from scrutiny_packs.editing.release import MAJOR, Change, compare
from scrutiny_packs.model import Bank
from scrutiny_packs.problems import Problem


@dataclass(frozen=True)
class Conflict:
    reword: Reword
    national_now: str  # the national text in the new release
    national_before: str  # what the council's wording replaced, when the earlier release is at hand; else ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.national_now)


@dataclass(frozen=True)
class Affected:
    what: str  # "hidden question q101"
    line: int
    change: Change


@dataclass
class Report:
    old: str
    new: str
    compared: bool  # whether the earlier release was at hand to compare item by item
    conflicts: list[Conflict] = field(default_factory=list)
    affected: list[Affected] = field(default_factory=list)
    unresolved: list[Problem] = field(default_factory=list)
    silent: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.unresolved


def _national_text(bank: Bank, r: Reword) -> str | None:
    item = getattr(bank, r.collection).get(r.item)
    if item is None:
        return None
    if r.listen_for is not None:
        points = getattr(item, "listen_for", ())
        return points[r.listen_for - 1] if r.listen_for <= len(points) else None
    return item.text


def _touched(overlay: Overlay) -> dict[tuple[str, str], tuple[str, int]]:
    """Each national item the overlay names by id: how it touches it, and the overlay's line."""
    touched: dict[tuple[str, str], tuple[str, int]] = {}
    for h in overlay.hide:
        if h.by in ("question", "benchmark"):
            touched[(h.by + "s", h.value)] = ("hidden", h.line)
    for r in overlay.reword:
        touched[(r.collection, r.item)] = ("reworded", r.line)
    for t in overlay.retag:
        touched.setdefault(("questions", t.item), ("retagged", t.line))
    return touched


def _retirement(bank: Bank, item: str) -> Change | None:
    """A question retired in ``bank``, classed as the release notes class it (no earlier release at hand)."""
    q = bank.questions.get(item)
    if q is None or not q.retired:
        return None
    if len(q.split_into) > 1:
        return Change("questions", item, "split", "split into " + ", ".join(q.split_into), q.split_into)
    return Change("questions", item, "retired", "retired", (q.replaced_by,) if q.replaced_by else ())


def plan(
    overlay: Overlay, settings: CouncilSettings, old_bank: Bank | None, new_bank: Bank, new_version: str
) -> Report:
    report = Report(overlay.extends, new_version, old_bank is not None)
    changes: dict[tuple[str, str], Change] = (
        {(c.collection, c.item): c for c in compare(old_bank, new_bank)} if old_bank is not None else {}
    )
    touched = _touched(overlay)
    for r in overlay.reword:
        now = _national_text(new_bank, r)
        if now is not None and fingerprint(now) != r.replaces:
            before = _national_text(old_bank, r) if old_bank is not None else None
            report.conflicts.append(Conflict(r, now, before or ""))
    for (collection, item), (how, line) in touched.items():
        change = changes.get((collection, item))
        if change is None and collection == "questions" and old_bank is None:
            change = _retirement(new_bank, item)
        if change is not None and change.kind in MAJOR:
            report.affected.append(Affected(f"{how} {collection[:-1]} {item}", line, change))
    report.silent = [c for key, c in changes.items() if c.kind != "unchanged" and key not in touched]
    resolved = copy.deepcopy(new_bank)
    report.unresolved = [p for p in apply(resolved, _extending(overlay, new_version), settings) if p.is_error]
    return report


def _extending(overlay: Overlay, version: str) -> Overlay:
    moved = copy.copy(overlay)
    moved.extends = version
    return moved


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(report: Report) -> str:
    """The report a council officer reads, and reviewers see in the pull request."""
    out = [f"# Upgrade from national release {report.old} to {report.new}", ""]
    if not report.compared:
        out += [
            f"Release {report.old} is not at hand, so national changes were found by fingerprint only: "
            f"unpack it into national/{report.old}/ for the full list.",
            "",
        ]
    out += [f"## Conflicts: national changes under your own wording ({len(report.conflicts)})", ""]
    if not report.conflicts:
        out += ["None.", ""]
    for c in report.conflicts:
        r = c.reword
        out += [
            f"### {r.what} ({OVERLAY_FILE} line {r.line})",
            "",
            f"| Your wording (kept) | National wording in {report.new} |",
            "| --- | --- |",
            f"| {_cell(r.text)} | {_cell(c.national_now)} |",
            "",
        ]
        if c.national_before:
            out += [f"Your wording replaced: {_cell(c.national_before)}", ""]
        out += [
            f"To keep your wording, having read the national one, set `replaces: {c.fingerprint}` on this entry. "
            "To take the national wording, remove the entry.",
            "",
        ]
    out += [f"## Items you hid, reworded or retagged that changed nationally ({len(report.affected)})", ""]
    if not report.affected:
        out += ["None.", ""]
    for a in report.affected:
        reason = f": {a.change.reason}" if a.change.reason else ""
        detail = f" ({a.change.detail})" if a.change.detail not in ("", a.change.kind) else ""
        out.append(f"- {a.what} ({OVERLAY_FILE} line {a.line}): {a.change.kind}{detail}{reason}")
    out += ["", f"## Local references that no longer resolve ({len(report.unresolved)})", ""]
    out += [f"- {p.format()}" for p in report.unresolved] or ["None."]
    out += ["", f"## Applied with nothing for you to do ({len(report.silent)})", ""]
    out += [f"- {c.collection[:-1]} {c.item}: {c.kind}" + (f" ({c.detail})" if c.detail else "") for c in report.silent]
    if not report.silent:
        out.append("None." if report.compared else "Not listed: the earlier release is not at hand.")
    return "\n".join(out) + "\n"
