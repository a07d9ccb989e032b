"""Places: a few countries, provinces within them, then districts, cities, towns, villages.

Places nest (`within`, cited to general knowledge), so the place pages and the map have a
hierarchy to show; localities (everything but countries) are where groups operate and events
happen, the countries what people are nationals of.
"""
from __future__ import annotations

from .statements import alias, note
from .world import World


def name_places(w: World) -> None:
    """Every place's name and finer type (country, province, district…)."""
    rng, names = w.rng, w.names
    n_places = w.want["place"]
    n_countries = max(1, n_places // 15)
    n_provinces = max(1, n_places // 4)
    for i in range(n_places):
        if i < n_countries:
            name = names.take(lambda: names.word(2, 2) + rng.choice(("stan", "ia", "ar")))
            w.add("place", name, sub="country")
        elif i < n_countries + n_provinces:
            name = names.take(lambda: f"{names.word()} Province")
            w.add("place", name, sub="province")
        else:
            kind = rng.choices(("district", "city", "town", "village", "area", "site"), (30, 25, 15, 10, 10, 5))[0]
            # every suffix is drawn, whatever the kind: the draws are part of the seed's sequence
            suffix = {"district": " District", "city": rng.choice(("abad", "pur", " City")), "town": rng.choice(("kot", " Bazaar", "garh")),
                      "village": rng.choice(("khel", " Kalay", "dara")), "area": " Valley", "site": " Pass"}[kind]
            name = names.take(lambda: names.word() + suffix)
            w.add("place", name, sub=kind)


def fill_places(w: World) -> None:
    """Type, `within`, a spelling variant now and then, and a note."""
    rng = w.rng
    countries = [p for p in w.by_kind["place"] if p.sub == "country"]
    provinces = [p for p in w.by_kind["place"] if p.sub == "province"] or countries
    for p in w.by_kind["place"]:
        d = p.data
        d["type"] = "country" if p.sub == "country" else p.sub
        if p.sub == "province":
            d["within"] = {"place": rng.choice(countries).id, "sources": [{"source": "general-knowledge"}]}
        elif p.sub != "country":
            d["within"] = {"place": rng.choice(provinces).id, "sources": [{"source": "general-knowledge"}]}
        if rng.random() < 0.2:
            a = alias(w, p, p.name.replace("a", "aa", 1) if "a" in p.name else p.name + "h", "spelling")
            if a:
                d["aliases"] = [a]
        if rng.random() < 0.25:
            d["notes"] = [note(w, p)]
