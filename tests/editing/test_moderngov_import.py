"""`meeting-import` and `meeting-list` against a fake ModernGov server on 127.0.0.1, by GET and SOAP.

Each of the service's traps has a test: restricted and Part 2 items, text escaped twice, counts with a
leading space, ISO dates ignored, a server that refuses non-browsers, one that is slow, a page that
is not the service, and a meeting that is not there. Every failure is one line and writes nothing.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import requests
import yaml
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.packs.checks import load_checked
from tests.conftest import ROOT
from tests.editing import moderngov_fake

BODY = "Children and Young People Scrutiny Panel"
FILE = "children-and-young-people-scrutiny-panel-2027-01-14.yml"


@pytest.fixture(scope="module")
def fake():
    yield from moderngov_fake.serve()


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def import_meeting(project: Path, url: str, *extra: str, meeting: str = "7001"):
    return run("meeting-import", "--root", str(project), "--moderngov", url, "--meeting", meeting, *extra)


def meetings_folder(project: Path) -> dict[str, str]:
    folder = project / "content" / "meetings"
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


@pytest.mark.parametrize("how", [[], ["--soap"]], ids=["get", "soap"])
def test_import_writes_a_meeting_file_that_validates(project, fake, how):
    done = import_meeting(project, fake.url(), *how)
    assert done.exit_code == 0, done.stderr
    path = project / "content" / "meetings" / FILE
    assert done.stdout.startswith(f"Wrote {path}: 2 agenda items, 10 questions suggested")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["body"] == BODY
    assert (data["date"].isoformat(), data["time"], data["place"]) == (
        "2027-01-14",
        "6.30 pm",
        "Committee Room 2, Civic Centre",
    )
    assert data["source"] == f"{fake.url()}/ieListDocuments.aspx?CId=140&MId=7001"
    # In agenda order, numbers read without their leading space, each item linked to its page.
    assert [(i["number"], i["title"]) for i in data["items"]] == [
        (5, "Children missing education"),
        (6, "Domestic abuse: children's services & schools"),  # escaped twice on the wire
    ]
    assert [i["link"] for i in data["items"]] == [
        f"{fake.url()}/mgAi.aspx?ID=50005",
        f"{fake.url()}/mgAi.aspx?ID=50006",
    ]
    # Each item's suggested questions are its question list, for the meeting's audience.
    bank = load_checked(ROOT).bank
    education, abuse = (i["selection"]["questions"] for i in data["items"])
    assert len(education) == 5 and len(abuse) == 5
    assert sum("missing-education" in bank.questions[q].areas for q in education) >= 3
    assert sum("domestic-violence" in bank.questions[q].areas for q in abuse) >= 3
    assert all("councillors" in bank.questions[q].audiences for q in education + abuse)
    # The rest of the file validates with the bank.
    checked = load_checked(project)
    assert [p.format() for p in checked.problems if p.is_error] == []
    assert FILE.removesuffix(".yml") in checked.bank.meetings


def test_exempt_items_are_left_out_reported_and_never_written(project, fake):
    done = import_meeting(project, fake.url())
    text = (project / "content" / "meetings" / FILE).read_text(encoding="utf-8")
    for secret in (
        "Contract award",
        "residential placements",
        "Foster carer",
        "Staffing restructure",
        "50007",
        "50008",
    ):
        assert secret not in text
        assert secret not in done.output
    for number in ("7", "8", "9"):
        assert f"item {number} left out: exempt" in done.stderr
    # Procedural items have no questions: left out and said so, with their titles.
    assert "item 1 left out: procedural (Apologies for absence)" in done.stderr
    assert "item 2 left out: procedural (Minutes of the previous meeting)" in done.stderr


def test_the_fake_refuses_clients_that_do_not_name_a_browser(fake):
    # The trap is real in the fake: without a browser's User-Agent it answers 403, so the import
    # tests above passing shows the client sends one.
    plain = requests.get(
        f"{fake.url()}/mgWebService.asmx/GetCommittees", headers={"User-Agent": "python-requests"}, timeout=10
    )
    assert plain.status_code == 403


def test_list_sends_uk_dates_and_filters_by_date_itself(fake):
    for mode in ("ok", "nodates"):  # 'nodates' answers with the committee's whole history
        fake.requests.clear()
        done = run(
            "meeting-list",
            "--moderngov",
            fake.url(mode),
            "--committee",
            "140",
            "--from",
            "2027-01-01",
            "--to",
            "2027-02-28",
        )
        assert done.exit_code == 0, done.stderr
        assert done.stdout.splitlines() == ["7001  2027-01-14  6.30 pm  Confirmed  Committee Room 2, Civic Centre"]
        asked = fake.requests[-1]
        assert (asked["sFromDate"], asked["sToDate"]) == ("01/01/2027", "28/02/2027")


def test_list_by_soap_reads_a_result_sent_as_escaped_xml(fake):
    done = run(
        "meeting-list",
        "--moderngov",
        fake.url(),
        "--soap",
        "--committee",
        "140",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    )
    assert done.exit_code == 0, done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["6900", "6950"]


def test_list_without_a_committee_lists_the_committees(fake):
    done = run("meeting-list", "--moderngov", fake.url())
    assert done.stdout.splitlines() == [
        "140  Children and Young People Scrutiny Panel",
        "141  Corporate Parenting Board",
    ]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FAILURES = [
    ("forbidden", [], "refused: HTTP 403"),
    ("slow", ["--timeout", "0.5"], "timed out: no answer within 0.5 s"),
    ("html", [], "not ModernGov: answered with a web page"),
    ("ok", ["--meeting", "9999"], "meeting 9999 not found"),
    ("refused", [], "refused: could not connect"),
]


@pytest.mark.parametrize(
    "mode, extra, message", FAILURES, ids=[f[0] if f[0] != "ok" else "not-found" for f in FAILURES]
)
@pytest.mark.parametrize("how", [[], ["--soap"]], ids=["get", "soap"])
def test_each_failure_is_one_line_naming_the_address_and_writes_nothing(project, fake, mode, extra, message, how):
    url = f"http://127.0.0.1:{_closed_port()}" if mode == "refused" else fake.url(mode)
    before = meetings_folder(project)
    meeting = extra[extra.index("--meeting") + 1] if "--meeting" in extra else "7001"
    options = [o for o in extra if o not in ("--meeting", meeting)]
    done = import_meeting(project, url, *how, *options, meeting=meeting)
    assert done.exit_code == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(url) and message in lines[0]
    assert "Traceback" not in done.output
    assert meetings_folder(project) == before


def test_an_existing_file_is_kept_without_force(project, fake, tmp_path):
    target = tmp_path / "mine.yml"
    target.write_text("keep me\n", encoding="utf-8")
    done = import_meeting(project, fake.url(), "-o", str(target))
    assert done.exit_code == 2 and "is there already" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert import_meeting(project, fake.url(), "-o", str(target), "--force").exit_code == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["body"] == BODY


def test_a_malicious_answer_with_entities_is_refused(project, fake, monkeypatch):
    # A billion-laughs answer: defusedxml refuses it, and the import says the answer is not the service's.
    from scrutiny_packs.editing.moderngov import client

    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><meeting>&b;</meeting>'
    monkeypatch.setattr(client, "_read", lambda response: bomb)
    before = meetings_folder(project)
    done = import_meeting(project, fake.url())
    assert done.exit_code == 1 and "not ModernGov" in done.stderr
    assert meetings_folder(project) == before


@pytest.mark.site
def test_the_imported_meeting_builds(small_project, fake):
    from bs4 import BeautifulSoup

    from scrutiny_packs.publish.atomic import build_site

    assert import_meeting(small_project, fake.url(), "--soap").exit_code == 0
    build_site(small_project, small_project / "site", strict=True, pdf=False, offline=False)
    page = small_project / "site" / "meetings" / FILE.removesuffix(".yml") / "index.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "Children missing education" in text
    assert "Domestic abuse: children's services & schools" in text


def test_a_committee_named_by_id_only_is_looked_up(project, fake):
    done = import_meeting(project, fake.url(), meeting="7002")
    assert done.exit_code == 0, done.stderr
    path = project / "content" / "meetings" / "children-and-young-people-scrutiny-panel-2027-03-11.yml"
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["body"] == BODY
