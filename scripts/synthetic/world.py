"""The state of one generation: the mix of kinds, the entities made so far, and their statements.

Every step of the build (naming, filling each kind, writing the texts, citing) reads and adds to
one `World`, and draws from its one random source in a fixed order: that order is what makes the
output a function of (n, seed), so a step must never draw from another generator or skip a draw.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from .names import Names
from .pools import Pools

MIX = {"event": 0.35, "person": 0.25, "source": 0.15, "group": 0.10, "place": 0.07, "faction": 0.05, "narrative": 0.03}
MINIMUM = {"event": 3, "person": 6, "source": 4, "group": 4, "place": 3, "faction": 1, "narrative": 1}
MIN_ENTITIES = sum(MINIMUM.values()) + 2
SUBJECT = "iskp"   # the subject group's id, the profile page's


def counts(n: int) -> dict[str, int]:
    """How many entities of each kind make n in total (largest remainder, with minimums)."""
    if n < MIN_ENTITIES:
        raise ValueError(f"at least {MIN_ENTITIES} entities are needed for every kind to be present")
    out = {k: max(MINIMUM[k], int(n * share)) for k, share in MIX.items()}
    order = sorted(MIX, key=lambda k: (-(n * MIX[k] - int(n * MIX[k])), k))
    i = 0
    while sum(out.values()) < n:
        out[order[i % len(order)]] += 1
        i += 1
    while sum(out.values()) > n:
        k = max(out, key=lambda k: (out[k] - MINIMUM[k], k))
        out[k] -= 1
    return out


@dataclass
class Fact:
    """A statement to be cited: the sentence a source would write about it, and its entity.

    It stands in the entity's data where the `sources:` list will go; once the archived texts are
    written, `cites` is filled (`texts.resolve_citations`) and the file writer puts it in place.
    """

    sentence: str
    owner: str
    whole: bool = False              # always stated in a text and quoted whole: what an event's date and places rest on
    text: str | None = None          # the archived source whose text states it
    cites: list = field(default_factory=list)


@dataclass
class Ent:
    """One entity: its data as it will be written, and what the build needs to know about it."""

    kind: str
    id: str
    name: str
    data: dict = field(default_factory=dict)
    sub: str = ""                    # a finer type: militant, state, research, media; analyst, militant…
    extra: dict = field(default_factory=dict)


@dataclass
class World:
    """Everything one generation has made so far."""

    rng: random.Random
    want: dict[str, int]             # entities still to make, by kind (the general-knowledge source aside)
    names: Names
    ents: dict[str, Ent] = field(default_factory=dict)
    by_kind: dict[str, list[Ent]] = field(default_factory=lambda: {k: [] for k in MIX})
    facts: list[Fact] = field(default_factory=list)
    pools: Pools | None = None       # set once every entity but the events is named

    @classmethod
    def start(cls, n: int, seed: int) -> World:
        rng = random.Random(seed)
        want = counts(n)
        want["source"] -= 1  # the general-knowledge source, written as it is in every dossier
        return cls(rng, want, Names(rng))

    def add(self, kind: str, name: str, id_base: str | None = None, sub: str = "", ent_id: str | None = None) -> Ent:
        """A new entity with a free id (from id_base or the name, unless ent_id is given)."""
        ent_id = ent_id or self.names.take_id(id_base or name)
        self.names.ids.add(ent_id)
        ent = Ent(kind, ent_id, name, {"id": ent_id, "name": name}, sub)
        self.ents[ent_id] = ent
        self.by_kind[kind].append(ent)
        return ent

    def fact(self, owner: str, sentence: str, whole: bool = False) -> Fact:
        """A statement about the entity `owner`, to be cited once the texts exist."""
        f = Fact(sentence, owner, whole)
        self.facts.append(f)
        return f
