"""The one list of files the bank gives a site: every generated page, then the open data files.

Each is listed with how to make it, and made only when asked. A build hands each to MkDocs as a file
made when MkDocs reads it (``mkdocs_internals.lazy_file``), so a large bank's pages are never all
held at once; the preview's quick rebuilds write each to a source file (``quick_rebuild``); the
Markdown export writes each into its ``docs/`` (``export``). All three list the same files.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scrutiny_packs.model import Bank
from scrutiny_packs.site import opendata
from scrutiny_packs.site.generate import SiteBuilder


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A page (``render`` makes its Markdown) or, with ``data``, a file published as it is (its bytes)."""

    src_uri: str
    render: Callable[[], str | bytes]
    edit_path: str | None = None  # repository path of the content file behind a page
    in_nav: bool = True
    data: bool = False

    def make(self) -> str | bytes:
        """What ``render`` makes; raises ``PageFailed`` saying, in one line, which file failed and why."""
        try:
            return self.render()
        except Exception as error:  # reported in one line, and the build stops with it
            last = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{os.path.basename(last.filename)}:{last.lineno}"
            raise PageFailed(
                f"making {self.src_uri} failed: {type(error).__name__}: {error} (at {where})".replace("\n", " ")
            ) from error


class PageFailed(Exception):
    """A generated file could not be made: one line saying which and why."""


def site_sources(site: SiteBuilder, bank: Bank) -> Iterator[SourceFile]:
    """Every page in the order ``SiteBuilder.plan`` lists them, then each open data file; none made yet."""
    for page in site.plan():
        yield SourceFile(page.src_uri, page.render, page.edit_path, page.in_nav)
    for path, make in opendata.data_makers(bank):
        yield SourceFile(path, make, data=True)
