"""The MkDocs hook's work: load the bank, add its pages as files, sanitise, make the pack files.

``hooks/scrutiny_packs_hook.py`` only forwards MkDocs' events to one ``SiteHook``. MkDocs
loads that file once per process, so the hook lives as long as the process: what it keeps
from one build to the next (``mkdocs serve`` rebuilds after every save) is its
``RebuildCache`` and nothing else; everything about one build is in a ``_Build``, made
afresh by ``on_config``.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_packs.model import Bank
from scrutiny_packs.packs import files as pack_files
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.packs.html import site_stylesheets
from scrutiny_packs.problems import Problem, report, warnings
from scrutiny_packs.publish import council, mkdocs_internals, offline, page_source, preview, quick_rebuild, vendor
from scrutiny_packs.publish.options import BuildOptions
from scrutiny_packs.publish.page_source import SourceFile
from scrutiny_packs.publish.quick_rebuild import RebuildCache
from scrutiny_packs.publish.sanitising import PageSanitiser
from scrutiny_packs.site import links, mypack, plan, record_form
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from scrutiny_packs.site.nav import build_nav
from scrutiny_packs.site.search_help import search_help
from scrutiny_packs.text.plural import count_of

if TYPE_CHECKING:  # MkDocs' own types, for checking; the hook imports MkDocs itself only when MkDocs runs it
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.scrutiny_packs")

SEARCH_HELP_PATH = "assets/javascripts/search-help-data.js"
SEARCH_HELP_SCRIPT_PREFIX = "window.ScrutinyPacksSearchHelp = "


@dataclass
class _Build:
    """One build's state."""

    root: Path
    started: int = field(default_factory=time.time_ns)
    bank: Bank | None = None
    problems: list[Problem] = field(default_factory=list)  # errors shown by the preview instead of pages
    packs: pack_files.PackFilesJob | None = None
    offline: offline.OfflineBuild | None = None
    search_help: str = ""  # the script holding the search help's words, written once per build
    vendor: dict[str, Path] = field(default_factory=dict)  # site path: file in node_modules (publish/vendor.py)
    sanitiser: PageSanitiser = field(default_factory=PageSanitiser)  # each page's HTML, alongside MkDocs


class SiteHook:
    def __init__(self) -> None:
        self.options = BuildOptions()
        self.cache = RebuildCache()
        self._build: _Build | None = None

    # -- options -------------------------------------------------------------------------------
    def on_startup(self, command: str, dirty: bool) -> None:
        self.options = BuildOptions.read(command, dirty)

    def use_options(self, options: BuildOptions) -> None:
        """Set this run's options directly (the atomic build does, after MkDocs' on_startup)."""
        self.options = options

    # -- events -----------------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from mkdocs.exceptions import Abort

        if wrong_versions := mkdocs_internals.version_problem():
            raise Abort(wrong_versions)
        root = Path(config.config_file_path).parent.resolve()
        opts = self.options
        build = self._build = _Build(root)
        try:
            build.vendor = vendor.files(root)
        except vendor.VendorMissing as missing:
            raise Abort(str(missing)) from None
        cache = self.cache.for_root(root) if opts.serving else None
        result = load_checked(root, cache=cache.files if cache else None)  # serve: unchanged files are not read again
        for problem in warnings(result.problems):
            log.info(problem.format())
        if not result.ok:
            errors = [p for p in result.problems if p.is_error]
            if not opts.serving:
                raise Abort(f"{count_of(len(errors), 'problem')} in content; nothing was built:\n" + report(errors))
            # The preview goes on, showing the problems in place of every page.
            log.error(
                f"{count_of(len(errors), 'problem')} in content; the preview shows them in place of every page:\n"
                + report(errors)
            )
            build.problems = errors
            config.nav = []
            return config
        build.bank = result.bank
        if result.national is not None:  # a council's site: the national theme's overrides, under its own
            council.use_national_theme(config)
        config.nav = build_nav(result.bank)
        # The search help's words, one script for the whole site (overrides/main.html loads it).
        build.search_help = (
            SEARCH_HELP_SCRIPT_PREFIX
            + json.dumps(search_help(result.bank, config.repo_url), ensure_ascii=False)
            + ";\n"
        )
        config.extra["sp_search_help"] = SEARCH_HELP_PATH
        for uri in site_stylesheets():
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        # The My pack link's rules, for the header link every page carries (partials/my-pack-link.html).
        config.extra[mypack.EXTRA_KEY] = mypack.link_rules()
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        build = self._require()
        if not self.options.serving:
            return
        shown = self.cache.problems_shown
        if build.problems:
            shown.hide_site(Path(config.site_dir))
        else:
            shown.restore_site(Path(config.site_dir))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        from mkdocs.structure.files import File

        build = self._require()
        if build.search_help:
            files.append(File.generated(config, SEARCH_HELP_PATH, content=build.search_help))
        for uri, path in build.vendor.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        # Markdown in docs_dir is content too: the bank has loaded and checked it.
        for file in list(files.documentation_pages()):
            files.remove(file)
        if build.bank is None:  # content has errors (preview only): no pages at all
            return files
        opts = self.options
        edit_base = None
        if config.repo_url and config.edit_uri:
            edit_base = config.repo_url.rstrip("/") + "/" + config.edit_uri.lstrip("/")
        # A built site (not `mkdocs serve`) also offers an offline copy, built alongside.
        offline_zip = None
        # An offline copy links the PDFs the main build makes and adds to it (publish/offline.py).
        pdf_later = offline.pdfs_later() and not opts.pdf
        if opts.offline_copy and not offline.is_offline_build(config):
            build.offline = offline.start(Path(config.config_file_path), strict=config.strict, pdfs=opts.pdf)
            files.append(File.generated(config, offline.ZIP_PATH, abs_src_path=str(build.offline.zip_path)))
            offline_zip = offline.ZIP_PATH
        site = SiteBuilder(
            build.bank,
            SiteOptions(
                edit_base=edit_base,
                offline_zip=offline_zip,
                directory_urls=bool(config.use_directory_urls),
                pack_pdf=opts.pdf or pdf_later,
                pack_word=opts.word,
            ),
        )
        bank = build.bank

        def my_pack_data() -> bytes:  # each question linked from the My pack page (the one page loading it)
            return mypack.data_file(bank, lambda qid: site.href(links.MY_PACK, links.question(qid))).encode()

        def plan_data() -> bytes:  # each question linked as the site serves it
            return plan.data_js(bank, lambda qid: site.href(links.PLAN, links.question(qid))).encode()

        # The My pack page's data, a script of its own (main.html loads it on that page only), and Plan a
        # meeting's (site/plan.py): each made when copied, and not held once written.
        files.append(mkdocs_internals.lazy_file(config, mypack.DATA_PATH, my_pack_data, data=True))
        files.append(mkdocs_internals.lazy_file(config, plan.DATA_PATH, plan_data, data=True))
        sources = page_source.site_sources(site, bank)
        if opts.serving and opts.dirty:  # quick rebuilds: each file backed by a source file of its own
            made = quick_rebuild.quick_files(self.cache, config, build.root, build.started, sources)
        else:  # each file made when MkDocs reads it, so a large bank's pages are never all held at once
            made = [(s, mkdocs_internals.lazy_file(config, s.src_uri, s.make, data=s.data)) for s in sources]
        for source, file in made:
            files.append(file if source.data else self._page_file(source, file))
        # Packs: the stylesheets, and each pack's PDF and Word file, made in the background
        # (cached by content) while MkDocs converts the pages; on_env waits for them.
        for uri, path in site_stylesheets().items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        if opts.pdf or opts.word:
            cache_dir = build.root / pack_files.CACHE_DIR
            build.packs = pack_files.PackFilesJob(site.printables(), cache_dir, pdf=opts.pdf, docx=opts.word)
            for pack_file in build.packs.files:
                files.append(File.generated(config, pack_file.src_uri, abs_src_path=str(pack_file.path)))
        if pdf_later:  # an empty stand-in for each PDF, replaced by the main build's before zipping
            for uri in pack_files.pdf_uris(site.printables()):
                files.append(File.generated(config, uri, content=b""))
        return files

    @staticmethod
    def _page_file(source: SourceFile, file: File) -> File:
        from mkdocs.structure.files import InclusionLevel

        file.inclusion = InclusionLevel.UNDEFINED if source.in_nav else InclusionLevel.NOT_IN_NAV
        file.edit_uri = source.edit_path
        return file

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The page now holds its Markdown. The generated file's copy (the same text with its front
        # matter) is not read again: let it go, or a large bank holds every page twice.
        page.file.content_string = ""
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # This event runs after every other plugin's: what is published is what was sanitised (publish/sanitising.py).
        build = self._require()
        build.sanitiser.submit(page, html, self._after_sanitising(build, page, files))
        return ""

    @staticmethod
    def _after_sanitising(build: _Build, page: Page, files: Files) -> str:
        """What a page gets after its HTML is sanitised: script elements of our own."""
        if page.file.src_uri in (links.MY_PACK, links.PLAN) and build.bank is not None:
            # My pack and Plan a meeting draw packs in the browser (their data and scripts: overrides/main.html);
            # the Word file's maker is named here, after sanitising (script elements), loaded when Download Word
            # is pressed. on_files added each vendor file.
            vendored = [files.get_file_from_path(uri) for uri in build.vendor]
            return mypack.vendor_scripts(f.url_relative_to(page.file) for f in vendored if f is not None)
        if page.file.src_uri.startswith("meetings/") and build.bank is not None:
            return record_form.meeting_script(build.bank, page.file.src_uri)
        return ""

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        from mkdocs.exceptions import Abort

        build = self._require()
        build.sanitiser.swap_in()  # every page has been converted
        if self.options.serving:
            env.bytecode_cache = self.cache.templates  # the theme's templates, compiled once per process
        # Pack files and the offline copy must be ready before MkDocs copies files into the site.
        packs, build.packs = build.packs, None
        made: dict[str, Path] = {}
        if packs is not None:
            try:
                result = packs.finish()
            except pack_files.PackFilesFailed as failed:
                raise Abort(str(failed)) from None
            log.info(result.summary())
            made = {f.src_uri: f.path for f in result.files if f.kind == "pdf"}
        if build.offline is not None:
            error = offline.finish(build.offline, files=made)
            if error:
                raise Abort(error)
        return env

    def on_post_build(self, config: MkDocsConfig) -> None:
        build = self._require()
        if build.offline is not None:
            offline.cleanup(build.offline)
            build.offline = None
        if self.options.serving:
            if build.problems:
                # MkDocs' live-reload time: this page waits for the next build after it.
                self.cache.problems_shown.show_problems(
                    Path(config.site_dir), build.problems, round(time.monotonic() * 1000)
                )
            elif self.options.dirty:
                mkdocs_internals.merge_search_index(config)
                if self.cache.pending and self.cache.follow_up is not None:
                    self.cache.follow_up.touch()  # `mkdocs serve` sees it and builds the rest

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        """Watch a folder of our own, so a build can ask for the next one (``quick_rebuild``)."""
        if self.options.dirty:
            folder = Path(config.config_file_path).parent.resolve() / preview.PAGES_DIR / ".follow-up"
            folder.mkdir(parents=True, exist_ok=True)
            self.cache.follow_up = folder / "build"
            server.watch(str(folder))
        return server

    def on_build_error(self, error: BaseException) -> None:
        build, self._build = self._build, None
        if build is None:
            return
        build.sanitiser.cancel()
        if build.packs is not None:
            build.packs.cancel()
        if build.offline is not None:
            offline.cleanup(build.offline)

    def on_shutdown(self) -> None:
        self.cache.problems_shown.discard()

    def _require(self) -> _Build:
        if self._build is None:  # pragma: no cover - MkDocs always calls on_config first
            raise RuntimeError("the Scrutiny Packs hook got an event before on_config")
        return self._build


def find_hook(config: MkDocsConfig) -> SiteHook | None:
    """The SiteHook among a loaded configuration's plugins (hooks are plugins to MkDocs)."""
    for plugin in config.plugins.values():
        hook = getattr(plugin, "HOOK", None)
        if isinstance(hook, SiteHook):
            return hook
    return None
