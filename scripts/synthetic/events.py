"""Events: attacks, arrests, killings, operations, statements — a third of a grown dossier.

Events are named before anything is filled, so that any entity's note can link to one; then each
gets its places, and, by type, attributions (claimed, attributed, denied, by whom), casualty
ranges and participants, each with the sentence a report would print. The event's own statement
names all its places and its date, and is always quoted whole, as the checks require an event's
quotes to name its places and print its year; a year the sources do not give is marked and
explained (`date_note`).
"""
from __future__ import annotations

from .dates import at, day, edtf, words
from .names import TOPICS, The, slug, the
from .pools import Zipf
from .statements import alias, note
from .world import Ent, World

EVENT_TYPES = (("attack", 40), ("arrest", 12), ("killing", 12), ("operation", 10), ("announcement", 6), ("statement", 6),
               ("report", 4), ("surrender", 3), ("appointment", 3), ("split", 1), ("agreement", 1), ("estimate", 1), ("other", 1))
ATTACK_TARGETS = ("market", "mosque", "checkpoint", "shrine", "school", "hospital", "wedding", "rally", "bus station",
                  "police station", "prison", "airport gate", "consulate", "funeral", "university", "polling centre")
PERSON_EVENTS = {"arrest": "arrested", "killing": "killed", "surrender": "surrendered", "appointment": "appointed"}


def name_events(w: World) -> None:
    """Each event's type, date, place, main actors, name and id (notes may link to it before it is filled)."""
    rng, pools = w.rng, w.pools
    kinds, weights = zip(*EVENT_TYPES)
    for _ in range(w.want["event"]):
        etype = rng.choices(kinds, weights)[0]
        ymd = day(rng, 2008, 2024)
        date = edtf(rng, ymd)
        place = pools.localities.pick(rng)
        person = rng.choice(pools.militants)
        actor = pools.militant.pick(rng)
        make = {
            "attack": lambda: f"{place.name} {rng.choice(ATTACK_TARGETS)} attack",
            "arrest": lambda: f"Arrest of {person.name}", "killing": lambda: f"Killing of {person.name}",
            "surrender": lambda: f"Surrender of {person.name}", "appointment": lambda: f"Appointment of {person.name}",
            "operation": lambda: f"Operation {w.names.word()}",
        }.get(etype, lambda: f"{actor.name} {etype} on {rng.choice(TOPICS).lower()}")
        title = w.names.take(make, qualifier=words(date))
        ev = w.add("event", title, id_base=f"{ymd[0]}-{slug(title, 60)}")
        ev.extra = {"type": etype, "date": date, "ymd": ymd, "place": place, "person": person, "actor": actor}
    pools.kind["event"] = Zipf(w.by_kind["event"], 0.5, 10)


def fill_events(w: World) -> None:
    """Every event's date, places, what its type calls for, an alias or note now and then, its own statement."""
    rng = w.rng
    for ev in w.by_kind["event"]:
        d, x = ev.data, ev.extra
        etype, ymd, date, place = x["type"], x["ymd"], x["date"], x["place"]
        d["type"] = etype
        d["date"] = date
        if "?" in date.split("-")[0] or date.startswith("["):
            d["date_note"] = "The sources give the day and month; the year is inferred from the events they report around it."
        places = [place] + ([w.pools.localities.pick(rng)] if rng.random() < 0.15 else [])
        d["places"] = list(dict.fromkeys(p.id for p in places))
        when = at(date)
        if etype == "attack":
            parts = _attack(w, ev, when)
        elif etype in PERSON_EVENTS:
            parts = _person_event(w, ev, when)
        elif etype == "operation":
            parts = _operation(w, ev, when)
        else:
            parts = _statement(w, ev, when)
        for key in ("attributions", "casualties", "participants"):
            if parts.get(key):
                d[key] = parts[key]
        if rng.random() < 0.05:
            a = alias(w, ev, f"{the(place.name)} {rng.choice(('massacre', 'bombing', 'raid', 'incident'))} of {ymd[0]}", "alias")
            if a:
                d["aliases"] = [a]
        if rng.random() < 0.3:
            d["notes"] = [note(w, ev)]
        where = " and ".join(w.ents[pid].name for pid in d["places"])
        d["sources"] = w.fact(ev.id, f"{ev.name[0].upper() + ev.name[1:]} took place in {where} {when}.", whole=True)


def _attack(w: World, ev: Ent, when: str) -> dict[str, list]:
    """Who claimed it, who blamed whom and who denied; how many were killed and injured."""
    rng, pools = w.rng, w.pools
    place, actor = ev.extra["place"], ev.extra["actor"]
    attributions, casualties = [], []
    if rng.random() < 0.8:
        attributions.append({"group": actor.id, "stance": "claimed", "by": [actor.id],
                             "sources": w.fact(ev.id, f"{The(actor.name)} claimed responsibility for the attack in {place.name} {when}.")})
    if rng.random() < 0.4:
        other = pools.militant.pick(rng)
        accuser = pools.states.pick(rng)
        stance = rng.choice(("attributed", "suspected", "alleged"))
        if other.id != actor.id or not attributions:
            attributions.append({"group": other.id, "stance": stance, "by": [accuser.id],
                                 "sources": w.fact(ev.id, f"{The(accuser.name)} {stance} {the(place.name)} attack to {the(other.name)}.")})
        if rng.random() < 0.3 and other.id != actor.id:
            attributions.append({"group": other.id, "stance": "denied", "by": [other.id],
                                 "sources": w.fact(ev.id, f"{The(other.name)} denied any involvement in the attack.")})
    killed = rng.choice((rng.randint(1, 15), rng.randint(10, 60), rng.randint(50, 200)))
    high = killed + rng.choice((0, 0, rng.randint(1, 30)))
    text = f"at least {killed}" if high == killed else f"between {killed} and {high}"
    casualties.append({"kind": "killed", "low": killed, "high": high, "text": text,
                       "sources": w.fact(ev.id, f"The attack in {place.name} killed {text} people.")})
    if rng.random() < 0.6:
        injured = killed * rng.randint(1, 3)
        casualties.append({"kind": "injured", "low": injured, "text": f"over {injured}",
                           "by": [pools.states.pick(rng).id],
                           "sources": w.fact(ev.id, f"Officials said over {injured} people were injured in {place.name}.")})
    return {"attributions": attributions, "casualties": casualties}


def _person_event(w: World, ev: Ent, when: str) -> dict[str, list]:
    """An arrest, killing, surrender or appointment: the person, and the forces unless appointed."""
    etype, place, person = ev.extra["type"], ev.extra["place"], ev.extra["person"]
    role = PERSON_EVENTS[etype]
    participants = [{"entity": person.id, "role": role,
                     "sources": w.fact(ev.id, f"{person.name} was {role} in {place.name} {when}.")}]
    if etype != "appointment":
        forces = w.pools.states.pick(w.rng)
        participants.append({"entity": forces.id, "role": "security forces",
                             "sources": w.fact(ev.id, f"The operation against {person.name} was carried out by {the(forces.name)}.")})
    return {"participants": participants}


def _operation(w: World, ev: Ent, when: str) -> dict[str, list]:
    """A security operation: the forces that conducted it, and its toll by their count."""
    rng = w.rng
    place = ev.extra["place"]
    forces = w.pools.states.pick(rng)
    participants = [{"entity": forces.id, "role": "conducted the operation",
                     "sources": w.fact(ev.id, f"{The(forces.name)} launched {ev.name} in {place.name} {when}.")}]
    casualties = [{"kind": rng.choice(("killed", "arrested", "surrendered")), "low": rng.randint(3, 80),
                   "text": "dozens", "by": [forces.id],
                   "sources": w.fact(ev.id, f"Dozens of militants were affected by {ev.name}, according to {the(forces.name)}.")}]
    return {"casualties": casualties, "participants": participants}


def _statement(w: World, ev: Ent, when: str) -> dict[str, list]:
    """An announcement, statement, report or the like: the group that issued it."""
    etype, actor = ev.extra["type"], ev.extra["actor"]
    return {"participants": [{"entity": actor.id, "role": "announced" if etype == "announcement" else "issued",
                              "sources": w.fact(ev.id, f"{The(actor.name)} issued a {etype} {when}.")}]}
