"""Rule 4: the validator finds likely personal data, in every text of every content file.

E-mail addresses and phone numbers are errors: the build stops. Likely names, dates of birth
and NHS numbers are warnings: the build still passes, and a reviewer reads them.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from scrutiny_packs.content.personal_data import find_personal_data, nhs_number_valid
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.problems import Severity
from tests.conftest import ROOT, add_hostile


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_personal_data(text)]


# -- what each detector finds, and what it leaves alone --------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ("Write to jo.bloggs@example.org today", [("e-mail address", "jo.bloggs@example.org")]),
        ("mail SAM+panel@sub.example.co.uk.", [("e-mail address", "SAM+panel@sub.example.co.uk")]),
        ("Ring 07700 900123 now", [("phone number", "07700 900123")]),
        ("on 020 7946 0018", [("phone number", "020 7946 0018")]),
        ("or +44 (0)20 7946 0018", [("phone number", "+44 (0)20 7946 0018")]),
        ("or (01632) 960 123", [("phone number", "(01632) 960 123")]),
        ("or +44 7700 900123", [("phone number", "+44 7700 900123")]),
        ("NHS no. 485 777 3414", [("NHS number", "485 777 3414")]),
        ("NHS no. 4857773414", [("NHS number", "4857773414")]),
        ("NHS no. 485-777-3414", [("NHS number", "485-777-3414")]),
        ("DOB: 14/02/2015", [("date of birth", "DOB: 14/02/2015")]),
        ("d.o.b. 2015-02-14", [("date of birth", "d.o.b. 2015-02-14")]),
        ("was born on 3 March 2015.", [("date of birth", "born on 3 March 2015")]),
        ("born 12th of June 2014", [("date of birth", "born 12th of June 2014")]),
        ("date of birth is March 3, 2015", [("date of birth", "date of birth is March 3, 2015")]),
        (
            "Sam Example lives at 4 Sample Street, ZZ1 1ZZ",
            [("postcode next to a name", "Sam Example lives at 4 Sample Street, ZZ1 1ZZ")],
        ),
        ("ZZ1 1ZZ is where Mrs Example lives", [("postcode next to a name", "ZZ1 1ZZ is where Mrs Example")]),
    ],
)
def test_finds_personal_data(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "In 2011-12 there were 1,234 contacts and 15.5% became referrals.",
        "485 777 3415",  # ten digits, but the check digit is wrong
        "A rate of 0.75 per 10,000 children; call 999 in an emergency.",
        "Children born in 2015, and the Children Act 1989 section 47.",
        "The council's office, ZZ1 1ZZ.",  # a postcode with no name near it
        "Sandwell Metropolitan Borough Council, February 2012.",
        "See @example and user@localhost on the intranet.",
        "The 2013-03-04 guidance; reviewed 22/11/2026.",
        "003_0d57796dd2473336.txt",
    ],
)
def test_leaves_ordinary_text_alone(text):
    assert kinds(text) == []


def test_nhs_numbers_are_checked_with_modulus_11():
    assert nhs_number_valid("4857773414")
    # Changing any one digit breaks the check: modulus 11 catches every single-digit error.
    for position in range(10):
        for digit in "0123456789":
            number = "4857773414"[:position] + digit + "4857773414"[position + 1 :]
            if number != "4857773414":
                assert not nhs_number_valid(number), number
    assert not nhs_number_valid("123456789")
    assert not nhs_number_valid("abcdefghij")


# -- in content: file, line, field, what was found, a hint ------------------------------------------

EXPECTED = [
    ("content/pages/pd-page.md", 3, "description", "e-mail address 'sam.example@example.net'"),
    ("content/pages/pd-page.md", 8, "body", "date of birth 'born on 12th June 2014'"),
    ("content/pages/pd-page.md", 9, "body", "phone number '020 7946 0018'"),
    ("content/questions/pd-case-details.yml", 8, "listen_for[0]", "NHS number '485 777 3414'"),
    ("content/questions/pd-case-details.yml", 9, "listen_for[1]", "date of birth 'DOB: 14/02/2015'"),
    ("content/questions/pd-case-details.yml", 14, "notes", "e-mail address 'jo.bloggs@example.org'"),
    ("content/questions/pd-case-details.yml", 14, "notes", "phone number '07700 900123'"),
    (
        "content/questions/pd-case-details.yml",
        17,
        "source.note",
        "postcode next to a name 'Sam Example, lives at 4 Sample Street, ZZ1 1ZZ'",
    ),
    ("content/questions/pd-case-details.yml", 17, "source.note", "date of birth 'born on 3 March 2015'"),
]


@pytest.fixture
def pd_project(project):
    return add_hostile(project, "personal-data")


def _personal(problems):
    return [p for p in problems if "personal data" in p.message]


def test_corpus_gives_one_problem_per_finding_with_file_line_and_field(pd_project):
    result = load_checked(pd_project)
    found = sorted(
        (p.path, p.line, p.field, p.message.removeprefix("possible ").removeprefix("personal data: "))
        for p in _personal(result.problems)
    )
    assert found == sorted(EXPECTED)
    assert not result.ok
    assert all(p.hint for p in _personal(result.problems))
    for p in _personal(result.problems):
        if p.message.startswith(("personal data: e-mail address", "personal data: phone number")):
            assert p.is_error
            assert p.format().startswith(f"{p.path}:{p.line}: {p.field}: personal data: ")
        else:
            assert p.severity is Severity.WARNING
            assert p.format().startswith(f"{p.path}:{p.line}: warning: {p.field}: possible personal data: ")
    errors = [p for p in result.problems if p.is_error]
    assert errors and all("personal data" in p.message for p in errors)


def test_near_misses_raise_no_warning(pd_project):
    warned = {p.path for p in _personal(load_checked(pd_project).problems)}
    assert "content/questions/pd-near-misses.yml" not in warned


def test_an_email_address_or_phone_number_fails_validation(pd_project):
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(pd_project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert (
        "content/questions/pd-case-details.yml:14: notes: personal data: "
        "e-mail address 'jo.bloggs@example.org' (public material must not identify anyone" in result.stderr
    )
    assert "content/pages/pd-page.md:9: body: personal data: phone number '020 7946 0018'" in result.stderr


def test_likely_names_and_dates_are_warnings_that_do_not_fail_validation(pd_project):
    for path in (pd_project / "content").rglob("pd-*"):
        text = path.read_text(encoding="utf-8")
        for found in ("sam.example@example.net", "jo.bloggs@example.org", "020 7946 0018", "07700 900123"):
            text = text.replace(found, "the duty team")
        path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "validate", "--root", str(pd_project)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "content/questions/pd-case-details.yml:8: warning: listen_for[0]: possible personal data: "
        "NHS number '485 777 3414'" in result.stderr
    )
    assert "postcode next to a name 'Sam Example, lives at 4 Sample Street, ZZ1 1ZZ'" in result.stderr
    assert result.stdout.startswith("OK:") and re.search(r"; \d+ warnings?\.$", result.stdout.strip())


# Every kind of content file, with an e-mail address in one text field: each is found.
KIND_FILES = {
    "content/areas/pd-area.yml": 'name: "An area"\ndescription: "Ask a.person@example.com."\n',
    "content/audiences/pd-audience.yml": 'name: "An audience"\ndescription: "Ask a.person@example.com."\n',
    "content/benchmarks/pd-benchmark.yml": (
        'title: "A benchmark"\nareas: [workforce]\ntext: "Good."\nexamples:\n'
        '  - text: "An example."\n    source:\n      document: "x"\n'
        '      note: "Ask a.person@example.com."\n'
    ),
    "content/indicators/pd-indicator.yml": (
        'name: "An indicator"\nareas: [workforce]\ndescription: "A figure."\nhow_to_read: "Ask a.person@example.com."\n'
    ),
    "content/packs/pd-pack.yml": (
        'title: "A pack"\nmeeting:\n  body: "Ask a.person@example.com."\nselection:\n  questions: [q001]\n'
    ),
    "content/modules/pd-module.md": "---\ntitle: A module\n---\n\nAsk a.person@example.com.\n",
}


def test_every_kind_of_content_file_is_scanned(project):
    for name, text in KIND_FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    settings = project / "content" / "settings.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("contact: ", 'contact: "Ask a.person@example.com." # ', 1),
        encoding="utf-8",
    )
    result = load_checked(project)
    found = {p.path for p in _personal(result.problems) if "a.person@example.com" in p.message and p.is_error}
    assert found == set(KIND_FILES) | {"content/settings.yml"}


def test_the_shipped_content_raises_no_personal_data_warning():
    assert _personal(load_checked(ROOT).problems) == []
    result = subprocess.run(
        [sys.executable, "-m", "scrutiny_packs.cli", "validate"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "personal data" not in result.stderr


# -- a record's names: an initial and a surname is a name too -------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("Head of Service (J. Smith)", "J. Smith"),
        ("Head of Service (J Smith)", "J Smith"),
        ("Designated Nurse, A.B. Khan", "A.B. Khan"),
        ("Scrutiny Officer (J. A. O'Neill)", "J. A. O'Neill"),
    ],
)
def test_an_initial_and_a_surname_in_a_record_is_a_name(text, name):
    from scrutiny_packs.content.personal_data import find_personal_data_in_record

    assert [(f.kind, f.text) for f in find_personal_data_in_record(text)] == [("name", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Head of Service",
        "Head of Service (Children's Social Care)",
        "Plan B. The panel asked again.",
        "Option A. Review the plan.",
        "See section 5. Head of Service to report.",
        "Appendix C. Health visitors",
        "Item 6 (a) Early help",
        "Director of Children's Services (DCS)",
        "U.K. Government guidance",
        "A Head of Service",
    ],
)
def test_roles_letters_and_sentences_are_not_taken_for_an_initial_and_a_surname(text):
    from scrutiny_packs.content.personal_data import find_personal_data_in_record

    assert find_personal_data_in_record(text) == []


def test_no_record_text_shipped_or_in_the_harmless_corpus_is_taken_for_a_name():
    from scrutiny_packs.content.personal_data import _strings, find_personal_data_in_record
    from scrutiny_packs.content.yaml_source import read_yaml

    files = sorted(ROOT.glob("content/**/*.yml")) + sorted((ROOT / "tests/hostile/harmless").glob("**/*.yml"))
    found = []
    for path in files:
        doc, _ = read_yaml(path, str(path))
        if path.name.endswith(".record.yml") or "owner" in doc.source:
            found += [
                (path.name, f.text)
                for _, text in _strings(doc.data)
                for f in find_personal_data_in_record(text)
                if f.kind == "name" and "." in f.text
            ]
    assert found == []
