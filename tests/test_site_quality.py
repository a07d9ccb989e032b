"""Reading quality of the built site: no broken internal link or anchor anywhere, a meta
description on every page, and nothing fetched from another host."""
from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT



class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.meta_description, self.external = set(), [], None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "meta" and a.get("name") == "description":
            self.meta_description = a.get("content")
        for key in ("href", "src"):
            value = a.get(key)
            if value is None:
                continue
            loads = tag in ("script", "img", "iframe") or (tag == "link" and a.get("rel") not in ("canonical", "alternate"))
            if loads and value.startswith(("http:", "https:", "//")):
                self.external.append(value)
            self.links.append(value)


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


def _site_url() -> str:
    from dossier.origin import mkdocs_config
    return mkdocs_config(ROOT, {})["site_url"]


def _parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None, ""
    if not parts.path:
        return page, parts.fragment
    if parts.path.startswith("/"):  # 404.html links from the site root (site_url's path)
        prefix = urlsplit(_site_url()).path
        resolved = (site / unquote(parts.path).removeprefix(prefix)).resolve()
    else:
        resolved = (page.parent / unquote(parts.path)).resolve()
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, parts.fragment


def test_no_broken_internal_link_or_anchor(site):
    pages = {p.resolve(): _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            target, fragment = _target(site, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href} (missing file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(site)} → {href} (missing anchor)")
    assert len(pages) > 50
    assert broken == [], "\n".join(broken[:40])


def test_every_page_has_its_own_meta_description(site):
    missing = [str(p.relative_to(site)) for p in site.rglob("*.html")
               if p.name != "404.html" and not (_parse(p).meta_description or "").strip()]
    assert missing == []


def test_nothing_is_loaded_from_another_host(site):
    external = {str(p.relative_to(site)): _parse(p).external for p in site.rglob("*.html")}
    assert {k: v for k, v in external.items() if v} == {}
