"""Stage 4: render every page of the generated folder as Markdown, in memory.

Shared modules (`context`, `markup`, `vocabulary`, `figures`, `graph`, `relmap`, `svg`) hold what every page
needs; `pages/` holds one module per page family, which import only the shared modules. `site`
composes them.
"""
from __future__ import annotations

from ..changelog import Changelog
from ..exports import ExportMeta
from ..link import link
from ..load import Record
from ..models import FOLDER_OF
from ..quotes import SourceText
import json
import re

from .builders import BUILDERS, for_builder
from .context import Page, Settings, colophon, page_path, text_path
from .graph import build_graph
from .pages.changes import LATEST_SNIPPET, render_changes
from .pages.chronology import render_chronology
from .pages.contested import render_contested
from .pages.data import data_files, render_downloads
from .pages.entity import render_entity, render_redirect
from .pages.indexes import render_index, render_texts_index
from .pages.leadership import render_leadership
from .pages.method import render_method
from .pages.network import render_network
from .pages.profile import render_profile
from .pages.sources import render_sources
from .pages.tags import render_tag_pages
from .pages.texts import render_text
from .relmap import build_relmap

__all__ = ["BUILDERS", "Settings", "site"]
PROFILE_SNIPPET = "_snippets/profile.md"  # included by the hand-written docs/index.md


def site(records: list[Record], texts: dict[str, SourceText], settings: Settings = Settings(),
         meta: ExportMeta | None = None, changelog: Changelog | None = None) -> dict[str, str]:
    """Every generated page: path inside the generated folder → Markdown text.

    `settings.builder` is the tool that turns them into HTML, "mkdocs" or "zensical": the two
    resolve links inside raw HTML (the SVG figures) differently; see `Page.raw_href`. `meta` is
    the version, build date and licences the data downloads state (STIX, CITATION.cff…).
    `changelog` is the history read from git (`history.read`, then `changelog.build`); without it
    the pages say that the history is not available in this build.
    """
    if settings.builder not in BUILDERS:
        raise ValueError(f"builder must be one of {', '.join(BUILDERS)}, not {settings.builder!r}")
    # (an address the build cannot tell falls back to the repository: exports need some absolute URL)
    meta = meta or ExportMeta(version=settings.version if settings.version != "working copy" else "unreleased",
                              built=settings.version_date or "1970-01-01",
                              site_url=settings.site_url or settings.repo_url + "/", repo_url=settings.repo_url)
    changelog = changelog if changelog is not None else Changelog.unavailable("the history was not read")
    d = link(records, texts)
    graph = build_graph(d)
    rm = build_relmap(d)
    pages: dict[str, str] = {}
    for kind in FOLDER_OF:
        pages[f"{FOLDER_OF[kind]}/index.md"] = render_index(kind, d, settings)
    pages["narratives/index.md"] = render_contested(d, settings)
    pages["sources/index.md"] = render_sources(d, settings)
    pages["texts/index.md"] = render_texts_index(d, settings)
    pages["leadership.md"] = render_leadership(d, settings)
    pages.update(render_chronology(d, settings))
    pages["network.md"] = render_network(d, graph, settings, rm)
    pages[PROFILE_SNIPPET] = render_profile(d, graph, settings)
    pages["method.md"] = render_method(d, settings)
    pages.update(render_tag_pages(d, settings))
    downloads = data_files(d, graph, meta)
    pages.update(downloads)
    pages["data/index.md"] = render_downloads(downloads, meta)
    pages.update(render_changes(d, changelog, settings))
    for r in d.records:
        _add(pages, page_path(r.kind, r.id), render_entity(r, d, settings, graph, changelog, rm))
        if r.kind == "source" and r.entity.archived_text in texts:
            _add(pages, text_path(r.id), render_text(r, d, settings))
        for old in r.entity.former_ids:
            _add(pages, page_path(r.kind, old), render_redirect(r, old))
    moved = {page_path(r.kind, old) for r in d.records for old in r.entity.former_ids}
    for path, text in pages.items():
        if path == LATEST_SNIPPET:  # the end of the home page
            subject = d.by_id.get(settings.subject)
            pages[path] = text + colophon(Page(d, "profile.md", settings, docs_path="index.md"),
                                          subject.entity.name if subject else "Home")
        elif path.endswith(".md") and path not in moved and not path.startswith("_snippets/"):
            pages[path] = for_builder(text + colophon(Page(d, path, settings), _title(text)), settings.builder)
    return dict(sorted(pages.items()))


def _title(markdown: str) -> str:
    """The page's title from its front matter (HTML-escaped there for the theme)."""
    import html
    found = re.search(r"^title: (.*)$", markdown, re.M)
    if not found:
        return ""
    value = found.group(1).strip()
    return html.unescape(json.loads(value) if value.startswith('"') else value)


def _add(pages: dict[str, str], path: str, text: str) -> None:
    """Add a page that no other page may replace (validation refuses the ids that would; this
    catches a renderer that forgets one)."""
    if path in pages:
        raise ValueError(f"two pages would be written to {path}")
    pages[path] = text
