"""The files of a new council's repository (``scrutiny-packs init``): its own ``mkdocs.yml``, settings, an
empty overlay, the README's two commands, a Makefile, a CI workflow and the npm packages the site ships
(``package.json``: docx's browser bundle for My pack's Download Word, at the national release's versions).

The council's ``mkdocs.yml`` is the national one with the council's names and its own folders: the same
theme features, scripts and hook, so the site looks and works the same. The hook file is the national one
as it is; the theme's overrides and the bank itself come from the installed package (``content.national``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from scrutiny_packs.content import national

TEMPLATES = {
    "settings.yml": "settings.yml.j2",
    "overlay.yml": "overlay.yml.j2",
    "Makefile": "Makefile.j2",
    "requirements.txt": "requirements.txt.j2",
    "README.md": "README.md.j2",
    ".github/workflows/site.yml": "workflow.yml.j2",
    ".gitignore": "gitignore.j2",
}
HOOK = "hooks/scrutiny_packs_hook.py"
KEEP = ("pages/.gitkeep", "overrides/.gitkeep")  # MkDocs needs docs_dir; overrides/ is the council's own


@dataclass(frozen=True)
class Council:
    name: str
    panel: str
    partnership: str

    @property
    def id_prefix(self) -> str:
        words = re.findall(r"[a-z0-9]+", self.name.lower())
        first = next((w for w in words if w[0].isalpha()), "local")
        return first[:20] if len(first) > 1 else "local"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mkdocs_yml(national_yml: str, council: Council) -> str:
    """The national mkdocs.yml, made the council's."""
    replacements = {
        r"^site_name: .*$": f"site_name: {_yaml_string(council.name + ': safeguarding scrutiny questions')}",
        r"^copyright: .*$": "copyright: "
        + _yaml_string(f"{council.name}. Built on the Scrutiny Packs national bank: its text and data CC BY 4.0."),
        r"^docs_dir: .*$": "docs_dir: pages  # empty: every page comes from the national bank and overlay.yml",
        r"^(repo_url|repo_name|edit_uri): .*\n": "",
        r"^watch:\n  - content$": "watch:\n  - overlay.yml\n  - settings.yml",
    }
    text = national_yml
    for pattern, replacement in replacements.items():
        text = re.sub(pattern, replacement, text, flags=re.M)
    header = (
        f"# {council.name}'s site: the national Scrutiny Packs bank with this repository's overlay.yml.\n"
        "# The theme's overrides and the bank come with the installed scrutiny-packs; overrides/ here is yours.\n"
    )
    return header + re.sub(r"\A(#.*\n)+", "", text)


def package_json(national_package: str, council: Council) -> str:
    """The npm packages the council's site needs, at the versions of the national release: the national
    package.json's dependencies (not its development tools)."""
    found = json.loads(national_package)
    kept = {
        "name": f"{council.id_prefix}-scrutiny-site",
        "private": True,
        "description": "npm packages the site needs: docx's browser bundle for My pack's Download Word, minified "
        "with terser, at the versions of the national release. `make node-deps` installs them.",
        **{key: found[key] for key in ("dependencies", "engines", "overrides") if key in found},
    }
    return json.dumps(kept, indent=2, ensure_ascii=False) + "\n"


def files(council: Council) -> dict[str, str]:
    """Each file of the new repository, by path, with its text."""
    root = national.installed_root()
    if root is None:
        raise FileNotFoundError("the installed scrutiny-packs carries no national bank")
    release = national.release_of(root)
    national_yml = (root / "mkdocs.yml").read_text(encoding="utf-8")
    repo_url = re.search(r"^repo_url: (\S+)", national_yml, re.M)
    repo = repo_url.group(1) if repo_url else "https://github.com/scrutiny-packs/scrutiny-packs"
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files("scrutiny_packs").joinpath("templates", "council", name).read_text("utf-8")
        ),
        keep_trailing_newline=True,
        autoescape=False,  # YAML, Markdown and Makefiles, not HTML
        undefined=jinja2.StrictUndefined,
    )
    values = {
        "council": council.name,
        "panel": council.panel,
        "partnership": council.partnership,
        "id_prefix": council.id_prefix,
        "release": release,
        "repo_url": repo,
        "schema_base": repo.replace("https://github.com/", "https://raw.githubusercontent.com/")
        + f"/v{release}/src/scrutiny_packs/schemas",
    }
    out = {path: env.get_template(name).render(**values) for path, name in TEMPLATES.items()}
    out["mkdocs.yml"] = mkdocs_yml(national_yml, council)
    out[HOOK] = (root / HOOK).read_text(encoding="utf-8")
    out["package.json"] = package_json((root / "package.json").read_text(encoding="utf-8"), council)
    out.update({path: "" for path in KEEP})
    return out


def write(target: Path, council: Council) -> list[str]:
    """Write the repository into ``target`` (which must be empty or absent); the paths written."""
    made = files(council)
    for path, text in made.items():
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    return sorted(made)
