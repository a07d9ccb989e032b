"""The statements every kind of entity can carry: aliases and prose notes, each with its Fact.

Both are checked the same way whatever the entity (an alias must be free, a note's wikilink must
resolve), so they are made the same way: the alias is registered with `Names`, the note links to
a hub entity (or to the one it is about), and each gets the plain sentence a source would write
about it.
"""
from __future__ import annotations

from .world import Ent, World


def alias(w: World, e: Ent, name: str, kind: str, note: str | None = None) -> dict | None:
    """An alias of e (`kind`: abbreviation, spelling, nom-de-guerre…), or None if the name is taken."""
    if not w.names.take_alias(name):
        return None
    out = {"name": name, "kind": kind}
    if note:
        out["note"] = note
    sentence = w.rng.choice((f"{e.name}, also known as “{name}”, is frequently named in official statements.",
                             f"{e.name} (“{name}”) appears under that name in several reports."))
    out["sources"] = w.fact(e.id, sentence)
    return out


def note(w: World, owner: Ent, topic: str | None = None, date: str | None = None, about: Ent | None = None) -> dict:
    """A prose note with a wikilink (to `about`, or else to a hub), its sentence stated in plain words."""
    other = about or w.pools.anyone(w.rng, exclude=(owner.id,))
    templates = [
        ("{me} was reported to be active around [[{o}]] at the time.", "{me} was reported to be active around {on} at the time."),
        ("Reports link {me} to [[{o}]], though the details remain unclear.", "Reports link {me} to {on}, though the details remain unclear."),
        ("The role of {me} grew after the events involving [[{o}]].", "The role of {me} grew after the events involving {on}."),
        ("According to officials, {me} maintained contacts with [[{o}]] for several years.",
         "According to officials, {me} maintained contacts with {on} for several years."),
        ("{me} is described as *central* to the network around [[{o}]].", "{me} is described as central to the network around {on}."),
    ]
    prose, sentence = w.rng.choice(templates)
    kw = {"me": owner.name, "o": other.id, "on": other.name}
    out = {"text": prose.format(**kw)}
    if topic:
        out["topic"] = topic
    if date:
        out["date"] = date
    out["sources"] = w.fact(owner.id, sentence.format(**kw))
    return out
