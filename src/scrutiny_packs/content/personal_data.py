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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from scrutiny_packs.content.yaml_source import Path_, YamlDocument, field_name
from scrutiny_packs.problems import Problem, Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One likely piece of personal data in a text: what it is, where, and what to do."""

    kind: str
    text: str  # as quoted: its words with one space between them
    start: int
    hint: str
    end: int = 0  # where it ends in the text looked through


_REMOVE = "public material must not identify anyone"
HINTS = {
    "e-mail address": f"{_REMOVE}: remove it, or name a role or team instead",
    "phone number": f"{_REMOVE}: remove it, or name a role or team instead",
    "NHS number": "never put case details in content: remove it",
    "date of birth": "never put case details in content: remove the date",
    "postcode next to a name": f"{_REMOVE}: remove the name and address, and describe the situation instead",
}

# -- the patterns: one source for Python's `re` and the browser's `RegExp` ------------------------
#
# The record page runs these same patterns (``browser_rules``), so each is written in what the two
# read alike: ASCII only, compiled with re.ASCII (``\d``, ``\w`` and ``\b`` then mean what they mean in
# a RegExp without the u flag), no ``\s`` (Unicode in every RegExp, ASCII here: the spaces are listed
# instead), no inline flags, named groups, possessive or atomic parts. tests/content/test_personal_data_parity.py
# checks that, and tests/js/personal-data.test.js runs a shared corpus through both.

# The spaces both read as spaces: ASCII white space and Unicode's space separators.
_SPACES = r" \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_S = f"[{_SPACES}]"


def _pattern(source: str, ignore_case: bool = False) -> re.Pattern[str]:
    return re.compile(source, re.ASCII | (re.IGNORECASE if ignore_case else 0))


# Every part is bounded (an address's parts are at most 64 characters): unbounded, a long run of
# would-be local parts before one '@' made the search quadratic.
EMAIL = _pattern(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,63}\b"
)

# UK numbers written nationally (0...) or internationally (+44 ...), with the
# usual spaces, hyphens and brackets; 10 or 11 digits once +44 reads as 0.
PHONE = _pattern(rf"(?<![\w+])(?:\+44{_S}?(?:\(0\){_S}?)?|\(?0)[1-9][\d{_SPACES}()-]{{7,14}}\d(?!\d)")
UK_PHONE_DIGITS = (10, 11)
# Anything else written internationally, e.g. +353 1 234 5678.
INTERNATIONAL_PHONE = _pattern(rf"(?<![\w+])\+(?!44)[1-9]\d{{0,2}}[{_SPACES}-]?\(?\d[\d{_SPACES}()-]{{6,14}}\d(?!\d)")
INTERNATIONAL_PHONE_DIGITS = (9, 15)

NHS_NUMBER = _pattern(r"(?<![\w-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w-])")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?{_S}+(?:of{_S}+)?{_MONTH},?{_S}+\d{{4}}"
    rf"|{_MONTH}{_S}+\d{{1,2}}(?:st|nd|rd|th)?,?{_S}+\d{{4}})"
)
DATE_OF_BIRTH = _pattern(
    rf"\b(?:d\.?o\.?b\.?|date{_S}+of{_S}+birth|birth{_S}*date|born)"
    rf"(?:{_S}*[:=-]{_S}*|{_S}+(?:is{_S}+|was{_S}+|on{_S}+|of{_S}+)*)(?:the{_S}+)?{_DATE}",
    ignore_case=True,
)

# Full UK postcodes (the inward part never uses C, I, K, M, O or V).
POSTCODE = _pattern(rf"(?<![\w-])(?:[A-Z]{{1,2}}\d[A-Z\d]?|GIR){_S}?\d[ABD-HJLNP-UW-Z]{{2}}(?![\w-])")
# A capitalised name: a title and a surname, or two capitalised words in a row.
NAME = _pattern(rf"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?{_S}+[A-Z][a-z]+|[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?{_S}+[A-Z][a-z]+)")
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


# -- what confirms a match: each rule by name, the same names the browser's checks use -------------

Span = tuple[int, int]


def _any(text: str, m: re.Match[str]) -> Span | None:
    return m.span()


def _nhs_check_digit(text: str, m: re.Match[str]) -> Span | None:
    return m.span() if nhs_number_valid(m.group(1) + m.group(3) + m.group(4)) else None


def _uk_phone(text: str, m: re.Match[str]) -> Span | None:
    digits = _digits(m.group())
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    return m.span() if len(digits) in UK_PHONE_DIGITS and "\n" not in m.group() else None


def _international_phone(text: str, m: re.Match[str]) -> Span | None:
    least, most = INTERNATIONAL_PHONE_DIGITS
    return m.span() if least <= len(_digits(m.group())) <= most and "\n" not in m.group() else None


def _next_to_a_name(text: str, m: re.Match[str]) -> Span | None:
    before = text[max(0, m.start() - NAME_WINDOW) : m.start()]
    name = NAME.search(before)
    if name:
        return m.start() - len(before) + name.start(), m.end()
    name = NAME.search(text[m.end() : m.end() + NAME_WINDOW])
    return (m.start(), m.end() + name.end()) if name else None


@dataclass(frozen=True, slots=True)
class Detector:
    """One kind of personal data: the pattern that finds it and the rule (by name) that confirms a match."""

    kind: str
    pattern: re.Pattern[str]
    rule: str = "any"


RULES: dict[str, Callable[[str, re.Match[str]], Span | None]] = {
    "any": _any,
    "nhs-check-digit": _nhs_check_digit,
    "uk-phone": _uk_phone,
    "international-phone": _international_phone,
    "next-to-a-name": _next_to_a_name,
}

# Checked in this order; a later finding overlapping an earlier one is dropped
# (a valid NHS number is not also reported as a phone number).
DETECTORS: tuple[Detector, ...] = (
    Detector("e-mail address", EMAIL),
    Detector("NHS number", NHS_NUMBER, "nhs-check-digit"),
    Detector("phone number", PHONE, "uk-phone"),
    Detector("phone number", INTERNATIONAL_PHONE, "international-phone"),
    Detector("date of birth", DATE_OF_BIRTH),
    Detector("postcode next to a name", POSTCODE, "next-to-a-name"),
)

# Every detector above needs a digit or an '@': most texts have neither and are passed over at once.
_MAY_HOLD_PERSONAL_DATA = re.compile(r"[0-9@]")


_WORDS = re.compile(f"[^{_SPACES}]+")


def one_line(text: str) -> str:
    """A finding as it is quoted: its words with one space between them."""
    return " ".join(_WORDS.findall(text))


def _spans(detector: Detector, text: str) -> Iterator[Span]:
    confirm = RULES[detector.rule]
    for m in detector.pattern.finditer(text):
        span = confirm(text, m)
        if span is not None:
            yield span


def find_personal_data(text: str) -> list[Finding]:
    """Likely personal data in one text, in the order it appears."""
    if not _MAY_HOLD_PERSONAL_DATA.search(text):
        return []
    found: list[Finding] = []
    starts: list[int] = []  # the spans taken so far, which never overlap, in order
    ends: list[int] = []
    for detector in DETECTORS:
        for start, end in _spans(detector, text):
            at = bisect.bisect_right(starts, start)
            if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
                continue
            starts.insert(at, start)
            ends.insert(at, end)
            found.append(Finding(detector.kind, one_line(text[start:end]), start, HINTS[detector.kind], end))
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

TITLED_NAME = _pattern(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Prof|Sir|Dame|Lady|Lord)\.?{_S}+[A-Z][a-z'-]+")
CAPITALISED_PAIR = _pattern(rf"\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?){_S}+([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\b")
# Words that follow letters with full stops without being a surname: "U.K. Government", "H.M. Treasury".
AFTER_LETTERS = frozenset({"government", "treasury", "prison", "prisons", "forces", "courts"})
# An initial or two and a surname: "J. Smith", "A.B. Khan", "J Smith" ("A" and "I" alone are words).
INITIALLED_NAME = _pattern(
    rf"(?<![A-Za-z0-9_.'])(?:(?:[A-Z]\.{_S}?){{1,3}}|[B-HJ-Z]{_S})([A-Z](?:'[A-Z])?[a-z]+(?:[-'][A-Z]?[a-z]+)?)\b"
)
NAME_HINT = "records are published: name the role, e.g. 'Head of Service' or 'Designated Nurse', never a person"
RECORD_HINT = "records are published: remove it, or name a role or team instead"


def _role_word(word: str) -> bool:
    word = word.lower()
    return word in ROLE_WORDS or all(part in ROLE_WORDS for part in word.split("-"))


def _not_role_words(text: str, m: re.Match[str]) -> Span | None:
    return None if _role_word(m.group(1)) or _role_word(m.group(2)) else m.span()


RULES["not-role-words"] = _not_role_words


def _initialled_name(text: str, m: re.Match[str]) -> Span | None:
    surname = m.group(1)
    return None if _role_word(surname) or surname.lower() in AFTER_LETTERS else m.span()


RULES["initialled-name"] = _initialled_name

# What reads like a person's name, looked for in records after everything DETECTORS finds.
NAME_DETECTORS: tuple[Detector, ...] = (
    Detector("name", TITLED_NAME),
    Detector("name", INITIALLED_NAME, "initialled-name"),
    Detector("name", CAPITALISED_PAIR, "not-role-words"),
)

# How the record page says each kind in a sentence ("... holds what looks like a date of birth").
SAID = {
    "e-mail address": "an e-mail address",
    "phone number": "a phone number",
    "NHS number": "an NHS number",
    "date of birth": "a date of birth",
    "postcode next to a name": "a postcode next to a name",
    "name": "a person's name",
}


def find_personal_data_in_record(text: str) -> list[Finding]:
    """Everything ``find_personal_data`` finds, and anything that reads like a person's name."""
    found = find_personal_data(text)
    taken = [(f.start, f.end) for f in found]
    for detector in NAME_DETECTORS:
        for start, end in _spans(detector, text):
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(Finding("name", one_line(text[start:end]), start, NAME_HINT, end))
    return sorted(found, key=lambda f: f.start)


def _browser_pattern(pattern: re.Pattern[str]) -> dict[str, str]:
    return {"source": pattern.pattern, "flags": "gi" if pattern.flags & re.IGNORECASE else "g"}


def _browser_detector(detector: Detector) -> dict[str, Any]:
    return {"kind": detector.kind, "rule": detector.rule} | _browser_pattern(detector.pattern)


def browser_rules() -> dict[str, Any]:
    """The record checks as data for the browser (read by record-checks.js): the detectors in order,
    each a pattern with the name of the rule that confirms a match and that rule's measures, and the
    words for each kind. ``new RegExp(source, flags)`` reads each pattern as ``re`` does here."""
    return {
        "gate": _browser_pattern(_MAY_HOLD_PERSONAL_DATA),
        "spaces": _SPACES,
        "detectors": [_browser_detector(d) for d in DETECTORS],
        "names": [_browser_detector(d) for d in NAME_DETECTORS],
        "ukPhoneDigits": list(UK_PHONE_DIGITS),
        "internationalPhoneDigits": list(INTERNATIONAL_PHONE_DIGITS),
        "nearName": _browser_pattern(NAME),
        "nameWindow": NAME_WINDOW,
        "roleWords": sorted(ROLE_WORDS),
        "afterLetters": sorted(AFTER_LETTERS),
        "said": SAID,
        "hints": {"name": NAME_HINT, "other": RECORD_HINT},
    }


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
                    finding.hint if finding.kind == "name" else RECORD_HINT,
                )
            )
    return problems
