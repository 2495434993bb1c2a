"""The site's pack files: made in parallel worker processes, and not made again while unchanged."""

from __future__ import annotations

import dataclasses

from scrutiny_packs.model import PackSpec, Selection
from scrutiny_packs.packs.files import docx_keys, lazy_pack, make_pack_files, site_uri
from scrutiny_packs.packs.layout import build_view
from tests.packs_helpers import find_in_order, pdf_pages


def small_views(bank):
    picks = {"a": ("q001", "q002"), "b": ("q017", "q022"), "c": ("q050",)}
    return [
        build_view(bank, PackSpec(pid, f"Pack {pid}", selection=Selection(questions=qs, order="listed")))
        for pid, qs in picks.items()
    ]


def test_files_are_made_in_parallel_then_reused(bank, tmp_path):
    views = small_views(bank)
    first = make_pack_files(views, tmp_path, workers=2)
    assert first.made == {"pdf": 3, "docx": 3} and first.cached == 0
    assert sorted(f.src_uri for f in first.files) == sorted(site_uri(v.id, k) for v in views for k in ("pdf", "docx"))
    for f in first.files:
        assert f.path.is_file() and f.path.parent == tmp_path
        if f.kind == "pdf":
            view = next(v for v in views if v.id == f.pack_id)
            assert find_in_order("\n".join(pdf_pages(f.path)), [f"{q.number}. {q.text}" for q in view.questions]) == []

    again = make_pack_files(views, tmp_path, workers=2)
    assert again.made == {"pdf": 0, "docx": 0} and again.cached == 6
    assert [f.path for f in again.files] == [f.path for f in first.files]

    changed = [dataclasses.replace(views[0], title="Pack a, revised")] + views[1:]
    third = make_pack_files(changed, tmp_path, workers=2)
    assert third.made == {"pdf": 1, "docx": 1} and third.cached == 4


def test_previews_make_word_files_only(bank, tmp_path):
    result = make_pack_files(small_views(bank), tmp_path, pdf=False)
    assert {f.kind for f in result.files} == {"docx"}
    assert not list(tmp_path.glob("*.pdf"))


def test_a_job_without_pdfs_keeps_the_cached_pdfs_another_build_uses(bank, tmp_path):
    import os
    import time

    old_pdf = tmp_path / "other-0123456789abcdef0123.pdf"
    old_pdf.write_bytes(b"%PDF-1.7")
    hours_ago = time.time() - 7200
    os.utime(old_pdf, (hours_ago, hours_ago))
    make_pack_files(small_views(bank), tmp_path, pdf=False)
    assert old_pdf.is_file()  # the offline copy, which makes no PDFs, must not forget the main build's


def test_word_keys_worked_out_elsewhere_find_the_same_files_without_laying_out_a_pack(bank, tmp_path):
    # The build works the keys out in its page worker and hands them over: the cached files must be the
    # very ones this process would have found, and with every key given no pack is laid out again.
    views = small_views(bank)
    first = make_pack_files(views, tmp_path, pdf=False)
    keys = docx_keys(views)
    assert sorted(keys) == sorted(site_uri(v.id, "docx") for v in views)
    laid_out = []

    def lazily(view):
        return lazy_pack(view.id, lambda: laid_out.append(view.id) or view)

    again = make_pack_files([lazily(v) for v in views], tmp_path, pdf=False, keys=keys)
    assert again.cached == 3 and again.made["docx"] == 0
    assert [f.path for f in again.files] == [f.path for f in first.files]
    assert laid_out == []
    # A pack whose key is not given is laid out, and a changed pack gets a key of its own.
    changed = dataclasses.replace(views[0], title="Pack a, revised")
    assert docx_keys([changed])[site_uri("a", "docx")] != keys[site_uri("a", "docx")]
    third = make_pack_files(
        [lazily(changed)] + [lazily(v) for v in views[1:]],
        tmp_path,
        pdf=False,
        keys={k: v for k, v in keys.items() if k != site_uri("a", "docx")},
    )
    assert third.made["docx"] == 1 and laid_out.count("a") >= 1 and "b" not in laid_out
