"""Reading packs back the way a user would meet them: PDF text, page images, Word paragraphs."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from PIL import Image

FOOTER = re.compile(r"Page (\d+) of (\d+)")


def squash(text: str) -> str:
    """Text without whitespace or hyphens, so where a PDF breaks a line never matters
    (pdftotext joins 'first-' and 'hand' at a line end into 'firsthand')."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("-", "")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    pages = out.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def find_in_order(text: str, needles: list[str]) -> list[str]:
    """Problems: needles missing, repeated, or out of order in text (whitespace ignored)."""
    hay = squash(text)
    problems, pos = [], 0
    for needle in needles:
        n = squash(needle)
        count = hay.count(n)
        if count != 1:
            problems.append(f"found {count} times: {needle}")
            continue
        at = hay.find(n)
        if at < pos:
            problems.append(f"out of order: {needle}")
        pos = max(pos, at)
    return problems


def page_png(pdf: Path, page: int, out_dir: Path, dpi: int = 60) -> Path:
    prefix = out_dir / f"{pdf.stem}-p{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")


def ink(png: Path) -> float:
    """The share of pixels that are not (nearly) white."""
    image = Image.open(png).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:235])
    return dark / (image.width * image.height)
