"""The My pack link: a pack chosen on the site, carried whole in a link's query.

One format, read and written here (``scrutiny-packs pack --from-url``) and in
the browser by ``overrides/assets/javascripts/my-pack/link.js``. It is written
down for people who build links in ``content/pages/my-pack-links.md``; both
sides are tested against the same cases, ``tests/fixtures/mypack-links/``::

    ?ids=q001,q014&f=we&body=Children%27s%20scrutiny%20panel&meeting=Panel%20meeting
     &date=2026-03-04&item=6&title=The%20front%20door&opts=b,e,n,r

``ids``    question references, in the pack's order (not ``q``: the theme opens its search
           on a ``q`` in the address, and marks words on an ``h``)
``f``      framing: ``you`` or ``we`` (default ``you``)
``body``   the body or committee; ``meeting`` the meeting; ``date`` as YYYY-MM-DD
``item``   agenda item number; ``title`` agenda item title (also the pack's title)
``opts``   what the pack shows: ``b`` what good looks like, ``e`` evidence to ask
           for, ``n`` space for notes, ``r`` a RAG column. Absent: ``b,e,n``.

Values are percent-encoded as JavaScript's ``encodeURIComponent`` does, with
commas left as they are, so both sides write the same link. Reading a link
never fails: whatever cannot be used is reported as a ``Notice`` and left out.
Lengths count characters (code points), as Python does; the browser counts them
the same way, not in UTF-16 units.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import parse_qsl, quote

from scrutiny_packs.ids import ID_REGEX, is_id
from scrutiny_packs.model import Bank, Framing, Meeting, PackOptions, PackSpec, Selection
from scrutiny_packs.problems import Problem, Severity
from scrutiny_packs.text.escape import truncate
from scrutiny_packs.text.framing import FRAMINGS

PACK_ID = "my-pack"
DEFAULT_TITLE = "Scrutiny questions"
MAX_QUESTIONS = 300  # more than the bank holds; a longer list is cut short with a notice
MAX_TEXT = 200  # characters kept from each meeting field
MAX_QUERY = 20_000  # characters of query read at all
IDS = "ids"  # the parameter holding the question references

# Option letters in ``opts``, in the order they are written.
OPTION_LETTERS: dict[str, str] = {"b": "benchmarks", "e": "evidence", "n": "notes_space", "r": "rag"}
# The meeting fields, and what a notice calls each.
TEXT_FIELDS: dict[str, str] = {
    "body": "body",
    "meeting": "meeting",
    "item": "agenda item number",
    "title": "agenda item title",
}

# Written to mean the same in Python's ``re`` and in JavaScript, and handed to the browser.
# Spaces: each run becomes one space, and none is kept at either end of a value.
SPACE_REGEX = r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
# Control characters other than those spaces: nothing can print them; each is read as a space. So
# are invisible formatting characters (bidirectional overrides and isolates, zero-width joiners),
# which make a title read differently from what it holds (content refuses them too: yaml_source).
CONTROL_REGEX = (
    r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufff9-\ufffb]"
)
DATE_REGEX = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

_SPACE = re.compile(SPACE_REGEX)
_CONTROL = re.compile(CONTROL_REGEX)
_DATE = re.compile(DATE_REGEX)
_EDGES = re.compile(rf"\A{SPACE_REGEX}|{SPACE_REGEX}\Z")
_URL_BREAKS = re.compile(r"[\t\r\n]")
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # A-Z only, as the browser does

NoticeKind = Literal["unknown", "retired", "invalid", "repeated", "too-many", "too-long"]


def browser_rules() -> dict:
    """The link's rules as the browser reads them (in the My pack data and on every page)."""
    return {
        "idPattern": ID_REGEX,
        "spacePattern": SPACE_REGEX,
        "controlPattern": CONTROL_REGEX,
        "maxQuestions": MAX_QUESTIONS,
        "maxText": MAX_TEXT,
        "maxQuery": MAX_QUERY,
        "datePattern": DATE_REGEX,  # then Date reads it back, as date.fromisoformat does here
    }


@dataclass(frozen=True, slots=True)
class Notice:
    """Something in a link that could not be used, in words a reader understands."""

    kind: NoticeKind
    field: str  # the query parameter, e.g. "ids" or "date"; "link" for the link as a whole
    value: str
    message: str

    def format(self) -> str:
        return f"link: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class MyPack:
    """A pack as the link carries it: questions in order, framing, meeting details, options."""

    questions: tuple[str, ...] = ()
    framing: Framing = "you"
    body: str = ""
    meeting: str = ""
    date: dt.date | None = None
    item: str = ""
    title: str = ""  # the agenda item's title
    options: PackOptions = field(default_factory=PackOptions)

    @property
    def pack_title(self) -> str:
        return pack_title(self)


def pack_title(pack: MyPack) -> str:
    """The printed title: the agenda item's title, else the meeting's name, else a plain default."""
    return pack.title or pack.meeting or DEFAULT_TITLE


# -------------------------------------------------------------------- the link's query


def _encode_value(value: str) -> str:
    # The characters encodeURIComponent leaves alone, plus the comma.
    return quote(value, safe="-_.!~*'(),")


def encode(pack: MyPack) -> str:
    """The query string (without '?') for a pack; empty fields are left out."""
    parts = [(IDS, ",".join(pack.questions))]
    if pack.framing != "you":
        parts.append(("f", pack.framing))
    parts += [("body", pack.body), ("meeting", pack.meeting)]
    if pack.date:
        parts.append(("date", pack.date.isoformat()))
    parts += [("item", pack.item), ("title", pack.title)]
    opts = ",".join(letter for letter, name in OPTION_LETTERS.items() if getattr(pack.options, name))
    if pack.options != PackOptions():
        parts.append(("opts", opts))
    return "&".join(f"{key}={_encode_value(value)}" for key, value in parts if value or key in (IDS, "opts"))


def query_of(url: str) -> str:
    """The query of a full link, or the text itself when it is only a query ('?ids=...' or 'ids=...')."""
    url = _EDGES.sub("", url)
    if "://" in url:
        url = _URL_BREAKS.sub("", url).split("#", 1)[0]  # as a URL parser reads it: fragment first
        return url.split("?", 1)[1] if "?" in url else ""
    if "?" in url:
        url = url.split("?", 1)[1]
    return url.split("#", 1)[0]


def tidy(value: str) -> str:
    """A value as the link reads it: control characters and runs of spaces become one space, ends trimmed."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", value)).strip(" ")


def _word(value: str) -> str:
    """A short value (a reference, a framing, a letter): tidied, with A-Z in lower case."""
    return tidy(value).translate(_LOWER)


def _shown(value: str, limit: int = 40) -> str:
    """A value from a link, quoted and shortened for a message."""
    return repr(truncate(value, limit))


def decode(query: str) -> tuple[MyPack, list[Notice]]:
    """Read a link's query. Never raises: what cannot be used becomes a notice."""
    notices: list[Notice] = []
    if len(query) > MAX_QUERY:
        notices.append(
            Notice("too-long", "link", "", f"the link is over {MAX_QUERY:,} characters; only the start was read")
        )
        query = query[:MAX_QUERY]
    params: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(key, value)  # the first of a repeated parameter wins, as in the browser

    ids: list[str] = []
    seen: set[str] = set()
    for raw in params.get(IDS, "").split(","):
        qid = _word(raw)
        if not qid:
            continue
        if not is_id(qid):
            notices.append(
                Notice(
                    "invalid",
                    IDS,
                    raw,
                    f"{_shown(raw)} is not a question reference; left out (references look like 'q014')",
                )
            )
        elif qid in seen:
            notices.append(Notice("repeated", IDS, qid, f"{qid!r} is listed more than once; it is in the pack once"))
        elif len(ids) >= MAX_QUESTIONS:
            notices.append(
                Notice(
                    "too-many", IDS, qid, f"the link lists more than {MAX_QUESTIONS} questions; the rest were left out"
                )
            )
            break
        else:
            seen.add(qid)
            ids.append(qid)

    framing: Framing = "you"
    if "f" in params:
        value = _word(params["f"])
        if value in FRAMINGS:
            framing = value
        else:
            notices.append(
                Notice(
                    "invalid",
                    "f",
                    params["f"],
                    f"{_shown(params['f'])} is not a framing; the pack uses 'you' (the link may say 'you' or 'we')",
                )
            )

    texts: dict[str, str] = {}
    for name, called in TEXT_FIELDS.items():
        raw = params.get(name, "")
        value = tidy(raw)
        if _CONTROL.search(raw):
            notices.append(
                Notice(
                    "invalid",
                    name,
                    raw,
                    f"the {called} has control characters, which cannot be shown or printed; each was read as a space",
                )
            )
        if len(value) > MAX_TEXT:
            notices.append(
                Notice(
                    "too-long",
                    name,
                    value,
                    f"the {called} is over {MAX_TEXT} characters; only the first {MAX_TEXT} were kept",
                )
            )
            value = value[:MAX_TEXT].rstrip(" ")
        texts[name] = value

    date = None
    raw = tidy(params.get("date", ""))
    if raw:
        try:
            date = dt.date.fromisoformat(raw) if _DATE.fullmatch(raw) else None
        except ValueError:
            date = None
        if date is None:
            notices.append(
                Notice(
                    "invalid",
                    "date",
                    raw,
                    f"{_shown(raw)} is not a date (written YYYY-MM-DD, e.g. 2026-03-04); the pack has no date",
                )
            )

    options = PackOptions()
    if "opts" in params:
        letters = [letter for letter in (_word(x) for x in params["opts"].split(",")) if letter]
        for letter in letters:
            if letter not in OPTION_LETTERS:
                notices.append(
                    Notice(
                        "invalid",
                        "opts",
                        letter,
                        f"{_shown(letter)} is not an option; "
                        "known: b (what good looks like), e (evidence), n (notes), r (RAG)",
                    )
                )
        options = PackOptions(**{name: letter in letters for letter, name in OPTION_LETTERS.items()})

    pack = MyPack(tuple(ids), framing, texts["body"], texts["meeting"], date, texts["item"], texts["title"], options)
    return pack, notices


# -------------------------------------------------------------------- against the bank


def check(bank: Bank, pack: MyPack) -> tuple[MyPack, list[Notice]]:
    """The pack with only the questions the bank can still offer; a notice for each one left out."""
    notices: list[Notice] = []
    kept: list[str] = []
    for qid in pack.questions:
        q = bank.questions.get(qid)
        if q is None:
            notices.append(
                Notice(
                    "unknown",
                    IDS,
                    qid,
                    f"{qid!r} is not a question in the bank; left out "
                    "(it may have been removed, or the link was cut short)",
                )
            )
        elif q.retired:
            successor = q.replaced_by if q.replaced_by in bank.questions else None
            instead = f"; {successor!r} replaces it" if successor else ""
            notices.append(Notice("retired", IDS, qid, f"{qid!r} has been retired; left out{instead}"))
        else:
            kept.append(qid)
    return replace(pack, questions=tuple(kept)), notices


def to_spec(pack: MyPack) -> PackSpec:
    """The pack as a PackSpec, drawn by the same code as every other pack: listed order, no audience."""
    meeting = Meeting(body=pack.body, name=pack.meeting, date=pack.date, item=pack.item, item_title=pack.title)
    return PackSpec(
        id=PACK_ID,
        title=pack_title(pack),
        framing=pack.framing,
        meeting=meeting,
        selection=Selection(questions=pack.questions, order="listed"),
        options=pack.options,
    )


def from_url(bank: Bank, url: str) -> tuple[MyPack, list[Notice]]:
    """Read a My pack link and check it against the bank."""
    pack, notices = decode(query_of(url))
    pack, more = check(bank, pack)
    return pack, notices + more


LINK_OPTION = "--from-url"


def spec_from_url(bank: Bank, url: str) -> tuple[PackSpec | None, list[Problem]]:
    """The pack a My pack link describes, for ``scrutiny-packs pack --from-url``.

    What the link holds that cannot be used is a warning, one line each; a
    link left with no questions at all is an error.
    """
    pack, notices = from_url(bank, url)
    problems = [Problem(LINK_OPTION, None, n.field, n.message, severity=Severity.WARNING) for n in notices]
    if not pack.questions:
        hint = (
            "this is not a My pack link: copy one with 'Copy link' on the site's My pack page"
            if IDS not in dict(parse_qsl(query_of(url)))
            else "add questions on the site's My pack page and copy the link again"
        )
        problems.append(Problem(LINK_OPTION, None, "", "the link names no questions the bank can offer", hint))
        return None, problems
    return to_spec(pack), problems


def conflicting_options(given: dict[str, object]) -> list[Problem]:
    """--from-url carries the whole pack; other choices given with it are an error, not silently ignored."""
    flags = {"areas": "area", "tags": "tag", "questions": "question", "origins": "origin", "spec_file": "spec"}
    named = [
        f"--{'no-' if value is False else ''}{flags.get(name, name).replace('_', '-')}"
        for name, value in given.items()
        if value not in (None, (), "")
    ]
    if not named:
        return []
    return [
        Problem(
            LINK_OPTION,
            None,
            "",
            f"cannot be combined with {', '.join(sorted(named))}",
            "the link carries the pack's questions, framing, meeting and options; "
            "change them on the My pack page and copy the link again",
        )
    ]
