"""My pack and Plan a meeting: pages whose work is done in the browser (site/mypack.py, site/plan.py
make their data). Their views hold the few links the markup around that work needs."""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny_packs.site.index import SiteIndex


@dataclass(frozen=True, slots=True)
class MyPackPage:
    question_bank: str | None  # the page listing every question, when the bank has one


@dataclass(frozen=True, slots=True)
class PlanPage:
    meetings: bool  # the bank has meetings, so the site has a meetings index


def my_pack_page(index: SiteIndex) -> MyPackPage:
    return MyPackPage(index.question_bank_src())


def plan_page(index: SiteIndex) -> PlanPage:
    return PlanPage(bool(index.bank.meetings))
