"""Index pages per kind: the navigation lists these, never every entity page."""
from __future__ import annotations

from ... import dates
from ...link import Dossier
from ...models import FOLDER_OF
from ..context import Page, Settings, bdi, front_matter
from ..markup import plain
from ..vocabulary import KIND_PLURAL, event_date_cell, event_facets, responsibilities, table_wrapper

INTRO = {
    "person": "People named in the sources: ISKP leaders and members, officials, spokesmen, analysts and authors.",
    "group": "Organizations named in the sources: militant groups, state agencies, governments, outlets.",
    "faction": "Factions and sub-groups, each with its parent group.",
    "event": "Events in date order, at the precision the sources give.",
    "place": "Places named in the sources.",
    "source": "Every document the dossier cites, with the statements that cite it.",
    "narrative": "Contested claims and disputed facts: every version with who holds it.",
}


def render_index(kind: str, d: Dossier, settings: Settings) -> str:
    page = Page(d, f"{FOLDER_OF[kind]}/index.md", settings)
    records = list(d.by_kind.get(kind, []))
    out = [f"# {KIND_PLURAL[kind]}", "", INTRO[kind], "", f"{len(records)} entries.", ""]
    if kind == "event":
        records.sort(key=lambda r: (dates.sort_key(r.entity.date), r.id))
        rows = ["| Date | Event | Type | Place | Responsibility |", "|---|---|---|---|---|"]
        rows += [f"| {event_date_cell(r.entity)} | {page.link(r.id)} | {plain(r.entity.type)} | {page.links(r.entity.places)} | "
                 f"{responsibilities(r.entity, page)} |" for r in records]
        out += table_wrapper("events", "events", rows, event_facets(records, d))
    elif kind == "source":
        records.sort(key=lambda r: r.entity.name.casefold())
        out += ["| Title | Authors | Publisher | Date | Archived |", "|---|---|---|---|---|"]
        out += [f"| {page.link(r.id)} | {page.links(r.entity.authors)} | {page.link(r.entity.publisher) if r.entity.publisher else ''} | "
                f"{plain(dates.in_words(r.entity.date, ''))} | {'yes' if r.entity.archived_text else ''} |" for r in records]
    else:
        records.sort(key=lambda r: r.entity.name.casefold())
        out += ["| Name | Also known as | Type |", "|---|---|---|"]
        for r in records:
            kind_of = getattr(r.entity, "type", "") or ""
            aliases = ", ".join(bdi(a.name) for a in r.entity.aliases[:6])
            out.append(f"| {page.link(r.id)} | {aliases} | {plain(kind_of.replace('-', ' '))} |")
    return front_matter(KIND_PLURAL[kind], INTRO[kind], boost=0.3) + "\n".join(out) + "\n"
