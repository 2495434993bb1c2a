"""Property-based tests (hypothesis): random text and random structures in every field of a content file.

1. Loading and validating never raises: any file is either accepted or refused with one-line problems.
2. Plain-text fields accepted with random text render exactly as written: the question page, rendered
   with the site's own Markdown extensions and sanitised as the build does, has the same elements and
   attributes as with harmless text, and shows the text literally.
3. Markdown fields with random text add only Markdown's own elements, never handlers, styles, frames,
   scripts or script addresses, and every '<' they contain is shown as text.
4. Whatever validates builds: every page through the site's Markdown and the sanitiser, the open
   data, review dates and the packs as Markdown and Word, with values aimed at what once validated
   and then broke the build (deep lists, bracket storms, the year 9999, long numbers, odd links).
"""

from __future__ import annotations

import copy
import functools
import html
import os
from collections import Counter
from functools import cache
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scrutiny_packs.content.yaml_source import parse_yaml
from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.problems import Problem
from scrutiny_packs.site.generate import SiteBuilder
from scrutiny_packs.site.links import question as question_src
from scrutiny_packs.text.framing import frame
from scrutiny_packs.text.sanitize import sanitize_html
from tests.conftest import ROOT
from tests.examples import examples
from tests.security_html import injected, parse

# 150 examples keep `make test` quick, 100 for the tests that build (BUILD_SETTINGS, below); tests/examples.py:
# fewer in `make test-fast`, more on request.
SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
# The tests that build what they generate (every page, the packs, a meeting's papers, Word files and all) try
# 100: each example is a tenth of a second or more of building.
BUILD_SETTINGS = settings(SETTINGS, max_examples=examples(100))

# Pieces of markup, template syntax and odd characters, mixed with random text.
TOKENS = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "`",
    "``",
    "*",
    "**",
    "_",
    "__",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "#",
    "!",
    "\\",
    "|",
    ":",
    "-",
    "+",
    ".",
    "=",
    "~",
    "\n",
    "\n\n",
    " ",
    "    ",
    "\t",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=//x>",
    "<b style='x'>",
    "javascript:alert(1)",
    "data:text/html,x",
    "[a](javascript:alert(1))",
    "[a](data:x)",
    "![i](x)",
    "<https://example.com/>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{{ ''.__class__ }}",
    "{we}",
    "{Our}",
    "{: onclick=alert(1) }",
    "\n{: .cls #__config data-md-component=x }",
    "*a*{ #x }",
    "`c`{: .x}",
    "Title\n===\n",
    "&lt;",
    "&#60;",
    "&amp;",
    "https://example.com/",
    "---",
    "===",
    "***",
    "1. ",
    "- ",
    "> ",
    "```",
    "~~~",
    "!!! note",
    "[TOC]",
    '<div markdown="1">',
    "</div>",
    "<!--",
    "-->",
    "]]>",
    "\u2028",
    "\u00a0",
    "\ufeff",
    "é",
    "😀",
    "\x00",
    "\r",
]
pieces = st.one_of(st.sampled_from(TOKENS), st.text(max_size=6))
hostile_text = st.lists(pieces, max_size=14).map("".join)

BASE_QUESTION = {
    "text": "How do {we} know the front door works?",
    "areas": ["workforce"],
    "audiences": ["councillors"],
    "asked_of": "Children's services",
    "listen_for": ["Plain words", "More plain words"],
    "notes": "Plain words.",
    "tags": ["front-door"],
    "source": {
        "document": "Plain words",
        "module": "Module 3",
        "section": "Plain words",
        "quote": "Plain words",
        "note": "Plain words",
    },
    "last_reviewed": "2026-11-22",
}
PLAIN_FIELDS = ("text", "asked_of", "listen_for.0", "source.document", "source.module", "source.section", "source.note")
MARKDOWN_FIELDS = ("notes",)
# What Markdown may make from a Markdown field: simple elements, and no headings, boxes or
# attributes beyond a link's address and title and a code block's language.
MARKDOWN_TAGS = {
    "p",
    "em",
    "strong",
    "a",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


# -- a tiny project: one area, one audience, the question under test ------------------------------


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mini")
    for folder, name, text in (
        ("areas", "workforce.yml", 'name: "Workforce"\ndescription: "Staff and their time."\n'),
        ("audiences", "councillors.yml", 'name: "Councillors"\ndescription: "Elected members."\n'),
    ):
        (root / "content" / folder).mkdir(parents=True)
        (root / "content" / folder / name).write_text(text, encoding="utf-8")
    (root / "content" / "questions").mkdir()
    assert _load(root, _dump(BASE_QUESTION)).ok
    return root


def _load(root: Path, raw: bytes):
    (root / "content" / "questions" / "q900.yml").write_bytes(raw)
    return load_checked(root)


def _set(data: dict, dotted: str, value) -> dict:
    data = copy.deepcopy(data)
    node = data
    parts = dotted.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


def _dump(data: dict) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@cache
def _markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings MkDocs uses for this site's mkdocs.yml."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@functools.lru_cache(maxsize=512)
def _page_html(text: str) -> str:
    """A page's Markdown through the site's Markdown and the sanitiser. The same text makes the same HTML, and
    most pages of the tiny site do not change with the one field an example changes: each distinct page is
    made once, not again in every example."""
    return sanitize_html(_markdown().reset().convert(text))


def _render(bank, qid: str = "q900"):
    """(front matter, sanitised HTML soup) of a question's page, as the build makes it."""
    generated = SiteBuilder(bank).question_page(bank.questions[qid]).made()
    assert generated.src_uri == question_src(qid)
    _, front, body = generated.content.split("---\n", 2)
    return yaml.safe_load(front), parse(_page_html(body))


def _skeleton(soup) -> list[tuple[str, tuple[str, ...]]]:
    """Every element with its attributes' names. What is inside the wording boxes is left out: a question
    worded the same either way shows one box, not two (its text decides that, by having a {we} or not),
    and the boxes' text is checked on its own below."""
    return [
        (el.name, tuple(sorted(el.attrs)))
        for el in soup.find_all(True)
        if not el.find_parent("dl", class_="sp-framings")
    ]


def _attr(value) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def _words(text: str) -> str:
    return " ".join(text.split())


# -- 1. never a traceback ---------------------------------------------------------------------------

values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(hostile_text, inner, max_size=4)),
    max_leaves=12,
)
fields = st.sampled_from(
    sorted(BASE_QUESTION)
    + ["status", "replaced_by", "benchmarks", "evidence", "unknown", "source.document", "source.quote", "listen_for.0"]
)


def _assert_problems_are_clear(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        line = p.format()
        assert line.startswith("content/") and "Traceback" not in line


@SETTINGS
@given(field=fields, value=values)
def test_any_value_in_any_field_is_accepted_or_refused_clearly(mini, field, value):
    data = _set(BASE_QUESTION, field, value) if "." in field else {**BASE_QUESTION, field: value}
    try:
        raw = _dump(data)
    except yaml.YAMLError:
        assume(False)
    result = _load(mini, raw)
    _assert_problems_are_clear(result.problems)
    if result.ok:
        assert "q900" in result.bank.questions


@SETTINGS
@given(raw=st.one_of(st.binary(max_size=400), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_as_a_file_are_accepted_or_refused_clearly(mini, raw):
    result = _load(mini, raw)
    _assert_problems_are_clear(result.problems)


@SETTINGS
@given(text=hostile_text)
def test_any_text_parses_to_data_or_problems(text):
    doc, problems = parse_yaml(text, "content/questions/q900.yml")
    assert (doc is None) == bool(problems)


# -- 2. plain text renders literally ----------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline_soup(mini):
    result = _load(mini, _dump(BASE_QUESTION))
    assert result.ok, [p.format() for p in result.problems]
    return _render(result.bank)[1]


@pytest.fixture(scope="module")
def baseline(baseline_soup):
    return _skeleton(baseline_soup)


@SETTINGS
@given(field=st.sampled_from(PLAIN_FIELDS), text=hostile_text)
def test_plain_text_fields_render_literally(mini, baseline, field, text):
    result = _load(mini, _dump(_set(BASE_QUESTION, field, text)))
    assume(result.ok)
    question = result.bank.questions["q900"]
    front, soup = _render(result.bank)
    # Nothing in the page was made by the text: same elements, same attributes as with plain words.
    assert _skeleton(soup) == baseline
    assert not injected(soup)
    clean = _words(text)
    if field == "text":
        h1 = soup.find("h1")
        h1.select_one(".headerlink").decompose()
        assert _words(h1.get_text()) == _words(frame(question.text, "you"))
        framings = [_words(dd.get_text()) for dd in soup.select("dl.sp-framings dd")]
        assert framings == list(
            dict.fromkeys([_words(frame(question.text, "you")), _words(frame(question.text, "we"))])
        )
        assert html.unescape(front["title"]) == frame(question.text, "you")
    elif field == "asked_of":
        facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in soup.select("dl.sp-facts dt")}
        assert _words(facts["Ask"].get_text()) == clean
    elif field == "listen_for.0":
        first = soup.find(id="listen-for").find_next("li")
        assert _words(first.get_text()) == clean
    else:
        assert clean in _words(soup.select_one("p.sp-source").get_text())


# -- 3. Markdown fields: Markdown only ------------------------------------------------------------


@SETTINGS
@given(field=st.sampled_from(MARKDOWN_FIELDS), text=hostile_text)
def test_markdown_fields_make_only_markdown(mini, baseline_soup, field, text):
    result = _load(mini, _dump(_set(BASE_QUESTION, field, text)))
    assume(result.ok)
    _, soup = _render(result.bank)
    base = Counter(el.name for el in baseline_soup.find_all(True))
    extra = Counter(el.name for el in soup.find_all(True)) - base
    assert set(extra) <= MARKDOWN_TAGS, extra
    ours = {(el.name, name, _attr(value)) for el in baseline_soup.find_all(True) for name, value in el.attrs.items()}
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            value = _attr(value)
            assert (
                (el.name, name, value) in ours
                or (el.name == "a" and name in ("href", "title", "rel"))
                or (el.name == "code" and name == "class" and value.startswith("language-"))
                or (el.name == "ol" and name == "start")
            ), (el.name, name, value)
    assert not injected(soup)
    for a in soup.find_all("a", href=True):
        assert not a["href"].strip().lower().startswith(("javascript:", "data:", "vbscript:"))
    notes = soup.find(id="about-this-question")
    shown = "".join(el.get_text() for el in notes.find_next_siblings()) if notes else soup.get_text()
    # Shown as '<', or as '&lt;' inside code (where Markdown escapes the already escaped text).
    assert shown.count("<") + shown.count("&lt;") >= text.count("<")


# -- 4. whatever validates builds ---------------------------------------------------------------------

# Text aimed at what once validated and then broke the build: nesting, bracket storms, dates at the
# calendar's end, long numbers, relative links, invisible characters.
BUILD_BREAKERS = [
    "- " * 12,
    "> " * 12,
    "1. " * 12,
    "[" * 300,
    "]" * 50,
    "](",
    "[a](",
    "[a][",
    "\\[",
    "![x](y.png)",
    "[r]: ../x\n",
    "[l](../etc/passwd)",
    "[l](#top)",
    "[l](mailto:a@example.com)",
    "\u202e",
    "\u200d",
    "9" * 40,
    "%a" * 50 + "@",
    "    " * 8 + "- x\n",
]
breaking_text = st.lists(st.one_of(st.sampled_from(TOKENS + BUILD_BREAKERS), st.text(max_size=6)), max_size=10).map(
    "".join
)
dates = st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
build_values = st.one_of(values, breaking_text, dates, st.integers(min_value=-(10**40), max_value=10**40))
build_fields = st.sampled_from(
    sorted(BASE_QUESTION) + ["added", "last_reviewed", "notes", "replaced_by", "status", "source.note", "listen_for.0"]
)


def _builds(bank) -> None:
    """Everything the build makes from a bank, short of MkDocs itself and the PDFs: every page,
    through the site's Markdown and the sanitiser; the open data; review dates; the packs as
    Markdown and Word files."""
    import datetime as dt

    from scrutiny_packs.content.review import overdue
    from scrutiny_packs.packs.docx import render_docx
    from scrutiny_packs.packs.md import render_markdown
    from scrutiny_packs.site import opendata

    builder = SiteBuilder(bank)
    for page in builder.pages():
        _page_html(page.content.split("---\n", 2)[2])
    opendata.data_files(bank)
    overdue(bank, dt.date(2030, 1, 1))
    for view in builder.index.pack_views.values():
        render_markdown(view)
        render_docx(view)


@pytest.mark.site  # builds every page, the packs and the open data, many times over
@BUILD_SETTINGS
@given(field=build_fields, value=build_values)
def test_whatever_validates_builds(mini, field, value):
    data = _set(BASE_QUESTION, field, value) if "." in field else {**BASE_QUESTION, field: value}
    try:
        raw = _dump(data)
    except yaml.YAMLError:
        assume(False)
    result = _load(mini, raw)
    _assert_problems_are_clear(result.problems)
    assume(result.ok)
    _builds(result.bank)


@pytest.mark.site  # builds every page, the packs and the open data, many times over
@BUILD_SETTINGS
@given(name=breaking_text, description=breaking_text)
def test_whatever_audience_validates_builds(mini, name, description):
    path = mini / "content" / "audiences" / "councillors.yml"
    try:
        path.write_bytes(_dump({"name": name, "description": description}))
        result = _load(mini, _dump(BASE_QUESTION))
        _assert_problems_are_clear(result.problems)
        assume(result.ok)
        _builds(result.bank)
    finally:
        path.write_text('name: "Councillors"\ndescription: "Elected members."\n', encoding="utf-8")


# -- 5. meetings and their records: whatever validates builds ---------------------------------------------

BASE_MEETING = {
    "body": "Children's Scrutiny Panel",
    "name": "Ordinary meeting",
    "date": "2026-10-13",
    "place": "Committee Room 1",
    "description": "Plain words.",
    "items": [
        {"number": 5, "title": "The front door", "selection": {"questions": ["q900"]}},
        {"number": "6a", "title": "The workforce", "selection": {"areas": ["workforce"]}, "description": "Words."},
    ],
}
BASE_RECORD = {
    "items": [
        {
            "number": 5,
            "answers": [
                {
                    "question": "q900",
                    "summary": "Plain words.",
                    "rag": "amber",
                    "actions": [
                        {"action": "Report back.", "owner": "Head of Service", "due": "2026-11-01", "status": "open"}
                    ],
                    "revisit": "2027-01-01",
                }
            ],
        }
    ]
}
MEETING_FIELDS = (
    "body",
    "name",
    "date",
    "place",
    "description",
    "items.0.number",
    "items.0.title",
    "items.1.number",
    "items.1.description",
)
RECORD_FIELDS = (
    "items.0.number",
    "items.0.answers.0.question",
    "items.0.answers.0.summary",
    "items.0.answers.0.rag",
    "items.0.answers.0.revisit",
    "items.0.answers.0.actions.0.action",
    "items.0.answers.0.actions.0.owner",
    "items.0.answers.0.actions.0.due",
    "items.0.answers.0.actions.0.status",
)
MEETING_FILE = "panel-2026-10"
# Item numbers aimed at file names and ids: the same item written two ways, long, and punctuation only.
ITEM_NUMBERS = ["6 (a)", "6-A", "5 ", "(5)", "x" * 21, "9" * 20, "..", "/", "../5", "5\u00a0a", "Ⅻ", "0"]
meeting_values = st.one_of(build_values, st.sampled_from(ITEM_NUMBERS))


@pytest.fixture(scope="module")
def meeting_mini(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("meeting-mini")
    for folder, name, text in (
        ("areas", "workforce.yml", 'name: "Workforce"\ndescription: "Staff and their time."\n'),
        ("audiences", "councillors.yml", 'name: "Councillors"\ndescription: "Elected members."\n'),
    ):
        (root / "content" / folder).mkdir(parents=True)
        (root / "content" / folder / name).write_text(text, encoding="utf-8")
    (root / "content" / "questions").mkdir()
    (root / "content" / "meetings").mkdir()
    (root / "content" / "questions" / "q900.yml").write_bytes(_dump(BASE_QUESTION))
    result = _load_meeting(root, _dump(BASE_MEETING), _dump(BASE_RECORD))
    assert result.ok, [p.format() for p in result.problems]
    assert result.bank.records[MEETING_FILE]
    return root


def _load_meeting(root: Path, meeting: bytes, record: bytes):
    (root / "content" / "meetings" / f"{MEETING_FILE}.yml").write_bytes(meeting)
    (root / "content" / "meetings" / f"{MEETING_FILE}.record.yml").write_bytes(record)
    return load_checked(root)


def _builds_meetings(bank) -> None:
    """The site's pages (meeting pages and Follow-up among them), and each meeting's papers in every
    format but PDF, with file names a file system takes."""
    from scrutiny_packs.packs.meetings import meeting_printables, render_bundle

    _builds(bank)
    for meeting in SiteBuilder(bank).meeting_views.values():
        for suffix in (".md", ".docx", ".html"):
            render_bundle(meeting, suffix)
        for printable in meeting_printables(meeting):
            for uri in printable.uris.values():
                assert all(0 < len(part.encode("utf-8")) <= 255 for part in uri.split("/")), uri


def _changed(base: dict, field: str, value) -> bytes | None:
    try:
        return _dump(_set(base, field, value))
    except yaml.YAMLError:
        return None


@pytest.mark.site  # builds every page and the meeting's papers, many times over
@BUILD_SETTINGS
@given(field=st.sampled_from(MEETING_FIELDS), value=meeting_values)
def test_whatever_meeting_validates_builds(meeting_mini, field, value):
    raw = _changed(BASE_MEETING, field, value)
    assume(raw is not None)
    result = _load_meeting(meeting_mini, raw, _dump(BASE_RECORD))
    _assert_problems_are_clear(result.problems)
    assume(result.ok)
    _builds_meetings(result.bank)


@pytest.mark.site  # builds every page and the meeting's papers, many times over
@BUILD_SETTINGS
@given(field=st.sampled_from(RECORD_FIELDS), value=meeting_values)
def test_whatever_record_validates_builds(meeting_mini, field, value):
    raw = _changed(BASE_RECORD, field, value)
    assume(raw is not None)
    result = _load_meeting(meeting_mini, _dump(BASE_MEETING), raw)
    _assert_problems_are_clear(result.problems)
    assume(result.ok)
    _builds_meetings(result.bank)


@pytest.mark.site
@BUILD_SETTINGS
@given(first=st.sampled_from(ITEM_NUMBERS + [5, "5"]), second=st.sampled_from(ITEM_NUMBERS + ["6a", "6A"]))
def test_whatever_pair_of_item_numbers_validates_gets_distinct_files_and_ids(meeting_mini, first, second):
    from scrutiny_packs.ids import item_slug
    from scrutiny_packs.packs.meetings import meeting_printables

    meeting = _set(_set(BASE_MEETING, "items.0.number", first), "items.1.number", second)
    record = _set(BASE_RECORD, "items.0.number", first)
    result = _load_meeting(meeting_mini, _dump(meeting), _dump(record))
    _assert_problems_are_clear(result.problems)
    assume(result.ok)
    assert item_slug(first) != item_slug(second)
    _builds_meetings(result.bank)
    view = SiteBuilder(result.bank).meeting_views[MEETING_FILE]
    uris = [uri for printable in meeting_printables(view) for uri in printable.uris.values()]
    assert len(uris) == len(set(uris))
