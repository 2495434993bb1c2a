"""Build the site with MkDocs into a temporary folder, then move it into place.

A failed build leaves the previous site exactly as it was: nothing is ever
half-published.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path


class BuildFailed(Exception):
    pass


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(root: Path, site_dir: Path, strict: bool = True, pdf: bool = True) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # pdf=False holds for this build only: later builds in the same process make PDFs again.
    pdf_setting = os.environ.get("SCRUTINY_PACKS_PDF")
    if not pdf:
        os.environ["SCRUTINY_PACKS_PDF"] = "0"
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"Build failed; {site_dir.name}/ is unchanged.\n{exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logger.removeHandler(collector)
        if pdf_setting is None:
            os.environ.pop("SCRUTINY_PACKS_PDF", None)
        else:
            os.environ["SCRUTINY_PACKS_PDF"] = pdf_setting
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-old-", dir=site_dir.parent))
        os.replace(site_dir, old / "site")
    os.replace(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
