"""Stage 4: render every page of the generated folder as Markdown, in memory."""
from __future__ import annotations

from ..link import link
from ..load import Record
from ..models import FOLDER_OF
from ..quotes import SourceText
from .context import page_path, text_path
from .entities import Settings, render_entity

__all__ = ["Settings", "site"]
from .indexes import render_index
from .texts import render_text


def site(records: list[Record], texts: dict[str, SourceText], settings: Settings = Settings()) -> dict[str, str]:
    """Every generated page: relative path → Markdown text."""
    d = link(records, texts)
    pages: dict[str, str] = {}
    for kind in FOLDER_OF:
        pages[f"{FOLDER_OF[kind]}/index.md"] = render_index(kind, d)
    for r in d.records:
        pages[page_path(r.kind, r.id)] = render_entity(r, d, settings)
        if r.kind == "source" and r.entity.archived_text in texts:
            pages[text_path(r.id)] = render_text(r, d)
        for old in r.entity.former_ids:
            pages[page_path(r.kind, old)] = _redirect(r, old)
    return dict(sorted(pages.items()))


def _redirect(r: Record, old: str) -> str:
    """A page at a former id that points (and, in a browser, moves) to the renamed entity."""
    target = f"{r.id}/" if True else f"{r.id}.md"
    return (f"---\ntitle: Moved\ndescription: This entry has moved.\nsearch:\n  exclude: true\n---\n\n"
            f"# Moved\n\nThis entry is now [{r.entity.name}]({r.id}.md).\n")
