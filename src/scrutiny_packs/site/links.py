"""Where each generated page lives, and relative Markdown links between them."""

from __future__ import annotations

import posixpath
from functools import cache

HOME = "index.md"
AREAS = "areas/index.md"
AUDIENCES = "audiences/index.md"
PACKS = "packs/index.md"
MEETINGS = "meetings/index.md"
MY_PACK = "my-pack.md"
PLAN = "plan-a-meeting.md"  # plan a meeting: agenda items in, a meeting file and papers out
FOLLOW_UP = "follow-up.md"  # open actions and RAG history from meeting records
RECOMMENDATIONS = "recommendations.md"  # the recommendations tracker, from meeting records
CHANGES = "changes.md"
GLOSSARY = "glossary/index.md"  # a folder of its own: no page in content/pages/ can take its address
SOURCES = "sources/index.md"  # every source, by kind; a folder of its own, as the glossary has
NEEDS_REVIEW = "sources/needs-review.md"  # items citing a superseded edition, for editors
DATA = "data/index.md"  # the open data page; the files sit beside it in data/


def question(qid: str) -> str:
    return f"questions/{qid}.md"


def area(area_id: str) -> str:
    return f"areas/{area_id}.md"


def audience(audience_id: str) -> str:
    return f"audiences/{audience_id}.md"


def module(module_id: str) -> str:
    return f"modules/{module_id}.md"


def page(page_id: str) -> str:
    return f"{page_id}.md"


def pack(pack_id: str) -> str:
    return f"packs/{pack_id}.md"


def meeting(meeting_id: str) -> str:
    return f"meetings/{meeting_id}.md"


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link from one source file to another (MkDocs resolves .md links)."""
    target, _, anchor = to_src.partition("#")
    rel = _relpath(target, posixpath.dirname(from_src)) if target else ""
    return rel + (f"#{anchor}" if anchor else "")


@cache
def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two clean site-relative paths, without touching the file system."""
    if target.startswith("/") or start.startswith("/") or ".." in target or ".." in start:
        return posixpath.relpath(target, start or ".")
    to = target.split("/")
    at = start.split("/") if start else []
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    parts = [".."] * (len(at) - common) + to[common:]
    return "/".join(parts) or "."


def url_path(src: str) -> str:
    """The site path a source file is served at with directory URLs, e.g. 'questions/q001/'."""
    if src == HOME:
        return ""
    stem = src[:-3]
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
