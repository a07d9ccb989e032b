"""People and their roles: militants (chiefs among them), officials, analysts and journalists.

Every militant group and every other faction has a succession of chiefs (`office: chief`), eight
for the subject group, whose tenures follow each other without overlapping, as the tenure checks
demand; people hold further roles in the groups their kind belongs to (militants in militant
groups, officials in states, analysts in outlets), and carry aliases, nationalities and statuses.
"""
from __future__ import annotations

from .dates import day, edtf, words
from .names import FIRST, NISBA, the
from .statements import alias, note
from .world import SUBJECT, Ent, World

TITLES = {"militant": ("commander", "spokesman", "recruiter", "financier", "member", "deputy chief", "shura member"),
          "official": ("minister", "governor", "director", "spokesman", "police chief", "ambassador"),
          "analyst": ("analyst", "senior fellow", "correspondent", "editor", "researcher"),
          "other": ("member", "adviser", "envoy")}


def name_people(w: World) -> None:
    """Every person's name and kind; the first four alternate militant and analyst, so both exist."""
    rng = w.rng
    for i in range(w.want["person"]):
        sub = rng.choices(("militant", "official", "analyst", "other"), (42, 18, 28, 12))[0] if i >= 4 else ("militant", "analyst")[i % 2]
        w.add("person", w.names.take(w.names.person), sub=sub)


def fill_people(w: World) -> None:
    """The successions of chiefs first, then each person's aliases, nationality, roles, status, note."""
    rng, pools = w.rng, w.pools
    roles = successions(w)
    groups_by = {"militant": pools.militant, "official": pools.states, "analyst": pools.outlets, "other": pools.kind["group"]}
    for p in w.by_kind["person"]:
        d = p.data
        if rng.random() < 0.45 or p.sub == "militant" and rng.random() < 0.5:
            name = (f"Abu {rng.choice(FIRST)} al-{rng.choice(NISBA) if rng.random() < 0.6 else w.names.word() + 'i'}"
                    if p.sub == "militant" else f"{p.name.split()[0][0]}. {p.name.split()[-1]}")
            a = alias(w, p, name, "nom-de-guerre" if p.sub == "militant" else "spelling")
            if a:
                d["aliases"] = [a]
        if pools.countries and rng.random() < 0.6:
            c = pools.countries.pick(rng)
            d["nationality"] = [{"place": c.id, "sources": w.fact(p.id, f"{p.name} is a national of {c.name}.")}]
        extra = rng.choice((0, 1, 1, 2)) if roles[p.id] else rng.choice((1, 1, 2, 3))
        for _ in range(extra):
            roles[p.id].append(_role(w, p, groups_by[p.sub].pick(rng)))
        if roles[p.id]:
            d["roles"] = roles[p.id]
        if p.sub in ("militant", "official") and rng.random() < 0.6:
            value = rng.choice(("alive", "killed", "detained", "at-large", "unknown")) if p.sub == "militant" else rng.choice(("alive", "unknown"))
            date = edtf(rng, day(rng, 2016, 2024), "month")
            d["status"] = [{"value": value, "as_of": date,
                            "sources": w.fact(p.id, f"As of {words(date)}, {p.name} was reported {value.replace('-', ' ')}.")}]
        if rng.random() < 0.5:
            d["notes"] = [note(w, p, rng.choice((None, "biography")))]


def successions(w: World) -> dict[str, list[dict]]:
    """Chiefs of each militant group and every other faction: consecutive, never overlapping tenures.

    Returns each person's roles so far (by id; empty for most). Each militant person is chief of at
    most one group; a succession stops early when they run out or its years pass 2024.
    """
    rng = w.rng
    roles: dict[str, list] = {p.id: [] for p in w.by_kind["person"]}
    militants = list(w.pools.militants)
    rng.shuffle(militants)
    pool = iter(militants)
    chief_groups = [g for g in w.by_kind["group"] if g.sub == "militant"] + w.by_kind["faction"][::2]
    for g in chief_groups:
        length = 8 if g.id == SUBJECT else rng.choice((1, 2, 2, 3, 3, 4))
        y, m = rng.randint(2008, 2016) if g.id != SUBJECT else 2015, rng.randint(1, 12)
        for i in range(length):
            person = next(pool, None) if y < 2025 else None
            if person is None:
                break
            start = f"{y}-{m:02d}" if rng.random() < 0.7 else f"{y}-{m:02d}-{rng.randint(1, 28):02d}"
            months = rng.randint(4, 40)
            y, m = y + (m - 1 + months) // 12, (m - 1 + months) % 12 + 1
            last = i == length - 1 or y >= 2025
            role = {"group": g.id, "title": rng.choice(("emir", "chief", "governor", "leader")), "office": "chief",
                    "ordinal": i + 1, "start": start}
            if last and rng.random() < 0.5:
                role["end"] = ".."
            else:
                role["end"] = f"{y}-{m:02d}"
                role["ended_by"] = rng.choice(("killed", "arrested", "replaced", "removed", "surrendered", "died"))
            sentence = (f"{person.name} became {role['title']} of {the(g.name)} in {words(start)}"
                        + (f" and remained in post until {words(role['end'])}." if role["end"] != ".." else "."))
            role["sources"] = w.fact(person.id, sentence)
            roles[person.id].append(role)
    return roles


def _role(w: World, p: Ent, g: Ent) -> dict:
    """A role of p in g, with a title of p's kind and sometimes its dates."""
    rng = w.rng
    role = {"group": g.id, "title": rng.choice(TITLES[p.sub])}
    if rng.random() < 0.6:
        y = rng.randint(2005, 2022)
        role["start"] = f"{y}-{rng.randint(1, 12):02d}" if rng.random() < 0.6 else str(y)
        if rng.random() < 0.5:
            role["end"] = str(y + rng.randint(0, 5))
            role["ended_by"] = rng.choice(("left", "replaced", "killed", "arrested", "unknown"))
    sentence = f"{p.name} served as {role['title']} of {the(g.name)}" + (f" from {words(role['start'])}" if "start" in role else "") + "."
    role["sources"] = w.fact(p.id, sentence)
    return role
