"""The build's options, read in one place: from the environment, once per MkDocs run.

Everything else takes a ``BuildOptions`` value; nothing reads or writes the
environment to pass an option along (ruff's banned-API rule, ``make lint``, refuses
``os.environ`` and ``os.getenv`` anywhere else in the package). mkdocs.yml reads one
setting itself, ``SCRUTINY_PACKS_OFFLINE``, with ``!ENV``. Settings (all optional):

- ``SCRUTINY_PACKS_PDF``: ``1`` makes the pack PDFs, ``0`` leaves them out. Unset, a build
  (``mkdocs build``, ``gh-deploy``) makes them and ``mkdocs serve`` does not. Under serve,
  the Word files follow it too: a preview makes neither unless asked.
- ``SCRUTINY_PACKS_OFFLINE_COPY``: ``0`` leaves the offline copy out of a build.
- ``SCRUTINY_PACKS_OFFLINE``: ``true`` makes this build the offline copy itself (mkdocs.yml
  reads it to turn Material's offline plugin on; the main build sets it for its second build).
- ``SCRUTINY_PACKS_PDF_LATER``: ``1`` (set by the main build for the offline copy's own build) makes
  the copy's pages link the pack PDFs, which the main build adds when it finishes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

PDF_ENV = "SCRUTINY_PACKS_PDF"
OFFLINE_COPY_ENV = "SCRUTINY_PACKS_OFFLINE_COPY"
OFFLINE_BUILD_ENV = "SCRUTINY_PACKS_OFFLINE"  # mkdocs.yml: `enabled: !ENV [SCRUTINY_PACKS_OFFLINE, false]`
PDFS_LATER_ENV = "SCRUTINY_PACKS_PDF_LATER"  # =1: link the PDFs, which the main build adds afterwards
MKDOCS_2_NOTICE_ENV = "NO_MKDOCS_2_WARNING"  # MkDocs' own notice about its version 2, not an option of ours

_YES = ("1", "true", "yes", "on")
_NO = ("0", "false", "no", "off")


def _switch(environ: Mapping[str, str], name: str) -> bool | None:
    """True, False, or None when the setting is unset or says neither."""
    value = environ.get(name, "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What one MkDocs run makes, beyond the pages themselves."""

    command: str = "build"  # MkDocs' command: build, gh-deploy or serve
    dirty: bool = False  # `mkdocs serve --dirty`: unchanged pages are not rendered again
    pdf: bool = True  # pack PDFs
    word: bool = True  # pack Word files
    offline_copy: bool = True  # the zipped offline copy (a second build)

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    @classmethod
    def read(
        cls, command: str = "build", dirty: bool = False, environ: Mapping[str, str] | None = None
    ) -> BuildOptions:
        """The options for a run of ``command``, from the environment (``os.environ`` unless given)."""
        environ = os.environ if environ is None else environ
        serving = command == "serve"
        pdf = _switch(environ, PDF_ENV)
        if pdf is None:
            pdf = not serving
        word = pdf if serving else True
        copy = _switch(environ, OFFLINE_COPY_ENV)
        offline_copy = command in ("build", "gh-deploy") and copy is not False
        return cls(command=command, dirty=dirty, pdf=pdf, word=word, offline_copy=offline_copy)

    def but(self, **changes: object) -> BuildOptions:
        """A copy with some options changed, e.g. ``options.but(pdf=False)``."""
        return replace(self, **changes)  # type: ignore[arg-type]


def pdfs_later(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this build is an offline copy whose PDFs the main build adds when it finishes."""
    environ = os.environ if environ is None else environ
    return environ.get(PDFS_LATER_ENV, "").strip() == "1"


def quiet_mkdocs_2_notice() -> None:
    """Leave out MkDocs' notice about its version 2 from this process's builds (unless asked for)."""
    os.environ.setdefault(MKDOCS_2_NOTICE_ENV, "1")


def offline_build_environment(environ: Mapping[str, str] | None = None, pdfs_later: bool = False) -> dict[str, str]:
    """The environment for the offline copy's own build process: the offline plugin on, no pack files.
    With ``pdfs_later`` its pages link the pack PDFs, which the main build adds when it finishes."""
    environ = os.environ if environ is None else environ
    return {
        **environ,
        OFFLINE_BUILD_ENV: "true",
        PDF_ENV: "0",
        OFFLINE_COPY_ENV: "0",
        PDFS_LATER_ENV: "1" if pdfs_later else "0",
        MKDOCS_2_NOTICE_ENV: "1",
    }
