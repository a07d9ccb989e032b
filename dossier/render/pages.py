"""The reader's overview pages: ISKP profile (home), leadership, chronology, network, contested
claims, sources and tags. Each is generated from the linked data, with its citations."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from .. import dates
from ..link import Dossier
from ..load import Record
from .context import KIND_LABEL, KIND_PLURAL, Page, page_path, text_path
from .entities import Settings, TOPIC_TITLE, _disputed, _span, event_when, front_matter, responsibility
from .graph import NETWORK_KINDS, Graph
from .markup import plain
from .svg import Bar, Edge, Node, force_layout, network, radial_layout, timeline

MAX_NETWORK_NODES = 160
PROFILE_NOTES = 3  # statements per topic on the home page; the full entry has them all


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc extension gives a heading."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


# -- leadership ------------------------------------------------------------------------------

def leadership_rows(d: Dossier, group: str) -> list[tuple[Record, object]]:
    """Tenures of single-holder offices (`office:` set) in the group, in order of start."""
    return [(p, role) for p, role in d.roles_in.get(group, []) if role.office]


def render_leadership(d: Dossier, settings: Settings) -> str:
    page = Page(d, "leadership.md", settings.directory_urls, builder=settings.builder)
    subject = d.by_id.get(settings.subject)
    out = ["# Leadership", ""]
    if subject is None:
        return front_matter("Leadership", "Leadership succession.") + "\n".join(out + ["No subject group is configured."]) + "\n"
    rows = leadership_rows(d, subject.id)
    out += [f"The succession of the chiefs of {page.link(subject.id)} as the sources give it. Bars link to each person. "
            "A faded end means the sources do not give that date; a hatched end means the date is approximate or "
            "known only to the month or year. A disputed tenure says so on its bar and in the table; the points in dispute "
            "are listed below the table.", ""]
    bars = [Bar(p.entity.name, role.title + (f" (no. {role.ordinal})" if role.ordinal else "") + (", disputed" if role.disputed_by else ""),
                page.raw_href(page_path("person", p.id)), role.start, role.end,
                f"{p.entity.name}: {role.title}, from {dates.in_words(role.start, 'a start not given')} to "
                f"{dates.in_words(role.end, 'an end not given')}" + (" (disputed)" if role.disputed_by else "")) for p, role in rows]
    svg = timeline(bars, f"Timeline of the chiefs of {subject.entity.name}")
    if svg:
        out += ['<div class="dossier-figure">', "", svg, "", "</div>", ""]
    out += ["## The succession in a table", "",
            "| Person | Title | From | To | How it ended | Disputed | Sources |", "|---|---|---|---|---|---|---|"]
    for p, role in rows:  # no row numbers: the sources number only some chiefs (the title says "no. 4")
        start, end = _span(role.start, role.end)
        out.append(f"| {page.link(p.id)} | {plain(role.title)}{f' (no. {role.ordinal})' if role.ordinal else ''} | {start} | {end} | "
                   f"{plain((role.ended_by or 'not given').replace('-', ' '))} | {_disputed(role.disputed_by, page).strip() or 'no'} | {page.cite(role.sources)} |")
    others = [(p, role) for p, role in d.roles_in.get(subject.id, []) if not role.office]
    if others:
        out += ["", "## Other positions", "", "| Person | Title | From | To | Sources |", "|---|---|---|---|---|"]
        for p, role in others:
            start, end = _span(role.start, role.end)
            out.append(f"| {page.link(p.id)} | {plain(role.title)} | {start} | {end} | {page.cite(role.sources)} |")
    disputes = [n for n in d.narratives_about.get(subject.id, []) if any(
        n.id in role.disputed_by for _p, role in rows)]
    if disputes:
        out += ["", "## Disputed points of the succession", ""]
        out += [f"- {page.link(n.id)}: {page.prose(n.entity.question)}" for n in disputes]
    out.append("")
    return front_matter("Leadership", f"Leadership succession of {subject.entity.name}: every chief, tenure and disputed point, sourced.") \
        + "\n".join(out) + "\n" + page.references()


# -- chronology ------------------------------------------------------------------------------

def _casualty_text(e) -> str:
    """The figures as worded, each followed by its kind unless the wording says it ("… were killed")."""
    return "; ".join(c.text if re.search(rf"\b{c.kind}\b", c.text, re.IGNORECASE) else f"{c.text} {c.kind}"
                     for c in e.casualties)


def _attribution_text(e, page: Page) -> str:
    return "; ".join(responsibility(a, page) for a in e.attributions)


def chronology_path(year: int | None) -> str:
    """The chronology page of a year (None: the events whose date is not given)."""
    return f"chronology/{year if year is not None else 'undated'}.md"


def _year_label(year: int | None) -> str:
    return str(year) if year is not None else "Date not given"


def render_chronology(d: Dossier, settings: Settings) -> dict[str, str]:
    """The chronology: a page per year, and an index page with a heading per year (the anchors
    `chronology.md#2019` of the single page it once was still lead to the year). One page of
    every event grew with the dossier (1.5 MB of HTML at 5,000 entities); a year stays readable."""
    events = sorted(d.by_kind.get("event", []), key=lambda r: (dates.sort_key(r.entity.date), r.id))
    by_year = defaultdict(list)
    for r in events:
        by_year[dates.year(r.entity.date) if r.entity.date else None].append(r)
    years = sorted(by_year, key=lambda y: (y is None, y or 0))
    page = Page(d, "chronology.md", settings.directory_urls, builder=settings.builder)
    out = ["# Chronology", "", f"All {len(events)} events in date order, at the precision the sources give, on a page per year. "
           "Dates with an inferred year are marked; attribution shows who claimed an event and who attributed or denied it.", ""]
    for year in years:
        n = len(by_year[year])
        types = Counter(r.entity.type for r in by_year[year])
        out += [f"## {_year_label(year)}", "", f"[{n} event{'s' if n != 1 else ''}]({page.href(chronology_path(year))}): "
                + ", ".join(f"{plain(t)} ({count})" for t, count in sorted(types.items(), key=lambda x: (-x[1], x[0]))), ""]
    pages = {"chronology.md": front_matter("Chronology", "Chronology of events concerning ISKP, by year, with place, casualties and attribution.")
             + "\n".join(out) + "\n"}
    for i, year in enumerate(years):
        pages[chronology_path(year)] = _chronology_year(d, settings, by_year[year], years, i)
    return pages


def _chronology_year(d: Dossier, settings: Settings, events: list[Record], years: list, i: int) -> str:
    """The events of `years[i]`, with links to the years before and after it."""
    year = years[i]
    page = Page(d, chronology_path(year), settings.directory_urls, builder=settings.builder)
    trail = [f"[All years]({page.href('chronology.md')})"]
    if i > 0:
        trail.insert(0, f"[← {_year_label(years[i - 1])}]({page.href(chronology_path(years[i - 1]))})")
    if i + 1 < len(years):
        trail.append(f"[{_year_label(years[i + 1])} →]({page.href(chronology_path(years[i + 1]))})")
    out = [f"# Chronology: {_year_label(year)}", "", " · ".join(trail), "",
           "| Date | Event | Type | Place | Casualties | Responsibility | Sources |", "|---|---|---|---|---|---|---|"]
    for r in events:
        e = r.entity
        out.append(f"| {event_when(e)} | {page.link(r.id)} | {plain(e.type)} | {page.links(e.places)} | "
                   f"{plain(_casualty_text(e))} | {_attribution_text(e, page)} | {page.cite(e.sources[:1])} |")
    out.append("")
    what = f"in {year}" if year is not None else "whose date the sources do not give"
    return front_matter(f"Chronology: {_year_label(year)}", f"Events concerning ISKP {what}, with place, casualties and attribution.") \
        + "\n".join(out) + "\n" + page.references()


# -- network ---------------------------------------------------------------------------------

def _nodes(d: Dossier, ids, page: Page) -> list[Node]:
    return [Node(i, d.by_id[i].entity.name, d.by_id[i].kind, page.raw_href(page_path(d.by_id[i].kind, i)))
            for i in sorted(ids) if i in d.by_id]


def render_network(d: Dossier, graph: Graph, settings: Settings) -> str:
    page = Page(d, "network.md", settings.directory_urls, builder=settings.builder)
    degree = Counter({i: len(n) for i, n in graph.neighbours.items() if i in d.by_id and d.by_id[i].kind in NETWORK_KINDS})
    chosen = {i for i, _n in sorted(degree.items(), key=lambda x: (-x[1], x[0]))[:MAX_NETWORK_NODES]}
    nodes = _nodes(d, chosen, page)
    edges = [Edge(a, b, f"{d.name(a)} — {label} — {d.name(b)}", alleged) for a, b, label, alleged in graph.edges if a in chosen and b in chosen]
    pos = force_layout(nodes, edges)
    out = ["# Relationship network", "",
           "Groups, factions and people, linked by the relations, parent groups and roles recorded in the dossier. "
           "Dashed lines are alleged relations. Each node links to its page (hover for its name; the most connected are labelled); every entity page also shows its own neighbourhood. "
           "The table below the graph lists the same links.", ""]
    if len(degree) > len(chosen):
        out += [f"The graph shows the {len(chosen)} most connected of {len(degree)} entities; the table lists all links.", ""]
    out += ['<div class="dossier-figure">', "", network(nodes, edges, pos, "Relationship network"), "", "</div>", "",
            "## All links", "", "| From | Link | To |", "|---|---|---|"]
    for a, b, label, alleged in sorted(graph.edges, key=lambda e: (d.name(e[0]).casefold(), e[2], d.name(e[1]).casefold())):
        out.append(f"| {page.link(a)} | {plain(label)}{' (alleged)' if alleged else ''} | {page.link(b)} |")
    return front_matter("Relationship network", "Network of groups, factions and people around ISKP, with a table of every link.") + "\n".join(out) + "\n"


NEIGHBOURHOOD_MAX = 24  # nodes around an entity in its own figure


def neighbourhood_svg(r: Record, graph: Graph, page: Page) -> list[str]:
    """A small radial graph of an entity and its direct links, for its own page."""
    d = page.d
    every = graph.neighbours.get(r.id, set())
    if not every:
        return []
    # Groups and factions first, then the most connected: a figure of 60 links cannot be read, and
    # the alphabet would drop the parent group as readily as a minor member.
    near = sorted(every, key=lambda n: (d.by_id[n].kind not in ("group", "faction"), -len(graph.neighbours[n]), n))[:NEIGHBOURHOOD_MAX]
    nodes = _nodes(d, [r.id, *near], page)
    edges = [Edge(a, b, f"{d.name(a)} — {label} — {d.name(b)}", alleged) for a, b, label, alleged in graph.edges_of.get(r.id, [])
             if (a == r.id and b in near) or (b == r.id and a in near)]
    pos = radial_layout(r.id, nodes)
    svg = network(nodes, edges, pos, f"Links of {r.entity.name}", width=640, height=380, center=r.id, svg_id=f"nb-{r.id}")
    shown = (f"Direct links of {plain(r.entity.name)}" if len(near) == len(every) else
             f"{len(near)} of the {len(every)} groups and people linked to {plain(r.entity.name)}: groups and factions first, then the most connected")
    return ["## Network", "", f"{shown} (dashed: alleged). The [whole network]({page.href('network.md')}) "
            "has a table of every link.", "", '<div class="dossier-figure">', "", svg, "", "</div>", ""]


# -- contested claims ------------------------------------------------------------------------

def render_contested(d: Dossier, settings: Settings) -> str:
    page = Page(d, "narratives/index.md", settings.directory_urls, builder=settings.builder)
    narratives = sorted(d.by_kind.get("narrative", []), key=lambda r: (r.entity.type, r.entity.name.casefold()))
    out = ["# Contested claims", "",
           "Every point on which the sources disagree, with each version and who holds it, side by side. "
           "The dossier records the disagreement; it does not pick a winner.", ""]
    for kind, heading in (("disputed-fact", "Disputed facts"), ("contested-narrative", "Contested narratives")):
        items = [n for n in narratives if n.entity.type == kind]
        if not items:
            continue
        out += [f"## {heading}", ""]
        for n in items:
            e = n.entity
            out += [f"### {plain(e.name)}", "", f"{page.prose(e.question)} — [full page]({page.href(page_path('narrative', n.id))}); about {page.links(e.about)}.", "",
                    "| Who | Stance | What they say | Sources |", "|---|---|---|---|"]
            out += [f"| {page.who(v.claimants)} | {plain(v.stance)} | {page.prose(v.claim)} | {page.cite(v.sources)} |" for v in e.versions]
            out.append("")
    return front_matter("Contested claims", "Every disputed fact and contested narrative about ISKP, each version with its claimants and sources.") \
        + "\n".join(out) + "\n" + page.references()


# -- sources ---------------------------------------------------------------------------------

def render_sources(d: Dossier, settings: Settings) -> str:
    page = Page(d, "sources/index.md", settings.directory_urls, builder=settings.builder)
    sources = sorted(d.by_kind.get("source", []), key=lambda r: r.entity.name.casefold())
    archived = [s for s in sources if s.entity.archived_text]
    others = [s for s in sources if not s.entity.archived_text]
    out = ["# Sources", "", "Every document the dossier cites. The archived documents can be read in full, with every cited "
           "passage highlighted and linked to the statements that cite it; the references they footnote are listed after them.", "",
           "## Archived documents", "", "| Title | Authors | Publisher | Date | Citations | Archived text |", "|---|---|---|---|---|---|"]
    for s in archived:
        e = s.entity
        out.append(f"| {page.link(s.id)} | {page.links(e.authors) or 'not printed'} | {page.link(e.publisher) if e.publisher else 'not printed'} | "
                   f"{plain(dates.in_words(e.date, 'not printed'))} | {len(d.citations.get(s.id, []))} | [read]({page.href(text_path(s.id))}) |")
    if others:
        out += ["", "## Referenced documents", "", "| Title | Authors | Publisher | Date | Cited in |", "|---|---|---|---|---|"]
        for s in others:
            e = s.entity
            out.append(f"| {page.link(s.id)} | {page.links(e.authors)} | {page.link(e.publisher) if e.publisher else ''} | "
                       f"{plain(dates.in_words(e.date, ''))} | {page.links(dict.fromkeys(c.source for c in e.cited_in))} |")
    out.append("")
    return front_matter("Sources", "Every source the ISKP dossier cites, with archived texts and the statements citing each.") + "\n".join(out) + "\n"


# -- tags ------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def tags_of(r: Record, d: Dossier) -> list[tuple[str, str]]:
    """(slug, label) tags: kind, type, region and nationality, all derived from the data."""
    e = r.entity
    tags = [(f"kind-{r.kind}", KIND_LABEL[r.kind])]
    if getattr(e, "type", None):
        tags.append((f"type-{_slug(e.type)}", e.type.replace("-", " ")))
    regions = set()
    for place in list(getattr(e, "places", [])) + [a.place for a in getattr(e, "areas", [])]:
        regions.add(place)
    if r.kind == "place" and e.within:
        regions.add(e.within.place)
    for place in sorted(regions):
        if place in d.by_id:
            tags.append((f"region-{place}", d.name(place)))
    for n in getattr(e, "nationality", []):
        if n.place in d.by_id:
            tags.append((f"nationality-{n.place}", f"{d.name(n.place)} (nationality)"))
    return tags


def tag_index(d: Dossier) -> dict[str, tuple[str, list[Record]]]:
    index: dict[str, tuple[str, list[Record]]] = {}
    for r in d.records:
        for slug, label in tags_of(r, d):
            index.setdefault(slug, (label, []))[1].append(r)
    return dict(sorted(index.items()))


def render_tag_pages(d: Dossier, settings: Settings) -> dict[str, str]:
    index = tag_index(d)
    pages = {}
    top = Page(d, "tags/index.md", settings.directory_urls, builder=settings.builder)
    out = ["# Tags", "", "Browse the dossier by kind, type, region and nationality.", ""]
    for group, title in (("kind", "Kinds"), ("type", "Types"), ("region", "Regions"), ("nationality", "Nationalities")):
        items = [(slug, label, recs) for slug, (label, recs) in index.items() if slug.startswith(group + "-")]
        if items:
            out += [f"## {title}", ""] + [f"- [{plain(label)}]({top.href(f'tags/{slug}.md')}) ({len(recs)})" for slug, label, recs in items] + [""]
    pages["tags/index.md"] = front_matter("Tags", "Browse the ISKP dossier by kind, type, region and nationality.") + "\n".join(out) + "\n"
    for slug, (label, recs) in index.items():
        page = Page(d, f"tags/{slug}.md", settings.directory_urls, builder=settings.builder)
        lines = [f"# {plain(label)}", "", f"[All tags]({page.href('tags/index.md')}) · {len(recs)} entries", "",
                 "| Name | Kind |", "|---|---|"]
        lines += [f"| {page.link(r.id)} | {KIND_LABEL[r.kind]} |" for r in sorted(recs, key=lambda x: x.entity.name.casefold())]
        pages[f"tags/{slug}.md"] = front_matter(f"Tag: {label}", f"Entries of the ISKP dossier tagged {label}.", boost=0.2) + "\n".join(lines) + "\n"
    return pages


def tag_line(r: Record, page: Page) -> str:
    return "Tags: " + " · ".join(f"[{plain(label)}]({page.href(f'tags/{slug}.md')})" for slug, label in tags_of(r, page.d))


# -- the ISKP profile (home) ------------------------------------------------------------------

def render_profile(d: Dossier, graph: Graph, settings: Settings) -> str:
    """The subject group's profile in the sections a militant-group profile needs."""
    page = Page(d, "profile.md", settings.directory_urls, docs_path="index.md", builder=settings.builder)
    page.compact = True
    s = d.by_id.get(settings.subject)
    if s is None:
        return "No subject group configured.\n"
    e = s.entity
    notes = defaultdict(list)
    for n in e.notes:
        notes[n.topic or "overview"].append(n)

    entry = page.href(page_path(s.kind, s.id))

    def section(topic: str) -> list[str]:
        """The first statements on a topic; the rest are on the full entry (keeps the home page light)."""
        items = notes.get(topic, [])
        out = [page.prose(n.text) + page.cite(n.sources) + _disputed(n.disputed_by, page) + "\n" for n in items[:PROFILE_NOTES]]
        if len(items) > PROFILE_NOTES:
            out.append(f"<small>{len(items) - PROFILE_NOTES} more statements on this in the [full entry]({entry}#{_anchor(TOPIC_TITLE[topic])}).</small>\n")
        return out

    # Names used loosely ("ISIS" for the branch) carry their note, so the lead never equates them.
    loose = [a for a in e.aliases if a.kind == "alias" and a.note]
    also = ", ".join(plain(a.name) + page.cite(a.sources) for a in e.aliases if a not in loose)
    out = [f"**{plain(e.name)}** (also {also})" if also else f"**{plain(e.name)}**"]
    if e.parent:
        out[-1] += f" is a branch of {page.link(e.parent.group)}{page.cite(e.parent.sources)}"
    if e.founded:
        out[-1] += f", announced in {plain(dates.in_words(e.founded.date))}{page.cite(e.founded.sources)}"
    out[-1] += "."
    if loose:
        out[-1] += " Also called " + " and ".join(f"{plain(a.name)}{page.cite(a.sources)} ({page.prose(a.note)})" for a in loose) + "."
    out[-1] += " Every statement below is cited; numbered references are at the end of the page. " \
               f"[Full entry]({page.href(page_path(s.kind, s.id))}) · [All sources]({page.href('sources/index.md')})"
    out += ["", "## Overview", "", *section("overview"), *section("origins")]
    children = d.children.get(s.id, [])
    if children:
        out += ["### Factions and sub-groups", ""]
        out += [f"- {page.link(c.id)}" + (f" ({plain(c.entity.type.replace('-', ' '))})" if c.entity.type else "") for c in children]
        out.append("")

    out += ["## Leadership", "", f"See the [leadership timeline]({page.href('leadership.md')}) for the succession drawn over time.", "",
            "| Person | Title | From | To | How it ended | Sources |", "|---|---|---|---|---|---|"]
    for p, role in leadership_rows(d, s.id):
        start, end = _span(role.start, role.end)
        out.append(f"| {page.link(p.id)} | {plain(role.title)} | {start} | {end} | {plain((role.ended_by or 'not given').replace('-', ' '))}"
                   f"{_disputed(role.disputed_by, page)} | {page.cite(role.sources)} |")
    out += ["", *section("leadership")]

    estimates = [(s, est) for est in e.estimates] + [(f, est) for f in d.children.get(s.id, []) for est in f.entity.estimates]
    out += ["## Size and strength", ""]
    if estimates:
        out += ["| Of | What | Figure | As of | Estimated by | Sources |", "|---|---|---|---|---|---|"]
        for owner, est in sorted(estimates, key=lambda x: dates.sort_key(x[1].date)):
            out.append(f"| {page.link(owner.id)} | {plain(est.measure)} | {plain(est.text)} | {plain(dates.in_words(est.date, 'not given'))} | "
                       f"{page.who(est.estimated_by) or 'not given'} | {page.cite(est.sources)} |")
        out.append("")
    out += section("size")
    out += ["## Finances and resources", "", *(section("finances") or ["The sources in the dossier say little about this.\n"])]
    out += ["## Areas of operation", ""]
    out += [f"- {page.link(a.place)}" + (f": {page.prose(a.note)}" if a.note else "") + page.cite(a.sources) for a in e.areas]
    out += ["", *section("areas")]
    out += ["## Targets and tactics", "", *section("tactics"), *section("propaganda"), *section("recruitment")]

    attacks = [ev for ev in d.events_of.get(s.id, []) if ev.entity.type == "attack"
               and any(a.group == s.id and a.stance in ("claimed", "attributed", "suspected") for a in ev.entity.attributions)]
    out += ["## Major attacks", "", f"Attacks claimed by or attributed to the group; the [chronology]({page.href('chronology.md')}) lists every event.", "",
            "| Date | Attack | Place | Casualties | Responsibility |", "|---|---|---|---|---|"]
    for ev in attacks:
        out.append(f"| {event_when(ev.entity)} | {page.link(ev.id)} | {page.links(ev.entity.places)} | "
                   f"{plain(_casualty_text(ev.entity))} | {_attribution_text(ev.entity, page)} |")
    out += ["", "## Relationships", "", f"The [relationship network]({page.href('network.md')}) draws these links.", ""]
    from .entities import RELATION_LABEL
    for rel in e.relations:
        who = f" — alleged by {page.who(rel.alleged_by)}" if rel.alleged_by else ""
        who += f"; denied by {page.who(rel.denied_by)}" if rel.denied_by else ""
        out.append(f"- {RELATION_LABEL[rel.type][0]} {page.link(rel.target)}{who}{page.cite(rel.sources)}")
    for other, rel in d.relations_to.get(s.id, []):
        who = f" — alleged by {page.who(rel.alleged_by)}" if rel.alleged_by else ""
        out.append(f"- {RELATION_LABEL[rel.type][1]}: {page.link(other.id)}{who}{page.cite(rel.sources)}")
    out += ["", *section("relationships")]
    out += ["## Contested narratives", "", f"Each has its own page; all are on [contested claims]({page.href('narratives/index.md')}).", ""]
    out += [f"- {page.link(n.id)}: {page.prose(n.entity.question)}" for n in d.narratives_about.get(s.id, [])]
    rest = [t for t in ("counter-operations", "assessment") if notes.get(t)]
    for topic in rest:
        out += ["", f"## {TOPIC_TITLE[topic]}", "", *section(topic)]
    out.append("")
    return "\n".join(out) + "\n" + page.references()
