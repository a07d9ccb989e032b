"""Network figures drawn for a page from the relationship graph: the nodes of a set of entities,
and an entity's own neighbourhood. Shared by the network page and every entity page."""
from __future__ import annotations

from ..link import Dossier
from ..load import Record
from .context import Page, page_path
from .graph import Graph
from .markup import plain
from .relmap import RelMap, map_block
from .svg import Edge, Node, network, radial_layout

NEIGHBOURHOOD_MAX = 24  # nodes around an entity in its own figure


def nodes(d: Dossier, ids, page: Page) -> list[Node]:
    """Figure nodes for the entities `ids`, in id order, each linking to its page."""
    return [Node(i, d.by_id[i].entity.name, d.by_id[i].kind, page.raw_href(page_path(d.by_id[i].kind, i)))
            for i in sorted(ids) if i in d.by_id]


def edges(d: Dossier, graph_edges) -> list[Edge]:
    return [Edge(a, b, f"{d.name(a)} — {label} — {d.name(b)}", alleged) for a, b, label, alleged in graph_edges]


def neighbourhood(r: Record, graph: Graph, page: Page, rm: RelMap | None = None) -> list[str]:
    """A small radial graph of an entity and its direct links, for its own page, and the data of
    its explorable map (every link, with dates and sources), which replaces the figure when
    JavaScript runs."""
    d = page.d
    every = graph.neighbours.get(r.id, set())
    links = rm.of.get(r.id, []) if rm else []
    if not every and not links:
        return []
    whole = f"The [whole network]({page.href('network.md')}) has a table of every link."
    out = ["## Network", ""]
    if every:
        # Groups and factions first, then the most connected: a figure of 60 links cannot be read, and
        # the alphabet would drop the parent group as readily as a minor member.
        near = sorted(every, key=lambda n: (d.by_id[n].kind not in ("group", "faction"), -len(graph.neighbours[n]), n))[:NEIGHBOURHOOD_MAX]
        shown = set(near)
        figure_nodes = nodes(d, [r.id, *near], page)
        figure_edges = edges(d, [e for e in graph.edges_of.get(r.id, []) if (e[0] == r.id and e[1] in shown) or (e[1] == r.id and e[0] in shown)])
        svg = network(figure_nodes, figure_edges, radial_layout(r.id, figure_nodes), f"Links of {r.entity.name}",
                      width=640, height=380, center=r.id, svg_id=f"nb-{r.id}")
        said = (f"Direct links of {plain(r.entity.name)}" if len(near) == len(every) else
                f"{len(near)} of the {len(every)} groups and people linked to {plain(r.entity.name)}: groups and factions first, then the most connected")
        out += [f"{said} (dashed: alleged). {whole}", "", '<div class="dossier-figure dossier-static">', "", svg, "", "</div>", ""]
    else:
        out += [f"Groups and people linked to this {'event' if r.kind == 'event' else 'entry'}. {whole}", ""]
    if links:
        ids = {r.id} | rm.neighbours(r.id)
        out += map_block(links, ids, page, rm, f"nb-{r.id}", f"Links of {r.entity.name}", center=r.id)
    return out
