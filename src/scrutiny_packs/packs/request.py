"""A pack asked for on the command line: from options, or from a pack file anywhere on disk.

Either way the answer is a PackSpec and a list of problems, each one line,
naming the option (``--area: 'x' is not a known area (did you mean ...)``)
or the file and line, as problems in content do.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from scrutiny_packs.content import markdown_fields, personal_data, schema
from scrutiny_packs.content.load import meeting_from_data, pack_from_data
from scrutiny_packs.content.references import (
    PACK_REFERENCES,
    check_meetings,
    check_references,
    known_in_bank,
    pack_fields,
    unknown_names,
)
from scrutiny_packs.content.yaml_source import control_character_problem, read_yaml
from scrutiny_packs.model import Agenda, Bank, Framing, Meeting, Order, PackOptions, PackSpec, Selection
from scrutiny_packs.packs.checks import EMPTY_HINT, agenda_warnings, check_agenda, check_spec
from scrutiny_packs.packs.select import describe, select
from scrutiny_packs.problems import Problem, did_you_mean
from scrutiny_packs.text.framing import FRAMINGS
from scrutiny_packs.text.slug import slug

FORMATS = (".pdf", ".docx", ".html", ".md")
ORDERS = ("area", "listed", "bank")
# Where each selection field comes from on the command line.
OPTION_FOR = {
    "audience": "--audience",
    "selection.audiences": "--audience",
    "selection.areas": "--area",
    "selection.tags": "--tag",
    "selection.questions": "--question",
}


@dataclass(frozen=True)
class PackRequest:
    """What the `pack` command was given. None means 'not given'."""

    output: Path
    audience: str | None = None
    areas: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    framing: Framing | None = None
    title: str | None = None
    order: Order | None = None
    benchmarks: bool | None = None
    evidence: bool | None = None
    notes: bool | None = None
    rag: bool | None = None
    since_last_time: bool | None = None
    spec_file: Path | None = None
    body: str | None = None  # the meeting the pack is for: each replaces the pack file's
    meeting: str | None = None
    date: str | None = None
    item: str | None = None
    item_title: str | None = None

    def meeting_for(self, meeting: Meeting) -> Meeting:
        """``meeting`` with the details given here in place of its own."""

        def given(value: str | None, old: str) -> str:
            return old if value is None else " ".join(value.split())

        return replace(
            meeting,
            body=given(self.body, meeting.body),
            name=given(self.meeting, meeting.name),
            item=given(self.item, meeting.item),
            item_title=given(self.item_title, meeting.item_title),
        )

    @property
    def selects(self) -> bool:
        return bool(self.areas or self.tags or self.questions or self.origins or (self.audience and not self.spec_file))


def output_problems(output: Path, root: Path | None = None, content_dir: str = "content") -> list[Problem]:
    """Why the file named by -o cannot be written: a format with no writer, or (given the project's
    root) a place inside the project's content, which a pack or papers would overwrite."""
    if root is not None:
        content = (Path(root) / content_dir).resolve()
        target = output.resolve()
        if target == content or target.is_relative_to(content):
            return [
                Problem(
                    "-o",
                    None,
                    "",
                    f"{str(output)!r} is inside the project's content",
                    "write the file outside content/, e.g. in the current folder; nothing was written",
                )
            ]
    suffix = output.suffix.lower()
    if suffix in FORMATS:
        return []
    shown = repr(suffix) if suffix else "files without an ending"
    return [
        Problem(
            "-o",
            None,
            "",
            f"cannot write {shown}" + (" files" if suffix else ""),
            "name a file ending in " + ", ".join(FORMATS[:-1]) + " or " + FORMATS[-1],
        )
    ]


def _slug(text: str) -> str:
    return slug(text)


def _default_title(bank: Bank, request: PackRequest) -> str:
    subject = "; ".join(bank.areas[a].name for a in request.areas if a in bank.areas)
    if request.tags and not subject:
        subject = ", ".join(request.tags).replace("-", " ").capitalize()
    audience = bank.audiences.get(request.audience) if request.audience else None
    if subject and audience:
        return f"{subject}: questions for {audience.name[0].lower() + audience.name[1:]}"
    if audience:
        return f"Questions for {audience.name}"
    if subject:
        return f"{subject}: scrutiny questions"
    return "Safeguarding scrutiny questions"


def _with_overrides(spec: PackSpec, request: PackRequest, framing_default: Framing) -> PackSpec:
    o = spec.options
    options = PackOptions(
        benchmarks=o.benchmarks if request.benchmarks is None else request.benchmarks,
        evidence=o.evidence if request.evidence is None else request.evidence,
        notes_space=o.notes_space if request.notes is None else request.notes,
        rag=o.rag if request.rag is None else request.rag,
        since_last_time=o.since_last_time if request.since_last_time is None else request.since_last_time,
    )
    selection = spec.selection if request.order is None else replace(spec.selection, order=request.order)
    meeting = request.meeting_for(spec.meeting)
    if request.date is not None:
        meeting = replace(meeting, date=dt.date.fromisoformat(request.date))
    return replace(
        spec,
        title=request.title or spec.title,
        framing=request.framing or framing_default,
        options=options,
        selection=selection,
        meeting=meeting,
    )


def _common_problems(request: PackRequest) -> list[Problem]:
    problems = output_problems(request.output)
    if request.framing is not None and request.framing not in FRAMINGS:
        problems.append(
            Problem(
                "--framing",
                None,
                "",
                f"{request.framing!r} is not a framing",
                "use 'you' to ask others, or 'we' for a body asking itself",
            )
        )
    if request.order is not None and request.order not in ORDERS:
        problems.append(
            Problem(
                "--order", None, "", f"{request.order!r} is not an order", "use " + ", ".join(repr(o) for o in ORDERS)
            )
        )
    if request.title is not None and not request.title.strip():
        problems.append(Problem("--title", None, "", "must not be empty", "give the pack a title, or leave it out"))
    for option, value in (("--title", request.title),) + _MEETING_OPTIONS(request):
        if value is not None:
            problems += text_problems(option, value)
    for option, value in (
        ("--body", request.body),
        ("--meeting", request.meeting),
        ("--item", request.item),
        ("--item-title", request.item_title),
    ):
        if value is None:
            continue
        if not value.strip():
            problems.append(Problem(option, None, "", "must not be empty", "fill it in, or leave the option out"))
        elif len(value) > MEETING_TEXT_LIMIT:
            problems.append(
                Problem(
                    option,
                    None,
                    "",
                    f"too long: {len(value)} characters, the limit is {MEETING_TEXT_LIMIT}",
                    "shorten it",
                )
            )
    if request.date is not None and not valid_date(request.date):
        problems.append(
            Problem(
                "--date",
                None,
                "",
                f"{request.date!r} is not a valid date",
                "write dates as YYYY-MM-DD, e.g. 2027-01-19",
            )
        )
    return problems


MEETING_TEXT_LIMIT = 200  # as in a pack file's meeting details


def _MEETING_OPTIONS(request: PackRequest) -> tuple[tuple[str, str | None], ...]:
    return (
        ("--body", request.body),
        ("--meeting", request.meeting),
        ("--item", request.item),
        ("--item-title", request.item_title),
    )


def text_problems(option: str, value: str) -> list[Problem]:
    """The checks a text in a content file gets, for the same text given on the command line: no control
    or invisible formatting characters (a right-to-left override would turn a page's footer round),
    and no personal data (e-mail addresses and phone numbers refused, the rest warned of)."""
    unseen = control_character_problem(value, option)
    if unseen is not None:
        return [Problem(option, None, "", unseen.message, unseen.hint)]
    return [Problem(option, None, "", p.message, p.hint, p.severity) for p in personal_data.scan_text(value, option)]


def valid_date(text: str) -> bool:
    """A real day written YYYY-MM-DD (the form the schemas ask for)."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def spec_from_options(bank: Bank, request: PackRequest) -> tuple[PackSpec | None, list[Problem]]:
    """A pack from --audience, --area, --tag and --question.

    --audience, --area and --tag narrow the bank together (a repeated --area or
    --tag widens within its kind); with none of them, the whole bank is packed.
    --question picks questions by id, in the order given; --audience then names
    only the asking body.
    """
    problems = _common_problems(request)
    if request.questions and (request.areas or request.tags):
        problems.append(
            Problem(
                "--question",
                None,
                "",
                "cannot be combined with --area or --tag",
                "pick questions by id, or by area and tag, not both",
            )
        )
    if request.questions:
        selection = Selection(questions=request.questions, origins=request.origins, order=request.order or "listed")
    else:
        selection = Selection(
            areas=request.areas,
            tags=request.tags,
            origins=request.origins,
            audiences=(request.audience,) if request.audience else (),
            order=request.order or "area",
        )
    asked = PackSpec(id="pack", title="", audience=request.audience, selection=selection)
    for item in unknown_names(pack_fields(asked), PACK_REFERENCES, known_in_bank(bank)):
        field = ".".join(part for part in item.path if isinstance(part, str))
        if field == "selection.audiences":
            continue  # the same value as --audience, reported once
        problems.append(Problem(OPTION_FOR.get(field, field), None, "", item.message, item.hint))
    if any(p.is_error for p in problems):
        return None, problems
    warned = problems
    audience = bank.audiences.get(request.audience) if request.audience else None
    spec = PackSpec(
        id=_slug(request.title or request.output.stem),
        title=_default_title(bank, request),
        audience=request.audience,
        selection=selection,
    )
    spec = _with_overrides(spec, request, audience.framing if audience else "you")
    if not select(bank, spec.selection).questions:
        return None, [
            Problem(
                "pack",
                None,
                "",
                f"the selection matches no questions ({describe(selection)})",
                "use fewer or wider filters; --tag and --area values are listed on the site",
            )
        ]
    return spec, warned


def spec_from_file(bank: Bank, request: PackRequest, cwd: Path | None = None) -> tuple[PackSpec | None, list[Problem]]:
    """A pack from a pack file (the format of content/packs/), with the command's options on top."""
    path = request.spec_file
    assert path is not None
    problems = _common_problems(request)
    if request.selects:
        problems.append(
            Problem(
                "--spec",
                None,
                "",
                "cannot be combined with --audience, --area, --tag or --question",
                "give the selection in the pack file, or on the command line, not both",
            )
        )
    try:
        display = path.resolve().relative_to((cwd or Path.cwd()).resolve()).as_posix()
    except ValueError:
        display = str(path)
    if not path.is_file():
        return None, problems + [Problem(display, None, "", "pack file not found", "check the path given to --spec")]
    doc, found = read_yaml(path, display)
    problems += found
    if doc is None:
        return None, problems
    found = schema.validate(doc, "pack", display) or markdown_fields.field_problems(doc, "pack", display)
    problems += found
    if found:
        return None, problems
    problems += check_references({"packs": {path.stem: (doc, display)}}, known_in_bank(bank))
    spec = pack_from_data(_slug(path.stem), doc.data, display)
    errors = [p for p in problems if p.is_error]
    problems += [p for p in check_spec(bank, spec, doc, display) if p.hint != EMPTY_HINT or not errors]
    if any(p.is_error for p in problems):
        return None, problems
    audience_framing = doc.data.get("framing") or (bank.audiences[spec.audience].framing if spec.audience else "you")
    return _with_overrides(spec, request, request.framing or audience_framing), problems


def spec_for(bank: Bank, request: PackRequest) -> tuple[PackSpec | None, list[Problem]]:
    if request.spec_file is not None:
        return spec_from_file(bank, request)
    return spec_from_options(bank, request)


def agenda_for(bank: Bank, source: str, cwd: Path | None = None) -> tuple[Agenda | None, list[Problem]]:
    """A meeting for the `meeting` command: a meeting file anywhere on disk, or the id of one in
    content/meetings/. Problems name the file and line, as in content."""
    path = Path(source)
    if not path.is_file():
        if source in bank.meetings:
            return bank.meetings[source], []
        if source.endswith((".yml", ".yaml")) or "/" in source:
            return None, [Problem(source, None, "", "meeting file not found", "check the path")]
        hint = did_you_mean(source, bank.meetings) or "give a meeting file, or the id of one in content/meetings/"
        return None, [Problem(source, None, "", "is not a meeting file or a known meeting", hint)]
    try:
        display = path.resolve().relative_to((cwd or Path.cwd()).resolve()).as_posix()
    except ValueError:
        display = str(path)
    doc, problems = read_yaml(path, display)
    if doc is None:
        return None, problems
    problems = schema.validate(doc, "meeting", display)
    if problems:
        return None, problems
    problems = check_meetings({"meetings": {path.stem: (doc, display)}}, known_in_bank(bank))
    if problems:
        return None, problems
    agenda = meeting_from_data(_slug(path.stem), doc.data, display)
    problems = check_agenda(bank, agenda, doc, display)
    return (None, problems) if problems else (agenda, agenda_warnings(bank, agenda, doc, display))
