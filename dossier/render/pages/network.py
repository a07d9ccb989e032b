"""The relationship network page: the explorable map (groups, factions, people and events, drawn
by `dossier-map.js` from the JSON embedded here), the static figure of the most connected groups,
factions and people that stands for it without JavaScript and in print, and a table of every link
with its sources (the text equivalent of both)."""
from __future__ import annotations

from collections import Counter

from ...link import Dossier
from ..context import Page, Settings, front_matter
from ..figures import edges, nodes
from ..graph import NETWORK_KINDS, Graph
from ..relmap import RelMap, links_table, map_block
from ..svg import force_layout, network

MAX_NETWORK_NODES = 160


def render_network(d: Dossier, graph: Graph, settings: Settings, rm: RelMap | None = None) -> str:
    page = Page(d, "network.md", settings)
    page.per_document = True  # a reference per document: the passages are quoted on each entity's page
    degree = Counter({i: len(n) for i, n in graph.neighbours.items() if i in d.by_id and d.by_id[i].kind in NETWORK_KINDS})
    chosen = {i for i, _n in sorted(degree.items(), key=lambda x: (-x[1], x[0]))[:MAX_NETWORK_NODES]}
    figure_nodes = nodes(d, chosen, page)
    figure_edges = edges(d, [e for e in graph.edges if e[0] in chosen and e[1] in chosen])
    pos = force_layout(figure_nodes, figure_edges)
    out = ["# Relationship network", "",
           "Groups, factions, people and events, linked by the relations, parent groups, roles and attributions recorded in "
           "the dossier. Choose a year to see what held that year; choose a node (click it, or Tab to the map and use the "
           "arrow keys and Enter) to see its links with their sources. The table below lists every link.", ""]
    if len(degree) > len(chosen):
        out += [f"The figure shows the {len(chosen)} most connected of {len(degree)} entities; the table lists all links.", ""]
    # cites first: the map shows the same numbers. Links to events are the events' attributions and
    # participants: the events index and each event's page list them (a table of every one of them
    # here doubled the page and a phone's work to lay it out).
    table = links_table([x for x in rm.links if not x.event_link], page) if rm else []
    out += ['<div class="dossier-figure dossier-static">', "",
            network(figure_nodes, figure_edges, pos, "Relationship network"), "", "</div>", ""]
    if rm:
        out += map_block(rm.links, {x for link in rm.links for x in (link.a, link.b)}, page, rm, "network",
                         "Relationship map", positions=pos)
    out += ["## All links", "", "Every link between groups, factions and people (in the figure, dashed lines are alleged relations): "
            "the link as the sources give it, who alleges or denies it, its dates, and the documents that say so (the page of "
            f"either end quotes the passage). Who claimed, was held responsible for or took part in each event is in the "
            f"[list of events]({page.href('events/index.md')}), which filters by group and attribution, and on each event's page.", "",
            '<div class="dossier-table" data-table="links" markdown>', "", *table, "</div>", ""]
    return front_matter("Relationship network", "Network of groups, factions, people and events around ISKP, with a table of every link.",
                        hide=("toc",)) \
        + "\n".join(out) + "\n" + page.references()
