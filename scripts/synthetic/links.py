"""Every person, group, faction, place and source is referred to by some other entity's statement.

The checks refuse one that nothing refers to (`check_unreferenced`): in a real dossier it says
nothing a reader can reach, and is usually what remains of a dropped statement. The generator
refers to most entities by chance (hubs often, the long tail seldom), so these passes find the
rest and give each a reference: an orphan actor or place is linked from a note on an event,
drawn evenly so that no hub page grows with the dossier's tail; a source nothing cites is
recorded as citing another source (`cited_in`), as a report that cites the big ones does.
"""
from __future__ import annotations

from dossier.walk import WIKILINK

from .statements import note
from .world import Fact, World

# the fields that hold ids (dossier.models' Ref fields), in any entity and at any depth
REF_KEYS = frozenset({"about", "alleged_by", "authors", "by", "claimants", "denied_by", "disputed_by", "entity",
                      "estimated_by", "group", "place", "places", "publisher", "source", "target", "via"})


def link_orphans(w: World) -> None:
    """A note on an evenly drawn event for each person, group, faction and place nothing refers to.

    Runs before the texts are written, so the notes' statements are stated and quoted like any.
    """
    reached = referenced(w)
    for kind in ("place", "group", "faction", "person"):
        for e in w.by_kind[kind]:
            if e.id not in reached:
                ev = w.rng.choice(w.by_kind["event"])
                ev.data.setdefault("notes", []).append(note(w, ev, about=e))


def link_uncited_sources(w: World) -> None:
    """A source nothing cites is recorded as citing another one; runs once citations are made."""
    reached = referenced(w)
    sources = w.by_kind["source"]
    for s in sources:
        if s.id not in reached:
            cited = w.rng.choice([x for x in sources if x is not s])
            cited.data.setdefault("cited_in", []).append({"source": s.id, "locator": f"footnote {w.rng.randint(1, 80)}"})


def referenced(w: World) -> set[str]:
    """The ids some other entity refers to, by a reference field or a [[wikilink]]."""
    out: set[str] = set()
    for e in w.ents.values():
        out.update(ref for ref in _refs(e.data) if ref != e.id)
    return out


def _refs(value, key: str | None = None):
    if isinstance(value, Fact):
        yield from _refs(value.cites)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _refs(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v, key)
    elif isinstance(value, str):
        if key in REF_KEYS:
            yield value
        yield from (m.group(1).strip() for m in WIKILINK.finditer(value))
