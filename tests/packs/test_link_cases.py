"""The My pack link format against the shared cases in tests/fixtures/mypack-links/cases.json.

The browser's reading of the same cases is tests/js/link.test.js (`make test-js`): both
sides must read every link as the same pack, with the same notices.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from scrutiny_packs.model import PackOptions
from scrutiny_packs.packs import link
from scrutiny_packs.site import mypack
from tests.conftest import FIXTURES

CASES = json.loads((FIXTURES / "mypack-links" / "cases.json").read_text(encoding="utf-8"))


def expected_pack(case: dict) -> link.MyPack:
    want = {**CASES["defaults"], **case["pack"]}
    return link.MyPack(
        questions=tuple(want["questions"]),
        framing=want["framing"],
        body=want["body"],
        meeting=want["meeting"],
        date=dt.date.fromisoformat(want["date"]) if want["date"] else None,
        item=want["item"],
        title=want["title"],
        options=PackOptions(**want["options"]),
    )


def said(notices) -> list[tuple[str, str, str]]:
    return [(n.kind, n.field, n.value) for n in notices]


@pytest.mark.parametrize("case", CASES["links"], ids=[c["name"] for c in CASES["links"]])
def test_each_link_reads_as_the_shared_cases_say(case):
    pack, notices = link.decode(link.query_of(case["link"]))
    assert pack == expected_pack(case)
    assert said(notices) == [(n["kind"], n["field"], n["value"]) for n in case["notices"]]
    assert all(n.message and "\n" not in n.message for n in notices)
    if "encoded" in case:
        assert link.encode(pack) == case["encoded"]
        assert link.decode(case["encoded"]) == (pack, [])


def _stub_bank(data: dict) -> SimpleNamespace:
    """The cases' bank as `check` reads a Bank: each question's retirement and successor."""
    return SimpleNamespace(
        questions={
            qid: SimpleNamespace(retired=bool(q.get("retired")), replaced_by=q.get("replacedBy"))
            for qid, q in data["questions"].items()
        }
    )


@pytest.mark.parametrize("case", CASES["checks"]["cases"], ids=[c["name"] for c in CASES["checks"]["cases"]])
def test_each_pack_is_checked_against_the_bank_as_the_shared_cases_say(case):
    pack, notices = link.check(_stub_bank(CASES["checks"]["bank"]), link.MyPack(tuple(case["questions"])))
    assert pack.questions == tuple(case["kept"])
    assert said(notices) == [(n["kind"], n["field"], n["value"]) for n in case["notices"]]
    for notice, wanted in zip(notices, case["notices"]):
        if "replacedBy" in wanted:
            assert f"{wanted['replacedBy']!r} replaces it" in notice.message


def test_the_cases_assume_the_rules_the_build_hands_the_browser(bank):
    assert CASES["rules"] == link.browser_rules()
    assert mypack.bank_data(bank)["link"] == link.browser_rules() == mypack.link_rules()
    assert CASES["defaults"]["options"] == {name: getattr(PackOptions(), name) for name in link.OPTION_LETTERS.values()}


def test_the_cases_cover_every_kind_of_notice():
    kinds = {n["kind"] for c in CASES["links"] + CASES["checks"]["cases"] for n in c["notices"]}
    assert kinds == {"unknown", "retired", "invalid", "repeated", "too-many", "too-long"}
    fields = {n["field"] for c in CASES["links"] for n in c["notices"]}
    assert fields == {"link", "ids", "f", "date", "opts", *link.TEXT_FIELDS}
