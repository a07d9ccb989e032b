"""The site builds with Zensical as well as MkDocs (`make zensical`; see README, Publishing).

Zensical (Material's successor) reads mkdocs.yml but resolves links inside raw HTML (the SVG
figures) as it resolves Markdown links, relative to the Markdown file, where MkDocs leaves them
alone; `build_pages.py --for zensical` writes them that way. One copy of the project is built both
ways, with this repository's data: MkDocs into site/ (`make site`), Zensical into site-zensical/
(`make zensical`). Every internal link and anchor of the Zensical site must resolve, it must have
the same pages as the MkDocs site, and the links in each page's content must lead where MkDocs'
do (a link can resolve and still be wrong: the figure's own node, `./`, lands on the kind's index).
"""
from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from dossier.origin import mkdocs_config
from sitebuild import element_ids, html_pages, link_target


LINK_ATTRIBUTES = ("href", "src", "xlink:href")
ROOT_PATH = urlsplit(mkdocs_config(ROOT, {})["site_url"]).path


def _ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"{result.args}:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"


@pytest.fixture(scope="module")
def built(zensical_site, real_site) -> tuple[Path, dict, dict]:
    """(the Zensical site folder, its pages, the MkDocs site's pages), pages as `sitebuild.Scan`s."""
    return zensical_site, html_pages(zensical_site), html_pages(real_site)


def _links(scan, within: str | None = None):
    """The URLs of a page's elements, or only of the <a> elements inside a <`within`> element
    (leaving out the "All names" box only Zensical's pages have, for its search: builders.names_box)."""
    inside = {e.index for e in scan.elements if e.tag == within}
    names_box = {e.index for e in scan.elements if e.has_class("dossier-names")}
    for e in scan.elements:
        if within and (e.tag != "a" or not inside.intersection(e.ancestors) or names_box.intersection(e.ancestors)):
            continue
        for attr, value in e.attrs:
            if attr in LINK_ATTRIBUTES and value is not None and (not within or attr == "href"):
                yield value


def test_no_broken_internal_link_or_anchor(built):
    site, pages, _ = built
    ids = {name: element_ids(scan) for name, scan in pages.items()}
    broken = []
    for name, scan in pages.items():
        for href in _links(scan):
            target = link_target(site, name, href, ROOT_PATH)
            if target is None:
                continue
            path, fragment = target
            if not (site / path).is_file() or path.startswith(".."):
                broken.append(f"{name} → {href} (missing file)")
            elif fragment and path.endswith(".html") and fragment not in ids[path]:
                broken.append(f"{name} → {href} (missing anchor)")
    assert broken == [], f"{len(broken)} broken links, the first:\n" + "\n".join(broken[:30])


def test_same_pages_as_mkdocs(built):
    _, pages, mkdocs_pages = built
    assert len(pages) == len(mkdocs_pages) > 50
    assert sorted(pages) == sorted(mkdocs_pages)


def test_content_links_lead_where_mkdocs_links_lead(built):
    site, pages, mkdocs_pages = built
    mkdocs_site = site.with_name("site")
    differ = []
    for name in sorted(pages.keys() & mkdocs_pages.keys()):
        ours = Counter(link_target(site, name, href, ROOT_PATH) for href in _links(pages[name], "article"))
        theirs = Counter(link_target(mkdocs_site, name, href, ROOT_PATH) for href in _links(mkdocs_pages[name], "article"))
        if ours != theirs:
            differ.append(f"{name}: only Zensical {sorted(map(str, (ours - theirs).elements()))[:3]}, "
                          f"only MkDocs {sorted(map(str, (theirs - ours).elements()))[:3]}")
    assert differ == [], f"{len(differ)} pages, the first:\n" + "\n".join(differ[:20])


def test_zensical_uses_its_own_search_box(built):
    """overrides/ holds Material's search box; zensical.yml leaves it out, since in Zensical's theme
    it replaces Zensical's search button and garbles the header. Zensical's box has a name."""
    _, pages, _ = built
    wrong = []
    for name, scan in pages.items():
        boxes = [e for e in scan.elements if e.has_class("md-search")]
        inside = {e.tag for e in scan.elements if boxes and boxes[0].index in e.ancestors}
        if len(boxes) != 1 or not dict(boxes[0].attrs).get("aria-label") or "button" not in inside or "input" in inside:
            wrong.append(name)
    assert wrong == [], f"{len(wrong)} pages, the first: {wrong[:5]}"
