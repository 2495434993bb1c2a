"""Export the generated site as plain Markdown files, so any engine can build it.

Writes ``docs/`` (every page the hook would add, the My pack page with its
bank data) and an ``mkdocs.yml`` with the same theme, overrides and nav
shape but no hook. MkDocs, ProperDocs and Zensical read that one file:
the overrides in ``overrides/`` render under all of them.

What the hook adds beyond the pages (PDF and Word packs, the offline copy)
is not in the export, whatever the engine; the scripts copied from npm
packages (``publish/vendor.py``, My pack's Download Word) are. What the pinned Zensical leaves
out of this configuration is named by :func:`zensical_gaps`, and
``scrutiny-packs export-markdown`` prints it in one line.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scrutiny_packs.model import Bank
from scrutiny_packs.packs.html import site_stylesheets
from scrutiny_packs.publish import vendor
from scrutiny_packs.publish.page_source import site_sources
from scrutiny_packs.site import links, mypack, plan, record_form
from scrutiny_packs.site.generate import SiteBuilder, SiteOptions
from scrutiny_packs.site.nav import build_nav

# The Zensical release the tests build this export with (pyproject.toml's "engines" extra).
ZENSICAL_VERSION = "0.0.73"
# Plugins that Zensical reads from mkdocs.yml; any other is skipped by it.
ZENSICAL_PLUGINS = frozenset(
    {
        "search",
        "offline",
        "privacy",
        "social",
        "tags",
        "blog",
        "rss",
        "meta",
        "exclude",
        "redirects",
        "minify",
        "llmstxt",
        "autorefs",
        "mkdocstrings",
        "literate-nav",
        "awesome-nav",
        "glightbox",
        "macros",
    }
)
# Theme features that link to a page's source file: the exported files are not the repository's
# content files (a question is content/questions/q001.yml), so the link would lead nowhere.
SOURCE_LINK_FEATURES = ("content.action.edit", "content.action.view")


@dataclass(frozen=True, slots=True)
class Exported:
    pages: int
    config: dict = field(repr=False)  # the exported mkdocs.yml
    hooks: bool = False  # the project's mkdocs.yml has hooks, which the export leaves out

    @property
    def zensical_gaps(self) -> list[str]:
        return zensical_gaps(self.config, self.hooks)


def export_markdown(bank: Bank, out_dir: Path, root: Path | None = None) -> Exported:
    """Raises ``vendor.VendorMissing`` (one line) when the npm packages are not installed."""
    out_dir = Path(out_dir)
    shipped = vendor.files(root)  # before anything is written
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    project = _project_config(root)
    # Pack PDF and Word files are made by the hook's build only: exported pack pages say so.
    options = SiteOptions(downloads=False, edit_base=_edit_base(project))
    count = 0
    for source in site_sources(SiteBuilder(bank, options), bank):  # the pages, and the open data files they link
        target = docs / source.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        made = source.render()
        if isinstance(made, bytes):
            target.write_bytes(made)
            continue
        if source.src_uri == links.MY_PACK:
            # The hook names the Word file's maker after sanitising; here it is a raw HTML block.
            made = made.rstrip("\n") + "\n\n" + _my_pack_scripts(shipped) + "\n"
        elif source.src_uri == links.PLAN:  # Plan a meeting makes Word files as My pack does
            made = made.rstrip("\n") + "\n\n" + _my_pack_scripts(shipped, links.PLAN) + "\n"
        elif record := record_form.meeting_script(bank, source.src_uri):  # the same, for a meeting's Record answers
            made = made.rstrip("\n") + "\n\n" + record + "\n"
        target.write_text(made, encoding="utf-8")
        count += 1
    # Plan a meeting's data and My pack's, which the hook makes as scripts of their own.
    here = links.url_path(links.PLAN) or "."
    (docs / plan.DATA_PATH).parent.mkdir(parents=True, exist_ok=True)
    (docs / plan.DATA_PATH).write_text(
        plan.data_js(bank, lambda qid: posixpath.relpath(links.url_path(links.question(qid)), here) + "/"),
        encoding="utf-8",
    )
    (docs / mypack.DATA_PATH).parent.mkdir(parents=True, exist_ok=True)
    (docs / mypack.DATA_PATH).write_text(_my_pack_data(bank), encoding="utf-8")
    # The packs' stylesheets and the scripts from npm packages, which the hook adds.
    for uri, path in [*site_stylesheets().items(), *shipped.items()]:
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    config = _plain_config(bank, project, root)
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return Exported(count, config, hooks=bool(project.get("hooks")))


def _project_config(root: Path | None) -> dict:
    if root is None or not (root / "mkdocs.yml").is_file():
        return {}
    # MkDocs' own loader, so tags such as !ENV read as MkDocs would read them.
    from mkdocs.utils.yaml import get_yaml_loader

    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=get_yaml_loader()) or {}


def _edit_base(config: dict) -> str | None:
    """Where "Suggest a change" links start, as the hook works it out from repo_url and edit_uri."""
    if config.get("repo_url") and config.get("edit_uri"):
        return str(config["repo_url"]).rstrip("/") + "/" + str(config["edit_uri"]).lstrip("/")
    return None


def _my_pack_data(bank: Bank) -> str:
    """The My pack page's bank data, linking each question from that page as the built site serves it."""
    here = links.url_path(links.MY_PACK) or "."
    return mypack.data_file(bank, lambda qid: posixpath.relpath(links.url_path(links.question(qid)), here) + "/")


def _my_pack_scripts(shipped: dict[str, Path], page: str = links.MY_PACK) -> str:
    """The scripts only the My pack page (or Plan a meeting) loads, linked from it as the built site serves it."""
    here = links.url_path(page) or "."
    return mypack.vendor_scripts(posixpath.relpath(uri, here) for uri in shipped)


def _plain_config(bank: Bank, project: dict, root: Path | None) -> dict:
    """The project's mkdocs.yml without the hook, pointing at the exported pages."""
    config = dict(project)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["nav"] = build_nav(bank)
    config["extra_css"] = list(config.get("extra_css") or []) + list(site_stylesheets())
    # What the hook adds to `extra`: the My pack link's rules, read by every page's "Add to my pack".
    config["extra"] = {**(config.get("extra") or {}), mypack.EXTRA_KEY: mypack.link_rules()}
    theme = config.get("theme")
    if isinstance(theme, dict):
        theme = config["theme"] = dict(theme)
        if theme.get("custom_dir") and root is not None:
            theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
        if theme.get("features"):
            theme["features"] = [f for f in theme["features"] if f not in SOURCE_LINK_FEATURES]
        # Zensical's own look is "modern"; "classic" is Material's, which our stylesheets are
        # written against. MkDocs and ProperDocs with Material ignore the setting.
        theme.setdefault("variant", "classic")
    return config


def zensical_gaps(config: dict, hooks: bool = False) -> list[str]:
    """What Zensical leaves out when it builds an exported site with this configuration."""
    gaps = []
    if hooks:
        gaps.append("the MkDocs hook (PDF and Word packs, the offline copy: use the MkDocs build for those)")
    plugins = config.get("plugins") or []
    names = [next(iter(p)) if isinstance(p, dict) else str(p) for p in plugins]
    gaps += [f"the {name} plugin" for name in names if name not in ZENSICAL_PLUGINS]
    validation = config.get("validation")
    if isinstance(validation, dict):
        unread = ["validation.nav"] if validation.get("nav") else []
        if isinstance(validation.get("links"), dict) and "unrecognized_links" in validation["links"]:
            unread.append("validation.links.unrecognized_links")
        if unread:
            gaps.append(" and ".join(unread) + " (it checks only that links and anchors resolve)")
    return gaps


def gaps_line(exported: Exported) -> str:
    gaps = exported.zensical_gaps
    if not gaps:
        return f"Zensical {ZENSICAL_VERSION}: builds this export with nothing left out."
    return f"Zensical {ZENSICAL_VERSION} builds this export without: " + "; ".join(gaps) + "."
