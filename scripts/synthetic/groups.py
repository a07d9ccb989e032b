"""Groups and factions: the subject group and its parent, militant groups, states, outlets.

Groups carry most of a dossier's structure, so they get all of it: aliases, a parent (always an
earlier group, so parents never form a cycle; always one for a faction), a founding date,
relations to other groups (alleged ones with who alleges and who denies), areas of operation,
strength estimates by analysts and outlets, a status, and notes — twelve, one per topic, for the
subject group (id `iskp`), as its profile page has.
"""
from __future__ import annotations

import random
import re

from .dates import day, edtf, words
from .names import The, the
from .statements import alias, note
from .world import SUBJECT, Ent, World

RELATION_VERB = {"ally": "allied with", "rival": "was a rival of", "fought": "fought", "collaborates-with": "collaborated with",
                 "split-from": "split from", "pledged-allegiance": "pledged allegiance to", "opposed": "opposed",
                 "alleged-links": "had links with", "alleged-sponsor": "was sponsored by", "supported": "supported",
                 "recruits-from": "recruited from"}
NOTE_TOPICS = ("overview", "origins", "leadership", "tactics", "recruitment", "propaganda", "finances", "areas",
               "relationships", "size", "assessment", "counter-operations")


def name_groups(w: World) -> None:
    """The subject first, its parent, then militant groups, states, outlets; then the factions."""
    rng, names, want = w.rng, w.names, w.want
    w.add("group", names.take(lambda: "Islamic State Khorasan Province"), ent_id=SUBJECT, sub="militant")
    w.add("group", names.take(lambda: "Islamic State"), sub="militant")
    countries = [p for p in w.by_kind["place"] if p.sub == "country"]
    word = names.word
    for _ in range(want["group"] - 2):
        sub = rng.choices(("militant", "state", "research", "media", "other"), (40, 22, 16, 16, 6))[0]
        c = rng.choice(countries).name
        makers = {
            "militant": lambda: rng.choice((f"Lashkar-e-{word()}", f"Jamaat ul-{word()}", f"{word()} Front",
                                             f"Tehreek-e-{word()}", f"Harakat al-{word()}", f"{word()} Brigade")),
            "state": lambda: rng.choice((f"{c} {rng.choice(('Army', 'Border Police', 'Intelligence Directorate', 'Interior Ministry', 'Special Forces'))}",
                                          f"Government of {c}", f"{c} {word()} Corps")),
            "research": lambda: rng.choice((f"{word()} Institute for Conflict Studies", f"Centre for {word()} Research",
                                             f"{word()} Policy Forum")),
            "media": lambda: rng.choice((f"The {word()} Times", f"{word()} News Agency", f"{word()} Herald",
                                          f"Al-{word()} Media Foundation")),
            "other": lambda: f"{word()} {rng.choice(('Council', 'Shura', 'Party', 'Movement'))}",
        }
        w.add("group", names.take(makers[sub]), sub=sub)
    for _ in range(want["faction"]):
        w.add("faction", names.take(lambda: f"{word()} {rng.choice(('faction', 'network', 'shura', 'group'))}"), sub="militant")


def fill_groups(w: World) -> None:
    """Every statement about every group and faction, in the order the seed's draws expect."""
    rng = w.rng
    groups = w.by_kind["group"] + w.by_kind["faction"]
    for i, g in enumerate(groups):
        d = g.data
        d["type"] = _type(rng, g)
        aliases = _aliases(w, g)
        if aliases:
            d["aliases"] = aliases
        parent = _parent(w, g, i, groups)
        if parent is not None:
            d["parent"] = {"group": parent.id, "sources": w.fact(g.id, f"{The(g.name)} operates as a branch of {the(parent.name)}.")}
        if g.sub in ("militant", "research", "media") and rng.random() < 0.7:
            date = edtf(rng, day(rng, 1990 if g.sub != "militant" else 2000, 2020), "month")
            d["founded"] = {"date": date, "sources": w.fact(g.id, f"{The(g.name)} was founded in {words(date)}.")}
        relations = _relations(w, g)
        if relations:
            d["relations"] = relations
        if g.sub in ("militant", "state"):
            d["areas"] = _areas(w, g)
        if g.sub == "militant" and rng.random() < 0.5:
            d["estimates"] = _estimates(w, g)
        if rng.random() < 0.4:
            date = edtf(rng, day(rng, 2015, 2024), "month")
            value = rng.choice(("active", "active", "defunct", "unknown"))
            d["status"] = [{"value": value, "as_of": date,
                            "sources": w.fact(g.id, f"As of {words(date)}, {the(g.name)} was considered {value}.")}]
        n_notes = rng.choice((0, 1, 1, 2, 3)) if g.id != SUBJECT else 12
        notes = [note(w, g, NOTE_TOPICS[k % len(NOTE_TOPICS)] if g.id == SUBJECT else rng.choice(NOTE_TOPICS)) for k in range(n_notes)]
        if notes:
            d["notes"] = notes


def _type(rng: random.Random, g: Ent) -> str:
    if g.kind == "faction":
        return "militant-faction"
    return {"militant": "militant-group", "research": "research-organization", "other": "other"}.get(g.sub) or (
        rng.choice(("state-agency", "government", "armed-forces")) if g.sub == "state" else
        rng.choice(("media-outlet", "propaganda-outlet", "publisher")))


def _aliases(w: World, g: Ent) -> list[dict]:
    """The subject's four well-known aliases; for others, sometimes initials or a former name."""
    rng = w.rng
    if g.id == SUBJECT:
        aliases = [alias(w, g, a, k) for a, k in (("ISKP", "abbreviation"), ("IS-K", "abbreviation"),
                                                   ("Wilayat Khorasan", "translation"), ("Daesh Khorasan", "alias"))]
    else:
        initials = "".join(x[0] for x in re.split(r"[\s-]+", g.name) if x[:1].isalpha())
        aliases = [alias(w, g, initials, "abbreviation")] if len(initials) > 2 and rng.random() < 0.5 else []
        if rng.random() < 0.2:
            aliases.append(alias(w, g, f"{g.name.split()[-1]} {w.names.word()}", "former-name"))
    return [a for a in aliases if a]


def _parent(w: World, g: Ent, i: int, groups: list[Ent]) -> Ent | None:
    """An earlier militant group (always for a faction), so parents never form a cycle."""
    rng = w.rng
    earlier = [x for x in groups[:i] if x.sub == "militant" and x.id != g.id]
    if g.id == SUBJECT:
        return w.by_kind["group"][1]
    if i == 1:  # the subject's parent has none: no cycle through the subject
        return None
    if g.kind == "faction" or (g.sub == "militant" and rng.random() < 0.25 and earlier):
        return earlier[min(int(rng.expovariate(0.5)), len(earlier) - 1)] if earlier else w.by_kind["group"][0]
    return None


def _relations(w: World, g: Ent) -> list[dict]:
    """Relations to other groups, mostly militant ones; alleged ones say who alleges and who denies."""
    rng, pools = w.rng, w.pools
    relations: list[dict] = []
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4)) if g.sub == "militant" else rng.choice((0, 0, 1))):
        target = (pools.militant if rng.random() < 0.7 else pools.kind["group"]).pick(rng)
        if target.id == g.id or any(r["target"] == target.id for r in relations):
            continue
        kind = rng.choice(("ally", "rival", "fought", "collaborates-with", "split-from", "pledged-allegiance", "opposed",
                           "alleged-links", "alleged-sponsor", "supported", "recruits-from"))
        rel = {"type": kind, "target": target.id}
        y = rng.randint(2008, 2022)
        if rng.random() < 0.6:
            rel["start"] = f"{y}-{rng.randint(1, 12):02d}" if rng.random() < 0.5 else str(y)
            if rng.random() < 0.3:
                rel["end"] = str(y + rng.randint(1, 4))
        verb = RELATION_VERB[kind]
        sentence = f"{The(g.name)} {verb} {the(target.name)}" + (f" from {words(rel['start'])}" if "start" in rel else "") + "."
        if kind.startswith("alleged"):
            accuser = (pools.states.pick(rng) if rng.random() < 0.5 else pools.analysts.pick(rng))
            if accuser.id == g.id:  # no state group (a tiny tree): the pool is every group
                accuser = pools.analysts.pick(rng)
            rel["alleged_by"] = [accuser.id]
            rel["denied_by"] = [target.id]
            sentence = f"{accuser.name} alleged that {the(g.name)} {verb} {the(target.name)}, which the latter denied."
        rel["sources"] = w.fact(g.id, sentence)
        relations.append(rel)
    return relations


def _areas(w: World, g: Ent) -> list[dict]:
    """One to three localities the group is present in, hubs first."""
    rng = w.rng
    areas = []
    for place in w.pools.localities.sample(rng, rng.randint(1, 3)):
        area = {"place": place.id}
        if rng.random() < 0.4:
            area["start"] = str(rng.randint(2010, 2022))
        area["sources"] = w.fact(g.id, f"{The(g.name)} has a presence in {place.name}.")
        areas.append(area)
    return areas


def _estimates(w: World, g: Ent) -> list[dict]:
    """One to three ranges of the group's strength, each by an analyst or an outlet."""
    rng, pools = w.rng, w.pools
    estimates = []
    for _ in range(rng.randint(1, 3)):
        low = rng.randrange(100, 5000, 50)
        high = low + rng.randrange(0, 3000, 50)
        who = pools.analysts.pick(rng) if rng.random() < 0.6 else pools.outlets.pick(rng)
        if who.id == g.id:  # no outlet (a tiny tree): the pool is every group
            who = pools.analysts.pick(rng)
        date = str(rng.randint(2012, 2024)) + rng.choice(("", "~", "-06"))
        text = f"{low:,}" if low == high else f"between {low:,} and {high:,}"
        estimates.append({"measure": rng.choice(("fighters", "members", "provinces with presence")), "low": low, "high": high,
                          "text": text, "date": date, "estimated_by": [who.id],
                          "sources": w.fact(g.id, f"{who.name} estimated {the(g.name)} at {text} in {words(date)}.")})
    return estimates
