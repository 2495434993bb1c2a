"""MkDocs glue: load the bank, add its pages as virtual files, sanitise, build packs.

The work is done by the ``scrutiny_packs`` package; this file only connects
it to MkDocs events. Configured in mkdocs.yml under ``hooks:``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

from scrutiny_packs.load import load_bank
from scrutiny_packs.problems import report, warnings
from scrutiny_packs.sanitize import sanitize_html
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from scrutiny_packs.site.nav import build_nav

log = logging.getLogger("mkdocs.hooks.scrutiny_packs")
_state: dict = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    root = Path(config.config_file_path).parent
    result = load_bank(root)
    for problem in warnings(result.problems):
        log.info(problem.format())
    if not result.ok:
        errors = [p for p in result.problems if p.is_error]
        raise Abort(f"{len(errors)} problem(s) in content; nothing was built:\n"
                    + report(errors))
    _state["root"] = root
    _state["bank"] = result.bank
    config.nav = build_nav(result.bank)
    return config


def on_files(files: Files, config) -> Files:
    # Markdown in docs_dir is content too: the bank has loaded and checked it.
    for file in list(files.documentation_pages()):
        files.remove(file)
    edit_base = None
    if config.repo_url and config.edit_uri:
        edit_base = config.repo_url.rstrip("/") + "/" + config.edit_uri.lstrip("/")
    builder = SiteBuilder(_state["bank"], SiteOptions(edit_base=edit_base))
    for page in builder.pages():
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        file.edit_uri = page.edit_path
        files.append(file)
    return files


def on_page_content(html: str, page, config, files) -> str:
    return sanitize_html(html)
