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
from typing import Collection, Mapping

from .builders import BUILDERS, for_builder
from .context import Page, Settings, colophon, page_path, text_path
from .graph import build_graph
from .pages.changes import LATEST_SNIPPET, render_changes
from .pages.chronology import render_chronology
from .pages.contested import render_contested
from .pages.data import data_files, entity_document_path, render_downloads
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

__all__ = ["BUILDERS", "Settings", "Site", "site"]
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
    return Site(records, texts, settings, meta, changelog).everything()


class Site:
    """One version of the dossier, linked once, whose generated files are rendered on demand:
    `everything()` (what `site` returns), or, for the preview, only the files one entity's own
    record makes (`of_entity`), the home page's profile, some data downloads, the Data page. Each
    file is made by the same code whichever way it is asked for, so it is the same text."""

    def __init__(self, records: list[Record], texts: dict[str, SourceText], settings: Settings = Settings(),
                 meta: ExportMeta | None = None, changelog: Changelog | None = None):
        if settings.builder not in BUILDERS:
            raise ValueError(f"builder must be one of {', '.join(BUILDERS)}, not {settings.builder!r}")
        # (an address the build cannot tell falls back to the repository: exports need some absolute URL)
        self.settings = settings
        self.meta = meta or ExportMeta(version=settings.version if settings.version != "working copy" else "unreleased",
                                       built=settings.version_date or "1970-01-01",
                                       site_url=settings.site_url or settings.repo_url + "/", repo_url=settings.repo_url)
        self.changelog = changelog if changelog is not None else Changelog.unavailable("the history was not read")
        self.d = link(records, texts)
        self.graph = build_graph(self.d)
        self.rm = build_relmap(self.d)
        self.moved = {page_path(r.kind, old) for r in self.d.records for old in r.entity.former_ids}

    def __repr__(self) -> str:
        return f"Site({self.d!r}, builder={self.settings.builder})"

    def everything(self, without: Collection[str] = ()) -> dict[str, str]:
        """Every generated file, by path inside the generated folder, sorted; less the data
        downloads and Data page named in `without` (the preview renders the slowest after the rest)."""
        d, graph, settings = self.d, self.graph, self.settings
        pages: dict[str, str] = {}
        for kind in FOLDER_OF:
            pages[f"{FOLDER_OF[kind]}/index.md"] = render_index(kind, d, settings)
        pages["narratives/index.md"] = render_contested(d, settings)
        pages["sources/index.md"] = render_sources(d, settings)
        pages["texts/index.md"] = render_texts_index(d, settings)
        pages["leadership.md"] = render_leadership(d, settings)
        pages.update(render_chronology(d, settings))
        pages["network.md"] = render_network(d, graph, settings, self.rm)
        pages[PROFILE_SNIPPET] = render_profile(d, graph, settings)
        pages["method.md"] = render_method(d, settings)
        pages.update(render_tag_pages(d, settings))
        downloads = data_files(d, graph, self.meta, without=without)
        pages.update(downloads)
        if DATA_PAGE not in without:
            pages[DATA_PAGE] = render_downloads(downloads, self.meta)
        pages.update(render_changes(d, self.changelog, settings))
        for r in d.records:
            for path, text in self._entity_pages(r).items():
                _add(pages, path, text)
        return dict(sorted((path, self._finish(path, text)) for path, text in pages.items()))

    def of_entity(self, entity_id: str) -> dict[str, str]:
        """The files made from one entity's record (with only the names of others): its page, its
        archived text's page, the redirects from its former ids, its JSON document."""
        r = self.d.by_id[entity_id]
        out = {path: self._finish(path, text) for path, text in self._entity_pages(r).items()}
        out.update(data_files(self.d, self.graph, self.meta, only={entity_document_path(r)}))
        return dict(sorted(out.items()))

    def profile(self) -> dict[str, str]:
        """The subject group's profile, which the hand-written home page includes."""
        return {PROFILE_SNIPPET: render_profile(self.d, self.graph, self.settings)}

    def downloads(self, paths: Collection[str]) -> dict[str, str]:
        """The data downloads at `paths` (e.g. `data/dossier.json`), each as in `everything()`."""
        return data_files(self.d, self.graph, self.meta, only=set(paths))

    def data_page(self, downloads: Mapping[str, str]) -> dict[str, str]:
        """The Data page, which lists `downloads` (every data file, by path) with their sizes."""
        return {DATA_PAGE: self._finish(DATA_PAGE, render_downloads(downloads, self.meta))}

    def _entity_pages(self, r: Record) -> dict[str, str]:
        pages = {page_path(r.kind, r.id): render_entity(r, self.d, self.settings, self.graph, self.changelog, self.rm)}
        if r.kind == "source" and r.entity.archived_text in self.d.texts:
            pages[text_path(r.id)] = render_text(r, self.d, self.settings)
        for old in r.entity.former_ids:
            pages[page_path(r.kind, old)] = render_redirect(r, old)
        return pages

    def _finish(self, path: str, text: str) -> str:
        """A page as written: every page but a redirect or a snippet ends with its colophon, and
        its front matter is put as its builder reads it."""
        settings = self.settings
        if path == LATEST_SNIPPET:  # the end of the home page
            subject = self.d.by_id.get(settings.subject)
            return text + colophon(Page(self.d, "profile.md", settings, docs_path="index.md"),
                                   subject.entity.name if subject else "Home")
        if path.endswith(".md") and path not in self.moved and not path.startswith("_snippets/"):
            return for_builder(text + colophon(Page(self.d, path, settings), _title(text)), settings.builder)
        return text


DATA_PAGE = "data/index.md"


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
