"""The site's pack files: made in parallel worker processes, and not made again while unchanged."""

from __future__ import annotations

import dataclasses
import logging
import os

import pytest

from scrutiny_packs.model import PackSpec, Selection
from scrutiny_packs.packs import files as pack_files
from scrutiny_packs.packs.files import Printable, make_pack_files, site_uri
from scrutiny_packs.packs.layout import build_view
from tests.packs_helpers import find_in_order, pdf_pages


def small_views(bank):
    picks = {"a": ("q001", "q002"), "b": ("q017", "q022"), "c": ("q050",)}
    return [
        build_view(bank, PackSpec(pid, f"Pack {pid}", selection=Selection(questions=qs, order="listed")))
        for pid, qs in picks.items()
    ]


@pytest.mark.pdf
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


def _printables_reading(src: str, count: int = 2) -> list[Printable]:
    document = f'<!doctype html><html lang="en"><title>T</title><body><p>Text</p><img src="{src}" alt=""></body></html>'
    return [Printable(f"p{i}", {"pdf": site_uri(f"p{i}", "pdf")}, lambda: document) for i in range(count)]


def test_what_a_pdf_worker_logs_is_logged_by_the_build(tmp_path, caplog):
    # A pack may read only its own assets: WeasyPrint logs an error for any other file, in the worker process.
    with caplog.at_level(logging.WARNING):
        result = make_pack_files(_printables_reading("file:///etc/hostname"), tmp_path, workers=2)
    assert result.made["pdf"] == 2
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING and "/etc/hostname" in r.getMessage()]
    assert len(warned) == 2 and all(r.process != os.getpid() for r in warned)


def test_a_pdf_not_made_in_time_stops_the_job_naming_its_pack(tmp_path, monkeypatch):
    monkeypatch.setattr(pack_files, "PDF_TIMEOUT_SECONDS", 0.001)
    with pytest.raises(pack_files.PackFilesFailed, match=r"The PDF of pack 'p\d' was not made within"):
        make_pack_files(_printables_reading("pack-print.css"), tmp_path, workers=2)
