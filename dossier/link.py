"""Stage 3: resolve ids into lookup tables, built once and passed explicitly to the renderers.

Nothing here reads or writes files. Every table is ordered deterministically (by file path, then
position in the file), so two builds of the same data produce the same pages.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import dates
from .load import Record
from .models import Citation, Relation, Role
from .quotes import SourceText


@dataclass(frozen=True)
class Mention:
    """`record` refers to an entity at `loc` (a field path inside the record)."""

    record: Record
    loc: tuple


@dataclass(frozen=True)
class Citing:
    """A citation of a source, found in `record` at `loc`."""

    record: Record
    loc: tuple
    citation: Citation


@dataclass
class Dossier:
    """All records plus the lookups the pages need (backlinks, inverse relations, tenures)."""

    records: list[Record]
    texts: dict[str, SourceText]
    by_id: dict[str, Record] = field(default_factory=dict)
    by_kind: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))
    citations: dict[str, list[Citing]] = field(default_factory=lambda: defaultdict(list))
    roles_in: dict[str, list[tuple[Record, Role]]] = field(default_factory=lambda: defaultdict(list))
    relations_to: dict[str, list[tuple[Record, Relation]]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    narratives_about: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    places_within: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    # sources by author, by publisher, and by the source that cites them (their `cited_in`), so
    # that a person's, group's or source's page looks its sources up instead of scanning them all
    authored_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    published_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    cited_by: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={len(v)}" for k, v in sorted(self.by_kind.items()))
        return f"Dossier({counts})"

    def name(self, entity_id: str) -> str:
        return self.by_id[entity_id].entity.name


def tenure_key(role: Role) -> tuple:
    """Order tenures by the latest day their start can mean (a start of "2018?" that followed a
    killing in July 2018 must not sort before it); a tenure whose start is not given sorts by its end."""
    value = role.start or role.end
    if not value:
        return ((9999, 99, 99), 2)
    return (dates.bounds(value)[1], 1 if role.start else 0, dates.bounds(value)[0])


def link(records: list[Record], texts: dict[str, SourceText]) -> Dossier:
    """Build every lookup table in one pass over the records (their walks are cached on them)."""
    records = sorted(records, key=lambda r: r.path)
    d = Dossier(records=records, texts=texts)
    for r in records:
        d.by_id[r.id] = r
        d.by_kind[r.kind].append(r)
    for r in records:
        seen = set()
        for loc, ref, _kinds in r.refs:
            if loc[-1] == "source" or (len(loc) > 1 and loc[-2] == "disputed_by"):
                continue  # citations are listed as citations; disputes as narratives
            if ref != r.id and ref not in seen:
                seen.add(ref)
                d.mentions[ref].append(Mention(r, loc))
        for loc, ref in r.wikilinks:
            if ref != r.id and ref not in seen:
                seen.add(ref)
                d.mentions[ref].append(Mention(r, loc))
        for loc, cite in r.citations:
            d.citations[cite.source].append(Citing(r, loc, cite))
            if cite.via:
                d.citations[cite.via].append(Citing(r, loc, cite))
        entity = r.entity
        for role in getattr(entity, "roles", []):
            d.roles_in[role.group].append((r, role))
        for relation in getattr(entity, "relations", []):
            d.relations_to[relation.target].append((r, relation))
        if getattr(entity, "parent", None):
            d.children[entity.parent.group].append(r)
        if r.kind == "event":
            involved = {a.group for a in entity.attributions} | {p.entity for p in entity.participants} | set(entity.places)
            for other in sorted(involved):
                d.events_of[other].append(r)
        if r.kind == "narrative":
            for other in entity.about:
                d.narratives_about[other].append(r)
        if r.kind == "place" and entity.within:
            d.places_within[entity.within.place].append(r)
        if r.kind == "source":
            for person in dict.fromkeys(entity.authors):
                d.authored_by[person].append(r)
            if entity.publisher:
                d.published_by[entity.publisher].append(r)
            for citing in dict.fromkeys(c.source for c in entity.cited_in):
                d.cited_by[citing].append(r)
    for group in d.roles_in.values():
        group.sort(key=lambda pr: (tenure_key(pr[1]), pr[0].id))
    for events in d.events_of.values():
        events.sort(key=lambda e: (dates.sort_key(e.entity.date), e.id))
    return d
