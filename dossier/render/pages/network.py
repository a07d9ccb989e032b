"""The relationship network page: the most connected groups, factions and people drawn, and a
table of every link (the figure's text equivalent)."""
from __future__ import annotations

from collections import Counter

from ...link import Dossier
from ..context import Page, Settings, front_matter
from ..figures import edges, nodes
from ..graph import NETWORK_KINDS, Graph
from ..markup import plain
from ..svg import force_layout, network

MAX_NETWORK_NODES = 160


def render_network(d: Dossier, graph: Graph, settings: Settings) -> str:
    page = Page(d, "network.md", settings)
    degree = Counter({i: len(n) for i, n in graph.neighbours.items() if i in d.by_id and d.by_id[i].kind in NETWORK_KINDS})
    chosen = {i for i, _n in sorted(degree.items(), key=lambda x: (-x[1], x[0]))[:MAX_NETWORK_NODES]}
    figure_nodes = nodes(d, chosen, page)
    figure_edges = edges(d, [e for e in graph.edges if e[0] in chosen and e[1] in chosen])
    pos = force_layout(figure_nodes, figure_edges)
    out = ["# Relationship network", "",
           "Groups, factions and people, linked by the relations, parent groups and roles recorded in the dossier. "
           "Dashed lines are alleged relations. Each node links to its page (hover for its name; the most connected are labelled); every entity page also shows its own neighbourhood. "
           "The table below the graph lists the same links.", ""]
    if len(degree) > len(chosen):
        out += [f"The graph shows the {len(chosen)} most connected of {len(degree)} entities; the table lists all links.", ""]
    out += ['<div class="dossier-figure">', "", network(figure_nodes, figure_edges, pos, "Relationship network"), "", "</div>", "",
            "## All links", "", "| From | Link | To |", "|---|---|---|"]
    for a, b, label, alleged in sorted(graph.edges, key=lambda e: (d.name(e[0]).casefold(), e[2], d.name(e[1]).casefold())):
        out.append(f"| {page.link(a)} | {plain(label)}{' (alleged)' if alleged else ''} | {page.link(b)} |")
    return front_matter("Relationship network", "Network of groups, factions and people around ISKP, with a table of every link.") + "\n".join(out) + "\n"
