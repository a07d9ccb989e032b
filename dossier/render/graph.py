"""The relationship network as nodes and edges, built once from the linked dossier."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..link import Dossier
from .vocabulary import RELATION_LABEL

NETWORK_KINDS = ("group", "faction", "person")


@dataclass
class Graph:
    """Nodes are entity ids; edges carry a readable label and whether they are alleged.

    `edges_of` indexes the edges by their ends (in the order of `edges`), so that an entity's
    own figure does not scan every edge of the dossier."""

    edges: list[tuple[str, str, str, bool]] = field(default_factory=list)
    neighbours: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    edges_of: dict[str, list[tuple[str, str, str, bool]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, a: str, b: str, label: str, alleged: bool) -> None:
        edge = (a, b, label, alleged)
        self.edges.append(edge)
        self.neighbours[a].add(b)
        self.neighbours[b].add(a)
        self.edges_of[a].append(edge)
        if b != a:
            self.edges_of[b].append(edge)


def build_graph(d: Dossier) -> Graph:
    g = Graph()
    for r in d.records:
        e = r.entity
        if r.kind in ("group", "faction"):
            if e.parent:
                g.add(r.id, e.parent.group, "part of", False)
            for rel in e.relations:
                alleged = bool(rel.alleged_by) or rel.type.startswith("alleged")
                g.add(r.id, rel.target, RELATION_LABEL[rel.type][0].lower(), alleged)
        elif r.kind == "person":
            for role in e.roles:
                g.add(r.id, role.group, role.title, False)
    return g
