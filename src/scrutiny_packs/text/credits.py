"""Credit where it is due: how a source is cited, where a question comes from, and the line every pack carries.

One wording for each, used by the site's pages, every pack format and the open data, so a question
copied into committee papers is credited the same way wherever it was copied from.
"""

from __future__ import annotations

from scrutiny_packs.model import Question, Settings, Source

WALSALL_BRIEFING = (
    "Walsall Council's briefing note to its Children and Young People Scrutiny and Performance Panel (30 October 2012)"
)

ORIGIN_NAMES = {"walsall-2012": "2012 Walsall toolkit", "added": "Added since 2012"}

PACK_SOURCE_LINE = (
    "Sources: questions marked as from the 2012 toolkit are Module 3 of the safeguarding scrutiny toolkit "
    f"reproduced in {WALSALL_BRIEFING}; the note does not name the toolkit's author. The other questions, the "
    "listen-for points, what good looks like and the evidence to ask for are Scrutiny Packs' own wording, "
    "each based on the published source named on its page of the website."
)


SUPERSEDED_NOTE = "an edition since replaced by a newer one"


def cite(source: Source, settings: Settings) -> str:
    """A source as a reader sees it: title, then publisher and edition (or year), then where in it, and
    whether a newer edition has replaced it."""
    parts = [settings.document_title(source.document)]
    edition = source.edition or (str(source.year) if source.year else "")
    made = ", ".join(x for x in (source.publisher, edition) if x)
    if made and made not in parts[0]:
        parts[0] += f" ({made})"
    parts += [x for x in (source.module, source.section) if x]
    if source.superseded_by:
        parts.append(SUPERSEDED_NOTE)
    return ", ".join(parts)


def origin_label(question: Question, settings: Settings) -> str:
    """Where a question comes from, in a few words for its page and its pack entry."""
    if question.origin == "walsall-2012":
        return "From the 2012 Walsall toolkit (Module 3)"
    year = f" in {question.added.year}" if question.added else ""
    if question.source:
        return f"Added{year}, based on {settings.document_title(question.source.document)}"
    return f"Added{year}"
