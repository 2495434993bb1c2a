"""One-off: move every inline citation in content/ to a source in content/sources/ cited by ref and locator.

Writes content/sources/<id>.yml, content/publishers.yml, rewrites each citation in place (comments and
layout kept) and records tests/fixtures/citations-before.yml: every citation as it read before, and
every old address with the source it became or why it was refused.
"""

from __future__ import annotations

import collections
import glob
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from scrutiny_packs.content.yaml_source import parse_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHECKED = "2026-12-07"

# publisher name as cited -> (id, name, hosts)
GOVUK = ["www.gov.uk"]
PUBLISHERS = {
    "Department for Education": (
        "department-for-education",
        "Department for Education",
        GOVUK
        + [
            "explore-education-statistics.service.gov.uk",
            "consult.education.gov.uk",
            "support-for-social-workers.education.gov.uk",
        ],
    ),
    "HM Government": ("hm-government", "HM Government", GOVUK),
    "Home Office": ("home-office", "Home Office", GOVUK),
    "Ofsted": ("ofsted", "Ofsted", GOVUK + ["reports.ofsted.gov.uk"]),
    "Child Safeguarding Practice Review Panel": (
        "child-safeguarding-practice-review-panel",
        "Child Safeguarding Practice Review Panel",
        GOVUK,
    ),
    "UK Parliament": ("uk-parliament", "UK Parliament", ["www.legislation.gov.uk", "bills.parliament.uk"]),
    "UK Parliament (legislation.gov.uk)": (
        "uk-parliament",
        "UK Parliament",
        ["www.legislation.gov.uk", "bills.parliament.uk"],
    ),
    "UK Government (legislation.gov.uk)": ("uk-government", "UK Government", ["www.legislation.gov.uk"] + GOVUK),
    "UK Government": ("uk-government", "UK Government", ["www.legislation.gov.uk"] + GOVUK),
    "House of Commons": ("house-of-commons", "House of Commons", ["hansard.parliament.uk", "bills.parliament.uk"]),
    "NHS England": ("nhs-england", "NHS England", ["www.england.nhs.uk"]),
    "NSPCC": ("nspcc", "NSPCC", ["nspcc.org.uk"]),
    "National Institute for Health and Care Excellence": (
        "nice",
        "National Institute for Health and Care Excellence",
        ["www.nice.org.uk"],
    ),
    "Office for National Statistics": (
        "office-for-national-statistics",
        "Office for National Statistics",
        ["www.ons.gov.uk"],
    ),
    "Local Government Association": (
        "local-government-association",
        "Local Government Association",
        ["www.local.gov.uk"],
    ),
    "Missing People": ("missing-people", "Missing People", ["www.missingpeople.org.uk"]),
    "Royal College of General Practitioners": (
        "royal-college-of-general-practitioners",
        "Royal College of General Practitioners",
        ["rcgp.org.uk"],
    ),
    "Royal College of Paediatrics and Child Health": (
        "royal-college-of-paediatrics-and-child-health",
        "Royal College of Paediatrics and Child Health",
        ["www.rcpch.ac.uk"],
    ),
    "HM Inspectorate of Constabulary and Fire and Rescue Services": (
        "hmicfrs",
        "HM Inspectorate of Constabulary and Fire and Rescue Services",
        ["hmicfrs.justiceinspectorates.gov.uk"],
    ),
    "Ofsted, Care Quality Commission, HM Inspectorate of Constabulary and Fire & Rescue Services and HM Inspectorate of Probation": (
        "joint-inspectorates",
        "Ofsted, Care Quality Commission, HM Inspectorate of Constabulary and Fire & Rescue Services and HM Inspectorate of Probation",
        GOVUK,
    ),
    "North Yorkshire Safeguarding Children Partnership": (
        "north-yorkshire-safeguarding-children-partnership",
        "North Yorkshire Safeguarding Children Partnership",
        ["safeguardingchildren.co.uk", "northyorkshirescp.trixonline.co.uk"],
    ),
    "Liverpool Safeguarding Children Partnership": (
        "liverpool-safeguarding-children-partnership",
        "Liverpool Safeguarding Children Partnership",
        ["liverpoolscp.proceduresonline.com"],
    ),
    "Staffordshire Safeguarding Children Board": (
        "staffordshire-safeguarding-children-board",
        "Staffordshire Safeguarding Children Board",
        ["staffsscb.org.uk", "www.staffsscp.org.uk"],
    ),
    "Cabinet Office Social Exclusion Task Force": (
        "cabinet-office",
        "Cabinet Office Social Exclusion Task Force",
        ["webarchive.nationalarchives.gov.uk"],
    ),
    "The Guardian": ("the-guardian", "The Guardian", ["www.theguardian.com"]),
    "Devon County Council": ("devon-county-council", "Devon County Council", ["www.devon.gov.uk"]),
    "Walsall Council": ("walsall-council", "Walsall Council", []),
    "Halton Borough Council": ("halton-borough-council", "Halton Borough Council", []),
    "Children & Young People Now": ("children-and-young-people-now", "Children & Young People Now", []),
    "UK Council for Internet Safety": ("uk-council-for-internet-safety", "UK Council for Internet Safety", GOVUK),
    "Youth Justice Board": ("youth-justice-board", "Youth Justice Board", GOVUK),
    "Ministry of Housing, Communities and Local Government": (
        "ministry-of-housing-communities-and-local-government",
        "Ministry of Housing, Communities and Local Government",
        GOVUK,
    ),
    "Department for Science, Innovation and Technology": (
        "department-for-science-innovation-and-technology",
        "Department for Science, Innovation and Technology",
        GOVUK,
    ),
    "Department for Education and Department of Health and Social Care": (
        "dfe-and-dhsc",
        "Department for Education and Department of Health and Social Care",
        GOVUK,
    ),
    "Department for Education and Department of Health": (
        "dfe-and-dh",
        "Department for Education and Department of Health",
        GOVUK,
    ),
    "Department for Education, Department for Work and Pensions and HM Revenue and Customs": (
        "dfe-dwp-and-hmrc",
        "Department for Education, Department for Work and Pensions and HM Revenue and Customs",
        GOVUK,
    ),
    "Department for Education and Skills": (
        "department-for-education-and-skills",
        "Department for Education and Skills",
        GOVUK,
    ),
    "Advisory Council on the Misuse of Drugs": (
        "advisory-council-on-the-misuse-of-drugs",
        "Advisory Council on the Misuse of Drugs",
        GOVUK,
    ),
}
SAME_HOST = {"gov.uk": "www.gov.uk", "local.gov.uk": "www.local.gov.uk", "legislation.gov.uk": "www.legislation.gov.uk"}
COPY_SITES = {
    "readkong.com", "pdfslide.us", "pdf4pro.com", "docslib.org", "fdocuments.net", "vdocument.in", "abcdocz.com",
    "docest.com", "info.5y1.org",
}  # fmt: skip
COUNCILS = ("Walsall Council", "Halton Borough Council", "Children & Young People Now", "Devon County Council",
            "Liverpool Safeguarding Children Partnership", "North Yorkshire Safeguarding Children Partnership",
            "Staffordshire Safeguarding Children Board", "The Guardian")  # fmt: skip


RENAME = {
    "Working Together to Safeguard Children": {2023: "working-together-2023", 2018: "working-together-2018"},
    "Keeping children safe in education": {2024: "kcsie-2024", 2025: "kcsie-2025"},
    "Children's Wellbeing and Schools Act 2026": {2026: "childrens-wellbeing-and-schools-act-2026"},
    "Children Act 1989": {None: "children-act-1989"},
}
PREFIXES = {"Walsall Council, bri": "walsall-toolkit-2012", "Halton Borough Counc": "halton-safeguarding-slides-2009"}
KINDS = {
    "legislation-whats-covered-by-health-care-2022": "non-statutory-guidance",
    "replacement-children-act-1989-private-fostering-2005": "statutory-guidance",
    "children-families-act-2014-explanatory-notes": "non-statutory-guidance",
    "homelessness-england-quarterly-technical-note-2024": "statistics-release",
    "childrens-wellbeing-schools-bill-public-bill-2025": "non-statutory-guidance",
    "revisions-national-standards-provision-childrens-y-2023": "non-statutory-guidance",
    "rcgp-safeguarding-toolkit": "non-statutory-guidance",
    "designated-doctor-child-protection-model-job-2019": "non-statutory-guidance",
}


def kind_of(title: str, publisher: str, host: str) -> str:
    t = title.lower()
    if publisher in COUNCILS:
        return "practice-example"
    if " act " in f" {t} " or re.search(r"\bact \d{4}\b", t) or re.search(r"act \d{4}", t):
        return "act"
    if "regulations" in t:
        return "regulations"
    if "statistic" in t or host == "explore-education-statistics.service.gov.uk" or publisher.startswith("Office for"):
        return "statistics-release"
    if publisher == "Child Safeguarding Practice Review Panel" or "review" in t and "panel" in t:
        return "national-review"
    if publisher.startswith("Ofsted") and ("inspect" in t or "framework" in t or "joint targeted" in t):
        return "inspection-framework"
    if "working together" in t or "keeping children safe" in t or "statutory guidance" in t or "statutory" in t:
        return "statutory-guidance"
    if publisher in ("NSPCC", "Royal College of Paediatrics and Child Health") or "research" in t:
        return "research"
    return "non-statutory-guidance"


def slug(title: str, year: int | None, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower().replace("'", ""))
    stop = {"the", "a", "an", "of", "and", "for", "to", "in", "on", "with", "statutory", "guidance"}
    kept = [w for w in words if w not in stop][:6] or words[:6]
    base = "-".join(kept)[:50].strip("-")
    base = f"{base}-{year}" if year and str(year) not in base else base
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    return sid


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> None:
    settings = yaml.safe_load((ROOT / "content/settings.yml").read_text())
    titles = settings.get("documents", {})
    found = []  # (file, path, data)
    for f in sorted(glob.glob(str(ROOT / "content/*/*.yml"))):
        rel = Path(f).relative_to(ROOT).as_posix()
        if rel.startswith("content/sources/") or ".record." in rel:
            continue
        d = yaml.safe_load(Path(f).read_text())
        if not isinstance(d, dict):
            continue
        if isinstance(d.get("source"), dict):
            found.append((rel, ("source",), d["source"]))
        for i, s in enumerate(d.get("sources", ()) or ()):
            found.append((rel, ("sources", i), s))
        for i, e in enumerate(d.get("examples", ()) or ()):
            found.append((rel, ("examples", i, "source"), e["source"]))

    sources: dict[tuple, str] = {}
    files: dict[str, dict] = {}
    publishers: dict[str, dict] = {}
    taken: set[str] = set()
    urls: dict[str, dict] = {}
    before = []
    for rel, path, s in found:
        title = titles.get(s["document"], s["document"])
        publisher = s.get("publisher", "")
        if not publisher and s["document"] in titles:
            publisher = "Walsall Council" if s["document"].startswith("003_") else ""
        url = s.get("url", "")
        host = (urlsplit(url).hostname or "") if url else ""
        if host in SAME_HOST:
            url = url.replace(f"//{host}", f"//{SAME_HOST[host]}", 1)
            host = SAME_HOST[host]
        pid, pname, hosts = PUBLISHERS.get(publisher, ("", publisher, []))
        if not pid:
            pid, pname, hosts = _publisher_from_title(title)
        publishers[pid] = {"name": pname, "hosts": hosts}
        refused = ""
        if url and not any(host == h or host.endswith("." + h) for h in hosts):
            refused = (
                "a document-copy site, not the publisher's own"
                if host in COPY_SITES
                else f"{host} is not a site of {pname}"
            )
        key = (title, s.get("year"), pid)
        if key not in sources:
            sid = (
                RENAME.get(title, {}).get(s.get("year"))
                or PREFIXES.get(title[:20])
                or slug(title, s.get("year"), taken)
            )
            sources[key] = sid
            data = {"title": title, "publisher": pid, "kind": kind_of(title, pname, host)}
            if s.get("year"):
                data["edition"] = str(s["year"])
            if url and not refused:
                data["url"] = url
            data["kind"] = KINDS.get(sid, data["kind"])
            data["checked"] = CHECKED
            files[sid] = data
        sid = sources[key]
        deep = ""
        if url and not refused:
            if "url" not in files[sid]:
                files[sid]["url"] = url
                files[sid] = {
                    k: files[sid][k]
                    for k in ("title", "publisher", "kind", "edition", "url", "checked")
                    if k in files[sid]
                }
            elif files[sid]["url"] != url:
                deep = url
        if url:
            urls.setdefault(s["url"], {"source": sid} | ({"refused": refused} if refused else {}))
        locator = ", ".join(x for x in (s.get("module", ""), s.get("section", "")) if x)
        before.append(
            {
                "file": rel,
                "field": ".".join(map(str, path)),
                "title": title,
                "year": s.get("year"),
                "url": s.get("url", ""),
                "locator": locator,
                "note": " ".join(str(s.get("note", "")).split()),
                "quote": " ".join(str(s.get("quote", "")).split()),
                "ref": sid,
            }
        )
        _rewrite(rel, path, sid, locator, deep)

    out = ROOT / "content/sources"
    out.mkdir(exist_ok=True)
    for sid, data in files.items():
        lines = ["# yaml-language-server: $schema=../../src/scrutiny_packs/schemas/source.schema.json"]
        for k, v in data.items():
            lines.append(f"{k}: {q(v) if k in ('title', 'url', 'edition') else v}")
        (out / f"{sid}.yml").write_text("\n".join(lines) + "\n")
    pub_lines = ["# yaml-language-server: $schema=../src/scrutiny_packs/schemas/publishers.schema.json",
                 "# Who publishes the sources, and the web hosts that are each one's own: a source's address must",
                 "# be on one of its publisher's hosts (a host covers the hosts under it)."]  # fmt: skip
    for pid in sorted(publishers):
        p = publishers[pid]
        pub_lines.append(f"{pid}:")
        pub_lines.append(f"  name: {q(p['name'])}")
        if p["hosts"]:
            pub_lines.append(f"  hosts: [{', '.join(p['hosts'])}]")
    (ROOT / "content/publishers.yml").write_text("\n".join(pub_lines) + "\n")
    fixture = {
        "count": len(before),
        "by_kind": dict(collections.Counter(f["file"].split("/")[1] for f in before)),
        "citations": before,
        "urls": urls,
    }
    (ROOT / "tests/fixtures/citations-before.yml").write_text(
        "# Every citation in content/ before sources became content (see tests/content/test_sources_migration.py).\n"
        + yaml.safe_dump(fixture, sort_keys=False, allow_unicode=True, width=120)
    )
    print(len(before), "citations,", len(files), "sources,", sum(1 for u in urls.values() if "refused" in u), "refused")


def _publisher_from_title(title: str) -> tuple[str, str, list[str]]:
    if "Halton" in title:
        return PUBLISHERS["Halton Borough Council"]
    if "Children & Young People Now" in title:
        return PUBLISHERS["Children & Young People Now"]
    if "Walsall" in title:
        return PUBLISHERS["Walsall Council"]
    return ("publisher-not-named", "Publisher not named in the copy held", [])


def _rewrite(rel: str, path: tuple, sid: str, locator: str, deep: str) -> None:
    file = ROOT / rel
    text = file.read_text()
    doc, problems = parse_yaml(text, rel)
    assert doc is not None, problems
    lines = text.split("\n")
    mapping = doc.data
    for key in path:
        mapping = mapping[key]
    drop = []
    for key in ("document", "year", "publisher", "url", "module", "section"):
        if key not in mapping:
            continue
        n = doc.line_of(path + (key,)) - 1
        line = lines[n]
        m = re.match(rf"^(\s*(?:- )?){key}:", line)
        assert m, (rel, key, line)
        if key == "document":
            lines[n] = f"{m.group(1)}ref: {sid}"
        elif key == "url" and deep:
            lines[n] = f"{m.group(1)}url: {q(deep)}"
        elif key == "section":
            lines[n] = f"{m.group(1)}locator: {q(locator)}"
        else:
            drop.append(n)
    if "section" not in mapping and locator:
        n = doc.line_of(path + ("document",)) - 1
        indent = re.match(r"^(\s*)(- )?", lines[n])
        pad = indent.group(1) + ("  " if indent.group(2) else "")
        lines.insert(n + 1, f"{pad}locator: {q(locator)}")
        drop = [d + 1 if d > n else d for d in drop]
    for n in sorted(drop, reverse=True):
        del lines[n]
    file.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
