"""Checks on Markdown text (Markdown fields and page bodies) that the site could not build.

Python-Markdown recurses once per level of nested lists and quotes, and looks
for the end of every '[' and every link address it meets: a field of list
markers one after another ('- - - - x') ends the build with a RecursionError,
and a field of thousands of brackets takes minutes. A link with no scheme
would point at a page or file relative to wherever the text is shown: the
strict build refuses it as a broken link, without saying which field holds
it. Each of these is refused here, with the file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from scrutiny_packs.content.schema import _registry as schema_registry
from scrutiny_packs.content.schema import schema
from scrutiny_packs.content.yaml_source import Path_, YamlDocument, field_name
from scrutiny_packs.problems import Problem
from scrutiny_packs.text.escape import HAS_SCHEME, link_targets

MAX_NESTING = 10  # levels of lists and quotes in one place
# Characters Python-Markdown reads past, over all the brackets and link addresses of one
# paragraph, while looking for where each one ends. Ordinary text stays far below it; at the
# limit a field takes a few hundredths of a second to lay out.
MAX_BRACKET_WORK = 100_000
_MARKDOWN_DEF = "_defs.schema.json#/$defs/markdown"

_PREFIX = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
_BRACKETS = re.compile(r"\\.|\n[ \t]*(?=\n)|[\[\]()]", re.DOTALL)


def nesting(text: str) -> tuple[int, int]:
    """(deepest nesting of lists and quotes, offset of the line where it is)."""
    deepest, where, offset = 0, 0, 0
    for line in text.split("\n"):
        match = _PREFIX.match(line)
        assert match is not None  # the pattern may match nothing
        prefix = match.group()
        indent = len(prefix) - len(prefix.lstrip(" \t"))
        depth = len(prefix[:indent].expandtabs(4)) // 4 + len(_MARKER.findall(prefix[indent:]))
        if depth > deepest:
            deepest, where = depth, offset
        offset += len(line) + 1
    return deepest, where


def bracket_work(text: str) -> tuple[int, int]:
    """(an estimate of the characters Python-Markdown scans to match brackets, offset of the
    bracket that costs it most). Each '[' is read to its ']', each link's '(' to its ')' (or to
    the end of the paragraph). An escaped bracket costs nothing, nor does a '[' no ']' closes:
    the page generator escapes those (``text.escape``)."""
    work, worst, worst_at = 0, 0, 0
    opened: list[int] = []
    parens: list[tuple[int, bool]] = []
    previous_close = -2

    def end_paragraph(end: int) -> None:
        nonlocal work, worst, worst_at
        for start, is_link in parens:
            if is_link:
                work += end - start
                if end - start > worst:
                    worst, worst_at = end - start, start
        opened.clear()
        parens.clear()

    for m in _BRACKETS.finditer(text):
        char, at = m.group()[0], m.start()
        if char == "\\":
            continue
        if char == "\n":
            end_paragraph(at)
        elif char == "[":
            opened.append(at)
        elif char == "]":
            if opened:
                start = opened.pop()
                work += at - start
                if at - start > worst:
                    worst, worst_at = at - start, start
            previous_close = at
        elif char == "(":
            parens.append((at, previous_close == at - 1))
        elif parens:
            start, is_link = parens.pop()
            if is_link:
                work += at - start
                if at - start > worst:
                    worst, worst_at = at - start, start
    end_paragraph(len(text))
    return work, worst_at


def findings(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, hint) for each problem in one Markdown text."""
    depth, where = nesting(text)
    if depth > MAX_NESTING:
        yield (
            where,
            (f"lists or quotes nested {depth} levels deep; the limit is {MAX_NESTING}"),
            "use fewer levels: put a list's points one under another",
        )
    work, where = bracket_work(text) if "[" in text else (0, 0)
    if work > MAX_BRACKET_WORK:
        yield (
            where,
            "brackets nested too deep, or too many links with no closing ')', to lay out quickly",
            "remove stray brackets, or write them as '\\[', '\\]', '\\(' and '\\)'",
        )
        return  # finding the links would cost as much
    for at, address in link_targets(text):
        if not HAS_SCHEME.match(address):
            shown = address if len(address) <= 60 else address[:57] + "..."
            what = f"link {shown!r}" if address else "empty link"
            yield (
                at,
                f"{what} is not a full web address",
                "links in content start with https://, http:// or mailto:; write out the page's full address",
            )


def _line(text: str, first_line: int, offset: int) -> int:
    return first_line + text.count("\n", 0, offset)


def body_problems(body: str, first_line: int, display: str) -> list[Problem]:
    """Problems in the Markdown body of a page that starts on ``first_line`` of its file."""
    return [
        Problem(display, _line(body, first_line, at), "body", message, hint) for at, message, hint in findings(body)
    ]


@cache
def markdown_paths(kind: str) -> tuple[tuple[str, ...], ...]:
    """The fields of a kind of content that hold Markdown, as paths ('*' for any list item)."""
    resolver = schema_registry().resolver()
    found: list[tuple[str, ...]] = []

    def walk(node: Any, path: tuple[str, ...], depth: int = 0) -> None:
        if not isinstance(node, dict) or depth > 8:
            return
        written = [node.get("$ref")] + [part.get("$ref") for part in node.get("allOf", ()) if isinstance(part, dict)]
        refs: list[str] = [ref for ref in written if isinstance(ref, str)]
        if any(ref.endswith(_MARKDOWN_DEF) or ref == "#" + _MARKDOWN_DEF.split("#")[1] for ref in refs):
            found.append(path)
            return
        for ref in refs:
            if ".schema.json#" in ref:  # another schema's definition, e.g. a source: look inside
                walk(resolver.lookup(ref).contents, path, depth + 1)
        for name, sub in (node.get("properties") or {}).items():
            walk(sub, path + (name,), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], path + ("*",), depth + 1)

    walk(schema(kind), ())
    return tuple(found)


def _values(data: Any, pattern: tuple[str, ...], path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if not pattern:
        if isinstance(data, str):
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values(item, rest, path + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, path + (head,))


def _line_of_offset(doc: YamlDocument, path: Path_, value: str, offset: int) -> int:
    """The line in the file of a place inside a field's value: the field's line, moved down to
    the line that holds the words around the place when they can be found there."""
    line = doc.line_of(path)
    words = value[offset : offset + 200].split()
    if not words:
        return line
    first = words[0][:40]
    lines = doc.source.split("\n")
    for index in range(max(line - 1, 0), len(lines)):
        if first in lines[index]:
            return index + 1
    return line


def field_problems(doc: YamlDocument, kind: str, display: str) -> list[Problem]:
    """Problems in every Markdown field of a parsed, schema-valid content file."""
    problems = []
    for pattern in markdown_paths(kind):
        for path, value in _values(doc.data, pattern):
            for at, message, hint in findings(value):
                problems.append(
                    Problem(display, _line_of_offset(doc, path, value, at), field_name(path), message, hint)
                )
    return problems
