"""Rule 5: ids and file names are safe slugs, and content cannot make the build read or write outside
the repository: links (symlinks) are refused, and paths written in content are only ever shown.
"""

from __future__ import annotations

import os
import posixpath
import sys
import tempfile
from pathlib import Path

import pytest

from scrutiny_packs.ids import is_id
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.site.generate import SiteBuilder
from tests.conftest import ROOT

SECRET = "sp-secret-outside-the-repository"
QUESTION = (
    'text: "How do {we} know?"\nareas: [workforce]\naudiences: [councillors]\n'
    f'notes: "{SECRET}"\nsource:\n  document: "outside"\n'
)
PAGE = f"---\ntitle: Outside\n---\n\n{SECRET}\n"


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder next to the project, holding valid content that must never be read."""
    folder = tmp_path / "outside"
    (folder / "pages").mkdir(parents=True)
    (folder / "q900.yml").write_text(QUESTION, encoding="utf-8")
    (folder / "q901.yml").write_text(QUESTION, encoding="utf-8")
    (folder / "pages" / "outside.md").write_text(PAGE, encoding="utf-8")
    (folder / "settings.yml").write_text('organisation: "Outside"\n', encoding="utf-8")
    return folder


def _errors(result) -> list[str]:
    return [p.format() for p in result.problems if p.is_error]


@pytest.mark.parametrize("good", ["q001", "front-door", "a", "9", "a" * 64])
def test_safe_ids_are_accepted(good):
    assert is_id(good)


@pytest.mark.parametrize(
    "bad",
    [
        "../etc/passwd",
        "..",
        "a/b",
        "a\\b",
        "Q001",
        "q001.",
        "-q",
        "q 1",
        "é",
        "a" * 65,
        "q001\n",
        "%2e%2e",
        "~root",
        "con:",
        "",
    ],
)
def test_unsafe_ids_are_refused(bad):
    assert not is_id(bad)


def test_a_linked_content_file_is_refused_not_read(project, outside):
    (project / "content" / "questions" / "q900.yml").symlink_to(outside / "q900.yml")
    (project / "content" / "pages" / "outside.md").symlink_to(outside / "pages" / "outside.md")
    result = load_checked(project)
    errors = _errors(result)
    assert "content/questions/q900.yml: not a regular file (content folders hold files only; remove it)" in errors
    assert any(e.startswith("content/pages/outside.md: not a regular file") for e in errors)
    assert "q900" not in result.bank.questions and "outside" not in result.bank.pages


@pytest.mark.parametrize("folder", ["questions", "pages"])
def test_a_linked_content_folder_is_refused_not_read(project, outside, folder):
    target = project / "content" / folder
    for entry in target.iterdir():
        entry.unlink()
    target.rmdir()
    target.symlink_to(outside / ("pages" if folder == "pages" else ""), target_is_directory=True)
    result = load_checked(project)
    assert (
        f"content/{folder}: is a link, not a real file or folder (content must be real files and folders "
        "inside the repository; replace the link)" in _errors(result)
    )
    assert not any(SECRET in q.notes for q in result.bank.questions.values())
    assert "outside" not in result.bank.pages


def test_a_linked_content_root_or_settings_file_is_refused(project, outside, tmp_path):
    settings = project / "content" / "settings.yml"
    settings.unlink()
    settings.symlink_to(outside / "settings.yml")
    assert any(e.startswith("content/settings.yml: is a link") for e in _errors(load_checked(project)))

    moved = tmp_path / "elsewhere"
    (project / "content").rename(moved)
    (project / "content").symlink_to(moved, target_is_directory=True)
    result = load_checked(project)
    assert [e.split(":")[0:2] for e in _errors(result)] == [
        [
            "content",
            " is a link, not a real file or folder (content must be real files and folders inside the repository; replace the link)",
        ]
    ]
    assert result.bank.questions == {}


def test_generated_pages_stay_inside_the_site(bank):
    for page in SiteBuilder(bank).pages():
        src = page.src_uri
        assert posixpath.normpath(src) == src and not src.startswith(("/", "../")) and "\\" not in src, src
        if page.edit_path:
            assert page.edit_path.startswith("content/") and ".." not in page.edit_path.split("/")


# -- the whole build, watched: nothing outside the repository is opened, listed or written ----------

_events: list[tuple[str, str, str]] = []
_watching = False
_WATCHED = {
    "open",
    "os.listdir",
    "os.scandir",
    "os.mkdir",
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.symlink",
    "os.link",
    "os.truncate",
    "os.chmod",
    "shutil.copyfile",
    "shutil.rmtree",
    "shutil.move",
}


def _audit(event: str, args: tuple) -> None:
    if not _watching or event not in _WATCHED or not args:
        return
    path = args[0]
    if isinstance(path, int) or path is None:
        return
    path = os.fsdecode(path)
    dir_fd = args[-1] if event in ("os.remove", "os.rmdir", "os.mkdir") and isinstance(args[-1], int) else None
    if dir_fd is not None and not os.path.isabs(path):  # shutil.rmtree works relative to open folders
        path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)
    mode = args[1] if event == "open" and len(args) > 1 and isinstance(args[1], str) else ""
    flags = args[2] if event == "open" and len(args) > 2 and isinstance(args[2], int) else 0
    writing = (
        (event != "open" and event not in ("os.listdir", "os.scandir"))
        or any(c in mode for c in "wax+")
        or bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
    )
    _events.append((event, path, "write" if writing else "read"))


sys.addaudithook(_audit)


def _pdfs_made_here(monkeypatch) -> None:
    """Make each pack PDF in this process, with a stand-in for WeasyPrint.

    The build makes its PDFs in worker processes, which this process's audit hook cannot see, so
    rendering them there (most of the build's time) showed the watch nothing. Here every step the
    build takes for a PDF but WeasyPrint's own is seen: laying out the document, writing the file
    into the cache as a worker would, publishing it. What WeasyPrint may read is
    test_weasyprint_reads_only_the_packs_own_assets's (tests/packs/test_security_packs.py)."""
    from scrutiny_packs.packs import files
    from scrutiny_packs.packs.pdf import write_atomically

    def stand_in(document_html: str, target: Path, base_url=None) -> Path:
        assert document_html
        write_atomically(target, b"%PDF-1.7 (a stand-in)\n")
        return target

    monkeypatch.setattr(files, "write_pdf", stand_in)
    monkeypatch.setattr(files.os, "cpu_count", lambda: 1)  # no worker processes: each PDF made in turn, here


@pytest.mark.site
def test_a_build_of_hostile_content_touches_nothing_outside_the_repository(small_project, outside, monkeypatch):
    """Content naming outside paths every way it can: ids, source documents, links, a URL."""
    from scrutiny_packs.publish.atomic import build_site
    from tests.conftest import add_hostile

    global _watching
    _pdfs_made_here(monkeypatch)
    add_hostile(small_project, "harmless")
    secret = outside / "q900.yml"
    (small_project / "content" / "questions" / "q950.yml").write_text(
        'text: "How do {we} know?"\nareas: [workforce]\naudiences: [councillors]\nsource:\n'
        f'  document: "{secret}"\n  section: "../outside/q900.yml"\n  note: "file://{secret}"\n',
        encoding="utf-8",
    )
    _events.clear()
    _watching = True
    try:
        build_site(small_project, small_project / "site", strict=True, pdf=True, offline=False)
    finally:
        _watching = False
    touched_outside = [e for e in _events if Path(e[1]).resolve().is_relative_to(outside)]
    assert touched_outside == []
    # Writes go to the project (the site), the package's caches, or folders the build made in the
    # system's temporary folder (named by tempfile; inside them, by ids, which are slugs).
    temp = Path(tempfile.gettempdir()).resolve()
    allowed = [small_project.resolve(), Path(sys.prefix).resolve(), ROOT, temp]
    writes = {e[1] for e in _events if e[2] == "write" and e[1] != os.devnull}
    assert [w for w in writes if not any(Path(w).resolve().is_relative_to(a) for a in allowed)] == []
    in_temp = [w for w in writes if not Path(w).resolve().is_relative_to(small_project.resolve())]
    assert [w for w in in_temp if ".." in Path(w).parts or "sp-xss" in w or "passwd" in w] == []
    assert any(e[1].startswith(str(small_project)) for e in _events if e[2] == "write")  # the watch saw the build
    assert len(list((small_project / "site").rglob("*.pdf"))) > 10  # the packs' PDFs were made and published
    site_text = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (small_project / "site").rglob("*.html")
    )
    assert SECRET not in site_text and str(secret) in site_text  # the path is shown, the file never read
