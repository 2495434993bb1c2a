"""The MkDocs hook's work: load the bank, add its pages as files, sanitise, make the pack files.

``hooks/scrutiny_packs_hook.py`` only forwards MkDocs' events to one ``SiteHook``. MkDocs
loads that file once per process, so the hook lives as long as the process: what it keeps
from one build to the next (``mkdocs serve`` rebuilds after every save) is its
``RebuildCache`` and nothing else; everything about one build is in a ``_Build``, made
afresh by ``on_config``.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrutiny_packs.content.load import ReadCache
from scrutiny_packs.model import Bank
from scrutiny_packs.packs import files as pack_files
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.packs.html import site_stylesheets
from scrutiny_packs.problems import Problem, report, warnings
from scrutiny_packs.publish import offline, page_texts, preview, vendor
from scrutiny_packs.publish.options import BuildOptions
from scrutiny_packs.site import links, mypack, opendata, record_form
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from scrutiny_packs.site.nav import build_nav
from scrutiny_packs.site.search_help import search_help
from scrutiny_packs.text.plural import count_of
from scrutiny_packs.text.sanitize import sanitize_html

log = logging.getLogger("mkdocs.hooks.scrutiny_packs")


def _saved_since(root: Path, since_ns: int) -> set[str]:
    """Content files (repository paths) saved after ``since_ns``."""
    found = set()
    base = root / "content"
    for path in base.rglob("*"):
        try:
            if path.stat().st_mtime_ns >= since_ns and path.is_file():
                found.add(path.relative_to(root).as_posix())
        except OSError:
            continue
    return found


SEARCH_HELP_PATH = "assets/javascripts/search-help-data.js"
SEARCH_HELP_SCRIPT_PREFIX = "window.ScrutinyPacksSearchHelp = "
MY_PACK_DATA = "my-pack/ (its bank data)"  # not a file: what the page gets after sanitising, named in errors
WORD_KEYS = "the Word files (their cache keys)"  # not a file either: worked out with the pages, named in errors


@dataclass
class _WordLater:
    """The Word files, listed to MkDocs at once and found in (or added to) the cache in ``on_env``.

    Their cache keys stand for every pack laid out in full, which takes a large bank seconds: the
    page worker works them out after the pages, on its own core, instead of ``on_files`` before them.
    """

    keys: Callable[[], str]  # JSON: each Word file's cache key by where it is published
    printables: Callable[[], list]  # what to make a missing file from
    files: dict[str, Any] = field(default_factory=dict)  # each Word file's File, by where it is published


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


@dataclass
class _Build:
    """One build's state."""

    root: Path
    started: int = field(default_factory=time.time_ns)
    bank: Bank | None = None
    problems: list[Problem] = field(default_factory=list)  # errors shown by the preview instead of pages
    packs: pack_files.PackFilesJob | None = None
    word: _WordLater | None = None  # the Word files, when their cache keys come from the page worker
    offline: offline.OfflineBuild | None = None
    page_sources: bool = False  # generated pages come from PageSources files (quick rebuilds)
    search_help: str = ""  # the script holding the search help's words, written once per build
    vendor: dict[str, Path] = field(default_factory=dict)  # site path: file in node_modules (publish/vendor.py)
    texts: page_texts.PageTexts | None = None  # the generated pages' Markdown, made as MkDocs reads them
    data_files: list[Any] = field(default_factory=list)  # the open data files, made by ``texts`` too
    my_pack_data: Callable[[], str] | None = None  # the My pack page's bank data (a script element)
    sanitiser: ThreadPoolExecutor | None = None  # sanitises each page's HTML alongside MkDocs
    sanitised: list[tuple[Any, Future[str], str]] = field(default_factory=list)  # page, clean HTML, what follows


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
    def on_config(self, config: Any) -> Any:
        from mkdocs.exceptions import Abort

        root = Path(config.config_file_path).parent.resolve()
        opts = self.options
        build = self._build = _Build(root)
        try:
            build.vendor = vendor.files(root)
        except vendor.VendorMissing as missing:
            raise Abort(str(missing)) from None
        cache = self.cache.for_root(root) if opts.serving else None
        # serve: unchanged files are not read again; build: a large bank is read on two cores, as pages are made
        result = load_checked(root, cache=cache.files if cache else None, split=opts.page_worker)
        for problem in warnings(result.problems):
            log.info(problem.format())
        if not result.ok:
            errors = [p for p in result.problems if p.is_error]
            if not opts.serving:
                from mkdocs.exceptions import Abort

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
        build.page_sources = opts.serving and opts.dirty
        # The My pack link's rules, for the header link every page carries (partials/my-pack-link.html).
        config.extra[mypack.EXTRA_KEY] = mypack.link_rules()
        return config

    def on_pre_build(self, config: Any) -> None:
        build = self._require()
        if not self.options.serving:
            return
        shown = self.cache.problems_shown
        if build.problems:
            shown.hide_site(Path(config.site_dir))
        else:
            shown.restore_site(Path(config.site_dir))

    def on_files(self, files: Any, config: Any) -> Any:
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

        def my_pack_data() -> str:  # each question linked from the My pack page as the site serves it
            return mypack.data_script(bank, lambda qid: site.href(links.MY_PACK, links.question(qid)))

        sources = self._page_sources(build, config)
        if sources is None:
            # Every page is listed now and rendered when MkDocs reads it, by a worker process where
            # there is a core for one (publish/page_texts.py): the worker starts before anything else does.
            # My pack's bank data is made straight after its page, and the open data files last.
            pages = list(site.plan())
            data = [page_texts.PlannedData(path, make) for path, make in opendata.data_makers(build.bank)]
            plan: list[page_texts.Planned] = []
            my_pack_at = None
            for page in pages:
                plan.append(page)
                if page.src_uri == links.MY_PACK:
                    my_pack_at = len(plan)
                    plan.append(page_texts.PlannedData(MY_PACK_DATA, my_pack_data))
            first_data = len(plan)
            plan.extend(data)
            word_keys_at = None
            if opts.word:
                word_keys_at = len(plan)
                plan.append(
                    page_texts.PlannedData(WORD_KEYS, lambda: json.dumps(pack_files.docx_keys(site.printables())))
                )
            texts = build.texts = page_texts.page_texts(plan, forked=opts.page_worker)
            if word_keys_at is not None:
                build.word = _WordLater(functools.partial(texts.text, word_keys_at), site.printables)
            if my_pack_at is not None:
                build.my_pack_data = functools.partial(texts.text, my_pack_at)
            planned_file = _planned_file_type()
            for index, planned in enumerate(plan):
                if index in (my_pack_at, word_keys_at):  # not files: asked for in on_page_content and on_env
                    continue
                file = planned_file.generated(config, planned.src_uri, content=b"" if index >= first_data else "")
                file.texts, file.index = texts, index
                if index >= first_data:
                    build.data_files.append(file)
                    files.append(file)
                else:
                    files.append(self._page_file(config, planned, file))
        else:
            build.my_pack_data = my_pack_data
            self._add_quick(build, config, files, site, sources)
        # Packs: the stylesheets, and each pack's PDF and Word file, made in the background
        # (cached by content) while MkDocs converts the pages; on_env waits for them.
        for uri, path in site_stylesheets().items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        cache_dir = build.root / pack_files.CACHE_DIR
        word_now = opts.word and build.word is None  # no page worker's plan to work the Word keys out
        if opts.pdf or word_now:
            build.packs = pack_files.PackFilesJob(site.printables(), cache_dir, pdf=opts.pdf, docx=word_now)
            for made in build.packs.files:
                files.append(File.generated(config, made.src_uri, abs_src_path=str(made.path)))
        if build.word is not None:  # where each file is in the cache is set in on_env
            for uri in pack_files.docx_uris(site.printables()):
                file = File.generated(config, uri, abs_src_path=str(cache_dir / "not-made-yet"))
                build.word.files[uri] = file
                files.append(file)
        if pdf_later:  # an empty stand-in for each PDF, replaced by the main build's before zipping
            for uri in pack_files.pdf_uris(site.printables()):
                files.append(File.generated(config, uri, content=b""))
        return files

    @staticmethod
    def _page_file(config: Any, page: Any, file: Any) -> Any:
        from mkdocs.structure.files import InclusionLevel

        file.inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file.edit_uri = page.edit_path
        return file

    def _add_quick(
        self, build: _Build, config: Any, files: Any, site: SiteBuilder, sources: preview.PageSources
    ) -> None:
        """Pages from source files that change only with their text (``mkdocs serve --dirty``).

        After a save, the pages made from the saved file are rendered at once; other pages the
        save changed (the lists showing a question, the packs, the open data) follow in a
        second build straight after, which ``on_post_build`` asks for.
        """
        from mkdocs.structure.files import File

        shown = self.cache
        catch_up = shown.first_round or shown.pending
        saved = _saved_since(build.root, shown.last_round_started) if not catch_up else set()
        shown.last_round_started = build.started
        pending = False

        def add(uri: str, content: str | bytes | None, depends: bytes = b"", direct: bool = False) -> File | None:
            nonlocal pending
            if content is not None and (catch_up or direct or not sources.changed(uri, content, depends)):
                path = sources.path(uri, content, depends)
            else:
                path = sources.keep(uri)
                if path is None:  # not written before: a new page is rendered at once
                    if content is None:
                        return None
                    path = sources.path(uri, content, depends)
                else:
                    pending = True
            return File.generated(config, uri, abs_src_path=str(path))

        data = opendata.data_files(build.bank) if catch_up else []
        # My pack carries the whole bank as data, added when its page is rendered: it changes with the data.
        bank_digest = preview.site_fingerprint(data[0].content) if data else None
        for page in site.pages():
            if page.src_uri == links.MY_PACK:
                file = add(page.src_uri, page.content if bank_digest is not None else None, bank_digest or b"")
            else:
                file = add(page.src_uri, page.content, direct=page.edit_path in saved)
            if file is not None:
                files.append(self._page_file(config, page, file))
        for uri in (opendata.JSON_PATH, opendata.CSV_PATH):  # open data: the bank as JSON and CSV
            content = next((d.content for d in data if d.path == uri), None)
            file = add(uri, content)
            if file is not None:
                files.append(file)
        sources.forget_unseen()
        shown.first_round = False
        shown.pending = pending
        log.info(
            f"Quick rebuild: {sources.rewritten} generated file(s) changed"
            + ("; the other pages this save changed follow in a second build." if pending else ".")
        )

    def _page_sources(self, build: _Build, config: Any) -> preview.PageSources | None:
        if not build.page_sources:
            return None
        sources = self.cache.pages
        if sources is None:
            sources = self.cache.pages = preview.PageSources(build.root / preview.PAGES_DIR)
        # What every page shows besides its own text; a change renders them all again.
        config_file = Path(config.config_file_path)
        sources.begin(preview.site_fingerprint(config.nav, config.extra_css, config_file.read_bytes()))
        return sources

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        # The page now holds its Markdown. The generated file's copy (the same text with its front
        # matter) is not read again: let it go, or a large bank holds every page twice.
        page.file.content_string = ""
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        # Sanitised on a thread of its own (nh3 lets go of the GIL), while MkDocs converts the next pages.
        # The page holds nothing until on_env puts the clean HTML in, before anything reads it: this
        # event runs after every other plugin's, and a large site would otherwise hold its HTML twice.
        build = self._require()
        if build.sanitiser is None:
            build.sanitiser = ThreadPoolExecutor(1, thread_name_prefix="sanitise")
        cleaned = build.sanitiser.submit(sanitize_html, html)
        build.sanitised.append((page, cleaned, self._after_sanitising(build, page, files)))
        return ""

    @staticmethod
    def _after_sanitising(build: _Build, page: Any, files: Any) -> str:
        """What a page gets after its HTML is sanitised: script elements of our own."""
        if page.file.src_uri == links.MY_PACK and build.my_pack_data is not None:
            # My pack draws packs in the browser: it gets the bank as JSON, added after sanitising (a script
            # element), and the scripts only it needs (the Word file's maker).
            return build.my_pack_data() + mypack.vendor_scripts(
                files.get_file_from_path(uri).url_relative_to(page.file) for uri in build.vendor
            )
        if page.file.src_uri.startswith("meetings/") and build.bank is not None:
            return record_form.meeting_script(build.bank, page.file.src_uri)
        return ""

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        from mkdocs.exceptions import Abort

        build = self._require()
        for page, cleaned, after in build.sanitised:  # every page has been converted: swap in the clean HTML
            page.content = cleaned.result() + after
        build.sanitised.clear()
        if build.sanitiser is not None:
            build.sanitiser.shutdown()
            build.sanitiser = None
        word_keys = None
        if build.texts is not None:  # every page has been read: take the data files, and stop the worker
            for data in build.data_files:
                data.content_bytes  # noqa: B018 - made now, before MkDocs copies it
            if build.word is not None:
                try:
                    word_keys = json.loads(build.word.keys())
                except page_texts.PageTextsFailed as failed:
                    raise Abort(str(failed)) from None
            build.texts.close()
            build.texts = None
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
        word, build.word = build.word, None
        if word is not None:  # its keys came with the pages
            try:
                result = pack_files.PackFilesJob(
                    word.printables(), build.root / pack_files.CACHE_DIR, pdf=False, keys=word_keys
                ).finish()
            except pack_files.PackFilesFailed as failed:
                raise Abort(str(failed)) from None
            log.info(result.summary())
            for made_file in result.files:
                word.files[made_file.src_uri].abs_src_path = str(made_file.path)
        if build.offline is not None:
            error = offline.finish(build.offline, files=made)
            if error:
                raise Abort(error)
        return env

    def on_post_build(self, config: Any) -> None:
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
                preview.merge_search_index(config)
                if self.cache.pending and self.cache.follow_up is not None:
                    self.cache.follow_up.touch()  # `mkdocs serve` sees it and builds the rest

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Watch a folder of our own, so a build can ask for the next one (see ``_add_quick``)."""
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
        if build.texts is not None:
            build.texts.close()
        if build.sanitiser is not None:
            build.sanitiser.shutdown(cancel_futures=True)
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


def _made_when_read(inherited: property) -> property:
    """One of File's content properties, made from the plan the first time it is read; setting it
    (MkDocs does, and so do we) replaces what the plan would have made."""

    def read(file: Any) -> Any:
        file._make()
        return inherited.fget(file)

    def write(file: Any, value: Any) -> None:
        file.texts = None
        inherited.fset(file, value)

    return property(read, write)


@functools.cache
def _planned_file_type() -> type:
    """MkDocs' File for a generated page whose Markdown is made the first time it is read."""
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import File

    class PlannedFile(File):
        texts: page_texts.PageTexts | None = None
        index: int = 0

        def _make(self) -> None:
            if self.texts is not None:
                texts, self.texts = self.texts, None
                try:
                    self._content = texts.text(self.index)
                except page_texts.PageTextsFailed as failed:
                    raise Abort(str(failed)) from None

        content_string = _made_when_read(File.content_string)
        content_bytes = _made_when_read(File.content_bytes)

        def copy_file(self, dirty: bool = False) -> None:
            self._make()  # MkDocs writes a file that is not a page from what it holds
            super().copy_file(dirty)

    return PlannedFile


def find_hook(config: Any) -> SiteHook | None:
    """The SiteHook among a loaded configuration's plugins (hooks are plugins to MkDocs)."""
    for plugin in config.plugins.values():
        hook = getattr(plugin, "HOOK", None)
        if isinstance(hook, SiteHook):
            return hook
    return None
