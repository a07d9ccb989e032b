"""Build helpers for the site-level tests: a project around an entity tree, both build steps as
`make site` runs them, and an HTML scanner for what reached site/.

Used by test_hostile.py, test_reproducible.py, test_build.py and test_zensical.py. Nothing here
needs the network.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "tree"
PYTHON = sys.executable


# -- projects and builds ------------------------------------------------------------------------

# Everything of this repository a build reads, except the data; entity trees bring their own.
_NOT_COPIED = {".git", ".venv", "site", "site-zensical", "dist", "test-artifacts", "tests", "entities", "seeds",
               "__pycache__", ".pytest_cache", ".hypothesis"}


def make_project(dest: Path, tree: Path = FIXTURE) -> Path:
    """A buildable project at `dest`: an entity tree (entities/, seeds/) plus this repository's
    configuration, hand-written docs, theme overrides and code, as they are in the working tree."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(tree, dest)
    for item in sorted(ROOT.iterdir()):
        if item.name in _NOT_COPIED or item.name.startswith((".site-", ".")):
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(item, dest / item.name)
    shutil.rmtree(dest / "docs" / "dossier", ignore_errors=True)  # generated
    return dest


def build_env(**overrides: str | None) -> dict[str, str]:
    """The environment of a build; an override of None removes the variable."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def build_pages(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, str(project / "scripts" / "build_pages.py"), "--root", str(project), *args],
                          cwd=project, capture_output=True, text=True, env=env or build_env())


def build_site(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, str(project / "scripts" / "build_site.py"), *args],
                          cwd=project, capture_output=True, text=True, env=env or build_env())


def make_site(project: Path, env: dict | None = None) -> None:
    """`make site`: generate the pages, then build site/ with MkDocs --strict; fail loudly."""
    for step in (build_pages, build_site):
        result = step(project, env=env)
        assert result.returncode == 0, f"{step.__name__} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under a folder (dot-files included) by relative path, with its SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def git_epoch() -> str:
    """The commit time of this repository's last commit, as `make site` exports it."""
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip().isdigit() else "1700000000"


# -- scanning HTML --------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


@dataclass
class Element:
    index: int
    tag: str
    attrs: list[tuple[str, str | None]]
    ancestors: tuple[int, ...]  # indexes of the open elements around it

    def has_class(self, name: str) -> bool:
        return name in (dict(self.attrs).get("class") or "").split()


@dataclass
class Text:
    data: str
    ancestors: tuple[int, ...]


@dataclass
class Scan:
    """One HTML document as a flat list of elements and text nodes, each knowing its ancestors."""

    elements: list[Element] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    scripts: list[tuple[str, str]] = field(default_factory=list)  # (src, inline text)
    # <script type="application/json">: data a script reads, never run by the browser (the maps')
    data_blocks: list[str] = field(default_factory=list)

    def text(self, skip=None) -> str:
        """All text, whitespace collapsed, leaving out text inside elements for which `skip` is true."""
        skipped = {e.index for e in self.elements if skip(e)} if skip else set()
        parts = [t.data for t in self.texts if not skipped.intersection(t.ancestors)]
        return " ".join(" ".join(parts).split())

    def nearest(self, text: Text, tags: set[str]) -> int | None:
        """Index of the innermost ancestor of a text node with one of `tags`."""
        for index in reversed(text.ancestors):
            if self.elements[index].tag in tags:
                return index
        return None


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self.stack: list[int] = []
        self.in_script: int | None = None
        self.in_data = False  # the script being read is a JSON data block
        self.joining = False  # the parser splits text at a stray `<`; consecutive pieces are one text node

    def handle_starttag(self, tag, attrs):
        self.joining = False
        element = Element(len(self.scan.elements), tag, attrs, tuple(self.stack))
        self.scan.elements.append(element)
        if tag == "script":
            self.in_script = element.index
            given = dict(attrs)
            self.in_data = (given.get("type") or "").strip().lower() == "application/json" and not given.get("src")
            if self.in_data:
                self.scan.data_blocks.append("")
            else:
                self.scan.scripts.append((given.get("src") or "", ""))
        if tag not in VOID:
            self.stack.append(element.index)

    def handle_startendtag(self, tag, attrs):
        self.joining = False
        self.scan.elements.append(Element(len(self.scan.elements), tag, attrs, tuple(self.stack)))

    def handle_endtag(self, tag):
        self.joining = False
        for pos in range(len(self.stack) - 1, -1, -1):
            if self.scan.elements[self.stack[pos]].tag == tag:
                del self.stack[pos:]
                break
        if tag == "script":
            self.in_script = None

    def handle_data(self, data):
        if self.in_script is not None and self.in_data:
            self.scan.data_blocks[-1] += data
            return
        if self.in_script is not None:
            src, inline = self.scan.scripts[-1]
            self.scan.scripts[-1] = (src, inline + data)
            return
        if self.joining:
            self.scan.texts[-1].data += data
        else:
            self.scan.texts.append(Text(data, tuple(self.stack)))
        self.joining = True

    def handle_comment(self, data):
        self.joining = False
        self.scan.comments.append(data)


def scan_html(source: str) -> Scan:
    parser = _Scanner()
    parser.feed(source)
    parser.close()
    return parser.scan


def html_pages(site: Path) -> dict[str, Scan]:
    return {p.relative_to(site).as_posix(): scan_html(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def element_ids(scan: Scan) -> set[str]:
    """What a fragment can point to in a document: `id`s, and `name`s of <a>."""
    return {value for e in scan.elements for attr, value in e.attrs
            if value is not None and (attr == "id" or (attr == "name" and e.tag == "a"))}


def link_target(site: Path, page: str, href: str, root_path: str = "/") -> tuple[str, str] | None:
    """Where a link on a built page leads: (file relative to the site folder, fragment), a folder
    standing for its index.html; None for another host or a scheme other than HTTP. `page` is the
    page's path relative to the site folder; `root_path` is the path of site_url, which links from
    the site root (the 404 page's) begin with. A path that climbs out of the site starts with `..`."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        path = path.removeprefix(root_path.rstrip("/") + "/") if path.startswith(root_path) else ".." + path
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    resolved = posixpath.normpath(path)
    if path.endswith("/") or (site / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html") if resolved != "." else "index.html"
    return resolved, parts.fragment


def search_fragments(site: Path) -> list[tuple[str, Scan]]:
    """The title and text of every search-index entry; the theme's search shows them as HTML."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [(f"{doc['location']} {key}", scan_html(doc.get(key) or "")) for doc in index["docs"] for key in ("title", "text")]


# What a browser would run or load. URL attributes, in HTML and SVG.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
                  "ping", "cite", "longdesc", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "imagesrcset"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file|livescript|mocha):", re.I)
EMBEDDING_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "template",
                  "foreignobject", "animate", "set", "animatemotion", "animatetransform", "handler", "listener",
                  "math", "style", "noscript", "xmp", "plaintext", "isindex"}


def scheme_of(value: str) -> str:
    """A URL as a browser reads its scheme: entities decoded, controls and whitespace ignored."""
    value = html.unescape(value or "")
    return re.sub(r"[\x00-\x20\x7f-\x9f]+", "", value).lower()


def normalise_script(src: str, inline: str) -> tuple[str, str]:
    """A script with the page's depth taken out of its relative paths (`../../` → `../`)."""
    return re.sub(r"(?:\.\./)+", "../", src), re.sub(r"(?:\.\./)+", "../", inline.strip())


def executable_findings(name: str, scan: Scan, allowed_scripts: set, meta_description_ok: bool = False) -> list[str]:
    """Everything in a document that would run or load: event handlers, script URLs, scripts
    other than the theme's, embedding elements, meta refresh, inline styles with expressions."""
    found = []
    for src, inline in scan.scripts:
        if normalise_script(src, inline) not in allowed_scripts:
            found.append(f"{name}: script not in the clean build: src={src!r} {inline[:80]!r}")
    for block in scan.data_blocks:  # data, not code: it must be JSON, whole, with no markup in it
        try:
            json.loads(block)
        except ValueError:
            found.append(f"{name}: a JSON data block that does not parse (broken out of?): {block[:80]!r}")
        if "<" in block:
            found.append(f"{name}: '<' inside a JSON data block (could end it): {block[:80]!r}")
    for e in scan.elements:
        if meta_description_ok and _is_meta_description(e):
            continue
        if e.tag in EMBEDDING_TAGS:
            found.append(f"{name}: <{e.tag}> element")
        for attr, value in e.attrs:
            attr = attr.lower()
            if attr.startswith("on"):
                found.append(f"{name}: event handler {attr}={value!r} on <{e.tag}>")
            if attr in URL_ATTRIBUTES and BAD_SCHEME.match(scheme_of(value)):
                found.append(f"{name}: {attr}={value!r} on <{e.tag}>")
            if attr == "style" and re.search(r"expression\(|url\(|@import|javascript:", html.unescape(value or ""), re.I):
                found.append(f"{name}: style={value!r} on <{e.tag}>")
            if attr == "http-equiv":
                found.append(f"{name}: http-equiv={value!r} on <{e.tag}>")
            if attr == "srcdoc":
                found.append(f"{name}: srcdoc on <{e.tag}>")
    return found


def _is_meta_description(e: Element) -> bool:
    return e.tag == "meta" and (e.attrs[:1] == [("name", "description")])


def structure(scans) -> tuple[set[str], set[str]]:
    """The element names and attribute names used across documents."""
    tags, attrs = set(), set()
    for scan in scans:
        for e in scan.elements:
            tags.add(e.tag)
            attrs.update(a.lower() for a, _ in e.attrs)
    return tags, attrs


def new_structure(name: str, scan: Scan, tags: set[str], attrs: set[str], skip_meta_description: bool = True,
                  skip_svg: bool = False) -> list[str]:
    """Element or attribute names a clean build never produces: they came from the data."""
    found = []
    svg = {e.index for e in scan.elements if e.tag == "svg"} if skip_svg else set()
    for e in scan.elements:
        if skip_meta_description and _is_meta_description(e):
            continue
        if svg.intersection(e.ancestors):
            continue
        if e.tag not in tags:
            found.append(f"{name}: <{e.tag}> is not produced by a clean build")
        for attr, _ in e.attrs:
            if attr.lower() not in attrs:
                found.append(f"{name}: attribute `{attr}` on <{e.tag}> is not produced by a clean build")
    return found
