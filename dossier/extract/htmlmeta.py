"""Where a saved page declares its title, authors, site, date and address.

trafilatura reads a page's metadata with many heuristics, but does not say where each value came
from; a source entity must (its `inferred` reasons). This module lists what the page itself
declares — meta tags, JSON-LD, the title element, the canonical link, time elements, the address
— so that each value trafilatura found can be traced to the declaration that gives it, or be
said to be trafilatura's own reading of the page.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree
from lxml import html as lxml_html


@dataclass(frozen=True)
class Declared:
    """One value the page declares, and where, in words for an `inferred` reason."""

    field: str  # title, author, site, date, url
    value: str
    where: str


# meta tag name (or property) → the field it declares, in order of preference
_META = {
    "title": ("og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title", "parsely-title", "title"),
    "author": ("author", "article:author", "citation_author", "dc.creator", "dcterms.creator", "parsely-author",
               "sailthru.author", "byl"),
    "site": ("og:site_name", "citation_publisher", "dc.publisher", "dcterms.publisher", "application-name",
             "twitter:site"),
    "date": ("article:published_time", "citation_publication_date", "citation_date", "citation_online_date",
             "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "date", "pubdate", "publish-date",
             "parsely-pub-date", "sailthru.date", "og:published_time", "article:modified_time", "og:updated_time"),
    "url": ("og:url", "twitter:url", "citation_public_url", "citation_abstract_html_url"),
}
_JSON_LD = {"title": ("headline", "name"), "date": ("datePublished", "dateCreated", "dateModified"),
            "url": ("url", "mainEntityOfPage")}


def declared(data: bytes | str) -> list[Declared]:
    """Every title, author, site, date and address the page declares, in order of preference."""
    try:
        tree = lxml_html.fromstring(data)
    except (ValueError, TypeError, etree.LxmlError):  # an empty or broken document
        return []
    found: list[Declared] = []
    metas = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            metas.setdefault(key, []).append(content)
    for field, keys in _META.items():
        for key in keys:
            found += [Declared(field, v, f"the page's meta tag `{key}`") for v in metas.get(key, [])]
    for obj in _json_ld(tree):
        for field, keys in _JSON_LD.items():
            for key in keys:
                value = obj.get(key)
                if isinstance(value, dict):
                    value = value.get("@id") or value.get("url")
                if isinstance(value, str) and value.strip():
                    found.append(Declared(field, value.strip(), f"the page's JSON-LD `{key}`"))
        for field, key in (("author", "author"), ("site", "publisher")):
            for person in _as_list(obj.get(key)):
                name = person.get("name") if isinstance(person, dict) else person
                if isinstance(name, str) and name.strip():
                    found.append(Declared(field, name.strip(), f"the page's JSON-LD `{key}`"))
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found.append(Declared("url", link.get("href").strip(), "the page's canonical link"))
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.append(Declared("title", " ".join(title.text_content().split()), "the page's title element"))
    for h1 in tree.iter("h1"):
        found.append(Declared("title", " ".join(h1.text_content().split()), "the page's main heading"))
    for time in tree.iter("time"):
        if time.get("datetime"):
            found.append(Declared("date", time.get("datetime").strip(), "a time element of the page"))
    for a in tree.iter("a"):
        if "author" in (a.get("rel") or "").lower().split():
            found.append(Declared("author", " ".join(a.text_content().split()), "the page's author link"))
    for el in tree.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " byline ")]'):
        found.append(Declared("author", " ".join(el.text_content().split()), "the page's byline"))
    return found


def _json_ld(tree) -> list[dict]:
    objects = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = _as_list(data)
        while stack:
            obj = stack.pop(0)
            if isinstance(obj, dict):
                objects.append(obj)
                stack += _as_list(obj.get("@graph"))
    return objects


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def day_of(text: str) -> tuple[str, str] | None:
    """(EDTF date, precision) of a declared date: `2021-11-18T06:40:00+04:30` → (2021-11-18, day);
    a bare `2021-11` or a path `/2021/11/` keeps its month precision."""
    text = text.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(*map(int, m.groups())).isoformat(), "day"
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return text, "month"
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat(), "day"
        except ValueError:
            continue
    return None


def where_declared(field: str, value: str, found: list[Declared]) -> Declared | None:
    """The first declaration that gives `value` for `field` (a title may carry the site's name after
    it; a date may carry a time; an author may be one of several in a byline)."""
    wanted = _plain(value)
    if not wanted:
        return None
    for d in found:
        if d.field != field:
            continue
        have = _plain(d.value)
        if field == "date":
            day = day_of(d.value)
            if day and (day[0] == value or value.startswith(day[0])):
                return d
        elif field == "url":
            if d.value.rstrip("/") == value.rstrip("/"):
                return d
        elif field in ("title", "site") and (have == wanted or have.startswith(wanted) or (field == "title" and wanted in have)):
            return d
        elif field == "author" and wanted in have:
            return d
    return None


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[’‘`]", "'", text).lower().split())
