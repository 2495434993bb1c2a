"""Write a pack to a file, in the format its name ends with: .pdf, .docx, .html or .md."""

from __future__ import annotations

from pathlib import Path

from scrutiny_packs.packs.docx import render_docx
from scrutiny_packs.packs.html import render_document, stylesheet_path
from scrutiny_packs.packs.layout import PackView
from scrutiny_packs.packs.md import render_markdown
from scrutiny_packs.packs.pdf import render_pdf, write_atomically


def render(view: PackView, suffix: str) -> bytes:
    suffix = suffix.lower()
    if suffix == ".pdf":
        return render_pdf(render_document(view), stylesheet_path().parent)
    if suffix == ".docx":
        return render_docx(view)
    if suffix == ".html":
        return render_document(view).encode("utf-8")
    if suffix == ".md":
        return render_markdown(view).encode("utf-8")
    raise ValueError(f"no writer for {suffix!r} files")


def write_pack(view: PackView, target: Path) -> Path:
    """Write the pack; the file appears whole or not at all."""
    write_atomically(target, render(view, target.suffix))
    return target
