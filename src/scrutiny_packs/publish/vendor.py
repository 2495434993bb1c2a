"""Scripts from npm packages that the built site ships: found in node_modules, copied into the site.

My pack's "Download Word" makes the .docx in the browser with the ``docx`` package
(pinned in package.json, installed by ``make node-deps``). Its browser bundle is a
classic script that sets ``window.docx``, so it works in the offline copy opened
from disk. The package is not kept in the repository: every build copies it from
node_modules, and a build without it stops with one line saying how to install it.
Only the My pack page loads it (``mypack.vendor_scripts``).
"""

from __future__ import annotations

from pathlib import Path

# Where each file goes in the site: where it is in node_modules.
FILES: dict[str, str] = {
    "assets/javascripts/vendor/docx.js": "docx/dist/index.iife.js",
}
HINT = "run `make node-deps` (npm ci) to install the npm packages in package-lock.json"

# The checkout this package runs from (an editable install): its node_modules serves a project copied elsewhere.
_CHECKOUT = Path(__file__).resolve().parents[3]


class VendorMissing(Exception):
    """A file the site ships from an npm package is not installed; the message is one line."""


def _node_modules(root: Path | None) -> list[Path]:
    folders = ([Path(root).resolve()] if root is not None else []) + [_CHECKOUT]
    return [folder / "node_modules" for folder in dict.fromkeys(folders)]


def files(root: Path | None) -> dict[str, Path]:
    """Each vendor file's site path and the installed file, from the project's node_modules (or, for a
    project copied elsewhere, the one beside this package's sources). Raises ``VendorMissing``."""
    found: dict[str, Path] = {}
    for uri, inside in FILES.items():
        path = next((base / inside for base in _node_modules(root) if (base / inside).is_file()), None)
        if path is None:
            raise VendorMissing(f"node_modules/{inside} is missing, which My pack's Download Word needs: {HINT}.")
        found[uri] = path
    return found
