"""Index pages per kind: the navigation lists these, never every entity page."""
from __future__ import annotations

from ... import dates
from ...link import Dossier
from ...models import FOLDER_OF
from ..context import Page, Settings, bdi, front_matter, text_path
from ..markup import plain
from ..vocabulary import KIND_PLURAL, columns_table, event_date_cell, event_facets, iso_sort, responsibilities, source_table, table_wrapper

INTRO = {
    "person": "People named in the sources: ISKP leaders and members, officials, spokesmen, analysts and authors.",
    "group": "Organizations named in the sources: militant groups, state agencies, governments, outlets.",
    "faction": "Factions and sub-groups, each with its parent group.",
    "event": "Events in date order, at the precision the sources give.",
    "place": "Places named in the sources.",
    "source": "Every document the dossier cites, with the statements that cite it.",
    "narrative": "Contested claims and disputed facts: every version with who holds it.",
}


# Groups split by what they are, so that a researcher scans the armed actors apart from the states
# and from the outlets and institutes that report on them (issue 19). (heading, group types)
GROUP_SECTIONS = (
    ("Militant groups and factions", {"militant-group", "militant-faction", "propaganda-outlet", "political-movement"}),
    ("States and their agencies", {"government", "state-agency", "armed-forces"}),
    ("Media and research organisations", {"media-outlet", "research-organization", "publisher"}),
    ("Other organisations", None),  # everything else: international bodies, parties, "other"
)


def render_index(kind: str, d: Dossier, settings: Settings) -> str:
    page = Page(d, f"{FOLDER_OF[kind]}/index.md", settings)
    records = list(d.by_kind.get(kind, []))
    out = [f"# {KIND_PLURAL[kind]}", "", INTRO[kind], "", f"{len(records)} entries.", ""]
    if kind == "event":
        records.sort(key=lambda r: (dates.sort_key(r.entity.date), r.id))
        rows = ["| Date | Event | Type | Place | Responsibility |", "|---|---|---|---|---|"]
        rows += [f"| {event_date_cell(r.entity, d)} | {page.link(r.id)} | {plain(r.entity.type)} | {page.links(r.entity.places)} | "
                 f"{responsibilities(r.entity, page)} |" for r in records]
        out += table_wrapper("events", "events", rows, event_facets(records, d))
    elif kind == "source":
        records.sort(key=lambda r: r.entity.name.casefold())
        out += table_wrapper("sources", "sources", source_table(records, page))
    elif kind == "group":
        # factions belong with the militant groups here (they keep their own index too)
        records += d.by_kind.get("faction", [])
        out[4] = f"{len(records)} entries, factions included, in {len(GROUP_SECTIONS)} kinds."
        out += _group_sections(records, page)
    else:
        records.sort(key=lambda r: r.entity.name.casefold())
        columns = {"person": ["Name", "Also known as", "Roles", "Status"],
                   "faction": ["Name", "Also known as", "Type", "Parent", "Areas", "Active"],
                   "place": ["Name", "Also known as", "Type", "Within"],
                   "narrative": ["Name", "Also known as", "Type"]}[kind]
        out += table_wrapper(FOLDER_OF[kind], FOLDER_OF[kind], columns_table(columns, [_cells(r, page) for r in records]))
    return front_matter(KIND_PLURAL[kind], INTRO[kind], boost=0.3) + "\n".join(out) + "\n"


def _group_sections(records, page: Page) -> list[str]:
    out, placed = [], set()
    for heading, types in GROUP_SECTIONS:
        items = [r for r in records if r.id not in placed and (types is None or (r.entity.type or "other") in types
                                                                  or (r.kind == "faction" and heading.startswith("Militant")))]
        placed.update(r.id for r in items)
        if not items:
            continue
        items.sort(key=lambda r: r.entity.name.casefold())
        out += [f"## {heading}", "", f"{len(items)} entries.", ""]
        out += table_wrapper(slug_of(heading), "organisations",
                             columns_table(["Name", "Also known as", "Type", "Parent", "Areas", "Active"], [_cells(r, page) for r in items]))
    return out


def slug_of(heading: str) -> str:
    return "-".join(heading.lower().split()[:2])


def _cells(r, page: Page) -> dict[str, str]:
    """Every column an index may show for an entity; a table keeps those some row fills."""
    e = r.entity
    cells = {"Name": page.link(r.id), "Also known as": ", ".join(bdi(a.name) for a in e.aliases[:6]),
             "Type": plain((getattr(e, "type", "") or "").replace("-", " "))}
    if r.kind == "person":
        roles = dict.fromkeys(f"{plain(role.title)}, {page.link(role.group)}" for role in e.roles)
        cells["Roles"] = "; ".join(list(roles)[:3]) + (f"; and {len(roles) - 3} more" if len(roles) > 3 else "")
        latest = max(e.status, key=lambda s: dates.sort_key(s.as_of), default=None)
        cells["Status"] = f"{plain(latest.value.replace('-', ' '))} (as of {plain(dates.in_words(latest.as_of))})" if latest else ""
    if r.kind in ("group", "faction"):
        cells["Parent"] = page.link(e.parent.group) if e.parent else ""
        cells["Areas"] = ", ".join(page.link(a.place) for a in e.areas[:5]) + (f" and {len(e.areas) - 5} more" if len(e.areas) > 5 else "")
        cells["Active"] = active(e)
    if r.kind == "place":
        cells["Within"] = page.link(e.within.place) if e.within else ""
    return cells


def active(e) -> str:
    """When a group was active, as far as the sources say: its founding and its last status."""
    bits = []
    if e.founded:
        bits.append(f"from {plain(dates.in_words(e.founded.date))}")
    latest = max(e.status, key=lambda s: dates.sort_key(s.as_of), default=None)
    if latest:
        bits.append(f"{plain(latest.value.replace('-', ' '))} as of {plain(dates.in_words(latest.as_of))}")
    return "; ".join(bits)


def render_texts_index(d: Dossier, settings: Settings) -> str:
    """The archived texts: what can be read in full on the site, how much of each the dossier cites."""
    page = Page(d, "texts/index.md", settings)
    archived = sorted((r for r in d.by_kind.get("source", []) if r.entity.archived_text in d.texts), key=lambda r: r.entity.name.casefold())
    rows = []
    for r in archived:
        e, text = r.entity, d.texts[r.entity.archived_text]
        passages = {f for c in d.citations.get(r.id, []) if c.citation.source == r.id for f in c.citation.fragments}
        rows.append({"Document": f"[{plain(e.name)}]({page.href(text_path(r.id))})",
                     "Shown": "full text" if e.publish == "full" else "cited passages with their context",
                     "Publisher": page.link(e.publisher) if e.publisher else "not printed",
                     "Date": f'<span data-sort="{iso_sort(e.date)}">{plain(dates.in_words(e.date, "not printed"))}</span>',
                     "Words": f"{len(text.text.split()):,}", "Passages cited": str(len(passages)),
                     "Record": page.link(r.id, "source record")})
    out = ["# Archived texts", "", "The documents whose text the dossier keeps, each with every passage the dossier quotes "
           "highlighted and linked to the statements that cite it: in full where the document's licence allows, otherwise the "
           "cited passages with their context. Every quote from these documents is "
           f"checked against the text when the site is built. {len(archived)} texts.", "",
           *table_wrapper("texts", "texts", columns_table(["Document", "Shown", "Publisher", "Date", "Words", "Passages cited", "Record"], rows))]
    return front_matter("Archived texts", "The archived texts of the ISKP dossier's sources, each readable in full with the cited passages marked.",
                        boost=0.3) + "\n".join(out) + "\n"
