"""The site's navigation: small and explicit. Question pages are never listed."""

from __future__ import annotations

from typing import Any

from scrutiny_packs.model import Bank
from scrutiny_packs.site import links
from scrutiny_packs.text.escape import title_text


def build_nav(bank: Bank) -> list[Any]:
    """Navigation in mkdocs.yml's ``nav`` shape: titles mapped to source files.

    Titles come from content and the theme prints nav titles unescaped, so
    they are HTML-escaped here (as page titles are in front matter).
    """
    modules = [{title_text(m.title): links.module(m.id)} for m in bank.modules.values()]
    audiences: list[Any] = [{"All audiences": links.AUDIENCES}]
    audiences += [{title_text(a.name): links.audience(a.id)} for a in bank.audiences.values()]
    about = [{title_text(p.title): links.page(p.id)} for p in bank.pages.values()]
    about += [{title_text("What's changed"): links.CHANGES}, {"Open data": links.DATA}]
    if bank.sources:
        about.append({"Sources": links.SOURCES})
    nav: list[Any] = [{"Home": links.HOME}]
    if modules:
        nav.append({"Toolkit": modules})
    nav.append({"Audiences": audiences})
    nav.append({"Areas": links.AREAS})
    if bank.glossary:
        nav.append({"Glossary": links.GLOSSARY})
    nav.append({"Packs": links.PACKS})
    if bank.meetings:
        nav.append({"Meetings": links.MEETINGS})
    if bank.records:
        nav.append({"Follow-up": links.FOLLOW_UP})
        if any(r.recommendations or r.requests for r in bank.records.values()):
            nav.append({"Recommendations": links.RECOMMENDATIONS})
    nav.append({"Plan a meeting": links.PLAN})
    nav.append({"My pack": links.MY_PACK})
    if about:
        nav.append({"About": about})
    return nav
