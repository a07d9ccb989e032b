"""A saved web page's main text and metadata, with trafilatura.

trafilatura keeps the article and drops navigation, cookie banners, share buttons, related
links, reader comments and footers. It is given the page's bytes only, never a URL to fetch, so
it uses no network. What it finds is checked for loss: a page whose main text is a small share
of all its text is mostly boilerplate (or the article was not found), and a page that declares
its length (JSON-LD `wordCount`) can be compared with what was kept.
"""
from __future__ import annotations

import re
from importlib.metadata import version

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

from .htmlmeta import Declared, day_of, declared, where_declared
from .normalise import archive_text
from .result import VERSION, Extraction, Found

BOILERPLATE_SHARE = 0.25  # main text under this share of the page's text: mostly boilerplate
FEW_WORDS = 80  # fewer words than this: the article was probably not found


def extract_html(data: bytes, max_bytes: int) -> Extraction:
    """The main text and metadata of a saved HTML page (its bytes: trafilatura finds the encoding)."""
    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))  # its own limit (20 MB) would give an empty text
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, deduplicate=False, config=config)
    lines = (doc.text or "").split("\n") if doc is not None else []
    text = archive_text(lines)
    page_text = _page_text(data)
    found = declared(data)
    metadata = _metadata(doc, found) if doc is not None else {}
    warnings = []
    words, page_words = len(text.split()), len(page_text.split())
    if text and page_words and words / page_words < BOILERPLATE_SHARE:
        warnings.append(f"the main text is {100 * words // page_words}% of the page's text ({words} of {page_words} words): "
                        "the page is mostly boilerplate, or part of the article was dropped with it")
    if text and words < FEW_WORDS:
        warnings.append(f"only {words} words were extracted: check that the article is complete "
                        "(a page that loads its text by script is saved without it)")
    declared_words = _word_count(data)
    if text and declared_words and words < 0.7 * declared_words:
        warnings.append(f"{words} words were extracted, but the page declares {declared_words} (JSON-LD wordCount): "
                        "part of the article is missing")
    kind = "news-report" if _declares_news(data) else "article"
    return Extraction(text, "html", f"trafilatura {version('trafilatura')}, dossier.extract {VERSION}",
                      metadata, tuple(warnings), kind)


def _metadata(doc, found: list[Declared]) -> dict[str, Found]:
    """trafilatura's title, authors, site name, date and address, each traced to where the page declares it."""
    reader = "trafilatura's reading of the page (no metadata tag gives it)"
    out = {}
    if doc.title:
        title = " ".join(doc.title.split())
        where = where_declared("title", title, found)
        out["title"] = Found(title, where.where if where else reader)
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    if authors:
        wheres = [where_declared("author", a, found) for a in authors]
        places = sorted({w.where for w in wheres if w})
        origin = " and ".join(places) if places and all(wheres) else reader
        out["authors"] = Found(authors, origin)
    if doc.sitename:
        site = " ".join(doc.sitename.split())
        where = where_declared("site", site, found)
        if where or not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", site):  # a bare host name is not a publisher's name
            out["publisher"] = Found(site, where.where if where else reader)
    if doc.date:
        where = where_declared("date", doc.date, found)
        if where:
            day = day_of(where.value)
            out["date"] = Found(day[0] if day else doc.date, where.where)
        else:
            in_url = _date_in_address(doc.url or "", doc.date)
            out["date"] = Found(*in_url) if in_url else Found(doc.date, "trafilatura's reading of the page's text "
                                                              "(no metadata tag gives it)")
    if doc.url:
        where = where_declared("url", doc.url, found)
        if where:
            out["url"] = Found(where.value, where.where)
    return out


def _date_in_address(url: str, date: str) -> tuple[str, str] | None:
    """A date in the page's address (`/2021/11/18/` or `/2021/11/`), at the precision given there."""
    m = re.search(r"/(\d{4})/(\d{2})(?:/(\d{2}))?/", url)
    if not m or not date.startswith(f"{m.group(1)}-{m.group(2)}"):
        return None
    value = "-".join(g for g in m.groups() if g)
    return value, "the page's address"


def _page_text(data: bytes) -> str:
    """All the text a reader of the page could see, scripts and styles aside."""
    try:
        tree = lxml_html.fromstring(data)
    except (ValueError, TypeError, etree.LxmlError):  # an empty or broken document
        return ""
    for el in tree.xpath("//script | //style | //noscript | //template | //head"):
        el.drop_tree()
    return " ".join(tree.text_content().split())


def _word_count(data: bytes) -> int | None:
    m = re.search(rb'"wordCount"\s*:\s*"?(\d{2,6})', data)
    return int(m.group(1)) if m else None


def _declares_news(data: bytes) -> bool:
    return bool(re.search(rb'"@type"\s*:\s*"(?:NewsArticle|ReportageNewsArticle)"', data))

