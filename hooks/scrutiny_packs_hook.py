"""MkDocs glue: load the bank, add its pages as virtual files, sanitise, build packs.

The work is done by the ``scrutiny_packs`` package; this file only connects
it to MkDocs events. Configured in mkdocs.yml under ``hooks:``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from scrutiny_packs.packs import files as pack_files
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.packs.html import site_stylesheets
from scrutiny_packs.problems import report, warnings
from scrutiny_packs.publish import offline
from scrutiny_packs.site import links, mypack, opendata
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from scrutiny_packs.site.nav import build_nav
from scrutiny_packs.site.search_help import search_help
from scrutiny_packs.text.sanitize import sanitize_html

log = logging.getLogger("mkdocs.hooks.scrutiny_packs")
_state: dict = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).parent
    result = load_checked(root, reuse=_state.get("command") == "serve")  # serve: unchanged files are not read again
    for problem in warnings(result.problems):
        log.info(problem.format())
    if not result.ok:
        errors = [p for p in result.problems if p.is_error]
        raise Abort(f"{len(errors)} problem(s) in content; nothing was built:\n"
                    + report(errors))
    _state["root"] = root
    _state["bank"] = result.bank
    config.nav = build_nav(result.bank)
    config.extra["sp_search_help"] = search_help(result.bank, config.repo_url)  # see overrides/main.html
    # Pack PDFs: made by `mkdocs build`, left out of `mkdocs serve` unless SCRUTINY_PACKS_PDF=1.
    _state["pack_pdf"] = pack_files.pdf_wanted(_state.get("command"))
    for uri in site_stylesheets():
        if uri not in config.extra_css:
            config.extra_css.append(uri)
    return config


def on_files(files: Files, config) -> Files:
    # Markdown in docs_dir is content too: the bank has loaded and checked it.
    for file in list(files.documentation_pages()):
        files.remove(file)
    edit_base = None
    if config.repo_url and config.edit_uri:
        edit_base = config.repo_url.rstrip("/") + "/" + config.edit_uri.lstrip("/")
    # A built site (not `mkdocs serve`) also offers an offline copy, built alongside.
    offline_zip = None
    if _state.get("command") in ("build", "gh-deploy") and not offline.is_offline_build(config) \
            and offline.copy_wanted():
        job = _state["offline"] = offline.start(Path(config.config_file_path), strict=config.strict)
        files.append(File.generated(config, offline.ZIP_PATH, abs_src_path=str(job.zip_path)))
        offline_zip = offline.ZIP_PATH
    builder = SiteBuilder(_state["bank"], SiteOptions(edit_base=edit_base, offline_zip=offline_zip,
                                                      pack_pdf=_state["pack_pdf"]))
    for page in builder.pages():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        file.edit_uri = page.edit_path
        files.append(file)
    # Open data: the bank as JSON and CSV, beside its documentation page.
    for data in opendata.data_files(_state["bank"]):
        files.append(File.generated(config, data.path, content=data.content))
    # Packs: the stylesheets, and each pack's PDF and Word file, made in the background
    # (cached by content) while MkDocs converts the pages; on_env waits for them.
    for uri, path in site_stylesheets().items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    packs = _state["packs"] = pack_files.PackFilesJob(builder.pack_views.values(),
                                                       _state["root"] / pack_files.CACHE_DIR, pdf=_state["pack_pdf"])
    for made in packs.files:
        files.append(File.generated(config, made.src_uri, abs_src_path=str(made.path)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The page now holds its Markdown. The generated file's copy (the same text with its front
    # matter) is not read again: let it go, or a large bank holds every page twice.
    page.file.content_string = ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    html = sanitize_html(html)
    if page.file.src_uri == links.MY_PACK:
        # My pack draws packs in the browser: it gets the bank as JSON, added after sanitising (a script element).
        html += mypack.data_script(_state["bank"], lambda qid: files.get_file_from_path(
            links.question(qid)).url_relative_to(page.file))
    return html


def on_env(env, config, files):
    # Pack files and the offline copy must be ready before MkDocs copies files into the site.
    packs = _state.pop("packs", None)
    if packs is not None:
        try:
            log.info(packs.finish().summary())
        except pack_files.PackFilesFailed as failed:
            raise Abort(str(failed)) from None
    job = _state.get("offline")
    if job is not None:
        error = offline.finish(job)
        if error:
            raise Abort(error)
    return env


def on_post_build(config) -> None:
    job = _state.pop("offline", None)
    if job is not None:
        offline.cleanup(job)


def on_build_error(error) -> None:
    packs = _state.pop("packs", None)
    if packs is not None:
        packs.cancel()
    job = _state.pop("offline", None)
    if job is not None:
        offline.cleanup(job)
