"""Hostile input: every text field is untrusted, and nothing from the data may reach site/ as markup.

Three levels, all with the corpus of tests/hostile_payloads.py:

1. the renderer: `markup.plain` / `markup.prose` output put through Python-Markdown exactly as
   MkDocs configures it (mkdocs.yml), in each context the generator uses (paragraph, heading,
   table cell, list item, link label, footnote, infobox): the payload comes out as the same text
   and the same elements as a harmless word would;
2. validation: what must be refused is refused in every kind of text field, with `file:line`;
   through the whole build, with nothing written;
3. the whole build (`scripts/build_pages.py`, then `scripts/build_site.py`, MkDocs --strict) of a
   tree with the accepted payloads in every kind of text field (tests/hostile_tree.py): every
   HTML file of site/ is parsed and checked for scripts, event handlers, script URLs, embedding
   elements, elements or attributes a clean build does not have, and text that is not as typed.

"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import markdown
import pytest

from conftest import ROOT
from hostile_payloads import (ACCEPTED, ACCEPTED_PLAIN_ONLY, ACCEPTED_PROSE_BLOCKS, ACCEPTED_PROSE_ONLY, FILES_REFUSED,
                              NO_LINKS, PLAIN_REFUSED_PROSE_ACCEPTED, REFUSED, REFUSED_LINKS, URLS_ACCEPTED, URLS_REFUSED)
from hostile_tree import write_hostile_tree
from sitebuild import (build_pages, build_site, executable_findings, html_pages, make_project, normalise_script,
                       new_structure, scan_html, search_fragments, structure, tree_hash)

from dossier.load import load_file
from dossier.render import markup

MARKER = re.compile(r"Q\d\d[A-Z]{4}\dZ")


def collapse(text: str) -> str:
    return " ".join(text.split())


# =================================================================================================
# 1. The renderer

@lru_cache(maxsize=1)
def _markdown_config() -> tuple[list, dict]:
    from mkdocs.config import load_config
    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


@lru_cache(maxsize=4)
def _converter(snippets: str) -> markdown.Markdown:
    extensions, configs = _markdown_config()
    configs = {k: dict(v) for k, v in configs.items()}
    if "pymdownx.snippets" in configs:
        configs["pymdownx.snippets"]["base_path"] = [snippets]
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def to_html(source: str, snippets: Path | None = None) -> str:
    """Markdown to HTML with the site's extensions and settings."""
    md = _converter(str(snippets or ROOT / "docs"))
    md.reset()
    return md.convert(source)


# Where the generator puts escaped text: (name, Markdown around a value)
CONTEXTS = {
    "paragraph": "{}\n",
    "heading": "# {}\n",
    "table cell": "| a | b |\n|---|---|\n| {} | z |\n",
    "list item": "- {}\n",
    "link label": "[{}](https://example.org/)\n",
    "footnote": "ref[^1]\n\n[^1]: {}\n",
    "infobox": '<div class="dossier-infobox" markdown>\n\n| | |\n|---|---|\n| k | {} |\n\n</div>\n',
    "before references": "{}\n\nref[^1]\n\n## References\n\n///Footnotes Go Here///\n\n[^1]: note\n",
}
BENIGN = "Benign"


def shape(html_text: str) -> list[tuple]:
    """The elements of a fragment with their attributes, in order; ids and hrefs made of the text
    (toc slugs) are left out, they are not markup."""
    scan = scan_html(html_text)
    return [(e.tag, tuple(sorted(a for a, _ in e.attrs))) for e in scan.elements]


@lru_cache(maxsize=None)
def _reference(context: str) -> str:
    return to_html(CONTEXTS[context].format(BENIGN))


def assert_is_text(escaped: str, expected_text: str, context: str, breaks: int = 0) -> None:
    """`escaped`, placed in `context`, renders as `expected_text` and the same elements as a word."""
    got = to_html(CONTEXTS[context].format(escaped))
    ref = _reference(context)
    assert collapse(scan_html(got).text()) == collapse(scan_html(ref).text()).replace(BENIGN, expected_text), got
    got_shape = [s for s in shape(got) if s != ("br", ())]
    assert got_shape == shape(ref), got
    assert sum(1 for s in shape(got) if s == ("br", ())) == breaks, got


# The renderer must neutralise refused text too: validation is the first line, not the only one.
PLAIN_CORPUS = ACCEPTED + ACCEPTED_PLAIN_ONLY + PLAIN_REFUSED_PROSE_ACCEPTED + [p for p, _ in REFUSED + REFUSED_LINKS]
PROSE_CORPUS = [p for p in ACCEPTED + ACCEPTED_PROSE_ONLY + ACCEPTED_PROSE_BLOCKS + [p for p, _ in REFUSED + REFUSED_LINKS]
                if not re.search(r"\[[^\]\n]+\]\(https?://", p)]  # a link to an http(s) address is prose's own Markdown


@pytest.mark.parametrize("payload", PLAIN_CORPUS)
def test_plain_text_renders_as_itself(payload):
    for context in CONTEXTS:
        assert_is_text(markup.plain(payload), collapse(payload), context)


@pytest.mark.parametrize("payload", PROSE_CORPUS)
def test_prose_renders_as_itself(payload):
    paragraphs = [collapse(p) for p in re.split(r"\n\s*\n", payload) if p.strip()]
    escaped = markup.prose(payload, lambda _id: None)
    assert "\n" not in escaped, "prose must stay on one line: it goes into table cells and list items"
    for context in ("paragraph", "table cell", "list item", "infobox", "before references"):
        assert_is_text(escaped, " ".join(paragraphs), context, breaks=2 * (len(paragraphs) - 1))


def test_plain_output_has_no_markup_characters():
    for payload in PLAIN_CORPUS:
        out = markup.plain(payload)
        assert not re.search(r"[<>\[\]{}()*_`|\\!#\"']", re.sub(r"&#\d+;", "", out)), (payload, out)
        assert not re.match(r"\s*(?:-|\d+\.)", out), (payload, out)
        assert "///" not in out and "\n" not in out


def test_control_characters_never_reach_markdown():
    """Python-Markdown keeps stashed HTML as \\x02wzxhzdk:N\\x03; a text must not address it."""
    out = markup.plain("a\x02wzxhzdk:0\x03b\x00c\x1b") + markup.prose("a\x02klzzwxh:0\x03", lambda _id: None)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out)


def test_snippet_syntax_in_text_includes_nothing(tmp_path):
    (tmp_path / "secret.md").write_text("TOP SECRET\n")
    for payload in ('--8<-- "secret.md"', '--8<-- "secret.md"\n', ';--8<-- "secret.md"', "-8<- secret.md"):
        for escaped in (markup.plain(payload), markup.prose(payload, lambda _id: None)):
            page = to_html(f"{escaped}\n\n{escaped}\n", snippets=tmp_path)
            assert "TOP SECRET" not in page


def test_prose_keeps_only_its_own_markdown():
    def link_for(entity_id):
        return ("Name <b>", "../people/x.md") if entity_id == "x" else None
    html_text = to_html(markup.prose("**b** *i* [[x]] [[nobody|label]] [l](https://example.org/a_(b)_c) "
                                     "[j](javascript:alert(1)) [r](relative.md) [d](data:text/html,x)", link_for))
    scan = scan_html(html_text)
    assert [e.tag for e in scan.elements] == ["p", "strong", "em", "a", "a"]
    assert [dict(e.attrs).get("href") for e in scan.elements if e.tag == "a"] == ["../people/x.md", "https://example.org/a_%28b%29_c"]
    assert "Name <b>" in scan.text() and "[j](javascript:alert(1)) [r](relative.md) [d](data:text/html,x)" in scan.text()


@pytest.mark.parametrize("href", URLS_ACCEPTED)
def test_urls_become_one_http_link(href):
    safe = markup.url(href)
    assert safe.startswith(("http://", "https://"))
    scan = scan_html(to_html(f"[{markup.plain(href)}]({safe})\n"))
    links = [e for e in scan.elements if e.tag == "a"]
    assert len(links) == 1 and dict(links[0].attrs)["href"] == safe
    assert collapse(scan.text()) == href


@pytest.mark.parametrize("href", URLS_REFUSED + ["JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\nscript:alert(1)"])
def test_url_refuses_other_schemes(href):
    if href.startswith(("http://", "https://")):
        assert not re.search(r"[\s\"'<>`]", markup.url(href))
    else:
        assert markup.url(href) == ""


def test_long_hostile_prose_does_not_backtrack_for_ever():
    """A regular expression with nested repetition backtracks exponentially on these (ReDoS): the
    build would hang on one hostile note. Not a speed test (that is `make bench`): the alarm only
    stops a hang, at a limit thousands of times what the linear code takes."""
    import signal

    def hung(signum, frame):
        raise TimeoutError("markup backtracks: a hostile text would hang the build")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        for payload in ("[" * 6000, "*" * 6000, "[[" * 3000, "[a](" * 1500, "&#" * 3000, "<" * 6000, "**a" * 2000):
            assert markup.prose(payload, lambda _id: None)
            assert markup.plain(payload)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# =================================================================================================
# 2. Validation: refused with file:line, in every kind of text field

PERSON = """\
# yaml-language-server: $schema=../../schemas/person.schema.json
id: probe
name: {name}
aliases:
  - name: {alias}
    note: {alias_note}
    sources:
      - source: s
        locator: {locator}
        quote: {quote}
roles:
  - group: g
    title: {title}
    note: {role_note}
    sources:
      - source: s
notes:
  - text: {note}
    sources:
      - source: s
"""
FIELDS = {  # field -> (line in PERSON, prose?)
    "name": (3, False), "alias": (5, False), "alias_note": (6, False), "locator": (9, False),
    "quote": (10, None), "title": (13, False), "role_note": (14, True), "note": (18, True),
}


def _probe(field: str, payload: str) -> list:
    values = {f: json.dumps(f"plain {f}") for f in FIELDS}
    values[field] = json.dumps(payload, ensure_ascii=False)
    _record, problems = load_file("entities/people/probe.yml", PERSON.format(**values).encode())
    return [p for p in problems if "schema line" not in p.message]


@pytest.mark.parametrize("payload,message", REFUSED)
def test_refused_in_every_text_field(payload, message):
    for field, (line, _prose) in FIELDS.items():
        problems = _probe(field, payload)
        assert len(problems) == 1, (field, problems)
        assert problems[0].line == line and message in str(problems[0]), (field, str(problems[0]))


@pytest.mark.parametrize("payload,message", REFUSED_LINKS)
def test_links_refused_in_every_text_field(payload, message):
    for field, (line, is_prose) in FIELDS.items():
        problems = _probe(field, payload)
        assert len(problems) == 1 and problems[0].line == line, (field, problems)
        # `quote` is plain text or prose: the plain-text message comes first
        assert (message if is_prose else NO_LINKS) in str(problems[0]), (field, str(problems[0]))


@pytest.mark.parametrize("payload", ACCEPTED)
def test_accepted_in_every_text_field(payload):
    for field in FIELDS:
        assert _probe(field, payload) == [], field


@pytest.mark.parametrize("url", URLS_REFUSED)
def test_refused_urls(url):
    text = f'# yaml-language-server: $schema=../../schemas/source.schema.json\nid: probe\nname: x\nkind: report\nurl: {json.dumps(url)}\n'
    _record, problems = load_file("entities/sources/probe.yml", text.encode())
    problems = [p for p in problems if "schema line" not in p.message]
    assert len(problems) == 1 and problems[0].line == 5 and "http(s) address" in problems[0].message, problems


@pytest.mark.parametrize("name,raw,line,col,message", FILES_REFUSED, ids=[f[0] for f in FILES_REFUSED])
def test_refused_files(name, raw, line, col, message):
    record, problems = load_file("entities/places/probe.yml", raw)
    assert record is None or not record.complete
    assert any((p.line, p.col) == (line, col) and message in str(p) for p in problems), [str(p) for p in problems]


def test_refused_payloads_through_the_generator_write_nothing(tree):
    """Refused text in several files at once: every problem reported as file:line, exit 1, and the
    previous generated pages (and site/) untouched."""
    project = make_project(tree.parent / "project", tree)
    assert build_pages(project).returncode == 0
    out = project / "docs" / "dossier"
    before = tree_hash(out)
    refused = dict(REFUSED + REFUSED_LINKS)
    pick = lambda start: next(p for p in refused if p.startswith(start))  # noqa: E731
    placements = [  # (file, text replaced, its replacement, payload, message expected)
        ("people/hafiz-example.yml", "name: Hafiz Example", "name: {}", pick("<img src=x onerror=alert(1) x")),
        ("people/hafiz-example.yml", "title: chief", "title: {}", pick("x {#id")),
        ("groups/khorasan-province.yml", "text: \"100–200\"", "text: {}", pick("x\" onmouseover")),
        ("events/2017-market-attack.yml", "text: at least 12", "text: {}", pick("JaVaScRiPt")),
        ("narratives/market-attack-responsibility.yml", "claim: The Khorasan Province claimed it.", "claim: {}",
         pick("[x](relative")),
        ("sources/cited-article.yml", "locator: footnote 3", "locator: {}", pick("--8<--")),
    ]
    placements = [(rel, old, new, payload, refused[payload]) for rel, old, new, payload in placements]
    placements.append(("sources/cited-article.yml", "url: https://example.org/article", "url: {}", URLS_REFUSED[0], "http(s) address"))
    expected = []
    for rel, old, new, payload, message in placements:
        path = project / "entities" / rel
        text = path.read_text()
        assert old in text, (rel, old)
        line = text[:text.index(old)].count("\n") + 1
        path.write_text(text.replace(old, new.format(json.dumps(payload, ensure_ascii=False)), 1))
        expected.append((f"entities/{rel}:{line}:", message))
    result = build_pages(project)
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    for where, message in expected:
        assert any(line.startswith(where) and message in line for line in result.stderr.splitlines()), (where, message, result.stderr)
    assert tree_hash(out) == before


# =================================================================================================
# 3. The whole build with the accepted payloads in every kind of text field

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(hostile site, expected, reference site): the hostile tree built as `make site` does, and a
    reference built by the same generator from harmless text (same templates, same page kinds)."""
    base = tmp_path_factory.mktemp("hostile")
    reference = make_project(base / "reference")
    write_hostile_tree(reference, plain=["Plain words"], prose=["Plain words", "Two\n\nparagraphs"], families=2)
    hostile = make_project(base / "hostile")
    expected = write_hostile_tree(hostile)
    for project in (reference, hostile):
        for step in (build_pages, build_site):
            result = step(project)
            assert result.returncode == 0, f"{project.name} {step.__name__}:\n{result.stderr[-4000:]}"
    return html_pages(hostile / "site"), expected, html_pages(reference / "site"), hostile / "site", reference / "site"


def _redirect_page(name: str, expected) -> bool:
    return any(name.startswith(f"dossier/groups/{old}/") for old in expected.redirects)


def _in_svg(scan, text) -> bool:
    return any(scan.elements[i].tag == "svg" for i in text.ancestors)


def _head_title(element) -> bool:
    return element.tag in ("title", "svg") or element.has_class("md-header__topic")


def test_no_script_but_the_themes(built):
    pages, _expected, reference, *_ = built
    allowed = {normalise_script(src, inline) for scan in reference.values() for src, inline in scan.scripts}
    found = [f"{name}: {src or inline[:60]!r}" for name, scan in pages.items() for src, inline in scan.scripts
             if normalise_script(src, inline) not in allowed]
    assert found == []


def test_nothing_executable(built):
    pages, _expected, reference, *_ = built
    allowed = {normalise_script(src, inline) for scan in reference.values() for src, inline in scan.scripts}
    found = [f for name, scan in pages.items() for f in executable_findings(name, scan, allowed, meta_description_ok=True)]
    assert found == [], "\n".join(found[:30])


def test_no_element_or_attribute_from_data(built):
    """Only the elements and attributes a harmless build has (SVG contents and redirect pages: see
    the known holes below)."""
    pages, expected, reference, *_ = built
    tags, attrs = structure(reference.values())
    found = [f for name, scan in pages.items() if not _redirect_page(name, expected)
             for f in new_structure(name, scan, tags, attrs, skip_svg=True)]
    assert found == [], "\n".join(found[:30])


_PAIRED_STARS = re.compile(r"(?<![\w*])(\*{1,3})(?![*\s])([^*]+?)(?<![\s\\])\1(?![\w*])")


def _as_shown(value: str, page: str) -> str:
    """The value as the page should show it: as typed, except on an archived text's page, which
    reads its extraction's paired asterisks as emphasis (`**strong**` shown bold, its asterisks
    gone); a lone or escaped asterisk stays."""
    return _PAIRED_STARS.sub(r"\2", value) if page.startswith("dossier/texts/") else value


def test_every_value_reaches_the_page_as_typed(built):
    """At every marker, the text before it is the whole value as typed (NFC, spaces collapsed):
    nothing was taken as markup, entity, link, list, heading, footnote or table syntax."""
    pages, expected, *_ = built
    found, seen = [], set()
    for name, scan in pages.items():
        if _redirect_page(name, expected):
            continue  # see test_redirect_pages_show_the_name_as_text
        text = scan.text(skip=_head_title)
        for m in MARKER.finditer(text):
            value = expected.texts.get(m.group())
            seen.add(m.group())
            if value and not text[:m.end()].endswith(_as_shown(value, name)):
                found.append(f"{name}: {value!r} shown as {text[max(0, m.end() - len(value) - 10):m.end()]!r}")
    assert found == [], "\n".join(found[:30])
    missing = [m for m in expected.texts if m not in seen and m[3:5] not in ("PF",)]  # `office` is not shown
    assert missing == [], f"{len(missing)} values never reached a page, e.g. {missing[:10]}"


def test_prose_paragraphs_stay_in_their_cell(built):
    pages, expected, *_ = built
    found = []
    for name, scan in pages.items():
        where: dict[str, list] = {}
        for t in scan.texts:
            for m in MARKER.finditer(t.data):
                where.setdefault(m.group(), []).append(scan.nearest(t, {"td", "th", "li"}))
        for markers in (ms for ms in expected.blocks.values() if len(ms) > 1):
            places = [where.get(m, []) for m in markers]
            if len({len(p) for p in places}) > 1 or any(len({p[i] for p in places}) > 1 for i in range(len(places[0]))):
                found.append(f"{name}: paragraphs of {markers[0]} end up in different cells: {places}")
    assert found == [], "\n".join(found[:20])


def test_source_addresses_are_http_links(built):
    pages, expected, *_ = built
    for source_id, href in expected.urls.items():
        scan = pages[f"dossier/sources/{source_id}/index.html"]
        links = [dict(e.attrs)["href"] for e in scan.elements if e.tag == "a" and dict(e.attrs).get("href") == markup.url(href)]
        assert links, (source_id, href)
        assert all(link.startswith(("http://", "https://")) for link in links)


def test_search_index_runs_nothing(built):
    """The theme's search shows entries' titles and texts as HTML."""
    _pages, _expected, _ref, site, _reference_site = built
    found = [f for name, scan in search_fragments(site) for f in executable_findings(name, scan, set())]
    assert found == [], "\n".join(found[:30])


# -- known holes in files this suite does not own ------------------------------------------------

def test_head_title_and_description_are_text(built):
    pages, expected, *_ = built
    found = []
    for name, scan in pages.items():
        for e in scan.elements:
            if e.tag == "meta" and e.attrs[:1] == [("name", "description")]:
                if [a for a, _ in e.attrs] != ["name", "content"]:
                    found.append(f"{name}: meta description has attributes {[a for a, _ in e.attrs]}")
        for where in ("title", "md-header__topic"):
            root = next((e.index for e in scan.elements if e.tag == where or e.has_class(where)), None)
            part = collapse(" ".join(t.data for t in scan.texts if root in t.ancestors))
            for m in MARKER.finditer(part):
                value = expected.texts.get(m.group())
                if value and not part[:m.end()].endswith(value):
                    found.append(f"{name} <{where}>: {value!r} shown as {part!r}")
    assert found == [], "\n".join(found[:30])


def test_redirect_pages_show_the_name_as_text(built):
    pages, expected, reference, *_ = built
    tags, attrs = structure(reference.values())
    found = []
    for old, marker in expected.redirects.items():
        found += new_structure(old, pages[f"dossier/groups/{old}/index.html"], tags, attrs)
        text = pages[f"dossier/groups/{old}/index.html"].text(skip=_head_title)
        value = expected.texts[marker]
        if not text[:text.index(marker) + len(marker)].endswith(value):
            found.append(f"{old}: {value!r}")
    assert found == [], "\n".join(found)


def test_svg_labels_are_plain_text(built):
    pages, expected, *_ = built
    found = []
    for name, scan in pages.items():
        for t in scan.texts:
            if not _in_svg(scan, t):
                continue
            for m in MARKER.finditer(t.data):
                value = expected.texts.get(m.group())
                data = collapse(t.data)
                if value and value not in data:
                    found.append(f"{name}: {value!r} in SVG as {data[:80]!r}")
        for e in scan.elements:
            if any(scan.elements[i].tag == "svg" for i in e.ancestors) and e.tag in ("strong", "em", "code", "sup", "p"):
                found.append(f"{name}: <{e.tag}> inside an SVG")
    assert found == [], "\n".join(found[:30])


def test_search_index_holds_no_markup_from_data(built):
    _pages, expected, _ref, site, reference_site = built
    tags, attrs = structure(scan for _, scan in search_fragments(reference_site))
    found = []
    for name, scan in search_fragments(site):
        found += new_structure(name, scan, tags, attrs)
        text = scan.text()
        for m in MARKER.finditer(text):
            value = expected.texts.get(m.group())
            if value and not _redirect_page(name, expected) and not text[:m.end()].endswith(_as_shown(value, name)):
                found.append(f"{name}: {value!r}")
    assert found == [], "\n".join(found[:30])


def test_csv_downloads_hold_no_formulas(built):
    import csv
    _pages, _expected, _ref, site, _reference_site = built
    found = []
    for path in sorted((site / "dossier" / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                found += [f"{path.name}: {cell[:60]!r}" for cell in row if MARKER.search(cell) and cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert found == [], "\n".join(found[:20])


def test_marker_search_is_sensitive(built):
    """The verbatim check finds an interpreted value: a page with the footnote syntax taken as a
    footnote must fail it (guards the checker itself)."""
    pages, expected, *_ = built
    marker = next(m for m, v in expected.texts.items() if v.startswith("[^1] and"))
    fake = scan_html(f"<p>and <sup>1</sup>: a footnote {marker}</p>")
    text = fake.text()
    assert not text[:text.index(marker) + len(marker)].endswith(expected.texts[marker])
    assert unicodedata.is_normalized("NFC", expected.texts[marker])
