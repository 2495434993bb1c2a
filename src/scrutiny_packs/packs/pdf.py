"""A pack as a tagged A4 PDF (PDF/UA-1), made by WeasyPrint from the standalone HTML document.

The document carries its own print stylesheet (``assets/pack-print.css``):
page size, cover, numbering, footer and page breaks are all CSS. Tagging
comes from the HTML structure; the title from the document's <title>.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PDF_VARIANT = "pdf/ua-1"


def render_pdf(document_html: str, base_url: str | Path | None = None) -> bytes:
    """PDF bytes for a standalone pack document (see ``html.render_document``).

    WeasyPrint may read the pack's own assets (the folder of its stylesheet) and nothing
    else: no file elsewhere on this machine and nothing from the network, whatever the
    document names.
    """
    from weasyprint import HTML  # imported late: it is slow to import and serve does not need it

    base = str(base_url) if base_url is not None else str(Path.cwd())
    return HTML(string=document_html, base_url=base, url_fetcher=_assets_only()).write_pdf(pdf_variant=PDF_VARIANT)


def _assets_only():
    """A WeasyPrint URL fetcher that serves only files inside the package's assets folder."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    from scrutiny_packs.packs.html import asset_path

    assets = asset_path("").resolve()

    class AssetsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" and not parts.netloc else None
            if path is None or not path.is_relative_to(assets) or not path.is_file():
                raise ValueError(f"a pack reads only its own assets, not {url[:80]}")
            return super().fetch(url, headers)

    return AssetsOnly(allowed_protocols=("file",))


def write_pdf(document_html: str, target: Path, base_url: str | Path | None = None) -> Path:
    """Write the PDF atomically: a reader never sees half a file."""
    data = render_pdf(document_html, base_url)
    write_atomically(target, data)
    return target


def usual_mode(folder: bool = False) -> int:
    """The mode a file (or folder) made the ordinary way gets under the process's umask: 644 (755)
    under umask 022. Temporary files and folders are made 600 (700) whatever the umask; what is
    published from them is given this mode, so a web server running as another user can read it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that a reader never sees half a file; the file gets the usual mode."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, usual_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
