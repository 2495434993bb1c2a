"""Scripts from npm packages that the built site ships: found in node_modules, copied into the site.

My pack's "Download Word" makes the .docx in the browser with the ``docx`` package
(pinned in package.json, installed by ``make node-deps``). Its browser bundle is a
classic script that sets ``window.docx``, so it works in the offline copy opened
from disk. The package is not kept in the repository: every build copies it from
node_modules, and a build without it stops with one line saying how to install it.
Only the My pack page loads it, and only when Download Word is pressed (``mypack.vendor_scripts``).

The package ships no minified bundle, so the site's copy is minified with terser (pinned in
package.json beside it) the first time a build needs it, and kept in node_modules/.cache, named by
what it was made from, so later builds copy it straight away.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# Where each file goes in the site: where it is in node_modules.
FILES: dict[str, str] = {
    "assets/javascripts/vendor/docx.js": "docx/dist/index.iife.js",
}
# The files shipped minified, with the line kept at their top (their licence's notice).
MINIFIED: dict[str, str] = {
    "assets/javascripts/vendor/docx.js": (
        "/*! docx (MIT licence), https://github.com/dolanmiu/docx, minified with terser */"
    ),
}
TERSER = "terser/bin/terser"
HINT = "run `make node-deps` (npm ci) to install the npm packages in package-lock.json"

# The checkout this package runs from (an editable install): its node_modules serves a project copied elsewhere.
_CHECKOUT = Path(__file__).resolve().parents[3]
# A wheel's own copy, already minified (setup.py puts it there when the wheel is built): a council's site uses it.
_PACKAGED = Path(__file__).resolve().parents[1] / "national" / "vendor"


class VendorMissing(Exception):
    """A file the site ships from an npm package is not installed; the message is one line."""


def _node_modules(root: Path | None) -> list[Path]:
    folders = ([Path(root).resolve()] if root is not None else []) + [_CHECKOUT]
    return [folder / "node_modules" for folder in dict.fromkeys(folders)]


def files(root: Path | None) -> dict[str, Path]:
    """Each vendor file's site path and the installed file, from the project's node_modules (or, for a
    project copied elsewhere, the one beside this package's sources, or the copy a wheel carries).
    Raises ``VendorMissing``."""
    found: dict[str, Path] = {}
    for uri, inside in FILES.items():
        path = next((base / inside for base in _node_modules(root) if (base / inside).is_file()), None)
        if path is None and (_PACKAGED / uri).is_file():
            found[uri] = _PACKAGED / uri
            continue
        if path is None:
            raise VendorMissing(f"node_modules/{inside} is missing, which My pack's Download Word needs: {HINT}.")
        found[uri] = _minified(path, MINIFIED[uri]) if uri in MINIFIED else path
    return found


def _minified(source: Path, preamble: str) -> Path:
    """The minified copy of ``source`` in node_modules/.cache, made now if no build has made it yet."""
    node_modules = next(p for p in source.parents if p.name == "node_modules")
    terser = node_modules / TERSER
    node = shutil.which("node")
    if node is None or not terser.is_file():
        raise VendorMissing(f"node_modules/{TERSER} or Node.js is missing, which minifies {source.name}: {HINT}.")
    key = hashlib.sha256(
        source.read_bytes() + (node_modules / "terser" / "package.json").read_bytes() + preamble.encode()
    )
    target = node_modules / ".cache" / "scrutiny-packs" / f"{source.parent.parent.name}-{key.hexdigest()[:16]}.min.js"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=target.parent, suffix=".js")
    os.close(fd)
    command = [node, str(terser), str(source), "--compress", "--mangle", "--comments", "some"]
    try:
        done = subprocess.run([*command, "--output", scratch], capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not Path(scratch).stat().st_size:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise VendorMissing(f"terser could not minify {source}: {last} ({HINT})")
        Path(scratch).write_text(f"{preamble}\n{Path(scratch).read_text(encoding='utf-8')}", encoding="utf-8")
        os.replace(scratch, target)
    finally:
        Path(scratch).unlink(missing_ok=True)
    return target
