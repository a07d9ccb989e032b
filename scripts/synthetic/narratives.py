"""Narratives: a contested point about an event, told in two or three versions.

Each narrative is about an event with attributions where there are any (who carried it out is
what sources disagree on), gives the versions of its actor, a state and an analyst, each with
its claimants, and is linked from the event and its first attribution by `disputed_by`.
"""
from __future__ import annotations

from .names import The, slug, the
from .world import World


def fill_narratives(w: World) -> None:
    """Name and fill every narrative; mark the events (and attributions) they dispute."""
    rng, pools = w.rng, w.pools
    disputable = [e for e in w.by_kind["event"] if e.data.get("attributions")] or w.by_kind["event"]
    rng.shuffle(disputable)
    for i in range(w.want["narrative"]):
        ev = disputable[i % len(disputable)]
        actor = ev.extra["actor"] if not ev.data.get("attributions") else w.ents[ev.data["attributions"][0]["group"]]
        contested = rng.random() < 0.5
        name = w.names.take(lambda: f"{The(actor.name)} and {the(ev.name)}" if contested else f"Who was behind {the(ev.name)}?",
                            qualifier=str(i + 1))
        nar = w.add("narrative", name, id_base=slug(name, 70))
        d = nar.data
        d["type"] = "contested-narrative" if contested else "disputed-fact"
        d["question"] = f"Whether {the(actor.name)} carried out {the(ev.name)}, as some sources say, or others did."
        d["about"] = [ev.id, actor.id]
        versions = []
        sides = [(actor, "asserts", f"{The(actor.name)} carried out {the(ev.name)}."),
                 (pools.states.pick(rng), "rejects", f"{The(ev.name)} was the work of another group."),
                 (pools.analysts.pick(rng), "questions", "The evidence for either account is thin.")]
        for who, stance, claim in sides[: rng.choice((2, 2, 3))]:
            versions.append({"claim": claim, "stance": stance, "claimants": [who.id],
                             "sources": w.fact(nar.id, f"{who.name} {'said' if stance != 'questions' else 'noted'} that {claim[0].lower() + claim[1:]}")})
        d["versions"] = versions
        ev.data.setdefault("disputed_by", []).append(nar.id)
        if ev.data.get("attributions"):
            ev.data["attributions"][0].setdefault("disputed_by", []).append(nar.id)
