"""The sources page: every document the dossier cites, archived texts first, each with its
publisher, date and authors and what the dossier does not know about it."""
from __future__ import annotations

from ...link import Dossier
from ..context import Page, Settings, front_matter
from ..vocabulary import source_table, table_wrapper


def render_sources(d: Dossier, settings: Settings) -> str:
    page = Page(d, "sources/index.md", settings)
    sources = sorted(d.by_kind.get("source", []), key=lambda r: r.entity.name.casefold())
    archived = [s for s in sources if s.entity.archived_text]
    others = [s for s in sources if not s.entity.archived_text]
    out = ["# Sources", "", "Every document the dossier cites. The archived documents can be read with every cited passage "
           "highlighted and linked to the statements that cite it: in full where their licence allows, otherwise as the cited "
           f"passages with their context ([all archived texts]({page.href('texts/index.md')})); the references they footnote are "
           "listed after them. The last column says what the dossier does not know about a document (an author, a date or a "
           "publisher the document does not print, no address) and which of its details are inferred; each source's page "
           "gives the reason.", "",
           "## Archived documents", "", *table_wrapper("archived", "documents", source_table(archived, page, cited=True))]
    if others:
        out += ["## Referenced documents", "", *table_wrapper("referenced", "documents", source_table(others, page, cited=True))]
    return front_matter("Sources", "Every source the ISKP dossier cites, with archived texts and the statements citing each.") + "\n".join(out) + "\n"
