"""Personal data in content: e-mail addresses and phone numbers stop the build; the rest are warnings.

The site and packs are public safeguarding material: they must never carry
case details. This module looks through every text value of every content
file for what usually marks personal data: e-mail addresses, phone numbers,
NHS numbers (checked with their modulus 11 check digit, so that other
ten-digit numbers do not raise false alarms), dates of birth, and postcodes
next to capitalised names.

E-mail addresses and phone numbers are errors: they are unmistakable, and the
toolkit never needs one (a body is named by its role or team). The others are
warnings for a reviewer (CONTRIBUTING asks reviewers to read every one): a
likely name or date is a reason to look, not proof.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from scrutiny_packs.content.yaml_source import Path_, YamlDocument, field_name
from scrutiny_packs.problems import Problem, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One likely piece of personal data in a text: what it is, where, and what to do."""

    kind: str
    text: str
    start: int
    hint: str


_REMOVE = "public material must not identify anyone"
HINTS = {
    "e-mail address": f"{_REMOVE}: remove it, or name a role or team instead",
    "phone number": f"{_REMOVE}: remove it, or name a role or team instead",
    "NHS number": "never put case details in content: remove it",
    "date of birth": "never put case details in content: remove the date",
    "postcode next to a name": f"{_REMOVE}: remove the name and address, and describe the situation instead",
}

# Every part is bounded (an address's parts are at most 64 characters): unbounded, a long run of
# would-be local parts before one '@' made the search quadratic.
EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,63}\b"
)

# UK numbers written nationally (0...) or internationally (+44 ...), with the
# usual spaces, hyphens and brackets; 10 or 11 digits once +44 reads as 0.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[1-9][\d\s()-]{7,14}\d(?!\d)")
# Anything else written internationally, e.g. +353 1 234 5678.
INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+(?!44)[1-9]\d{0,2}[\s-]?\(?\d[\d\s()-]{6,14}\d(?!\d)")

NHS_NUMBER = re.compile(r"(?<![\w-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w-])")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|born)(?:\s*[:=-]\s*|\s+(?:is\s+|was\s+|on\s+|of\s+)*)"
    rf"(?:the\s+)?{_DATE}",
    re.IGNORECASE,
)

# Full UK postcodes (the inward part never uses C, I, K, M, O or V).
POSTCODE = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
# A capitalised name: a title and a surname, or two capitalised words in a row.
NAME = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+|[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?\s+[A-Z][a-z]+)")
NAME_WINDOW = 60  # characters either side of a postcode

# Kinds found that stop the build; every other kind is a warning.
ERRORS = frozenset({"e-mail address", "phone number"})


def nhs_number_valid(digits: str) -> bool:
    """Whether ten digits pass the NHS number's modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _emails(text: str) -> Iterator[tuple[int, int]]:
    for m in EMAIL.finditer(text):
        yield m.start(), m.end()


def _nhs_numbers(text: str) -> Iterator[tuple[int, int]]:
    for m in NHS_NUMBER.finditer(text):
        if nhs_number_valid(m.group(1) + m.group(3) + m.group(4)):
            yield m.start(), m.end()


def _phones(text: str) -> Iterator[tuple[int, int]]:
    for m in PHONE.finditer(text):
        digits = _digits(m.group())
        if digits.startswith("44"):
            digits = "0" + digits[2:].lstrip("0")
        if len(digits) in (10, 11) and "\n" not in m.group():
            yield m.start(), m.end()
    for m in INTERNATIONAL_PHONE.finditer(text):
        if 9 <= len(_digits(m.group())) <= 15 and "\n" not in m.group():
            yield m.start(), m.end()


def _dates_of_birth(text: str) -> Iterator[tuple[int, int]]:
    for m in DATE_OF_BIRTH.finditer(text):
        yield m.start(), m.end()


def _postcodes_with_names(text: str) -> Iterator[tuple[int, int]]:
    for m in POSTCODE.finditer(text):
        before = text[max(0, m.start() - NAME_WINDOW) : m.start()]
        after = text[m.end() : m.end() + NAME_WINDOW]
        names = list(NAME.finditer(before))
        if names:
            yield m.start() - len(before) + names[0].start(), m.end()
            continue
        name = NAME.search(after)
        if name:
            yield m.start(), m.end() + name.end()


# Checked in this order; a later finding overlapping an earlier one is dropped
# (a valid NHS number is not also reported as a phone number).
DETECTORS: tuple[tuple[str, Callable[[str], Iterator[tuple[int, int]]]], ...] = (
    ("e-mail address", _emails),
    ("NHS number", _nhs_numbers),
    ("phone number", _phones),
    ("date of birth", _dates_of_birth),
    ("postcode next to a name", _postcodes_with_names),
)


# Every detector above needs a digit or an '@': most texts have neither and are passed over at once.
_MAY_HOLD_PERSONAL_DATA = re.compile(r"[\d@]")


def find_personal_data(text: str) -> list[Finding]:
    """Likely personal data in one text, in the order it appears."""
    if not _MAY_HOLD_PERSONAL_DATA.search(text):
        return []
    found: list[Finding] = []
    starts: list[int] = []  # the spans taken so far, which never overlap, in order
    ends: list[int] = []
    for kind, detect in DETECTORS:
        for start, end in detect(text):
            at = bisect.bisect_right(starts, start)
            if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
                continue
            starts.insert(at, start)
            ends.insert(at, end)
            found.append(Finding(kind, " ".join(text[start:end].split()), start, HINTS[kind]))
    return sorted(found, key=lambda f: f.start)


def _problem(display: str, line: int | None, field: str, finding: Finding) -> Problem:
    if finding.kind in ERRORS:
        return Problem(display, line, field, f"personal data: {finding.kind} {finding.text!r}", finding.hint)
    return Problem(
        display, line, field, f"possible personal data: {finding.kind} {finding.text!r}", finding.hint, Severity.WARNING
    )


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))


def _line_in_source(doc: YamlDocument, line_starts: list[int], from_line: int, text: str) -> int:
    """The first line at or after the field's own line where the found text is written.

    A long value spans several lines; this names the one to look at. The words may be
    spaced or broken across lines differently in the file; when they cannot be found at
    all, the field's line.
    """
    words = text.split()
    if not words:
        return from_line
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    found = pattern.search(doc.source, line_starts[min(max(from_line - 1, 0), len(line_starts) - 1)])
    return bisect.bisect_right(line_starts, found.start()) if found else from_line


def _line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def scan_document(doc: YamlDocument, display: str) -> list[Problem]:
    """Problems for every text value of a parsed content file (any kind, any field)."""
    problems = []
    line_starts: list[int] | None = None
    for path, value in _strings(doc.data):
        findings = find_personal_data(value)
        if not findings:
            continue
        line_starts = line_starts or _line_starts(doc.source)
        line = doc.line_of(path)
        for finding in findings:  # in order: each is looked for from where the one before it is
            line = _line_in_source(doc, line_starts, line, finding.text)
            problems.append(_problem(display, line, field_name(path), finding))
    return problems


def scan_text(text: str, display: str) -> list[Problem]:
    """Problems for one text given outside a file (a value on the command line), named by ``display``."""
    return [_problem(display, None, "", finding) for finding in find_personal_data(text)]


def scan_markdown(body: str, first_line: int, display: str) -> list[Problem]:
    """Problems for the Markdown text of a page, each with its line in the file."""
    line_starts = _line_starts(body)
    return [
        _problem(display, first_line + bisect.bisect_right(line_starts, finding.start) - 1, "body", finding)
        for finding in find_personal_data(body)
    ]


# -- meeting records: published, so what may identify anyone is an error there -------------------

# Capitalised words that name roles, bodies, services and the calendar, not people: "Head of Service",
# "Designated Nurse", "Children's Scrutiny Panel", "March Panel".
ROLE_WORDS = frozenset(
    """
a an and the of for in on at to by with from as or this that these those it its we our they their our
head heads service services director directors deputy assistant chief executive officer officers
manager managers lead leads principal senior team teams unit group board panel committee forum
partnership partners council councillor councillors cabinet member members portfolio holder chair
vice clerk scrutiny designated named nurse nurses doctor doctors safeguarding children children's
young people family families social care worker workers work health police inspector superintendent
detective sergeant constable school schools education early help front door mash multi agency
hub practice quality assurance audit performance data intelligence commissioning commissioner
commissioners public adult adults mental domestic abuse violence housing youth justice virtual
head's authority local lado designated officer's nhs icb integrated trust hospital gp gps primary
community provider providers strategic operational independent reviewing conference chairs child
protection looked after leaving care corporate parenting ofsted report reports plan plans policy
review reviews action actions item items agenda meeting meetings minutes record records example
january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday yes no not all each every new next last first
second third agreed asked answer answers red amber green open done dropped progress update updates
""".split()
)

TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Sir|Dame|Lady|Lord)\.?\s+[A-Z][a-z'-]+")
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\s+([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b")
# Words that follow letters with full stops without being a surname: "U.K. Government", "H.M. Treasury".
_AFTER_LETTERS = frozenset({"government", "treasury", "prison", "prisons", "forces", "courts"})
# An initial or two and a surname: "J. Smith", "A.B. Khan", "J Smith" ("A" and "I" alone are words).
INITIALLED_NAME = re.compile(
    r"(?<![\w.'])(?:(?:[A-Z]\.\s?){1,3}|[B-HJ-Z]\s)([A-Z](?:'[A-Z])?[a-z]+(?:[-'][A-Z]?[a-z]+)?)\b"
)
NAME_HINT = "records are published: name the role, e.g. 'Head of Service' or 'Designated Nurse', never a person"


def _role_word(word: str) -> bool:
    word = word.lower()
    return word in ROLE_WORDS or all(part in ROLE_WORDS for part in word.split("-"))


def _names(text: str) -> Iterator[tuple[int, int]]:
    for m in TITLED_NAME.finditer(text):
        yield m.start(), m.end()
    for m in INITIALLED_NAME.finditer(text):
        if not _role_word(m.group(1)) and m.group(1).lower() not in _AFTER_LETTERS:
            yield m.start(), m.end()
    for m in CAPITALISED_PAIR.finditer(text):
        if not _role_word(m.group(1)) and not _role_word(m.group(2)):
            yield m.start(), m.end()


def find_personal_data_in_record(text: str) -> list[Finding]:
    """Everything ``find_personal_data`` finds, and anything that reads like a person's name."""
    found = find_personal_data(text)
    taken = [(f.start, f.start + len(f.text)) for f in found]
    for start, end in _names(text):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        found.append(Finding("name", " ".join(text[start:end].split()), start, NAME_HINT))
    return sorted(found, key=lambda f: f.start)


def scan_record(doc: YamlDocument, display: str) -> list[Problem]:
    """Errors, not warnings, for every likely piece of personal data in a meeting record, any field."""
    problems = []
    line_starts = _line_starts(doc.source)
    for path, value in _strings(doc.data):
        line = doc.line_of(path)
        for finding in find_personal_data_in_record(value):
            what = "a person's name" if finding.kind == "name" else finding.kind
            problems.append(
                Problem(
                    display,
                    _line_in_source(doc, line_starts, line, finding.text),
                    field_name(path),
                    f"personal data in a record: {what} {finding.text!r}",
                    finding.hint
                    if finding.kind == "name"
                    else "records are published: remove it, or name a role or team instead",
                )
            )
    return problems
