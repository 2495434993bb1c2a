"""Sources as content: the shipped bank cites every publication by id, on its publisher's own site,
and marking one edition superseded flags everything that cites it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from scrutiny_packs.content.sources import citations, newest, on_hosts
from scrutiny_packs.packs.checks import load_checked

ROOT = Path(__file__).resolve().parents[2]
BEFORE = yaml.safe_load((ROOT / "tests/fixtures/citations-before.yml").read_text(encoding="utf-8"))


_LOADED = []


def _bank():
    if not _LOADED:
        _LOADED.append(load_checked(ROOT))
    result = _LOADED[0]
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    return result


def _editions(bank, sid: str) -> set[str]:
    """The source and every later edition of it."""
    found = {sid}
    while (pub := bank.sources.get(sid)) is not None and pub.superseded_by and pub.superseded_by not in found:
        sid = pub.superseded_by
        found.add(sid)
    return found


def test_no_citation_was_lost_in_the_move_to_sources():
    bank = _bank().bank
    now = {(c.path, ".".join(map(str, c.field))): c.source for c in citations(bank)}
    assert len(now) >= BEFORE["count"] == len(BEFORE["citations"])
    for old in BEFORE["citations"]:
        cited = now.get((old["file"], old["field"]))
        assert cited is not None, old
        assert cited.ref in bank.sources, old
        assert old["ref"] in _editions(bank, old["ref"]) and cited.ref in _editions(bank, old["ref"]) | {cited.ref}, old


def test_every_old_address_became_a_source_or_was_refused_with_a_reason():
    bank = _bank().bank
    for url, fate in BEFORE["urls"].items():
        assert fate["source"] in bank.sources, url
        if "refused" in fate:
            assert fate["refused"].strip(), url
            assert all(url != c.source.url for c in citations(bank)), url


def test_every_citation_in_the_shipped_bank_names_a_source_on_its_publishers_site():
    bank = _bank().bank
    for c in citations(bank):
        assert c.source.ref in bank.sources, (c.path, c.field)
        hosts = bank.publishers[bank.sources[c.source.ref].publisher].hosts
        if c.source.url:
            assert on_hosts(c.source.url, hosts), (c.path, c.source.url)
    for pub in bank.sources.values():
        assert pub.publisher in bank.publishers, pub.id
        if pub.url:
            assert on_hosts(pub.url, bank.publishers[pub.publisher].hosts), pub.id


def test_every_glossary_entry_and_benchmark_has_a_source_that_sets_the_standard():
    bank = _bank().bank
    assert all(t.source and t.source.ref for t in bank.glossary.values()), [
        t.id for t in bank.glossary.values() if not t.source
    ]
    for b in bank.benchmarks.values():
        kinds = {bank.sources[s.ref].kind for s in b.sources if s.ref in bank.sources}
        assert kinds - {"practice-example"}, b.id


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def test_marking_one_source_superseded_flags_every_item_that_cites_it(tmp_path):
    root = _copy(tmp_path)
    bank = _bank().bank
    target = "working-together-2026"
    # Everything citing Working Together, in this edition or one it replaced.
    citing = {(c.folder, c.item) for c in citations(bank) if getattr(newest(bank, c.source.ref), "id", "") == target}
    assert len(citing) >= 20
    (root / "content/sources/working-together-2027.yml").write_text(
        "title: Working together to safeguard children\npublisher: hm-government\nkind: statutory-guidance\n"
        f"edition: '2027'\nsupersedes: {target}\nchecked: 2027-01-01\n"
    )
    path = root / f"content/sources/{target}.yml"
    path.write_text(path.read_text() + "superseded_by: working-together-2027\n")
    result = load_checked(root)
    assert result.ok, [p.format() for p in result.problems if p.is_error]
    warned = [p.format() for p in result.problems if not p.is_error and "working-together-2027" in p.message]
    for folder, item in citing:
        file = f"content/{folder}/{item}.yml"
        assert any(w.startswith(file + ":") for w in warned), file
    assert all("2027" in w for w in warned)


def test_an_address_outside_the_publishers_site_is_refused_with_a_hint(tmp_path):
    root = _copy(tmp_path)
    (root / "content/sources/copied.yml").write_text(
        "title: A guide\npublisher: department-for-education\nkind: non-statutory-guidance\n"
        "url: https://readkong.com/page/a-guide\n"
    )
    result = load_checked(root)
    found = [p.format() for p in result.problems if p.is_error]
    assert found == [
        "content/sources/copied.yml:4: url: 'readkong.com' is not a site of Department for Education "
        "(www.gov.uk, explore-education-statistics.service.gov.uk, consult.education.gov.uk, "
        "support-for-social-workers.education.gov.uk) (link to the publisher's own page; if it cannot be found, "
        "leave 'url' out and cite by title and publisher)"
    ]


def test_an_unknown_source_id_is_refused_naming_the_file_and_line(tmp_path):
    root = _copy(tmp_path)
    path = root / "content/questions/q160.yml"
    text = path.read_text()
    ref = next(line for line in text.splitlines() if line.strip().startswith("ref:"))
    path.write_text(text.replace(ref, "  ref: working-together-1999"))
    found = [p.format() for p in load_checked(root).problems if p.is_error]
    assert len(found) == 1 and found[0].startswith("content/questions/q160.yml:")
    assert "source.ref: unknown source 'working-together-1999'" in found[0]


def test_whats_changed_lists_each_new_edition_with_the_citations_it_flags(tmp_path):
    from scrutiny_packs.site.changes import all_changes

    bank = _bank().bank
    editions = {c.item: c for c in all_changes(bank) if c.kind == "new-edition"}
    assert "working-together-2026" in editions and "kcsie-2025" in editions
    # The shipped bank has been checked against the 2026 edition, so nothing of it waits for review.
    assert "replaces the 2023 edition" in editions["working-together-2026"].detail
    assert "flagged" not in editions["working-together-2026"].detail
    # Put two questions back on the 2023 edition: the entry counts them.
    root = _copy(tmp_path)
    for qid in ("q160", "q161"):
        path = root / f"content/questions/{qid}.yml"
        path.write_text(path.read_text().replace("ref: working-together-2026", "ref: working-together-2023"))
    editions = {c.item: c for c in all_changes(load_checked(root).bank) if c.kind == "new-edition"}
    assert "2 citations of it flagged for review" in editions["working-together-2026"].detail
