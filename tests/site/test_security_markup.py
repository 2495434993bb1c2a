"""Rules 2 and 3: content is data. Template syntax and HTML in content reach the built site, search
index and page titles as text; Markdown fields lose scripts, handlers, styles, frames and dangerous
links; external links get rel="noopener noreferrer".

The hostile-but-valid corpus (tests/hostile/harmless/) is built into a real site with MkDocs (strict).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from scrutiny_packs.packs.checks import load_checked
from scrutiny_packs.text.framing import frame
from scrutiny_packs.text.sanitize import sanitize_html
from tests.conftest import HOSTILE, page
from tests.security_html import MARK, injected, parse

pytestmark = pytest.mark.site

HARMLESS = HOSTILE / "harmless"
SITE_NAME = "Scrutiny Packs"


def _data(name: str) -> dict:
    return yaml.safe_load((HARMLESS / name).read_text(encoding="utf-8"))


def _front_matter(name: str) -> dict:
    return yaml.safe_load((HARMLESS / name).read_text(encoding="utf-8").split("---\n")[1])


def _words(text: str) -> str:
    return " ".join(text.split())


def _article(soup):
    return soup.select_one("article.md-content__inner")


def test_the_hostile_corpus_builds(hostile_site: Path):
    for path in ("questions/hostile-question/", "areas/hostile-area/", "hostile-page/"):
        assert (hostile_site / path / "index.html").is_file()


@dataclass
class _Scan:
    """What the every-page checks below found, each page of the hostile site parsed once for all three."""

    pages: int = 0
    injected: dict[str, list[str]] = field(default_factory=dict)  # page: what content injected
    styled: list[str] = field(default_factory=list)  # pages whose content carries a style attribute
    unguarded: list[str] = field(default_factory=list)  # external links in content without noopener noreferrer
    external_links: int = 0


@pytest.fixture(scope="module")
def scan(hostile_site: Path) -> _Scan:
    found = _Scan()
    for path in sorted(hostile_site.rglob("*.html")):
        name = path.relative_to(hostile_site).as_posix()
        soup = parse(path.read_text(encoding="utf-8"))
        found.pages += 1
        if markup := injected(soup):
            found.injected[name] = markup
        article = _article(soup)
        if article is None:
            continue
        if article.select("[style]"):
            found.styled.append(name)
        for a in article.select('a[href^="http"]:not(.md-content__button)'):
            if not {"noopener", "noreferrer"} <= set(a.get("rel", [])):
                found.unguarded.append(f"{name}: {a}")
            found.external_links += 1
    return found


def test_no_page_anywhere_carries_injected_markup(scan: _Scan):
    assert scan.pages > 100
    assert not scan.injected


def test_no_style_attribute_reaches_page_content(scan: _Scan):
    assert scan.styled == []


def test_question_text_is_shown_exactly_as_written(hostile_site: Path):
    text = _words(_data("questions/hostile-question.yml")["text"])
    soup = page(hostile_site, "questions/hostile-question/")
    h1 = soup.select_one("article h1")
    h1.select_one(".headerlink").decompose()
    assert h1.get_text() == frame(text, "you")
    framings = [dd.get_text() for dd in soup.select("dl.sp-framings dd")]
    assert framings == list(dict.fromkeys([frame(text, "you"), frame(text, "we")]))
    assert "{{ 7*7 }}" in framings[0] and "49" not in framings[0]
    # The title tag is not broken out of: one <title>, holding the whole text.
    titles = soup.find_all("title")
    assert len(titles) == 1 and titles[0].get_text() == f"{frame(text, 'you')} - {SITE_NAME}"


def test_plain_text_fields_are_shown_exactly_as_written(hostile_site: Path):
    data = _data("questions/hostile-question.yml")
    soup = page(hostile_site, "questions/hostile-question/")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in soup.select("dl.sp-facts dt")}
    assert facts["Ask"] == data["asked_of"]
    listen = [li.get_text() for li in soup.find(id="listen-for").find_next("ul").find_all("li")]
    assert listen == data["listen_for"]
    source = soup.select_one("p.sp-source").get_text()
    for key in ("document", "module", "section"):
        assert data["source"][key] in source
    assert "<svg onload=" in source


def test_markdown_fields_show_raw_html_as_text_and_keep_safe_links(hostile_site: Path):
    soup = page(hostile_site, "questions/hostile-question/")
    article = _article(soup)
    text = article.get_text()
    for raw in (
        "<script>alert('sp-xss-notes')</script>",
        '<p style="position:fixed;top:0">sp-xss-style</p>',
        "onmouseover=\"alert('sp-xss-hover')\"",
        "{{ 7*7 }}",
        "{% raw %}",
        "# A heading in a field stays text",
    ):
        assert raw in text
    hrefs = [a.get("href") for a in article.find_all("a")]
    assert not [h for h in hrefs if h and h.lower().startswith(("javascript:", "data:"))]
    safe = article.find("a", href="https://example.com/sp-safe-link")
    assert safe is not None and set(safe["rel"]) >= {"noopener", "noreferrer"}


def test_every_external_link_in_content_is_noopener_noreferrer(scan: _Scan):
    assert scan.unguarded == []
    assert scan.external_links > 100


def test_markdown_page_with_raw_html_is_rendered_as_text(hostile_site: Path):
    front = _front_matter("pages/hostile-page.md")
    soup = page(hostile_site, "hostile-page/")
    article = _article(soup)
    text = article.get_text()
    for raw in (
        "<script>alert('sp-xss-page-script')</script>",
        "<div onclick=\"alert('sp-xss-page-div')\"",
        "<iframe src=\"javascript:alert('sp-xss-page-iframe')\"></iframe>",
        "{{ 7*7 }}",
        "{% raw %}",
        "{{ config.site_name }}",
    ):
        assert raw in text
    assert article.find("a", href="https://example.com/sp-page-safe")["rel"] == ["noopener", "noreferrer"]
    # Title and description come from front matter: both stay inside their tags.
    titles = soup.find_all("title")
    assert len(titles) == 1 and titles[0].get_text() == f"{front['title']} - {SITE_NAME}"
    (description,) = soup.select('meta[name="description"]')
    assert description["content"] == front["description"]
    h1 = article.find("h1")
    h1.select_one(".headerlink").decompose()
    assert h1.get_text() == front["title"]


def test_content_titles_in_the_navigation_are_text(hostile_site: Path):
    title = _front_matter("pages/hostile-page.md")["title"]
    soup = page(hostile_site, "")
    links = [a for a in soup.select("nav.md-nav a") if a.get("href", "").rstrip("/").endswith("hostile-page")]
    assert links and all(_words(a.get_text()) == _words(title) for a in links)


def test_area_benchmark_and_indicator_names_are_text(hostile_site: Path):
    area = _data("areas/hostile-area.yml")
    bench = _data("benchmarks/hostile-benchmark.yml")
    ind = _data("indicators/hostile-indicator.yml")
    soup = page(hostile_site, "areas/hostile-area/")
    assert soup.title.get_text() == f"{area['name']} - {SITE_NAME}"
    assert area["description"].split(" [x]")[0] in _article(soup).get_text()
    workforce = _article(page(hostile_site, "areas/workforce/")).get_text()
    assert bench["title"] in workforce and bench["text"] in workforce
    assert ind["name"] in workforce


def test_search_index_holds_content_as_escaped_text(hostile_site: Path):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = [d for d in index["docs"] if MARK in d["title"] + d["text"]]
    assert len(hits) >= 5
    for doc in index["docs"]:
        # Material shows titles and text as HTML: parse them as it would.
        for part in ("title", "text"):
            assert not injected(parse(doc[part])), (doc["location"], part)
    question = next(d for d in index["docs"] if d["location"] == "questions/hostile-question/")
    text = _words(_data("questions/hostile-question.yml")["text"])
    assert parse(question["title"]).get_text() == frame(text, "you")
    # The question is shown as text in the result's title, and said once (the text under it is its area).
    assert "<script>alert('sp-xss-text')</script>" in parse(question["title"]).get_text()
    assert "<script>alert('sp-xss-text')</script>" not in parse(question["text"]).get_text()


# -- the sanitiser on its own: the last line of defence, whatever a template lets through ---------


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<iframe src="https://example.com/"></iframe>',
        '<p style="color:red">x</p>',
        '<p onclick="alert(1)">x</p>',
        '<svg onload="alert(1)"></svg>',
        '<object data="x"></object><embed src="x">',
        '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
        "<style>body{display:none}</style>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<base href="https://example.com/"><meta http-equiv="refresh" content="0;url=https://example.com/">',
    ],
)
def test_the_sanitiser_removes_what_could_execute(html):
    cleaned = sanitize_html(html.replace("alert(1)", f"alert('{MARK}')").replace('"x"', f'"{MARK}"'))
    assert not injected(parse(cleaned)), cleaned
    lowered = cleaned.lower()
    for word in (
        "<script",
        "<iframe",
        "<style",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "data:text",
        "<base",
        "http-equiv",
        "<object",
        "<embed",
        "style=",
    ):
        assert word not in lowered, cleaned


def test_the_sanitiser_keeps_what_our_pages_use():
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><p><a href="../q001/">q</a> '
        '<a href="https://example.com/">e</a></p><div class="sp-q" data-question="q001" aria-label="x"></div>'
    )
    cleaned = sanitize_html(html)
    soup = parse(cleaned)
    assert soup.find("h2", id="a") and soup.find("a", href="../q001/")
    assert soup.find("a", href="https://example.com/")["rel"] == ["noopener", "noreferrer"]
    assert soup.find("a", href="../q001/")  # kept (the rel the sanitiser adds to every link is harmless here)
    assert soup.find("div", attrs={"data-question": "q001"})


# -- Markdown fields cannot use the site's extensions to set attributes or add structure ----------


@pytest.fixture(scope="module")
def site_markdown():
    """Python-Markdown with the extensions and settings of this site's mkdocs.yml."""
    import markdown
    from mkdocs.config import load_config

    from tests.conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@pytest.mark.parametrize(
    "text",
    [
        'A paragraph\n{: .md-header #__config data-md-component="search" }',
        '*emphasis*{: #__config .x data-sp-filters="" }',
        "`code`{: .x #y }",
        "```{ .x #y data-z=1 }\ncode\n```",
        "A heading\n=========",
        "A heading\n---",
        '!!! danger "Spoof"\n    A box the page never had.',
        "[TOC]",
        "**[TOC]**",
        "Line\r# heading after a lone carriage return",
        "1. # A heading inside a list item",
        "- item\n    - # nested",
        "- item\n  underlined\n  ===",
    ],
)
def test_markdown_fields_cannot_add_attributes_or_structure(site_markdown, text):
    from scrutiny_packs.text.escape import md_block

    soup = parse(sanitize_html(site_markdown.reset().convert(str(md_block(text)))))
    made = {el.name for el in soup.find_all(True)}
    assert made <= {"p", "em", "strong", "code", "pre", "ul", "ol", "li"}, soup
    for el in soup.find_all(True):
        assert el.attrs == {}, el


# -- the exported Markdown is as safe as the site, with no sanitiser after it ------------------------


def test_export_markdown_carries_no_live_script_link_or_markup(tmp_path):
    import markdown

    from scrutiny_packs.publish.export import export_markdown
    from tests.conftest import add_hostile, copy_project

    project = add_hostile(copy_project(tmp_path / "project"), "harmless")
    out = tmp_path / "export"
    export_markdown(load_checked(project).bank, out, project)
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    plain = markdown.Markdown(extensions=extensions)  # what another engine makes of it: no sanitiser
    found, links = {}, 0
    for path in sorted((out / "docs").rglob("*.md")):
        soup = parse(plain.reset().convert(path.read_text(encoding="utf-8").split("---\n", 2)[-1]))
        bad = injected(soup) + [
            a["href"]
            for a in soup.find_all("a", href=True)
            if a["href"].strip().lower().startswith(("javascript:", "data:", "vbscript:"))
        ]
        bad += [img.get("src") for img in soup.find_all("img")]
        if bad:
            found[path.relative_to(out).as_posix()] = bad
        links += len(soup.find_all("a", href=True))
    assert found == {}
    assert links > 100


# -- plain text stays plain on every page, whatever Markdown it looks like ---------------------------

MARKDOWN_TEXT = "**sp-bold** [sp-link](https://example.com/sp-link) `sp-code` _sp-em_"


def _site_page(bank, src: str):
    from scrutiny_packs.site.generate import SiteBuilder
    from tests.content.test_security_properties import _markdown

    page = next(p for p in SiteBuilder(bank).pages() if p.src_uri == src)
    return parse(sanitize_html(_markdown().reset().convert(page.content.split("---\n", 2)[2])))


def _made_by_the_text(soup) -> list[str]:
    return [
        str(el)[:80]
        for el in soup.find_all(["strong", "em", "code"])
        if el.get_text() in ("sp-bold", "sp-code", "sp-em")
    ] + [a["href"] for a in soup.find_all("a", href=True) if "example.com/sp-link" in a["href"]]


def test_an_audience_name_is_plain_text_on_its_pages(bank):
    import dataclasses

    audience = dataclasses.replace(bank.audiences["police"], name=f"Police {MARKDOWN_TEXT}")
    bank = dataclasses.replace(bank, audiences={**bank.audiences, "police": audience})
    for src in ("packs/police.md", "audiences/police.md", "audiences/index.md", "packs/index.md", "index.md"):
        soup = _site_page(bank, src)
        assert _made_by_the_text(soup) == [], src
        assert MARKDOWN_TEXT in _words(soup.get_text()), src


def test_the_contact_in_settings_is_plain_text_on_the_accessibility_page(bank):
    import dataclasses

    bank = dataclasses.replace(bank, settings=dataclasses.replace(bank.settings, contact=MARKDOWN_TEXT))
    soup = _site_page(bank, "accessibility.md")
    assert _made_by_the_text(soup) == []
    assert f"tell us: {MARKDOWN_TEXT}" in _words(soup.get_text())
