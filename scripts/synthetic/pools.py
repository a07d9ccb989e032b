"""Who gets mentioned: references prefer hubs, as in a grown dossier.

A few groups, places and sources are mentioned by a large share of the entries (the subject
group, the big reports), and their pages grow with the dossier. `Zipf` makes that choice; `Pools`
holds one per role an entity can play in a statement (the militant side, the state side, the
analysts, the places where things happen, the sources with and without an archived text).
"""
from __future__ import annotations

import bisect
import random
from dataclasses import dataclass


class Zipf:
    """Choose items with probability falling with their rank: a few hubs, a long tail."""

    def __init__(self, items: list, skew: float = 1.0, offset: float = 1.0):
        self.items = list(items)
        total, self.cum = 0.0, []
        for rank in range(len(self.items)):
            total += 1.0 / (rank + offset) ** skew
            self.cum.append(total)

    def __bool__(self) -> bool:
        return bool(self.items)

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]

    def sample(self, rng: random.Random, k: int, exclude=()) -> list:
        """Up to k distinct items (fewer when the list is short), never one of `exclude`."""
        out: list = []
        for _ in range(k * 4):
            if len(out) >= k:
                break
            item = self.pick(rng)
            if item not in out and item not in exclude:
                out.append(item)
        return out


@dataclass
class Pools:
    """The entities a statement may refer to, by the role they play in it, hubs first."""

    kind: dict[str, Zipf]   # every entity of a kind; "event" is added once the events are named
    militant: Zipf          # militant groups, then factions: actors, parents, targets of relations
    states: Zipf            # state groups: security forces, accusers
    outlets: Zipf           # research and media groups: publishers, employers of analysts
    analysts: Zipf          # people who write and estimate
    militants: list         # militant people: chiefs and the people events are about
    countries: Zipf
    localities: Zipf        # places other than countries: where things happen
    archived: list          # sources with an archived text under seeds/
    archives: Zipf          # the same, for the texts a statement is stated in
    referenced: Zipf        # sources without an archived text

    @classmethod
    def of(cls, by_kind: dict[str, list]) -> Pools:
        """The pools of the entities named so far (every kind but events and narratives)."""
        archived = [s for s in by_kind["source"] if s.sub == "archived"]
        return cls(
            kind={"group": Zipf(by_kind["group"]), "faction": Zipf(by_kind["faction"]),
                  "person": Zipf(by_kind["person"], 0.8, 3), "place": Zipf(by_kind["place"], 1.0, 2),
                  "source": Zipf(by_kind["source"], 1.0, 5)},
            militant=Zipf([g for g in by_kind["group"] if g.sub == "militant"] + by_kind["faction"], 1.0, 1),
            states=Zipf([g for g in by_kind["group"] if g.sub == "state"] or by_kind["group"], 1.0, 2),
            outlets=Zipf([g for g in by_kind["group"] if g.sub in ("research", "media")] or by_kind["group"], 1.0, 3),
            analysts=Zipf([p for p in by_kind["person"] if p.sub == "analyst"] or by_kind["person"], 0.8, 3),
            militants=[p for p in by_kind["person"] if p.sub == "militant"] or by_kind["person"],
            countries=Zipf([p for p in by_kind["place"] if p.sub == "country"], 1.0, 1),
            localities=Zipf([p for p in by_kind["place"] if p.sub != "country"] or by_kind["place"], 1.0, 2),
            archived=archived,
            archives=Zipf(archived, 0.7, 5),
            referenced=Zipf([s for s in by_kind["source"] if s.sub != "archived"], 1.0, 5),
        )

    def anyone(self, rng: random.Random, exclude=()):
        """A group, person, place, event or faction, hubs first: what a prose note links to."""
        kinds = ("group", "person", "place", "event", "faction")
        while True:
            kind = rng.choice(kinds)
            pool = self.kind.get(kind)
            if pool:
                ent = pool.pick(rng)
                if ent.id not in exclude:
                    return ent
