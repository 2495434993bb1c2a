"""Every place the build relies on MkDocs' or Material's private behaviour, and the versions it was written for.

- ``LazyFile``: a generated file whose text is made the first time MkDocs reads it. It leans on how
  MkDocs 1.6's ``File`` keeps a generated file's content (``_content``, read by ``copy_file``); once
  written into the site, a file is backed by what was written (``abs_src_path``), as a file a plugin
  writes into the site is, rather than holding its content (tens of megabytes for a large bank's data).
- ``merge_search_index``: Material's search plugin keeps the previous index between quick rebuilds
  in ``search_index_prev``; the preview merges it itself.

Neither is a documented interface, so ``check_versions`` stops the build, in one line, on any other
release line than the ones below: look over this module, then widen the line.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

# Distribution name: the release line this module was written for.
EXPECTED = {"mkdocs": "1.6", "mkdocs-material": "9.8"}

Render = Callable[[], str | bytes]


def version_problem(installed: Callable[[str], str] | None = None) -> str | None:
    """One line naming each distribution installed at another release line than ``EXPECTED``, or None.

    ``installed`` gives a distribution's version (``importlib.metadata.version`` unless given).
    """
    wrong = []
    for name, line in EXPECTED.items():
        try:
            found = (installed or version)(name)
        except PackageNotFoundError:
            found = "not installed"
        if found.split(".")[:2] != line.split("."):
            wrong.append(f"{name} {found} (expected {line}.x)")
    if not wrong:
        return None
    return (
        "Scrutiny Packs' build uses private parts of MkDocs and Material written for other versions than "
        f"installed: {', '.join(wrong)}; install the locked versions (make .venv/.installed-site), or review "
        "src/scrutiny_packs/publish/mkdocs_internals.py and update EXPECTED"
    )


def lazy_file(config: MkDocsConfig, src_uri: str, render: Render, data: bool = False) -> File:
    """A generated file (a page, or with ``data`` a file copied as it is) made by ``render`` when first read.

    ``render`` may raise ``page_source.PageFailed``: the build then stops with its one line.
    """
    file = _lazy_file_type().generated(config, src_uri, content=b"" if data else "")
    file.render = render  # type: ignore[attr-defined]
    return file


_LAZY: type[File] | None = None


def _lazy_file_type() -> type[File]:
    global _LAZY
    if _LAZY is None:
        _LAZY = _make_lazy_file_type()
    return _LAZY


def _make_lazy_file_type() -> type[File]:
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import File

    from scrutiny_packs.publish.page_source import PageFailed

    def made_when_read(inherited: Any) -> Any:
        """One of File's content properties, made by ``render`` the first time it is read; setting it
        (MkDocs does, and so does the hook) replaces what ``render`` would have made."""

        def read(file: Any) -> Any:
            file.make()
            return inherited.fget(file) if inherited.fget else None

        def write(file: Any, value: Any) -> None:
            file.render = None
            if inherited.fset:
                inherited.fset(file, value)

        return property(read, write)

    class LazyFile(File):
        render: Render | None = None

        def make(self) -> None:
            if self.render is not None:
                render, self.render = self.render, None
                try:
                    self._content = render()
                except PageFailed as failed:
                    raise Abort(str(failed)) from None

        content_string = made_when_read(File.content_string)
        content_bytes = made_when_read(File.content_bytes)

        def copy_file(self, dirty: bool = False) -> None:
            self.make()  # MkDocs writes a file that is not a page from what it holds
            super().copy_file(dirty)
            if self._content is not None:  # written: read from the site from now on, not held to the build's end
                self._content = None
                self.abs_src_path = self.abs_dest_path

    return LazyFile


def merge_search_index(config: MkDocsConfig) -> None:
    """Keep the whole site in the preview's search index after a quick rebuild.

    Material's search plugin keeps the previous index across quick rebuilds but merges in
    the entries of one rebuilt page only; a save that changes several pages (a question and
    the lists showing it) would leave the others twice. Merge them all here, before it writes.
    """
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    previous = getattr(plugin, "search_index_prev", None)
    index = getattr(plugin, "search_index", None)
    if previous is None or index is None or not hasattr(index, "entries"):
        return
    rebuilt = {entry["location"].split("#")[0] for entry in index.entries}
    kept = [e for e in previous.entries if e["location"].split("#")[0] not in rebuilt]
    index.entries = kept + index.entries
    plugin.search_index_prev = None  # type: ignore[union-attr]  # merged: the plugin keeps it for next time
