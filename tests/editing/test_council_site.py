"""A council's own site on the national bank, end to end, as the guide "Run your council's own site" tells
a council officer to do it: the commands and the overlay are read from the guide itself.

init in a temporary folder, an overlay that hides, rewords and adds, a real build (pages, a pack and the
open data show the council's names and where each changed item came from), then an upgrade to a made-up
next release in which a reworded question changed nationally, a hidden one was retired and another
reworded one was split.
"""

from __future__ import annotations

import json
import re
import shlex
import textwrap

import pytest
from click.testing import CliRunner

from scrutiny_packs.cli import main
from scrutiny_packs.packs.checks import load_checked
from tests.conftest import ROOT, copy_project, page
from tests.editing.test_release import _edit, _retire, _set_release

GUIDE = ROOT / "content" / "pages" / "council-site.md"
COUNCIL = "Example Council"
PANEL = "Children and Young People Scrutiny Panel"


def new_council(tmp_path, overlay: str = ""):
    """A council's repository made by ``init`` in ``tmp_path/c``, with ``overlay`` added to its overlay.yml."""
    council = tmp_path / "c"
    assert CliRunner().invoke(main, ["init", str(council), "--council", COUNCIL]).exit_code == 0
    if overlay:
        path = council / "overlay.yml"
        path.write_text(path.read_text(encoding="utf-8") + overlay, encoding="utf-8")
    return council


def guide_commands() -> list[str]:
    """The scrutiny-packs commands the guide shows, in its order."""
    return re.findall(r"^ {4,}(scrutiny-packs .+)$", GUIDE.read_text(encoding="utf-8"), flags=re.M)


def guide_overlay() -> str:
    """The example overlay entries the guide shows."""
    found = re.search(r"^( {4}hide:\n(?: {4}.*\n)+)", GUIDE.read_text(encoding="utf-8"), flags=re.M)
    assert found, "the guide shows an example overlay"
    return textwrap.dedent(found.group(1))


def run(command: str, expect: int = 0):
    args = shlex.split(command)
    assert args[0] == "scrutiny-packs"
    done = CliRunner().invoke(main, args[1:])
    assert done.exit_code == expect, (command, done.output, done.stderr)
    return done


def next_release(council):
    """Release 3.0.0, unpacked into the council's repository as the guide says: the shipped bank with q017
    reworded nationally, q101 retired and q103 split."""
    bank = copy_project(council / "national" / "3.0.0")
    _edit(
        bank, "q017", "reported incidents of domestic violence", "reported domestic abuse, including coercive control,"
    )
    _retire(bank, "q101", "replaced_by: q102\n")
    _retire(bank, "q103", "split_into: [q104, q105]\n")
    _set_release(bank, "3.0.0")


def set_replaces(overlay_text: str, item: str, fingerprint: str) -> str:
    """The overlay with the ``replaces`` of the reword entry for ``item`` set to ``fingerprint``."""
    pattern = rf"(- question: {item}\n(?:\s+(?!- ).*\n)*?\s+replaces: )\S+"
    changed, count = re.subn(pattern, rf"\g<1>{fingerprint}", overlay_text)
    assert count == 1, item
    return changed


def fingerprints_from_check(stderr: str) -> dict[str, str]:
    """{question id: the fingerprint the check says to record} from `upgrade --check`'s lines."""
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r"(?:question|of) (q\d+) in .*? set replaces: ([0-9a-f]{12})", stderr)
    }


@pytest.mark.site
def test_council_site_from_init_to_a_resolved_upgrade(tmp_path, monkeypatch):
    from scrutiny_packs.publish.atomic import build_site

    commands = guide_commands()
    init, check, upgrade = commands[0], "scrutiny-packs upgrade --check", "scrutiny-packs upgrade --to 3.0.0"
    assert init.startswith("scrutiny-packs init example-council") and f'--council "{COUNCIL}"' in init
    assert check in commands and upgrade in commands

    # 1. init, as the guide says, then the guide's example overlay.
    monkeypatch.chdir(tmp_path)
    run(init)
    council = tmp_path / "example-council"
    assert {"mkdocs.yml", "settings.yml", "overlay.yml", "Makefile", "README.md"} <= {p.name for p in council.iterdir()}
    assert (council / ".github" / "workflows" / "site.yml").is_file()
    readme = (council / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme
    monkeypatch.chdir(council)
    run(check)  # an empty overlay has nothing to resolve
    overlay = council / "overlay.yml"
    overlay.write_text(overlay.read_text(encoding="utf-8") + guide_overlay(), encoding="utf-8")

    # 2. The placeholder fingerprints fail the check, which names the ones to record.
    failed = run(check, expect=1)
    seen = fingerprints_from_check(failed.stderr)
    assert set(seen) == {"q017", "q103"}, failed.stderr
    text = overlay.read_text(encoding="utf-8")
    for item, fingerprint in seen.items():
        text = set_replaces(text, item, fingerprint)
    overlay.write_text(text, encoding="utf-8")
    run(check)

    # 3. The built site: the council's names, its wording, its own question, and where each came from.
    build_site(council, council / "site", strict=True, pdf=False, offline=False)
    site = council / "site"
    home = page(site, "")
    assert COUNCIL in home.title.get_text()
    q017 = page(site, "questions/q017/")
    assert "how has the Children and Young People Scrutiny Panel used them" in q017.h1.get_text()
    assert q017.select_one(".sp-provenance").get_text() == f"National question q017, reworded for {COUNCIL}."
    q103 = page(site, "questions/q103/")
    assert "placed in bed and breakfast, and for how long" in q103.get_text()
    local = page(site, "questions/example--q1/")
    assert f"How does the {PANEL} hear directly from children" in local.h1.get_text()
    assert f"added by {COUNCIL}" in local.select_one(".sp-provenance").get_text()
    cited = local.select_one(".sp-source a")  # its own source, on the council's own website
    assert cited.get_text() == "Early help strategy (Example Council, 2025), Section 3"
    assert cited["href"] == "https://www.example.gov.uk/early-help-strategy"
    listed = page(site, "sources/").find(id="example--early-help-strategy").find_next("dl")
    terms = dict(zip((dt.get_text() for dt in listed.select("dt")), (dd.get_text() for dd in listed.select("dd"))))
    assert terms["Published by"] == COUNCIL and terms["Cited by"] == "Question example--q1 (Section 3)"
    assert terms["Provenance"] == f"Source example--early-help-strategy, added by {COUNCIL}."
    assert not (site / "questions" / "q101").exists()  # hidden
    pack = page(site, "packs/councillors/")
    metas = {m.get_text(" ", strip=True) for m in pack.select(".sp-pack-q__meta")}
    assert f"Ref. q017 · National question q017, reworded for {COUNCIL}" in metas
    assert any(f"added by {COUNCIL}" in m and "example--q1" in m for m in metas)
    data = json.loads((site / "data" / "questions.json").read_text(encoding="utf-8"))
    assert data["publisher"] == COUNCIL
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["q017"]["provenance"] == f"National question q017, reworded for {COUNCIL}"
    assert by_id["q001"]["provenance"] == "National question q001"
    assert "q101" not in by_id
    assert "provenance" in {code.get_text() for code in page(site, "data/").select("code")}  # and it is documented

    # 4. Upgrade to a made-up next release.
    next_release(council)
    before = overlay.read_text(encoding="utf-8")
    done = run(upgrade)
    assert "1 conflicts" in done.output
    report = (council / "upgrade-report.md").read_text(encoding="utf-8")
    conflicts, affected = report.split("## Items you hid")[0], report.split("## Items you hid")[1]
    assert "### question q017" in conflicts and "q103" not in conflicts  # q103's listen-for point did not change
    assert "how has the {panel} used them" in conflicts  # the council's wording ...
    assert "reported domestic abuse, including coercive control" in conflicts  # ... beside the national one
    assert "- hidden question q101 (overlay.yml line" in affected and ": retired: Retired in this release." in affected
    assert "- reworded question q103" in affected and "split (split into q104, q105)" in affected
    assert "- reworded question q017" in affected and "modified" in affected
    after = overlay.read_text(encoding="utf-8")
    assert "extends: 3.0.0" in after
    assert after.replace("extends: 3.0.0", "extends: 2.0.0") == before  # every local text survives
    resolved = load_checked(council).bank
    assert "how has the Children and Young People Scrutiny Panel used them" in resolved.questions["q017"].text

    # 5. The check fails until the conflict is resolved by recording the national version seen.
    failed = run(check, expect=1)
    assert "q017" in failed.stderr and "q103" not in failed.stderr
    new_fingerprint = re.search(r"set `replaces: ([0-9a-f]{12})`", conflicts).group(1)
    assert fingerprints_from_check(failed.stderr) == {"q017": new_fingerprint}
    overlay.write_text(set_replaces(after, "q017", new_fingerprint), encoding="utf-8")
    assert "nothing to resolve" in run(check).output


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("ours", encoding="utf-8")
    done = CliRunner().invoke(main, ["init", str(tmp_path), "--council", COUNCIL])
    assert done.exit_code == 1
    assert done.stderr.strip() == f"{tmp_path}: not empty; give a new or empty folder (nothing was written)"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_overlay_mistakes_are_one_line_each(tmp_path):
    council = new_council(
        tmp_path,
        "hide:\n  - question: q9999\n    reason: gone\n"
        + "questions:\n  q1:\n    text: A question of our own?\n    areas: [front-door]\n    audiences: [councillors]\n",
    )
    done = CliRunner().invoke(main, ["validate", "--root", str(council)])
    assert done.exit_code == 1
    lines = done.stderr.splitlines()
    assert any(
        re.fullmatch(r"overlay\.yml:\d+: hide\.question: question q9999 is not in national release .*", x)
        for x in lines
    )
    assert any(
        x.startswith("overlay.yml:") and "questions.q1: a local id must start with 'example--'" in x for x in lines
    )
    (council / "overlay.yml").write_text("extends: 2.0.0\nhide:\n  - question: q001\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["validate", "--root", str(council)])
    assert done.exit_code == 1 and "overlay.yml:3: hide[0]: " in done.stderr and "reason" in done.stderr


def test_local_sources_and_publishers_are_checked_like_national_ones(tmp_path):
    council = tmp_path / "c"
    assert CliRunner().invoke(main, ["init", str(council), "--council", COUNCIL]).exit_code == 0
    overlay = council / "overlay.yml"
    start = overlay.read_text(encoding="utf-8")
    good = (
        "publishers:\n  example--council:\n    name: Example Council\n    hosts: [www.example.gov.uk]\n"
        "sources:\n  example--plan:\n    title: Children and young people's plan\n    publisher: example--council\n"
        "    kind: non-statutory-guidance\n    url: https://www.example.gov.uk/plan\n"
        "questions:\n  example--q1:\n    text: What does our plan promise children?\n    areas: [front-door]\n"
        "    audiences: [councillors]\n    source:\n      ref: example--plan\n      locator: Priority 2\n"
    )
    overlay.write_text(start + good, encoding="utf-8")
    result = load_checked(council)
    assert result.ok, [p.format() for p in result.problems]
    source = result.bank.questions["example--q1"].source
    assert (source.document, source.publisher, source.url) == (
        "Children and young people's plan",
        COUNCIL,
        "https://www.example.gov.uk/plan",
    )
    assert result.bank.provenance_of("sources", "example--plan").endswith(f"added by {COUNCIL}")

    mirror = (
        "  example--copy:\n    title: A copy of national guidance\n    publisher: department-for-education\n"
        "    kind: statutory-guidance\n    url: https://www.example.gov.uk/copy\n"
    )
    asked = (
        "  example--q2:\n    text: And what does it deliver?\n    areas: [front-door]\n    audiences: [councillors]\n"
    )
    overlay.write_text(
        start
        + good.replace("publisher: example--council", "publisher: example--counsil").replace(
            "questions:\n", mirror + "questions:\n"
        )
        + asked
        + "    source:\n      ref: example--plans\n      locator: Priority 3\n",
        encoding="utf-8",
    )
    done = CliRunner().invoke(main, ["validate", "--root", str(council)])
    assert done.exit_code == 1 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert any(
        re.fullmatch(
            r"overlay\.yml:\d+: sources\.example--plan\.publisher: unknown publisher 'example--counsil' "
            r"\(did you mean 'example--council'\?; publishers are listed in overlay\.yml's publishers: .*\)",
            x,
        )
        for x in lines
    ), lines
    assert any(
        re.fullmatch(r"overlay\.yml:\d+: questions\.example--q2\.source\.ref: unknown source 'example--plans' .*", x)
        for x in lines
    ), lines
    assert any(
        re.fullmatch(
            r"overlay\.yml:\d+: sources\.example--copy\.url: 'www\.example\.gov\.uk' is not a site of "
            r"Department for Education .*\(link to the publisher's own page.*\)",
            x,
        )
        for x in lines
    ), lines
    assert len(lines) == 4  # three problems and the count


def test_the_national_bank_has_no_provenance_and_no_double_hyphen_ids(bank):
    from scrutiny_packs.site.opendata import question_record

    assert bank.provenance == {}
    assert "provenance" not in question_record(bank, next(iter(bank.questions.values())))
    assert not [
        item for folder in ("questions", "benchmarks", "glossary") for item in getattr(bank, folder) if "--" in item
    ]


def test_hiding_by_tag_and_area_retagging_and_local_benchmarks_and_glossary_entries(tmp_path):
    council = tmp_path / "c"
    assert CliRunner().invoke(main, ["init", str(council), "--council", COUNCIL]).exit_code == 0
    national = load_checked(ROOT).bank
    tagged = {q.id for q in national.questions.values() if "care-leavers" in q.tags}
    in_area = {q.id for q in national.questions.values() if set(q.areas) == {"front-door"}}
    assert tagged and in_area
    (council / "overlay.yml").write_text(
        "extends: 2.0.0\n"
        "hide:\n  - tag: care-leavers\n    reason: covered by our corporate parenting board\n"
        "  - area: front-door\n    reason: our front door questions are our own\n"
        "retag:\n  - question: q017\n    tags: [example-priority]\n"
        "parameters:\n  data_source: the Example Council safeguarding dashboard\n"
        "benchmarks:\n  example--dashboard-used:\n    title: The dashboard is used\n    areas: [domestic-violence]\n"
        "    text: Members read {data_source} before each meeting.\n"
        "glossary:\n  example--dashboard:\n    term: Dashboard\n    explanation: The council's monthly safeguarding figures.\n",
        encoding="utf-8",
    )
    result = load_checked(council)
    assert result.ok, [p.format() for p in result.problems]
    bank = result.bank
    assert not (tagged | in_area) & set(bank.questions)
    assert bank.questions["q017"].tags == ("example-priority",)
    assert bank.provenance_of("questions", "q017") == f"National question q017, retagged for {COUNCIL}"
    assert (
        bank.benchmarks["example--dashboard-used"].text
        == "Members read the Example Council safeguarding dashboard before each meeting."
    )
    assert bank.provenance_of("benchmarks", "example--dashboard-used").endswith(f"added by {COUNCIL}")
    assert bank.provenance_of("glossary", "example--dashboard").endswith(f"added by {COUNCIL}")
    assert bank.settings.organisation == COUNCIL
    assert not [m for m in bank.meetings.values() if m.example]  # the national example meetings are not the council's


def test_the_council_workflow_passes_actionlint(tmp_path):
    from tests.editing.test_workflows import actionlint

    council = tmp_path / "c"
    assert CliRunner().invoke(main, ["init", str(council), "--council", COUNCIL]).exit_code == 0
    linted = actionlint(council / ".github" / "workflows" / "site.yml")
    assert linted.returncode == 0, linted.stdout + linted.stderr
    workflow = (council / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert "run: make test" in workflow and "actions/deploy-pages" in workflow


def test_an_overlay_reference_that_no_longer_resolves_stops_the_upgrade(tmp_path):
    council = new_council(
        tmp_path,
        "hide:\n  - tag: advocacy\n    reason: our advocacy service is reviewed elsewhere\n",
    )
    tagged = next(
        p for p in (ROOT / "content" / "questions").glob("*.yml") if "tags: [advocacy, " in p.read_text("utf-8")
    )
    release = copy_project(council / "national" / "3.0.0")
    _edit(release, tagged.stem, "tags: [advocacy, ", "tags: [")  # the only question with the tag loses it
    _set_release(release, "3.0.0")
    done = CliRunner().invoke(main, ["upgrade", "--root", str(council), "--to", "3.0.0"])
    assert done.exit_code == 1
    assert re.search(
        r"^overlay\.yml:\d+: hide\.tag: tag advocacy is not in national release 3\.0\.0", done.stderr, re.M
    )
    assert "overlay.yml: still extends 2.0.0" in done.stderr
    assert "extends: 2.0.0" in (council / "overlay.yml").read_text(encoding="utf-8")
    report = (council / "upgrade-report.md").read_text(encoding="utf-8")
    assert "## Local references that no longer resolve (1)" in report and "hide.tag: tag advocacy" in report


def test_a_rewording_is_held_to_the_national_items_own_limits(tmp_path):
    """A council's wording gets the checks the national text gets: its length, and (for a benchmark) Markdown
    that would stop or stall the build."""
    nested = "  ".join("- " for _ in range(30)) + "x"
    council = new_council(
        tmp_path,
        "reword:\n"
        + f'  - question: q017\n    text: "{"Why? " * 150}"\n    replaces: "000000000000"\n'
        + f'  - benchmark: allegations-handled-fairly-and-quickly\n    text: "{nested}"\n'
        + '    replaces: "000000000000"\n',
    )
    done = CliRunner().invoke(main, ["validate", "--root", str(council)])
    assert done.exit_code == 1
    lines = [x for x in done.stderr.splitlines() if x.startswith("overlay.yml:")]
    assert any("characters; the national one may have 600 (shorten it)" in x for x in lines)
    assert any("reword.text: lists or quotes nested" in x for x in lines)
    assert "Traceback" not in done.stderr


def test_init_refuses_names_its_settings_could_not_hold(tmp_path):
    done = CliRunner().invoke(main, ["init", str(tmp_path / "c"), "--council", COUNCIL, "--panel", "P" * 200])
    assert done.exit_code == 1
    assert done.stderr.strip() == "--panel: 200 characters; settings.yml allows 160 (shorten it)"
    assert not (tmp_path / "c").exists()


@pytest.mark.site
def test_a_hidden_area_or_audience_vanishes_from_the_councils_site(tmp_path):
    """Hiding a whole area (with the areas under it) or audience leaves no page, link or pack for it."""
    from scrutiny_packs.publish.atomic import build_site

    national = load_checked(ROOT).bank
    hidden = national.area_and_descendants("specific-risk-issues")
    assert len(hidden) > 2
    shared = next(q for q in national.active_questions() if set(q.areas) & hidden and set(q.areas) - hidden)
    about_hidden = [
        p for p, spec in national.packs.items() if spec.selection.areas and set(spec.selection.areas) <= hidden
    ]
    assert about_hidden and "police" in national.audiences

    council = new_council(
        tmp_path,
        "hide:\n  - area: specific-risk-issues\n    reason: the partnership's own risk reviews cover these\n"
        + "  - audience: police\n    reason: our police colleagues use the partnership's packs\n",
    )
    build_site(council, council / "site", strict=True, pdf=False, offline=False)
    site = council / "site"

    def links(url_path: str) -> set[str]:
        return {a["href"] for a in page(site, url_path).select("a[href]")}

    for area in hidden:
        assert not (site / "areas" / area).exists()
    assert not {href for href in links("areas/") if any(f"{area}/" in href for area in hidden)}
    assert not (site / "audiences" / "police").exists() and not (site / "packs" / "police").exists()
    home = page(site, "")
    assert "Police" not in {a.get_text(strip=True) for a in home.select("nav a")}
    packs = links("packs/")
    assert "councillors/" in packs and "police/" not in packs
    for pack_id in about_hidden:
        assert f"{pack_id}/" not in packs and not (site / "packs" / pack_id).exists()
    # A question also in a shown area stays, under that area only.
    question = links(f"questions/{shared.id}/")
    assert not {href for href in question if any(f"areas/{area}/" in href for area in hidden)}
    assert {href for href in question if "areas/" in href and href.rstrip("/").split("/")[-1] in shared.areas}
