"""What `mkdocs serve` needs beyond a build: quick rebuilds, and content problems shown in the browser.

Quick rebuilds (``mkdocs serve --dirty``, as ``make serve`` runs it): MkDocs renders
again only the pages whose source file is newer than the page it wrote. Generated
pages have no source file, so ``PageSources`` gives each one: a file under
``.cache/pages/`` rewritten only when the page's text (or anything every page shows,
such as the navigation) changes, so its time changes with its content and no sooner.

Problems in the browser: when content has errors, the preview does not stop.
``ProblemsShown`` puts the previous site aside, and every address then answers
with one page listing the problems; the next good save puts the site back.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache

from scrutiny_packs.problems import Problem, sort_problems

if TYPE_CHECKING:
    pass

PAGES_DIR = ".cache/pages"  # under the project root; not published, not committed


def _digest(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


class PageSources:
    """A source file per generated page, whose modified time changes only with what it shows."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._written: dict[str, bytes] = {}  # src_uri -> digest of what its file was last written for
        self.rewritten = 0  # files written by the last round (for the log and the tests)
        self.fingerprint = b""
        self._seen: set[str] = set()

    def begin(self, fingerprint: bytes) -> None:
        """Start a round. ``fingerprint``: what every page shows besides its own text (the
        navigation, the configuration); when it changes, every file is written again."""
        self.rewritten = 0
        self.fingerprint = fingerprint
        self._seen = set()

    def path(self, src_uri: str, content: str | bytes, depends: bytes = b"") -> Path:
        """The file holding ``content`` for ``src_uri``; rewritten (new time) only when content or
        ``depends`` (whatever else shapes the page) changed since it was last written."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        key = _digest(data, self.fingerprint, depends)
        target = self.folder / src_uri
        self._seen.add(src_uri)
        if self._written.get(src_uri) == key and target.is_file():
            return target
        self._write(target, data)
        self._written[src_uri] = key
        self.rewritten += 1
        return target

    def _write(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.new")
        temporary.write_bytes(data)
        os.replace(temporary, target)

    def changed(self, src_uri: str, content: str | bytes, depends: bytes = b"") -> bool:
        """Whether ``path`` would write the file anew (the page changed since it was last written)."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        return self._written.get(src_uri) != _digest(data, self.fingerprint, depends)

    def keep(self, src_uri: str) -> Path | None:
        """The file as last written, left as it is for now (its page follows in a later round)."""
        target = self.folder / src_uri
        if src_uri not in self._written or not target.is_file():
            return None
        self._seen.add(src_uri)
        return target

    def forget_unseen(self) -> None:
        """Drop what the last round no longer made (a removed question's page)."""
        for uri in [u for u in self._written if u not in self._seen]:
            del self._written[uri]
            try:
                (self.folder / uri).unlink()
            except OSError:
                pass


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory between rebuilds: MkDocs makes a new
    Jinja environment for every build, which would otherwise compile them all again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def site_fingerprint(*parts: Any) -> bytes:
    """A digest of what every page shows besides its own text: a change renders every page again."""
    return _digest(*(repr(p).encode("utf-8") for p in parts))


# -- content problems, shown in the browser -----------------------------------------------------

_STYLE = """
body { font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; color: #8a1c1c; }
p { margin: 0 0 1rem; }
ol { padding-left: 1.5rem; }
li { margin: 0 0 0.75rem; }
code { font: 0.95em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f4f4f4; padding: 0.1em 0.25em;
       overflow-wrap: anywhere; white-space: pre-wrap; }
.where { font-weight: 700; }
.status { border-left: 0.3rem solid #8a1c1c; padding: 0.5rem 0.75rem; background: #fdf3f3; }
"""

# Waits for the preview's next build, then loads the page again: MkDocs' live-reload
# address answers once a build newer than the one given has finished.
_SCRIPT = """
(function () {
  var epoch = %d;
  function wait() {
    fetch("/livereload/" + epoch + "/0", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (text) {
        if (parseInt(text, 10) > epoch) { location.reload(); } else { wait(); }
      })
      .catch(function () { setTimeout(wait, 2000); });
  }
  wait();
})();
"""


def problems_page(problems: Iterable[Problem], epoch: int) -> str:
    """The page every address shows while content has errors. ``epoch``: MkDocs' live-reload time
    (milliseconds of the monotonic clock) at which this page was written."""
    found = sort_problems(problems)
    items = []
    for p in found:
        where = p.path if p.line is None else f"{p.path}:{p.line}"
        rest = p.format()[len(where) + 2 :]
        items.append(f'<li><code><span class="where">{html.escape(where)}</span>: {html.escape(rest)}</code></li>')
    count = f"{len(found)} problem" + ("" if len(found) == 1 else "s")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content has {count} - Scrutiny Packs preview</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>The content has {count}</h1>
<p class="status" role="status">The preview shows this page in place of every page until the problems are fixed.
Each line names the file and line, the field, what is wrong and, in brackets, how to fix it.
Save the file again after fixing it and this page goes back to the site by itself.</p>
<ol>
{chr(10).join(items)}
</ol>
</main>
<script>{_SCRIPT % epoch}</script>
</body>
</html>
"""


class ProblemsShown:
    """Puts the built preview aside while content has errors, and back once it is fixed.

    While it is aside the site folder holds only the theme's files and the problems page as
    ``404.html``, which MkDocs' preview server sends for every address it does not find.
    """

    def __init__(self) -> None:
        self.parked: Path | None = None
        self.showing = False

    def hide_site(self, site_dir: Path) -> None:
        site_dir = Path(site_dir)
        if self.parked is None and site_dir.is_dir() and any(site_dir.iterdir()):
            self.parked = site_dir.with_name(site_dir.name + "-kept-while-content-has-problems")
            shutil.rmtree(self.parked, ignore_errors=True)
            os.replace(site_dir, self.parked)
        elif site_dir.exists():
            shutil.rmtree(site_dir, ignore_errors=True)
        site_dir.mkdir(parents=True, exist_ok=True)
        self.showing = True

    def show_problems(self, site_dir: Path, problems: Iterable[Problem], epoch: int) -> None:
        page = problems_page(problems, epoch)
        (Path(site_dir) / "404.html").write_text(page, encoding="utf-8")
        (Path(site_dir) / "index.html").write_text(page, encoding="utf-8")

    def restore_site(self, site_dir: Path) -> None:
        """Before a good build: the previous site back in place, so a quick rebuild renders only what changed."""
        site_dir = Path(site_dir)
        if self.showing:
            shutil.rmtree(site_dir, ignore_errors=True)
            if self.parked is not None and self.parked.is_dir():
                os.replace(self.parked, site_dir)
            else:
                site_dir.mkdir(parents=True, exist_ok=True)
        self.parked = None
        self.showing = False

    def discard(self) -> None:
        if self.parked is not None:
            shutil.rmtree(self.parked, ignore_errors=True)
            self.parked = None
