"""The dossier's shared wording: labels, date spans, responsibility, disputes, tags, and the one
renderer for tenures and the one for relations.

Every page family speaks through this module, so that a tenure, a relation or a disputed statement
reads the same on the home page, an entity page and the leadership page. It imports no page family;
page families import it and the other shared modules (`context`, `markup`, `figures`), never each
other.
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict

from .. import dates
from ..link import Dossier
from ..load import Record
from ..models import Topic
from ..review.wording import field_words
from .context import Page, text_path
from .markup import plain

KIND_LABEL = {"person": "Person", "group": "Group", "faction": "Faction", "event": "Event", "place": "Place",
              "source": "Source", "narrative": "Contested claim"}
KIND_PLURAL = {"person": "People", "group": "Groups", "faction": "Factions", "event": "Events", "place": "Places",
               "source": "Sources", "narrative": "Contested claims"}
# (from the group that holds the relation, from its target)
RELATION_LABEL = {
    "branch-of": ("Branch of", "Branches"), "faction-of": ("Faction of", "Factions"),
    "split-from": ("Split from", "Splinter groups"), "pledged-allegiance": ("Pledged allegiance to", "Received allegiance from"),
    "supported": ("Supported", "Supported by"), "opposed": ("Opposed", "Opposed by"), "ally": ("Ally of", "Allies"),
    "collaborates-with": ("Collaborates with", "Collaborators"), "rival": ("Rival of", "Rivals"),
    "fought": ("Fought", "Fought by"), "recruits-from": ("Recruits from", "Members recruited by"),
    "alleged-sponsor": ("Alleged sponsor", "Allegedly sponsors"), "alleged-links": ("Alleged links with", "Alleged links with"),
    "part-of": ("Part of", "Has part"),
}
STANCE_LABEL = {"claimed": "claimed responsibility", "attributed": "held responsible", "suspected": "suspected",
                "alleged": "alleged to be responsible", "denied": "responsibility denied"}
TOPIC_TITLE = {t.value: t.value.replace("-", " ").capitalize() for t in Topic}


# -- dates -------------------------------------------------------------------------------------

def span(start: str | None, end: str | None) -> tuple[str, str]:
    """A tenure's or relation's two ends in words; an end the sources do not give says so."""
    return plain(dates.in_words(start, "not given")), plain(dates.in_words(end, "not given"))


def when(event) -> str:
    """An event's date in words, with its end when it lasted ("May 2016 to July 2016")."""
    words = plain(dates.in_words(event.date))
    return words + f" to {plain(dates.in_words(event.end_date))}" if event.end_date else words


# -- who says what -------------------------------------------------------------------------------

def responsibility(a, page: Page) -> str:
    """One attribution as a phrase that says who holds whom responsible (or denies it).

    "denied: ISKP (by Yousuf Wafa)" read as if ISKP had issued a denial; the phrase names both.
    """
    group, others = page.link(a.group), [b for b in a.by if b != a.group]
    by = page.who(others)
    if a.stance == "claimed":
        return f"claimed by {group}" + (f" (according to {by})" if by else "")
    if a.stance == "denied":
        return f"{group} denied responsibility" if not by else f"{group}'s responsibility denied by {by}"
    if a.stance == "attributed":
        return f"attributed to {group}" + (f" by {by}" if by else "")
    if a.stance == "alleged":
        return f"{by} alleged {group}'s involvement" if by else f"{group}'s involvement alleged"
    return f"{group} suspected" + (f" by {by}" if by else "")


def responsibilities(event, page: Page) -> str:
    return "; ".join(responsibility(a, page) for a in event.attributions)


def casualties(event) -> str:
    """The figures as worded, each followed by its kind unless the wording says it ("… were killed")."""
    return "; ".join(c.text if re.search(rf"\b{c.kind}\b", c.text, re.IGNORECASE) else f"{c.text} {c.kind}"
                     for c in event.casualties)


def disputed(narratives, page: Page) -> str:
    """A disputed statement, on the page that makes it: " (disputed: …)" with each version in a
    short clause and who holds it, then the contested claim's page for the full account. The reader
    sees that, and how, the sources disagree without leaving the page. A dispute the page has
    already told is named by its link only ("disputed: see …"): told in full at every mention, the
    eight clauses of one dispute filled the home page five times over."""
    if not narratives:
        return ""
    told = [n for n in narratives if n in page.disputes_told]
    fresh = [n for n in narratives if n not in page.disputes_told]
    page.disputes_told.update(narratives)
    parts = ([versions(fresh, page)] if fresh else []) + (["see " + ", ".join(page.link(n) for n in told)] if told else [])
    return f" <small>(disputed: {' · '.join(parts)})</small>"


def versions(narratives, page: Page) -> str:
    """Each contested claim as its versions' short clauses with their claimants, and its link."""
    parts = []
    for nid in narratives:
        n = page.d.by_id[nid].entity
        clauses = [f"{page.prose(v.short)}, according to {page.who(v.claimants)}" for v in n.versions if v.short]
        parts.append(("; ".join(clauses) + " — " if clauses else "") + page.link(nid))
    return " · ".join(parts)  # (never "|": the clause sits in table cells)


def status(items, page: Page) -> str:
    return "; ".join(f"{plain(s.value.replace('-', ' '))} (as of {plain(dates.in_words(s.as_of))})"
                     + (f": {page.prose(s.note)}" if s.note else "") + page.cite(s.sources) + disputed(s.disputed_by, page)
                     for s in items)


# -- tenures ---------------------------------------------------------------------------------

def succession(d: Dossier, group: str) -> list[tuple[Record, object]]:
    """Tenures of the group's single-holder offices (`office:` set), in the order they were held."""
    return [(p, role) for p, role in d.roles_in.get(group, []) if role.office]


def role_table(rows: list[tuple[str, object]], page: Page, first: str) -> list[str]:
    """The one table of tenures: `rows` are (the id shown first, role); `first` names that column
    ("Person" on a group's pages, "Group" on a person's). Every tenure reads the same everywhere:
    title and number, both ends in words, how it ended, its note, its disputes with their versions,
    its sources."""
    out = [f"| {first} | Title | From | To | How it ended | Notes and sources |", "|---|---|---|---|---|---|"]
    for entity_id, role in rows:
        start, end = span(role.start, role.end)
        title = plain(role.title) + (f" (no. {role.ordinal})" if role.ordinal else "")
        ended = plain((role.ended_by or "not given").replace("-", " "))
        notes = (page.prose(role.note) + " " if role.note else "") + page.cite(role.sources) + disputed(role.disputed_by, page)
        out.append(f"| {page.link(entity_id)} | {title} | {start} | {end} | {ended} | {notes} |")
    return out + [""]


# -- relations -------------------------------------------------------------------------------

def relations_of(r: Record, d: Dossier) -> dict[str, list[tuple[str, object]]]:
    """A group's relations both ways, by label ("Branch of", and on the target's page "Branches"):
    label → [(the other group's id, relation)]."""
    rows = defaultdict(list)
    for rel in getattr(r.entity, "relations", []):
        rows[RELATION_LABEL[rel.type][0]].append((rel.target, rel))
    for other, rel in d.relations_to.get(r.id, []):
        rows[RELATION_LABEL[rel.type][1]].append((other.id, rel))
    return dict(sorted(rows.items()))


def relation(other: str, rel, page: Page) -> str:
    """The one rendering of a relation, from either end: the other group, the dates, who alleges it
    and who denies it, its note, its sources, its disputes."""
    bits = [page.link(other)]
    if rel.start or rel.end:
        bits.append(f"({plain(dates.in_words(rel.start, '?'))} – {plain(dates.in_words(rel.end, 'not given'))})")
    said = ([f"alleged by {page.who(rel.alleged_by)}"] if rel.alleged_by else []) + \
           ([f"denied by {page.who(rel.denied_by)}"] if rel.denied_by else [])
    if said:
        bits.append("— " + "; ".join(said))
    return " ".join(bits) + (f": {page.prose(rel.note)}" if rel.note else "") + page.cite(rel.sources) + disputed(rel.disputed_by, page)


def coverage(d: Dossier) -> tuple[Record | None, Record | None, list[Record]]:
    """(earliest dated source, latest dated source, undated sources) among the documents the
    dossier cites; the general-knowledge entry is not a document."""
    sources = [r for r in d.by_kind.get("source", []) if r.entity.kind != "general-knowledge"]
    dated = sorted((r for r in sources if r.entity.date), key=lambda r: (dates.sort_key(r.entity.date), r.id))
    return (dated[0] if dated else None), (dated[-1] if dated else None), [r for r in sources if not r.entity.date]


def coverage_words(d: Dossier) -> str:
    """"documents dated 2015 to 15 November 2021" (with the undated ones counted)."""
    first, last, undated = coverage(d)
    if first is None:
        return "no dated documents"
    words = f"documents dated {dates.in_words(first.entity.date)} to {dates.in_words(last.entity.date)}"
    return words + (f", and {len(undated)} undated" if undated else "")


# -- tags ------------------------------------------------------------------------------------

def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def tags_of(r: Record, d: Dossier) -> list[tuple[str, str]]:
    """(slug, label) tags: kind, type, region and nationality, all derived from the data."""
    e = r.entity
    tags = [(f"kind-{r.kind}", KIND_LABEL[r.kind])]
    if getattr(e, "type", None):
        tags.append((f"type-{slug(e.type)}", e.type.replace("-", " ")))
    regions = set(getattr(e, "places", [])) | {a.place for a in getattr(e, "areas", [])}
    if r.kind == "place" and e.within:
        regions.add(e.within.place)
    tags += [(f"region-{place}", d.name(place)) for place in sorted(regions) if place in d.by_id]
    tags += [(f"nationality-{n.place}", f"{d.name(n.place)} (nationality)") for n in getattr(e, "nationality", []) if n.place in d.by_id]
    return tags


def tag_path(tag_slug: str) -> str:
    return f"tags/{tag_slug}.md"


def tag_line(r: Record, page: Page) -> str:
    return "Tags: " + " · ".join(f"[{plain(label)}]({page.href(tag_path(s))})" for s, label in tags_of(r, page.d))


# -- changes (the History sections and the Changes page) -------------------------------------

def commit_link(commit, page: Page) -> str:
    """A link to the commit in the repository, named by its short hash: the pages say what a commit
    changed in the dossier's own words (the statements); a commit's message is the maintainers'
    shorthand ("class 2", "publish: passages"), a click away."""
    return f"[commit {plain(commit.short)}]({page.settings.repo_url}/commit/{commit.sha})"


def statement_change(s) -> str:
    """A statement's change in a few words, for the public pages (`make review` says it in full):
    "governor of ISKP: end April 2020 → 4 April 2020", "note “…” reworded", "alias “LeT” added"."""
    if s.action != "changed":
        return f"{plain(s.label)} {s.action}"
    parts = []
    for v in s.values:
        if v.delta:
            parts.append(f"{plain(field_words(v.name))}: {plain(v.delta)}")
        elif isinstance(v.old, str) and isinstance(v.new, str) and max(len(v.old), len(v.new)) > 60:
            parts.append(f"{plain(field_words(v.name))} reworded" if not s.scalar else "reworded")
        else:
            name = "" if s.scalar else f"{plain(field_words(v.name))} "
            parts.append(f"{name}{plain(v.old_words)} → {plain(v.new_words)}")
    counts = {a: sum(1 for c in s.citations if c.action == a) for a in ("added", "changed", "removed")}
    cites = ", ".join(f"{n} {'citation' if n == 1 else 'citations'} {a}" for a, n in counts.items() if n)
    if cites:
        parts.append(cites)
    return f"{plain(s.label)}: " + "; ".join(parts)


def change_summary(c) -> str:
    """An entity's change in a few words: "added (12 statements)", "3 statements changed, 1 added"."""
    if c.action in ("added", "removed"):
        return f"{c.action} ({len(c.statements)} statements)"
    counts = {a: sum(1 for s in c.statements if s.action == a) for a in ("changed", "added", "removed")}
    words = ", ".join(f"{n} {a}" for a, n in counts.items() if n)
    said = f"{sum(counts.values())} {'statement' if sum(counts.values()) == 1 else 'statements'}: {words}" if words else \
        "no statement changed (layout only)"
    return (f"renamed from {plain(c.old_id)}; " if c.action == "renamed" else "") + said


# -- tables a reader sorts and filters (docs/assets/dossier-tables.js) -------------------------

STANCE_ORDER = ("claimed", "attributed", "suspected", "alleged", "denied", "disputed")


def table_wrapper(name: str, noun: str, lines: list[str], facets: dict | None = None) -> list[str]:
    """A Markdown table inside the wrapper that makes it sortable (and filterable by `facets`:
    key → (label, [(value, option label)])). The table itself is unchanged without JavaScript."""
    data = ""
    if facets:
        value = {k: {"label": label, "options": [list(o) for o in options]} for k, (label, options) in facets.items() if options}
        data = f' data-facets="{html.escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")), quote=True)}"'
    return [f'<div class="dossier-table" data-table="{name}" data-noun="{noun}"{data} markdown>', "", *lines, "", "</div>", ""]


def event_facets(events, d: Dossier, with_year: bool = True) -> dict:
    """The filters of a table of events, with the options its rows have."""
    years, types, groups, places, stances = set(), set(), set(), set(), set()
    for r in events:
        e = r.entity
        years.update(event_years(e))
        types.add(e.type)
        places.update(p for p in places_around(e.places, d) if p in d.by_id)
        for a in e.attributions:
            if a.group in d.by_id:
                groups.add(a.group)
                stances.add(a.stance)
                if a.disputed_by or e.disputed_by:
                    stances.add("disputed")
    facets = {"year": ("Year", [(str(y), str(y)) for y in sorted(years)])} if with_year else {}
    facets["type"] = ("Type", [(t, t.replace("-", " ")) for t in sorted(types)])
    facets["group"] = ("Group or person held responsible", sorted(((g, d.name(g)) for g in groups), key=lambda x: x[1].casefold()))
    facets["attribution"] = ("Attribution", [(s, s) for s in STANCE_ORDER if s in stances])
    facets["place"] = ("Place", sorted(((p, place_label(p, d)) for p in places), key=lambda x: x[1].casefold()))
    return facets


def place_label(p: str, d: Dossier) -> str:
    """A place as a filter's option: its name, and the place it lies in ("Kabul (Afghanistan)")."""
    e = d.by_id[p].entity
    up = getattr(e, "within", None)
    return f"{d.name(p)} ({d.name(up.place)})" if up and up.place in d.by_id else d.name(p)


def event_years(e) -> list[int]:
    """The years an event's date can mean (a few at most; none when undated)."""
    if not e.date:
        return []
    lo = dates.bounds(e.date)[0][0]
    hi = dates.bounds(e.end_date)[1][0] if e.end_date and e.end_date != dates.OPEN else dates.bounds(e.date)[1][0]
    return list(range(lo, min(hi, lo + 10) + 1))


def places_around(places, d: Dossier | None) -> list[str]:
    """The places given and every place they lie within, transitively (Kabul University, Kabul,
    Afghanistan): a table filtered by a place shows the events inside it too."""
    out = list(dict.fromkeys(places))
    for p in out:  # grows as it goes; each place once, so a loop in the data ends
        r = d.by_id.get(p) if d else None
        up = r.entity.within.place if r is not None and r.kind == "place" and r.entity.within else None
        if up and up not in out:
            out.append(up)
    return out


def event_date_cell(e, d: Dossier | None = None) -> str:
    """An event's date in words, carrying what the table script sorts and filters the row by (its
    places with the places they lie within, when the dossier `d` is given)."""
    (y0, m0, d0), (y1, m1, d1) = dates.sort_key(e.date)
    resp = []
    for a in e.attributions:
        resp.append(f"{a.group}:{a.stance}")
        if a.disputed_by or e.disputed_by:
            resp.append(f"{a.group}:disputed")
    attrs = {"data-sort": f"{y0:04d}-{m0:02d}-{d0:02d}/{y1:04d}-{m1:02d}-{d1:02d}",
             "data-year": " ".join(map(str, event_years(e))), "data-type": e.type,
             "data-place": " ".join(places_around(e.places, d)), "data-resp": " ".join(dict.fromkeys(resp))}
    return '<span class="dt-row" ' + " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items()) + f">{when(e)}</span>"


def columns_table(columns: list[str], rows: list[dict[str, str]]) -> list[str]:
    """A Markdown table of the columns that at least one row fills: a column empty in every row
    tells the reader nothing (the People index once had a Type column with no type in it)."""
    kept = [c for c in columns if any(row.get(c) for row in rows)]
    out = ["| " + " | ".join(kept) + " |", "|" + "---|" * len(kept)]
    out += ["| " + " | ".join(row.get(c, "") for c in kept) + " |" for row in rows]
    return out


def source_table(records, page: Page, cited: bool = False) -> list[str]:
    """Each document with its publisher, date and authors, and what the dossier does not know of it."""
    d = page.d
    rows = []
    for r in records:
        e = r.entity
        rows.append({"Title": page.link(r.id), "Authors": page.links(e.authors) or "not printed",
                     "Publisher": page.link(e.publisher) if e.publisher else "not printed",
                     "Date": f'<span data-sort="{iso_sort(e.date)}">{plain(dates.in_words(e.date, "not printed"))}</span>',
                     "Kind": plain(e.kind.replace("-", " ")),
                     "Citations": str(len(d.citations.get(r.id, []))) if cited else "",
                     "Archived text": (f"[{'full text' if e.publish == 'full' else 'cited passages'}]({page.href(text_path(r.id))})"
                                       if e.archived_text else "no"),
                     "Cited in": page.links(dict.fromkeys(c.source for c in e.cited_in)),
                     "Not known or inferred": unknowns(e)})
    return columns_table(["Title", "Authors", "Publisher", "Date", "Kind", "Citations", "Archived text", "Cited in", "Not known or inferred"], rows)


def iso_sort(value: str | None) -> str:
    """The first day a date can mean, as the table script sorts it (a date not given sorts last)."""
    (y, m, day), _ = dates.sort_key(value)
    return f"{y:04d}-{m:02d}-{day:02d}"


def unknowns(e) -> str:
    """What the dossier does not know about a document, or knows only by inference: said plainly."""
    if e.kind == "general-knowledge":
        return "not a document: statements no document makes"
    bits = [f"{plain(field)} not printed" for field, value in (("author", e.authors), ("date", e.date), ("publisher", e.publisher)) if not value]
    if not e.url:
        bits.append("no address")
    bits += [f"{plain(i.field)} inferred" for i in e.inferred]
    return "; ".join(bits) or "—"
