"""Load content/ into a Bank, collecting every problem in every file.

One file per item; the file stem is the item's permanent id. Each file is
read safely, validated against its kind's schema, then turned into typed
objects. Cross-references are checked afterwards (see ``checks``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrutiny_packs.content import (
    ledger,
    markdown_fields,
    personal_data,
    recommendations,
    records,
    schema,
    sources,
)
from scrutiny_packs.content import references as checks
from scrutiny_packs.content.yaml_source import MAX_BYTES, YamlDocument, control_character_problem, parse_yaml, read_yaml
from scrutiny_packs.ids import is_id
from scrutiny_packs.model import (
    Agenda,
    AgendaItem,
    Area,
    Audience,
    Bank,
    Benchmark,
    Example,
    Indicator,
    Meeting,
    NowCalled,
    PackOptions,
    PackSpec,
    Page,
    Question,
    Section,
    Selection,
    Settings,
    Source,
    Term,
)
from scrutiny_packs.problems import Problem, did_you_mean

# folder under content/, schema kind
COLLECTIONS: tuple[tuple[str, str], ...] = (
    ("areas", "area"),
    ("audiences", "audience"),
    ("benchmarks", "benchmark"),
    ("indicators", "indicator"),
    ("questions", "question"),
    ("packs", "pack"),
    ("meetings", "meeting"),
    ("glossary", "glossary"),
    ("sources", "source"),
)
MARKDOWN_SECTIONS: tuple[Section, ...] = ("modules", "pages")
SETTINGS_FILE = "settings.yml"
DATA_FILES = (SETTINGS_FILE, sources.PUBLISHERS_FILE, ledger.LEDGER_FILE)  # single files directly in content/
# Ids the site's own pages use: content named so would take that page's address
# (see site/links.py), so such a file is refused. folder -> {id: the page it would take}
RESERVED_IDS: dict[str, dict[str, str]] = {
    "pages": {
        "index": "the home page",
        "my-pack": "the My pack page",
        "plan-a-meeting": "the Plan a meeting page",
        "changes": "the What's changed page",
        "areas": "the list of areas",
        "audiences": "the list of audiences",
        "packs": "the list of packs",
        "data": "the open data page",
        "glossary": "the glossary",
        "meetings": "the list of meetings",
        "follow-up": "the Follow-up page",
        "recommendations": "the Recommendations page",
        "sources": "the Sources page",
    },
    "areas": {"index": "the list of areas"},
    "meetings": {"index": "the list of meetings"},
    "audiences": {"index": "the list of audiences (and its pack, the list of packs)"},
    "packs": {"index": "the list of packs"},
}


def content_folders() -> tuple[str, ...]:
    """Every folder content/ may hold: add a kind of content to COLLECTIONS or MARKDOWN_SECTIONS."""
    return tuple(folder for folder, _ in COLLECTIONS) + MARKDOWN_SECTIONS


@dataclass(slots=True)
class LoadResult:
    bank: Bank
    problems: list[Problem] = field(default_factory=list)
    # The parsed file of each item, by folder and id, for checks made later that need line numbers.
    documents: dict[str, dict[str, tuple[YamlDocument, str]]] = field(default_factory=dict)
    national: Path | None = None  # a council's site: the national release's folder its overlay extends

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _clean(text: Any) -> str:
    """Plain text with runs of whitespace (including line breaks) made single spaces."""
    return " ".join(str(text).split()) if text is not None else ""


def _tuple(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def _source(data: Any) -> Source:
    """A source the schema requires (always a mapping in a checked file)."""
    if not isinstance(data, dict):
        data = {}
    year = data.get("year")
    return Source(
        **{k: _clean(data.get(k, "")) for k in ("document", "module", "quote", "note", "publisher", "url", "ref")},
        section=_clean(data.get("locator") or data.get("section", "")),
        year=year if isinstance(year, int) else None,
    )


def _area(id_: str, d: dict, path: str) -> Area:
    return Area(id_, _clean(d["name"]), d["description"].strip(), d.get("parent"), int(d.get("order", 0)), path)


def _audience(id_: str, d: dict, path: str) -> Audience:
    return Audience(
        id_,
        _clean(d["name"]),
        d["description"].strip(),
        _clean(d.get("short_name", "")),
        d.get("framing", "you"),
        int(d.get("order", 0)),
        path,
    )


def _optional_source(data: Any) -> Source | None:
    return _source(data) if isinstance(data, dict) else None


def _benchmark(id_: str, d: dict, path: str) -> Benchmark:
    examples = tuple(Example(e["text"].strip(), _source(e["source"])) for e in d.get("examples", ()))
    return Benchmark(
        id_,
        _clean(d["title"]),
        _tuple(d["areas"]),
        d["text"].strip(),
        examples,
        _date(d.get("last_reviewed")),
        path,
        tuple(_source(s) for s in d.get("sources", ())),
        _clean(d.get("change_note", "")),
    )


def _indicator(id_: str, d: dict, path: str) -> Indicator:
    return Indicator(
        id_,
        _clean(d["name"]),
        _tuple(d["areas"]),
        d["description"].strip(),
        d.get("how_to_read", "").strip(),
        _optional_source(d.get("source")),
        path,
        _date(d.get("last_reviewed")),
        _clean(d.get("change_note", "")),
    )


def _question(id_: str, d: dict, path: str) -> Question:
    return Question(
        id=id_,
        text=_clean(d["text"]),
        areas=_tuple(d["areas"]),
        audiences=_tuple(d["audiences"]),
        asked_of=_clean(d.get("asked_of", "")),
        benchmarks=_tuple(d.get("benchmarks")),
        listen_for=tuple(_clean(x) for x in d.get("listen_for", ())),
        evidence=_tuple(d.get("evidence")),
        tags=_tuple(d.get("tags")),
        source=_optional_source(d.get("source")),
        notes=d.get("notes", "").strip(),
        last_reviewed=_date(d.get("last_reviewed")),
        status=d.get("status", "active"),
        replaced_by=d.get("replaced_by"),
        split_into=_tuple(d.get("split_into")),
        path=path,
        added=_date(d.get("added")),
        origin=d.get("origin", "added"),
        distinct_from=_tuple(d.get("distinct_from")),
        change_note=_clean(d.get("change_note", "")),
    )


def _term(id_: str, d: dict, path: str) -> Term:
    now = d.get("now_called")
    now_called = NowCalled(_clean(now["term"]), now.get("since"), _clean(now.get("by", ""))) if now else None
    return Term(
        id_,
        _clean(d["term"]),
        _clean(d["explanation"]),
        tuple(_clean(x) for x in d.get("also_written", ())),
        _clean(d.get("stands_for", "")),
        now_called,
        tuple(_clean(x) for x in d.get("search_terms", ())),
        _optional_source(d.get("source")),
        path,
        _date(d.get("last_reviewed")),
        _clean(d.get("change_note", "")),
    )


def pack_from_data(id_: str, d: dict, path: str = "") -> PackSpec:
    m = d.get("meeting", {}) or {}
    s = d.get("selection", {}) or {}
    o = d.get("options", {}) or {}
    meeting = Meeting(
        body=_clean(m.get("body", "")),
        name=_clean(m.get("name", "")),
        date=_date(m.get("date")),
        item=_clean(m.get("item", "")),
        item_title=_clean(m.get("item_title", "")),
        place=_clean(m.get("place", "")),
    )
    selection = Selection(
        **{
            k: _tuple(s.get(k))
            for k in (
                "areas",
                "audiences",
                "tags",
                "questions",
                "exclude_areas",
                "exclude_audiences",
                "exclude_tags",
                "exclude_questions",
                "origins",
            )
        },
        match=s.get("match", ""),
        order=s.get("order", "area"),
    )
    options = PackOptions(
        **{k: bool(o[k]) for k in ("benchmarks", "evidence", "notes_space", "rag", "since_last_time") if k in o}
    )
    return PackSpec(
        id_,
        _clean(d["title"]),
        d.get("audience"),
        d.get("framing", "you"),
        d.get("description", "").strip(),
        meeting,
        selection,
        options,
        path,
    )


def item_number(value: Any) -> str:
    """An agenda item number as text: 6 and '6' are the same item."""
    return _clean(value)


def _agenda_item(d: dict) -> AgendaItem:
    number, title = item_number(d["number"]), _clean(d["title"])
    inline = None
    if "selection" in d and "pack" not in d:
        inline = pack_from_data(
            "item",
            {k: d[k] for k in ("audience", "framing", "description", "selection", "options") if k in d}
            | {"title": title},
        )
    return AgendaItem(number, title, d.get("pack"), inline)


def meeting_from_data(id_: str, d: dict, path: str = "") -> Agenda:
    return Agenda(
        id_,
        _clean(d["body"]),
        _clean(d["name"]),
        _date(d["date"]),
        tuple(_agenda_item(item) for item in d["items"]),
        _clean(d.get("place", "")),
        d.get("description", "").strip(),
        path,
        bool(d.get("since_last_time", False)),
        bool(d.get("example", False)),
    )


BUILDERS: dict[str, Callable[[str, dict, str], Any]] = {
    "area": _area,
    "audience": _audience,
    "benchmark": _benchmark,
    "indicator": _indicator,
    "question": _question,
    "pack": pack_from_data,
    "meeting": meeting_from_data,
    "record": records.record_from_data,
    "glossary": _term,
    "source": sources.build_source,
}


def split_front_matter(text: str, display_path: str) -> tuple[YamlDocument | None, str, int, list[Problem]]:
    """(front matter, body, body's first line, problems) for a Markdown file."""
    # Saved with a byte-order mark, or with Windows (or old Mac) line endings: the same page.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---\n"):
        return (
            None,
            text,
            1,
            [
                Problem(
                    display_path, 1, "", "missing front matter", "start the file with '---', a 'title:' line, and '---'"
                )
            ],
        )
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, text, 1, [Problem(display_path, 1, "", "front matter is not closed", "add a '---' line after it")]
    front = text[4 : end + 1]
    doc, problems = parse_yaml(front, display_path)
    if doc is not None:
        doc.lines = {k: v + 1 for k, v in doc.lines.items()}
        doc.source = "---\n" + doc.source  # line n of source is line n of the file
    else:
        problems = [Problem(p.path, (p.line or 0) + 1 or None, p.field, p.message, p.hint) for p in problems]
    body_line = text.count("\n", 0, end + 5) + 1
    return doc, text[end + 5 :], body_line, problems


def _id_problem(stem: str, display_path: str) -> Problem | None:
    if is_id(stem) and "--" not in stem:
        return None
    if is_id(stem):  # two hyphens together begin a council's own ids (content/overlay.py): never a national one
        return Problem(
            display_path,
            None,
            "",
            f"file name {stem!r} has two hyphens together, which only a council's own ids have",
            "use one hyphen between words",
        )
    return Problem(
        display_path,
        None,
        "",
        f"file name {stem!r} is not a valid id",
        "rename it with lower-case letters, digits and hyphens only, e.g. 'q100.yml'",
    )


def _outside(path: Path, root: Path) -> Problem | None:
    """A problem if path is a link, or leads outside the repository: content never does."""
    if path.is_symlink() or not path.resolve().is_relative_to(root):
        return Problem(
            path.relative_to(root).as_posix(),
            None,
            "",
            "is a link, not a real file or folder",
            "content must be real files and folders inside the repository; replace the link",
        )
    return None


def _content_files(
    folder: Path, suffix: str, root: Path, problems: list[Problem], records_only: bool = False
) -> list[tuple[str, Path, str]]:
    """(id, path, display path) for each content file; anything else in the folder is a problem.

    The one place content files are listed: each is a regular file (never a link, folder, FIFO or
    device, which could hang the reader) before anything opens it. In content/meetings/ the meeting
    records (<meeting id>.record.yml) are listed on their own, with ``records_only``."""
    found: list[tuple[str, Path, str]] = []
    if not folder.is_dir():
        return found
    if outside := _outside(folder, root):
        if not records_only:  # reported once, with the folder's other files
            problems.append(outside)
        return found
    for entry in sorted(folder.iterdir()):
        display = entry.relative_to(root).as_posix()
        if entry.name.startswith(".") or entry.name.lower() == "readme.md":
            continue
        is_record = folder.name == "meetings" and records.is_record_file(entry.name)
        if is_record != records_only:
            continue  # a meeting's record is read after the meetings (content.records), and only then
        if entry.is_symlink() or not entry.is_file():
            problems.append(
                Problem(display, None, "", "not a regular file", "content folders hold files only; remove it")
            )
            continue
        if records_only:
            found.append((entry.name[: -len(records.SUFFIX)], entry, display))
            continue
        if entry.suffix != suffix:
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    f"unexpected file type {entry.suffix or '(none)'!r}",
                    f"content files in this folder end in {suffix}",
                )
            )
            continue
        bad = _id_problem(entry.stem, display)
        if bad:
            problems.append(bad)
            continue
        if taken := RESERVED_IDS.get(folder.name, {}).get(entry.stem):
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    f"the name {entry.stem!r} is reserved: the site's own page at that address is {taken}",
                    f"rename the file, e.g. '{entry.stem}-1{suffix}'",
                )
            )
            continue
        found.append((entry.stem, entry, display))
    return found


class ReadCache:
    """Content files read, validated and built, kept between loads by whoever holds it
    (`mkdocs serve` rebuilds after every save). A file is read again whenever its size, times
    or inode differ from when it was read."""

    def __init__(self) -> None:
        self._items: dict[
            tuple[str, str], tuple[tuple[int, int, int, int], tuple[str, str], tuple[Any, list[Problem], Any]]
        ] = {}

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()

    def get(self, kind: str, path: Path, stamp: tuple[int, int, int, int], display: str, id_: str):
        cached = self._items.get((kind, str(path)))
        if cached is not None and cached[0] == stamp and cached[1] == (display, id_):
            return cached[2]
        return None

    def put(
        self,
        kind: str,
        path: Path,
        stamp: tuple[int, int, int, int],
        display: str,
        id_: str,
        value: tuple[Any, list[Problem], Any],
    ) -> None:
        self._items[(kind, str(path))] = (stamp, (display, id_), value)


def _read_item(
    path: Path, display: str, kind: str, id_: str, cache: ReadCache | None
) -> tuple[YamlDocument | None, list[Problem], Any]:
    """(document, problems, built item or None) for one content file."""
    stamp = None
    if cache is not None:
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        except OSError:
            stamp = None
        if stamp is not None and (cached := cache.get(kind, path, stamp, display, id_)) is not None:
            return cached
    doc, problems = read_yaml(path, display)
    item = None
    if doc is not None:
        found = schema.validate(doc, kind, display)
        if not found:
            found = markdown_fields.field_problems(doc, kind, display)
        problems = problems + found
        if not found:
            item = BUILDERS[kind](id_, doc.data, display)
    if cache is not None and stamp is not None:  # stat taken before reading: a later change still shows
        cache.put(kind, path, stamp, display, id_, (doc, problems, item))
    return doc, problems, item


def load_bank(root: Path | str = ".", content_dir: str = "content", cache: ReadCache | None = None) -> LoadResult:
    """Load and check everything under ``root/content_dir``.

    With a ``cache``, files unchanged since an earlier load into the same cache are not read again.
    """
    root = Path(root).resolve()
    base = root / content_dir
    bank = Bank()
    problems: list[Problem] = []
    if not base.is_dir():
        return LoadResult(
            bank,
            [
                Problem(
                    content_dir, None, "", "content folder not found", "run from the repository root, or pass --root"
                )
            ],
        )
    if outside := _outside(base, root):
        return LoadResult(bank, [outside])

    settings_path = base / "settings.yml"
    if outside := _outside(settings_path, root):
        problems.append(outside)
    elif settings_path.is_file():
        display = settings_path.relative_to(root).as_posix()
        doc, found = read_yaml(settings_path, display)
        problems += found
        if doc is not None:
            problems += personal_data.scan_document(doc, display)
            found = schema.validate(doc, "settings", display)
            problems += found
            if not found:
                bank.settings = Settings(**doc.data)

    # Every file is listed first, then all are read, then the problems reported folder by folder.
    listed: list[tuple[str, str, list[Problem], list[tuple[str, Path, str]]]] = []
    for folder, kind in COLLECTIONS:
        listing: list[Problem] = []
        listed.append((folder, kind, listing, _content_files(base / folder, ".yml", root, listing)))
    jobs = [(path, display, kind, id_) for _, kind, _, files in listed for id_, path, display in files]
    read = (_read_item(*job, cache) for job in jobs)

    docs: dict[str, dict[str, tuple[YamlDocument, str]]] = {}
    for folder, _kind, listing, files in listed:
        problems += listing
        items: dict[str, tuple[YamlDocument, str]] = {}
        target = getattr(bank, folder)
        for id_, _path, display in files:
            doc, found, item = next(read)
            problems += found
            if doc is None:
                continue
            items[id_] = (doc, display)
            if item is not None:
                target[id_] = item
        docs[folder] = items

    bank.areas = dict(sorted(bank.areas.items(), key=lambda kv: (kv[1].order, kv[1].name)))
    bank.audiences = dict(sorted(bank.audiences.items(), key=lambda kv: (kv[1].order, kv[1].name)))
    bank.glossary = dict(sorted(bank.glossary.items(), key=lambda kv: (kv[1].term.casefold(), kv[0])))
    bank.sources = sources.in_order(bank.sources)
    publishers_path = base / sources.PUBLISHERS_FILE
    if publishers_path.is_symlink() and (outside := _outside(publishers_path, root)):
        problems.append(outside)
    else:
        bank.publishers, found = sources.read_publishers(base, root)
        problems += found

    for section in MARKDOWN_SECTIONS:
        target = getattr(bank, section)
        for id_, path, display in _content_files(base / section, ".md", root, problems):
            if path.stat().st_size > MAX_BYTES:
                problems.append(
                    Problem(display, None, "", f"file is over the limit of {MAX_BYTES:,} bytes", "split it")
                )
                continue
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    Problem(
                        display,
                        raw.count(b"\n", 0, exc.start) + 1,
                        "",
                        f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                        "save the file as UTF-8",
                    )
                )
                continue
            if bad := control_character_problem(text.removeprefix("\ufeff"), display):
                problems.append(bad)
                continue
            doc, body, body_line, found = split_front_matter(text, display)
            problems += found
            problems += personal_data.scan_markdown(body, body_line, display)
            problems += markdown_fields.body_problems(body, body_line, display)
            if doc is None:
                continue
            problems += personal_data.scan_document(doc, display)
            found = schema.validate(doc, "page", display)
            problems += found
            if found:
                continue
            d = doc.data
            target[id_] = Page(
                id_,
                section,
                _clean(d["title"]),
                body,
                int(d.get("order", 0)),
                d.get("generated"),
                _clean(d.get("description", "")),
                display,
            )
        ordered = sorted(target.items(), key=lambda kv: (kv[1].order, kv[1].title))
        setattr(bank, section, dict(ordered))

    problems += checks.check_all(docs)
    problems += sources.check(bank, docs)
    issued, found = ledger.read(base, root)
    problems += found + ledger.check(issued, docs)
    sources.resolve(bank)
    docs["records"] = _load_records(base, root, bank, set(docs.get("meetings", {})), cache, problems)
    if not bank.settings.examples:
        leave_out_examples(bank, docs)
    problems += _unread(base, root)
    return LoadResult(bank, problems, docs)


def _unread(base: Path, root: Path) -> list[Problem]:
    """A problem for everything directly in content/ that is not read: nothing is ignored unseen."""
    folders = content_folders()
    problems = []
    for entry in sorted(base.iterdir()):
        name = entry.name
        if (
            name.startswith(".")
            or name.lower() == "readme.md"
            or name in DATA_FILES
            or (name in folders and entry.is_dir())
        ):
            continue  # dotfiles and READMEs are for people and tools; links are reported when read
        display = entry.relative_to(root).as_posix()
        close = did_you_mean(name, folders + DATA_FILES)
        where = f"content/ holds {', '.join(DATA_FILES)} and the folders {', '.join(folders)}"
        if entry.is_dir() and not entry.is_symlink():
            problems.append(
                Problem(
                    display + "/",
                    None,
                    "",
                    "not a content folder, so nothing in it is read",
                    close if close.startswith("did you mean") else where,
                )
            )
        else:
            problems.append(
                Problem(
                    display,
                    None,
                    "",
                    "not a content file, so it is not read",
                    close if close.startswith("did you mean") else f"{where}; move it into one of them, or remove it",
                )
            )
    return problems


def leave_out_examples(bank: Bank, docs: dict[str, dict[str, tuple[YamlDocument, str]]]) -> None:
    """With 'examples: false' in settings, the example meetings and records are not part of the bank."""
    examples = {m for m, agenda in bank.meetings.items() if agenda.example}
    examples |= {m for m, record in bank.records.items() if record.example}
    for meeting_id in examples:
        bank.meetings.pop(meeting_id, None)
        bank.records.pop(meeting_id, None)
        for folder in ("meetings", "records"):
            docs.get(folder, {}).pop(meeting_id, None)


def _load_records(
    base: Path, root: Path, bank: Bank, meeting_files: set[str], cache: ReadCache | None, problems: list[Problem]
) -> dict[str, tuple[YamlDocument, str]]:
    """Each meeting's record (content/meetings/<id>.record.yml), read and checked against its meeting."""
    found: dict[str, tuple[YamlDocument, str]] = {}
    for meeting_id, path, display in _content_files(
        base / "meetings", records.SUFFIX, root, problems, records_only=True
    ):
        doc, read_problems, record = _read_item(path, display, "record", meeting_id, cache)
        problems += read_problems
        if doc is None:
            continue
        found[meeting_id] = (doc, display)
        checked = records.check_record(meeting_id, doc, display, bank.meetings, meeting_files)
        checked += recommendations.check(meeting_id, doc, display, bank.meetings.get(meeting_id))
        problems += checked
        if record is not None and meeting_id in bank.meetings:
            bank.records[meeting_id] = recommendations.with_due_dates(record, bank.meetings[meeting_id])
    problems += recommendations.duplicate_refs(bank.records, found)
    return found
