"""Stage 4: render every page of the generated folder as Markdown, in memory."""
from __future__ import annotations

from ..exports import ExportMeta
from ..link import link
from ..load import Record
from ..models import FOLDER_OF
from ..quotes import SourceText
from .context import BUILDERS, page_path, text_path
from .data import data_files, render_downloads
from .entities import Settings, render_entity
from .graph import build_graph
from .indexes import render_index
from .markup import plain
from .pages import (render_chronology, render_contested, render_leadership, render_network, render_profile,
                    render_sources, render_tag_pages)
from .texts import render_text

__all__ = ["BUILDERS", "Settings", "site"]
PROFILE_SNIPPET = "_snippets/profile.md"  # included by the hand-written docs/index.md


def site(records: list[Record], texts: dict[str, SourceText], settings: Settings = Settings(),
         meta: ExportMeta = ExportMeta()) -> dict[str, str]:
    """Every generated page: path inside the generated folder → Markdown text.

    `settings.builder` is the tool that turns them into HTML, "mkdocs" or "zensical": the two
    resolve links inside raw HTML (the SVG figures) differently; see `Page.raw_href`. `meta` is
    the version, build date and licences the data downloads state (STIX, CITATION.cff…).
    """
    if settings.builder not in BUILDERS:
        raise ValueError(f"builder must be one of {', '.join(BUILDERS)}, not {settings.builder!r}")
    d = link(records, texts)
    graph = build_graph(d)
    pages: dict[str, str] = {}
    for kind in FOLDER_OF:
        pages[f"{FOLDER_OF[kind]}/index.md"] = render_index(kind, d)
    pages["narratives/index.md"] = render_contested(d, settings)
    pages["sources/index.md"] = render_sources(d, settings)
    pages["leadership.md"] = render_leadership(d, settings)
    pages.update(render_chronology(d, settings))
    pages["network.md"] = render_network(d, graph, settings)
    pages[PROFILE_SNIPPET] = render_profile(d, graph, settings)
    pages.update(render_tag_pages(d, settings))
    downloads = data_files(d, graph, meta)
    pages.update(downloads)
    pages["data/index.md"] = render_downloads(downloads)
    for r in d.records:
        pages[page_path(r.kind, r.id)] = render_entity(r, d, settings, graph)
        if r.kind == "source" and r.entity.archived_text in texts:
            pages[text_path(r.id)] = render_text(r, d)
        for old in r.entity.former_ids:
            pages[page_path(r.kind, old)] = _redirect(r, old)
    return dict(sorted(pages.items()))


def _redirect(r: Record, old: str) -> str:
    """A page at a former id that points to the renamed entity (search skips it)."""
    return (f"---\ntitle: Moved\ndescription: This entry has moved.\nsearch:\n  exclude: true\n---\n\n"
            f"# Moved\n\nThis entry is now [{plain(r.entity.name)}]({r.id}.md).\n")
