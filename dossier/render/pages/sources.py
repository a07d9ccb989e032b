"""The sources page: every document the dossier cites, archived texts first."""
from __future__ import annotations

from ... import dates
from ...link import Dossier
from ..context import Page, Settings, front_matter, text_path
from ..markup import plain


def render_sources(d: Dossier, settings: Settings) -> str:
    page = Page(d, "sources/index.md", settings)
    sources = sorted(d.by_kind.get("source", []), key=lambda r: r.entity.name.casefold())
    archived = [s for s in sources if s.entity.archived_text]
    others = [s for s in sources if not s.entity.archived_text]
    out = ["# Sources", "", "Every document the dossier cites. The archived documents can be read with every cited passage "
           "highlighted and linked to the statements that cite it: in full where their licence allows, otherwise as the cited "
           "passages with their context; the references they footnote are listed after them.", "",
           "## Archived documents", "", "| Title | Authors | Publisher | Date | Citations | Archived text |", "|---|---|---|---|---|---|"]
    for s in archived:
        e = s.entity
        out.append(f"| {page.link(s.id)} | {page.links(e.authors) or 'not printed'} | {page.link(e.publisher) if e.publisher else 'not printed'} | "
                   f"{plain(dates.in_words(e.date, 'not printed'))} | {len(d.citations.get(s.id, []))} | [{'full text' if e.publish == 'full' else 'cited passages'}]({page.href(text_path(s.id))}) |")
    if others:
        out += ["", "## Referenced documents", "", "| Title | Authors | Publisher | Date | Cited in |", "|---|---|---|---|---|"]
        for s in others:
            e = s.entity
            out.append(f"| {page.link(s.id)} | {page.links(e.authors)} | {page.link(e.publisher) if e.publisher else ''} | "
                       f"{plain(dates.in_words(e.date, ''))} | {page.links(dict.fromkeys(c.source for c in e.cited_in))} |")
    out.append("")
    return front_matter("Sources", "Every source the ISKP dossier cites, with archived texts and the statements citing each.") + "\n".join(out) + "\n"
