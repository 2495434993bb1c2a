"""Safe YAML loading for untrusted content files.

Builds plain Python data from PyYAML's event stream (the libyaml parser when
available), recording the line of every value so that problems can name it.
Refuses what has no place in a content file: anchors and aliases (so an
"entity expansion" file costs nothing), duplicate keys, custom tags, several
documents, tabs in indentation, non-UTF-8 bytes and oversized files.
Dates stay as text; the schema checks their form.
"""

from __future__ import annotations

import math
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scrutiny_packs.problems import Problem

MAX_BYTES = 64 * 1024
MAX_DEPTH = 20

Parser = getattr(yaml, "CParser", None) or yaml.parser.Parser
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Plain scalars become str, int, float, bool or None. Timestamps stay str.
_RESOLVERS = {
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    "tag:yaml.org,2002:int": re.compile(r"^[-+]?[0-9]+$"),
    "tag:yaml.org,2002:float": re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    "tag:yaml.org,2002:null": re.compile(r"^(?:~|null|Null|NULL|)$"),
}
_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {None, "!", _STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path_ = tuple[str | int, ...]

# Characters with no place in content: control characters (tab and line breaks
# aside), lone surrogates (which YAML escapes like "\ud800" can make) and
# non-characters. They are invisible in review and break pages.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_MESSAGE = "invisible control character U+{:04X} in the text"
_CONTROL_HINT = "delete it; it usually comes from pasting out of another program"
# Invisible formatting: bidirectional embeddings, overrides, isolates and marks (which can make
# text read differently from what it holds, "Trojan source"), zero-width spaces and joiners, the
# byte-order mark inside text, invisible operators, interlinear annotations and tag characters.
INVISIBLE = re.compile(
    "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_INVISIBLE_MESSAGE = "invisible formatting character U+{:04X} ({}) in the text"
_INVISIBLE_HINT = "delete it: invisible characters can make text read differently from what it says"
MAX_NUMBER_LENGTH = 30  # characters of a number written in a content file


def _unseen_problem(found: re.Match[str]) -> tuple[str, str]:
    """(message, hint) for a control or invisible formatting character."""
    char = found.group()
    if CONTROL.fullmatch(char):
        return _CONTROL_MESSAGE.format(ord(char)), _CONTROL_HINT
    return _INVISIBLE_MESSAGE.format(ord(char), unicodedata.name(char, "format character").lower()), _INVISIBLE_HINT


def _unseen(text: str) -> re.Match[str] | None:
    """The first control or invisible formatting character in text."""
    first = CONTROL.search(text)
    other = INVISIBLE.search(text, 0, first.start() if first else len(text))
    return other or first


def control_character_problem(text: str, display_path: str, first_line: int = 1, field: str = "") -> Problem | None:
    """A problem naming the line of the first control or invisible formatting character in text, if any."""
    found = _unseen(text)
    if not found:
        return None
    line = first_line + text.count("\n", 0, found.start())
    return Problem(display_path, line, field, *_unseen_problem(found))


@dataclass(slots=True)
class YamlDocument:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    source: str = field(default="", repr=False)  # the text parsed, for finding words inside long values

    def line_of(self, path: Path_) -> int:
        """The line of the value at path, or of its nearest ancestor."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Refused(Exception):
    def __init__(self, line: int, field: str, message: str, hint: str = ""):
        self.line, self.field, self.message, self.hint = line, field, message, hint


def field_name(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# Plain scalars that could be anything but text start with one of these (or are empty).
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")


def _event_line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1


def _scalar(event: yaml.ScalarEvent, stack: list[tuple[Any, Path_, Any]]) -> Any:
    if event.tag not in _ALLOWED_TAGS:
        raise _Refused(_event_line(event), "", f"the YAML tag {event.tag!r} is not allowed", "remove the tag")
    value = event.value
    if event.tag == _STR or event.style or not event.implicit[0] or (value and value[0] not in _MAYBE_NOT_TEXT):
        return value
    for tag, pattern in _RESOLVERS.items():
        if pattern.match(value):
            if tag.endswith("bool"):
                return value.lower() == "true"
            if tag.endswith("null"):
                return None
            number = None
            if len(value) <= MAX_NUMBER_LENGTH:  # a longer one would be refused by int() itself
                number = int(value) if tag.endswith("int") else float(value)
            if number is None or not math.isfinite(number):
                raise _Refused(
                    _event_line(event),
                    field_name(_current_path(stack)),
                    f"the number {value[:12]}... is too long"
                    if len(value) > 15
                    else f"the number {value} is too large",
                    "numbers in content are short; if this is text, put it in quotes",
                )
            return number
    return value


def _events(text: str) -> Any:
    """The parser's events for text, one at a time, then None."""
    loader = _Loader(text)
    try:
        get = loader.get_event
        while (event := get()) is not None:
            yield event
    finally:
        loader.dispose()


def _build(events: Any, lines: dict[Path_, int], check_each: bool = True) -> Any:
    """Turn one document's events into data. Raises _Refused on anything unsafe.

    check_each looks for invisible characters in every value; it can be off when the whole text
    has none and no escapes that could make one."""
    stack: list[tuple[Any, Path_, Any]] = []  # (container, path, pending key)
    root: Any = None
    done = False

    def place(value: Any, line: int, is_container: bool) -> Path_:
        nonlocal root
        if not stack:
            root = value
            lines[()] = line
            return ()
        container, path, key = stack[-1]
        if type(container) is list:
            child = path + (len(container),)
            container.append(value)
            lines[child] = line
            return child
        if key is _NO_KEY:
            if is_container:
                raise _Refused(line, field_name(path), "a key must be plain text, not a list or mapping")
            if value is None or isinstance(value, (list, dict)):
                raise _Refused(line, field_name(path), "a key must be plain text")
            skey = str(value)
            if skey in container:
                raise _Refused(
                    line,
                    field_name(path + (skey,)),
                    f"duplicate key {skey!r}",
                    f"it is already set on line {lines[path + (skey,)]}; keep one",
                )
            stack[-1] = (container, path, skey)
            lines[path + (skey,)] = line
            return path
        child = path + (key,)
        container[key] = value
        lines[child] = line
        stack[-1] = (container, path, _NO_KEY)
        return child

    for event in events:
        kind = type(event)
        line = _event_line(event)
        if kind is yaml.ScalarEvent:
            if event.anchor:
                raise _Refused(
                    line,
                    "",
                    f"YAML anchors (&{event.anchor}) are not allowed in content files",
                    "write the value out in full",
                )
            if check_each and (bad := _unseen(event.value)):
                raise _Refused(line, field_name(_current_path(stack)), *_unseen_problem(bad))
            place(_scalar(event, stack), line, False)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor:
                raise _Refused(
                    line,
                    "",
                    f"YAML anchors (&{event.anchor}) are not allowed in content files",
                    "write the value out in full",
                )
            if event.tag not in _ALLOWED_TAGS:
                raise _Refused(line, "", f"the YAML tag {event.tag!r} is not allowed", "remove the tag")
            if len(stack) >= MAX_DEPTH:
                raise _Refused(line, "", f"nesting deeper than {MAX_DEPTH} levels", "content files are shallow")
            value: Any = [] if kind is yaml.SequenceStartEvent else {}
            path = place(value, line, True)
            stack.append((value, path, _NO_KEY))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            raise _Refused(
                line, "", "YAML aliases (*name) are not allowed in content files", "write the value out in full"
            )
        elif kind is yaml.DocumentStartEvent:
            if done:
                raise _Refused(line, "", "more than one YAML document in the file", "remove the '---' line")
        elif kind is yaml.DocumentEndEvent:
            done = True
    return root


def _current_path(stack: list[tuple[Any, Path_, Any]]) -> Path_:
    """The path of the value about to be placed (for a key: its mapping's path)."""
    if not stack:
        return ()
    container, path, key = stack[-1]
    if isinstance(container, list):
        return path + (len(container),)
    return path if key is _NO_KEY else path + (key,)


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)

# A field name followed by a colon with no space after it: "areas:[workforce]".
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?=[^\s:/])")
_INDENT_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


def _open_quote(line: str) -> str | None:
    """The quotation mark left open on a line, if one is: an odd count of unescaped marks."""
    doubles = len(re.findall(r'(?<!\\)"', line))
    if doubles % 2:
        return '"'
    body = line.split("#", 1)[0] if '"' not in line else line
    if re.search(r"(?:^|[\s:\[,-])'", body) and body.count("'") % 2 and "''" not in body:
        return "'"
    return None


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, str]:
    """(line, message, hint) for a YAML syntax error: what is wrong in plain words first, for the
    commonest mistakes (a colon with no space after it, an unclosed quotation mark, a line not
    lined up with the ones above it), then the YAML reader's own words."""
    lines = text.splitlines()
    problem = exc.problem or "not valid YAML"
    said = f"the YAML reader says: {problem}"
    if exc.context:
        said += f", {exc.context}"
    mark = exc.problem_mark or exc.context_mark
    at = mark.line + 1 if mark else None
    start = exc.context_mark.line + 1 if exc.context_mark else at
    # The lines to look at: from the one before where the reader's trouble began to where it stopped.
    around = range(max(1, min(start or 1, at or 1) - 1), min(len(lines), max(start or 1, at or 1)) + 1)
    for number in around:
        found = _NO_SPACE_AFTER_COLON.match(lines[number - 1])
        if found:
            key = found.group("key")
            return (
                number,
                (f"there is no space after the colon in '{key}:' ({said})"),
                f"write '{key}: ' with a space after the colon",
            )
    if (
        problem.startswith(("did not find expected ',' or ']'", "did not find expected ',' or '}'"))
        and exc.context_mark is not None
    ):
        bracket = "]" if "]" in problem else "}"
        return (
            exc.context_mark.line + 1,
            f"the list opened with {'[' if bracket == ']' else '{'} on this line is never closed ({said})",
            f"put a closing {bracket} after its last item, with commas between items",
        )
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        number = exc.context_mark.line + 1
        quote = text[exc.context_mark.index] if exc.context_mark.index < len(text) else '"'
        return (
            number,
            f"the quotation mark {quote} that opens the text on this line is never closed ({said})",
            f"put a closing {quote} at the end of the text",
        )
    for number in around:
        opened = _open_quote(lines[number - 1])
        if opened:
            return (
                number,
                f"the quotation mark {opened} that opens the text on this line is never closed ({said})",
                f"put a closing {opened} at the end of the text",
            )
    if problem.startswith(_INDENT_PROBLEMS) and at is not None:
        return (
            at,
            f"this line does not line up with the lines above it ({said})",
            "start each field at the left edge and each '- ' item of a list in the same column as the "
            "other items; indent with spaces",
        )
    if problem.startswith("mapping values are not allowed") and at is not None and at >= 2:
        here, above = lines[at - 1], lines[at - 2]
        indent = lambda line: len(line) - len(line.lstrip(" "))  # noqa: E731
        if (
            re.match(r"^\s*[A-Za-z_][\w-]*: ", here)
            and indent(here) > indent(above)
            and not above.rstrip().endswith(":")
        ):
            return (
                at,
                f"this line does not line up with the lines above it ({said})",
                "start each field at the left edge and each '- ' item of a list in the same column as the "
                "other items; indent with spaces",
            )
    if problem.startswith("mapping values are not allowed") and at is not None:
        return (
            at,
            f"a colon followed by a space inside text that has no quotation marks ({said})",
            "put the whole text in quotation marks",
        )
    return (
        at,
        f"the file is not valid YAML ({said})",
        "check indentation, and put text containing ': ' or '#' in quotation marks",
    )


def parse_yaml(text: str, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text from an untrusted file into data with line numbers."""
    if raw := CONTROL.search(text):  # the parser itself would refuse it, naming no line
        line = text.count("\n", 0, raw.start()) + 1
        return None, [Problem(display_path, line, "", *_unseen_problem(raw))]
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        return None, [
            Problem(
                display_path,
                line,
                "",
                "a tab character in indentation: YAML needs spaces there",
                "indent with the space bar, not the Tab key",
            )
        ]
    lines: dict[Path_, int] = {}
    try:
        # Escapes in quoted text can make characters the text itself does not hold.
        check_each = "\\" in text or INVISIBLE.search(text) is not None
        data = _build(_events(text), lines, check_each)
    except _Refused as refused:
        return None, [Problem(display_path, refused.line, refused.field, refused.message, refused.hint)]
    except yaml.MarkedYAMLError as exc:
        at, message, hint = explain_syntax_error(exc, text)
        return None, [Problem(display_path, at, "", message, hint)]
    except yaml.YAMLError as exc:
        return None, [Problem(display_path, None, "", f"YAML error: {exc}".splitlines()[0], "")]
    return YamlDocument(data, lines, text), []


def read_yaml(path: Path, display_path: str, max_bytes: int = MAX_BYTES) -> tuple[YamlDocument | None, list[Problem]]:
    """Read and parse a content file, refusing oversized (over ``max_bytes``) and non-UTF-8 files."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block the read, or never end
            return None, [Problem(display_path, None, "", "not a regular file", "content is files only; remove it")]
        size = st.st_size
        if size > max_bytes:
            return None, [
                Problem(
                    display_path,
                    None,
                    "",
                    f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                    "content files are short: split or trim it",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display_path, None, "", f"cannot read file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(display_path, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8")
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_yaml(text, display_path)
