"""'My pack': a pack chosen on the site, carried in a link, and the data the page needs.

A reader picks questions on the site; the browser keeps the choice and can
share it as a link. The link's query holds the whole pack, in one format read
and written both here (for ``scrutiny-packs pack --from-url``) and by
``overrides/assets/javascripts/my-pack.js``::

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
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Literal
from urllib.parse import parse_qsl, quote, urlsplit

from scrutiny_packs.model import Bank, Framing, Meeting, PackOptions, PackSpec, Selection
from scrutiny_packs.packs.html import markdown_html
from scrutiny_packs.packs.layout import FOOTER_TITLE_LIMIT, build_view, framing_note
from scrutiny_packs.packs.select import Selected
from scrutiny_packs.problems import Problem, Severity
from scrutiny_packs.text.escape import truncate
from scrutiny_packs.text.framing import FRAMINGS, framing_table

PACK_ID = "my-pack"
DEFAULT_TITLE = "Scrutiny questions"
MAX_QUESTIONS = 300  # more than the bank holds; a longer list is cut short with a notice
MAX_TEXT = 200  # characters kept from each meeting field
MAX_QUERY = 20_000  # characters of query read at all
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DATA_ELEMENT_ID = "sp-bank"
IDS = "ids"  # the parameter holding the question references

# Option letters in ``opts``, in the order they are written.
OPTION_LETTERS: dict[str, str] = {"b": "benchmarks", "e": "evidence", "n": "notes_space", "r": "rag"}
TEXT_FIELDS: tuple[str, ...] = ("body", "meeting", "item", "title")

NoticeKind = Literal["unknown", "retired", "invalid", "repeated", "too-many"]


@dataclass(frozen=True, slots=True)
class Notice:
    """Something in a link that could not be used, in words a reader understands."""

    kind: NoticeKind
    field: str  # the query parameter, e.g. "ids" or "date"
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
    url = url.strip()
    if "://" in url:
        return urlsplit(url).query
    if "?" in url:
        url = url.split("?", 1)[1]
    return url.split("#", 1)[0]


def _shown(value: str, limit: int = 40) -> str:
    """A value from a link, quoted and shortened for a message."""
    return repr(truncate(value, limit))


def decode(query: str) -> tuple[MyPack, list[Notice]]:
    """Read a link's query. Never raises: what cannot be used becomes a notice."""
    notices: list[Notice] = []
    if len(query) > MAX_QUERY:
        notices.append(Notice("too-many", "link", "", f"the link is over {MAX_QUERY:,} characters; only the start was read"))
        query = query[:MAX_QUERY]
    params: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(key, value)  # the first of a repeated parameter wins, as in the browser

    ids: list[str] = []
    seen: set[str] = set()
    for raw in params.get(IDS, "").split(","):
        qid = raw.strip().lower()
        if not qid:
            continue
        if not ID_PATTERN.match(qid):
            notices.append(Notice("invalid", IDS, raw, f"{_shown(raw)} is not a question reference; left out "
                                  "(references look like 'q014')"))
        elif qid in seen:
            notices.append(Notice("repeated", IDS, qid, f"{qid!r} is listed more than once; it is in the pack once"))
        elif len(ids) >= MAX_QUESTIONS:
            notices.append(Notice("too-many", IDS, qid, f"the link lists more than {MAX_QUESTIONS} questions; "
                                  "the rest were left out"))
            break
        else:
            seen.add(qid)
            ids.append(qid)

    framing: Framing = "you"
    if "f" in params:
        value = params["f"].strip().lower()
        if value in FRAMINGS:
            framing = value  # type: ignore[assignment]
        else:
            notices.append(Notice("invalid", "f", params["f"], f"{_shown(params['f'])} is not a framing; "
                                  "the pack uses 'you' (the link may say 'you' or 'we')"))

    texts: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = " ".join(params.get(name, "").split())
        if len(value) > MAX_TEXT:
            notices.append(Notice("too-many", name, value, f"the {name} is over {MAX_TEXT} characters; it was shortened"))
            value = value[:MAX_TEXT]
        texts[name] = value

    date = None
    if params.get("date", "").strip():
        raw = params["date"].strip()
        try:
            date = dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
        except ValueError:
            date = None
        if date is None:
            notices.append(Notice("invalid", "date", raw, f"{_shown(raw)} is not a date (written YYYY-MM-DD, "
                                  "e.g. 2026-03-04); the pack has no date"))

    options = PackOptions()
    if "opts" in params:
        letters = [x.strip().lower() for x in params["opts"].split(",") if x.strip()]
        for letter in letters:
            if letter not in OPTION_LETTERS:
                notices.append(Notice("invalid", "opts", letter, f"{_shown(letter)} is not an option; "
                                      "known: b (what good looks like), e (evidence), n (notes), r (RAG)"))
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
            notices.append(Notice("unknown", IDS, qid, f"{qid!r} is not a question in the bank; left out "
                                  "(it may have been removed, or the link was cut short)"))
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
        hint = ("this is not a My pack link: copy one with 'Copy link' on the site's My pack page"
                if IDS not in dict(parse_qsl(query_of(url))) else
                "add questions on the site's My pack page and copy the link again")
        problems.append(Problem(LINK_OPTION, None, "", "the link names no questions the bank can offer", hint))
        return None, problems
    return to_spec(pack), problems


def conflicting_options(given: dict[str, object]) -> list[Problem]:
    """--from-url carries the whole pack; other choices given with it are an error, not silently ignored."""
    flags = {"areas": "area", "tags": "tag", "questions": "question", "origins": "origin", "spec_file": "spec"}
    named = [f"--{'no-' if value is False else ''}{flags.get(name, name).replace('_', '-')}"
             for name, value in given.items() if value not in (None, (), "")]
    if not named:
        return []
    return [Problem(LINK_OPTION, None, "", f"cannot be combined with {', '.join(sorted(named))}",
                    "the link carries the pack's questions, framing, meeting and options; "
                    "change them on the My pack page and copy the link again")]


# -------------------------------------------------------------------- the page's data


def bank_data(bank: Bank, question_href: Callable[[str], str] | None = None) -> dict:
    """What the My pack page needs to draw any pack from the bank, as plain JSON.

    Each question is laid out once on its own by ``packs.layout`` (the code
    every built pack goes through), and the page keeps what that gives: the
    area it is shown under, what to listen for, the evidence (shortened as in
    the packs) and the guides it brings. The page only numbers, groups and
    frames. Question text keeps its placeholders, framed in the browser with
    ``framing.framing_table()``. Text is plain (the page sets it as text); a
    guide's Markdown arrives as the sanitised HTML the built packs show.
    """
    questions: dict[str, dict] = {}
    areas: dict[str, dict] = {}
    indicators: dict[str, dict] = {}
    guides: dict[str, dict] = {}
    for q in bank.questions.values():
        entry: dict = {"text": q.text, "areas": list(q.areas), "audiences": list(q.audiences)}
        if question_href is not None:
            entry["href"] = question_href(q.id)
        if q.retired:
            entry["retired"] = True
            if q.replaced_by in bank.questions:
                entry["replacedBy"] = q.replaced_by
            questions[q.id] = entry
            continue
        # One active question: its selection is known (shown under its first area, as select()
        # does when no area is asked for), without a pass over the whole bank for each question.
        alone = build_view(bank, to_spec(MyPack((q.id,))), Selected((q,), {q.id: q.areas[0]}))
        group, shown = alone.groups[0], alone.questions[0]
        areas[group.area_id] = {"name": group.title, "context": group.context}
        entry["area"] = group.area_id
        if shown.asked_of:
            entry["askedOf"] = shown.asked_of
        if shown.listen_for:
            entry["listenFor"] = list(shown.listen_for)
        if shown.evidence:
            entry["evidence"] = [f.id for f in shown.evidence]
            indicators.update({f.id: {"name": f.name, "description": f.description} for f in shown.evidence})
        if group.guides:
            entry["guides"] = [g.id for g in group.guides]
            for g in group.guides:  # each guide's HTML made once, however many questions bring it
                if g.id not in guides:
                    guides[g.id] = {"title": g.title, "html": str(markdown_html(g.text))}
        questions[q.id] = entry
    return {
        "version": 1,
        "defaultTitle": DEFAULT_TITLE,
        "footerTitleLimit": FOOTER_TITLE_LIMIT,
        "framing": framing_table(),
        "framingNotes": {f: framing_note(f) for f in FRAMINGS},
        "areas": areas,
        "questions": questions,
        "indicators": indicators,
        "guides": guides,
    }


def json_for_script(data: object) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def data_script(bank: Bank, question_href: Callable[[str], str] | None = None) -> str:
    """The bank as a JSON data block for the My pack page (not run; read by my-pack.js)."""
    return (f'<script type="application/json" id="{DATA_ELEMENT_ID}">'
            f"{json_for_script(bank_data(bank, question_href))}</script>")
