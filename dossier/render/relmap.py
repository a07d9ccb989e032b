"""The relationship map's data: every link between groups, factions, people and events, with its
type, dates, who alleges or denies it and its sources, built once from the linked dossier.

The network page and each entity page embed a map of it as JSON that `docs/assets/dossier-map.js`
draws (works from file://: the data is in the page, not fetched). The same links make the network
page's table, the map's text equivalent. Which years a link holds is decided here, from the EDTF
bounds (`dossier.dates.bounds`), so the script only reads it: for each year of the map's range, a
link is certain (`c`), only possibly active (`u`: an end not given, approximate or uncertain), or
not active (`-`); a link with no date at all has no years (undated: shown apart, never as if it
held every year).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace

from .. import dates
from ..link import Dossier
from .context import Page, page_path
from .markup import plain
from .vocabulary import RELATION_LABEL, STANCE_LABEL

MAP_KINDS = ("group", "faction", "person", "event")

# Relation families: told apart on the map by line style and colour (dossier-map.js, dossier.css),
# filtered together. (id, legend label)
FAMILIES = (
    ("part", "Part of: parent group, branch, faction"),
    ("role", "Member or office holder"),
    ("allegiance", "Pledged allegiance"),
    ("cooperation", "Cooperation: ally, support, collaboration, recruitment"),
    ("hostility", "Hostility: rival, opposed, fought, split from"),
    ("sponsor", "Alleged sponsorship or links"),
    ("responsibility", "Responsibility for an event"),
    ("participant", "Took part in an event"),
)
FAMILY_OF = {
    "branch-of": "part", "faction-of": "part", "part-of": "part", "pledged-allegiance": "allegiance",
    "supported": "cooperation", "ally": "cooperation", "collaborates-with": "cooperation", "recruits-from": "cooperation",
    "opposed": "hostility", "rival": "hostility", "fought": "hostility", "split-from": "hostility",
    "alleged-sponsor": "sponsor", "alleged-links": "sponsor",
}
ALLEGED_STANCES = ("alleged", "suspected")
# How an event reads from the group's end: "claimed responsibility for", and from the event's.
STANCE_FROM_EVENT = {"claimed": "claimed by", "attributed": "attributed to", "suspected": "suspected: ",
                     "alleged": "alleged to involve", "denied": "responsibility denied for"}


@dataclass(frozen=True)
class Link:
    """One link of the map, from `a` to `b`, worded from either end as that end's page words it."""

    a: str
    b: str
    family: str
    from_a: str        # "Branch of", a role's title, "claimed responsibility"
    from_b: str        # "Branches", the same title, "claimed by"
    start: str | None  # EDTF (an event's date for event links)
    end: str | None
    alleged: bool
    denied: bool
    alleged_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    disputed_by: tuple[str, ...]
    sources: tuple
    event_link: bool = False  # the dates are the event's (a point), not a tenure's
    holder: str = ""  # the entity whose page states the link (and numbers its sources)


@dataclass
class RelMap:
    links: list[Link]
    of: dict[str, list[Link]]   # by either end
    years: tuple[int, int]      # the range the year control offers

    def neighbours(self, entity_id: str) -> set[str]:
        return {x for link in self.of.get(entity_id, []) for x in (link.a, link.b)} - {entity_id}


def build_relmap(d: Dossier) -> RelMap:
    links: list[Link] = []
    for r in d.records:
        e, made = r.entity, len(links)
        if r.kind in ("group", "faction"):
            if e.parent:
                links.append(Link(r.id, e.parent.group, "part", "Part of", "Has part", None, None, False, False,
                                  (), (), (), tuple(e.parent.sources)))
            for rel in e.relations:
                label = RELATION_LABEL[rel.type]
                links.append(Link(r.id, rel.target, FAMILY_OF.get(rel.type, "cooperation"), label[0], label[1], rel.start, rel.end,
                                  bool(rel.alleged_by) or rel.type.startswith("alleged"), bool(rel.denied_by),
                                  tuple(rel.alleged_by), tuple(rel.denied_by), tuple(rel.disputed_by), tuple(rel.sources)))
        elif r.kind == "person":
            for role in e.roles:
                title = role.title + (f" (no. {role.ordinal})" if role.ordinal else "")
                links.append(Link(r.id, role.group, "role", title, title, role.start, role.end, False, False,
                                  (), (), tuple(role.disputed_by), tuple(role.sources)))
        elif r.kind == "event":
            for a in e.attributions:
                if a.group not in d.by_id:
                    continue
                links.append(Link(a.group, r.id, "responsibility", STANCE_LABEL[a.stance], STANCE_FROM_EVENT[a.stance],
                                  e.date, e.end_date, a.stance in ALLEGED_STANCES, a.stance == "denied",
                                  tuple(a.by) if a.stance in ALLEGED_STANCES else (), tuple(a.by) if a.stance == "denied" else (),
                                  tuple(a.disputed_by), tuple(a.sources), event_link=True))
            for p in e.participants:
                if p.entity in d.by_id:
                    links.append(Link(p.entity, r.id, "participant", p.role, p.role, e.date, e.end_date, False, False,
                                      (), (), (), tuple(p.sources), event_link=True))
        links[made:] = [replace(x, holder=r.id) for x in links[made:]]
    links = [x for x in links if x.a in d.by_id and x.b in d.by_id and x.a != x.b]
    of: dict[str, list[Link]] = defaultdict(list)
    for x in links:
        of[x.a].append(x)
        of[x.b].append(x)
    years = [y for x in links for v in (x.start, x.end) if v and v != dates.OPEN for y in _years(v)]
    return RelMap(links, of, (min(years), max(years)) if years else (2000, 2000))


def _years(value: str) -> tuple[int, int]:
    (y0, _m, _d), (y1, _m1, _d1) = dates.bounds(value)
    return y0, y1


def year_states(start: str | None, end: str | None, first: int, last: int, point: bool = False) -> str:
    """For each year from `first` to `last`, whether a link holds: `c` certainly, `u` possibly (an
    end not given, approximate, uncertain or one of several years), `-` not; "" when undated.

    A tenure or relation holds certainly in a year when it certainly began by that year's end and
    certainly had not ended before it began; possibly when it may have. An end the sources do not
    give may lie anywhere after the start (or before the end): the link is only possible there,
    and certain only in the one year its given end names. An approximate end (`~`) may lie a year
    either side; an uncertain one (`?`) makes no year certain. An event (`point`) happens in the
    years its date can mean, certainly only when that is one plain year.
    """
    if not start and not end:
        return ""
    inf = 10 ** 6
    if point:
        lo, _hi, ok = _bound(start or end)
        hi = _bound(end)[1] if end and end != dates.OPEN else _bound(start or end)[1]
        certain = (lo, hi) if ok and lo == hi else (inf, -inf)
        possible = (lo, hi)
    else:
        s = _bound(start) if start and start != dates.OPEN else None
        e = (inf, inf, True) if end == dates.OPEN else _bound(end) if end else None
        possible = (s[0] if s else -inf, e[1] if e else inf)
        if s and e:
            certain = (s[1] if s[2] else inf, e[0] if e[2] else -inf)
        else:  # one end given: certain only in the single year it names (held at its start, or just before its end)
            lo, hi, ok = s or e
            certain = (lo, hi) if ok and lo == hi else (inf, -inf)
    return "".join("c" if certain[0] <= y <= certain[1] else "u" if possible[0] <= y <= possible[1] else "-"
                   for y in range(first, last + 1))


def _bound(value: str) -> tuple[int, int, bool]:
    """The earliest and latest year a date can mean (a year either side when approximate) and
    whether it can make a year certain (not when uncertain)."""
    lo, hi = _years(value)
    if "~" in value or "%" in value:
        lo, hi = lo - 1, hi + 1
    return lo, hi, not ("?" in value or "%" in value)


def when_words(link: Link) -> str:
    """The link's dates in words: "April 2019 – April 2020", "from 2015", "until 2017", "undated"."""
    if link.event_link:
        return dates.in_words(link.start, "date not given") + (f" – {dates.in_words(link.end)}" if link.end else "")
    if not link.start and not link.end:
        return "undated"
    if link.start and link.end:
        end = "ongoing" if link.end == dates.OPEN else dates.in_words(link.end)
        return f"{dates.in_words(link.start)} – {end}"
    if link.start:
        return f"from {dates.in_words(link.start)} (end not given)"
    return f"until {dates.in_words(link.end)} (start not given)"


def said(link: Link, d: Dossier) -> str:
    """Who alleges and who denies it, in plain words."""
    bits = []
    if link.alleged_by:
        bits.append("alleged by " + ", ".join(d.name(x) for x in link.alleged_by if x in d.by_id))
    elif link.alleged:
        bits.append("alleged")
    if link.denied_by:
        bits.append("denied by " + ", ".join(d.name(x) for x in link.denied_by if x in d.by_id))
    elif link.denied:
        bits.append("denied")
    if link.disputed_by:
        bits.append("disputed")
    return "; ".join(bits)


def links_table(links: list[Link], page: Page) -> list[str]:
    """The map's text equivalent: a row per link with its dates, who alleges or denies it, and its
    sources (numbered on the page, so the map's panel can show the same numbers)."""
    d = page.d
    out = ["| From | Link | To | When | Sources |", "|---|---|---|---|---|"]
    for x in sorted(links, key=lambda x: (d.name(x.a).casefold(), x.family, x.from_a, d.name(x.b).casefold())):
        who = said(x, d)
        out.append(f"| {page.link(x.a)} | {plain(x.from_a)}{f' ({plain(who)})' if who else ''} | {page.link(x.b)} | "
                   f"{plain(when_words(x))} | {page.cite(x.sources)} |")
    return out + [""]


def map_block(links: list[Link], ids, page: Page, rm: RelMap, map_id: str, title: str, center: str | None = None,
              positions: dict[str, tuple[float, float]] | None = None) -> list[str]:
    """The map's mount point with its data as JSON (no fetch: it must work from file://). Where
    scripts run, the stylesheet hides the static figure before it and keeps the map's room from the
    first paint (nothing moves when it is drawn); without JavaScript, and in print, only the
    figure shows."""
    d = page.d
    first, last = rm.years
    ids = sorted(i for i in set(ids) if i in d.by_id and d.by_id[i].kind in MAP_KINDS)
    shown = set(ids)
    links = [x for x in links if x.a in shown and x.b in shown]
    degree = defaultdict(int)
    for x in links:
        degree[x.a] += 1
        degree[x.b] += 1
    nodes = []
    for i in ids:
        r = d.by_id[i]
        node = {"id": i, "label": r.entity.name, "kind": r.kind, "url": page.final_href(page_path(r.kind, i)), "deg": degree[i]}
        if r.kind == "event":
            node["years"] = year_states(r.entity.date, r.entity.end_date, first, last, point=True)
            node["when"] = dates.in_words(r.entity.date, "date not given")
        if positions and i in positions:
            node["x"], node["y"] = round(positions[i][0], 4), round(positions[i][1], 4)
        nodes.append(node)
    edges = []
    for x in links:
        edge = {"s": x.a, "t": x.b, "f": x.family, "la": x.from_a, "lb": x.from_b, "when": when_words(x),
                "said": said(x, d), "alleged": int(x.alleged), "denied": int(x.denied),
                "years": year_states(x.start, x.end, first, last, point=x.event_link), "cites": page.numbers(x.sources)}
        if not edge["cites"] and x.sources and x.holder in d.by_id:
            # a link this page does not state (between two neighbours): its sources are on the page that does
            edge["at"] = [d.name(x.holder), page.final_href(page_path(d.by_id[x.holder].kind, x.holder))]
        edges.append(edge)
    data = {"id": map_id, "title": title, "center": center, "years": [first, last], "cite": page.anchor_prefix,
            "families": [list(f) for f in FAMILIES], "nodes": nodes, "edges": edges}
    return [f'<div class="dossier-map" data-map="{map_id}">',
            f'<script type="application/json" class="dossier-map-data">{script_json(data)}</script>',
            "</div>", ""]


def script_json(value) -> str:
    """JSON that is safe inside a <script> element and inert to Markdown: `<`, `>` and `&` as
    escapes (no `</script>` can close it early) and on one line."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
