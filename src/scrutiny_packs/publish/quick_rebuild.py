"""``mkdocs serve --dirty``: the generated files as source files that change only with their text.

After a save, the pages made from the saved file are rendered at once; other pages the save changed
(the lists showing a question, the packs, the open data) follow in a second build straight after,
which the hook asks for in ``on_post_build`` (``RebuildCache.pending``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_packs.content.load import ReadCache
from scrutiny_packs.publish import preview
from scrutiny_packs.publish.page_source import SourceFile
from scrutiny_packs.site import links, opendata

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.scrutiny_packs")


@dataclass
class RebuildCache:
    """Everything kept from one build to the next in one process, for one project root."""

    root: Path | None = None
    files: ReadCache = field(default_factory=ReadCache)  # content files read, by path and stamp
    pages: preview.PageSources | None = None  # generated pages' source files (quick rebuilds)
    problems_shown: preview.ProblemsShown = field(default_factory=preview.ProblemsShown)
    templates: preview.TemplateCache = field(default_factory=preview.TemplateCache)  # the theme's, compiled
    first_round: bool = True  # no quick rebuild yet: every page is rendered
    pending: bool = False  # pages changed by the last save wait for the next build
    last_round_started: int = 0  # time.time_ns() when the last build began
    follow_up: Path | None = None  # a file in a folder `mkdocs serve` watches: touching it asks for a build

    def for_root(self, root: Path) -> RebuildCache:
        """This cache, emptied first if it was filled for another project."""
        if self.root != root:
            self.problems_shown.discard()
            self.root, self.files, self.pages = root, ReadCache(), None
            self.problems_shown = preview.ProblemsShown()
            self.first_round, self.pending, self.last_round_started = True, False, 0
        return self


def _saved_since(root: Path, since_ns: int) -> set[str]:
    """Content files (repository paths) saved after ``since_ns``."""
    found = set()
    for path in (root / "content").rglob("*"):
        try:
            if path.stat().st_mtime_ns >= since_ns and path.is_file():
                found.add(path.relative_to(root).as_posix())
        except OSError:
            continue
    return found


def quick_files(
    cache: RebuildCache, config: MkDocsConfig, root: Path, started: int, sources: Iterable[SourceFile]
) -> list[tuple[SourceFile, File]]:
    """Each source with its generated file, backed by a source file under ``preview.PAGES_DIR``; a source
    not written before and not made this round (My pack, the open data, between catch-ups) is left out."""
    from mkdocs.structure.files import File

    pages = cache.pages
    if pages is None:
        pages = cache.pages = preview.PageSources(root / preview.PAGES_DIR)
    # What every page shows besides its own text; a change renders them all again.
    pages.begin(preview.site_fingerprint(config.nav, config.extra_css, Path(config.config_file_path).read_bytes()))
    catch_up = cache.first_round or cache.pending
    saved = _saved_since(root, cache.last_round_started) if not catch_up else set()
    cache.last_round_started = started
    pending = False

    def add(uri: str, content: str | bytes | None, depends: bytes = b"", direct: bool = False) -> File | None:
        nonlocal pending
        assert pages is not None
        if content is not None and (catch_up or direct or not pages.changed(uri, content, depends)):
            path = pages.path(uri, content, depends)
        elif kept := pages.keep(uri):
            path, pending = kept, True
        elif content is not None:  # not written before: a new page is rendered at once
            path = pages.path(uri, content, depends)
        else:
            return None
        return File.generated(config, uri, abs_src_path=str(path))

    listed = list(sources)
    # The open data, made only when catching up; My pack carries the whole bank as data, so changes with it.
    data = {s.src_uri: s.render() for s in listed if s.data} if catch_up else {}
    bank_digest = preview.site_fingerprint(data[opendata.JSON_PATH]) if data else None
    files: list[tuple[SourceFile, File]] = []
    for source in listed:
        if source.data:
            file = add(source.src_uri, data.get(source.src_uri))
        elif source.src_uri == links.MY_PACK:
            file = add(source.src_uri, source.render() if bank_digest is not None else None, bank_digest or b"")
        else:
            file = add(source.src_uri, source.render(), direct=source.edit_path in saved)
        if file is not None:
            files.append((source, file))
    pages.forget_unseen()
    cache.first_round = False
    cache.pending = pending
    log.info(
        f"Quick rebuild: {pages.rewritten} generated file(s) changed"
        + ("; the other pages this save changed follow in a second build." if pending else ".")
    )
    return files
