"""Synthetic entity trees of any size: valid, realistic, and the same for the same seed.

For the benchmark (`scripts/bench.py`) and scale tests. `generate(n, seed)` returns the files as
data (path relative to the root → text) and touches nothing; `write(root, n, seed)` writes them
under `root/entities/` and `root/seeds/` and nowhere else.

What makes the data realistic rather than merely valid:

- the kinds are mixed like a grown dossier (`MIX`: 35 % events, 25 % people, 15 % sources…);
- references prefer hubs (a Zipf-like choice), so a few groups, places and sources are mentioned
  by a large share of the entries, as the subject group and the big reports are in reality, and
  their pages grow with the dossier; the subject group has the id `iskp` (the profile page's);
- people hold roles; every militant group and some factions have a succession of chiefs
  (`office: chief`) whose tenures follow each other without overlapping; factions have parents
  and groups may have parent groups, always earlier in the order, so there is never a cycle;
- events have places, attributions (claimed, attributed, denied, by whom) and casualty ranges;
  places nest (`within`); narratives give two or three versions and are linked by `disputed_by`;
- the files are in the canonical format (`dossier/fmt.py`), like the real ones;
- every statement is cited. The archived texts of the sources (`seeds/*.txt`) are written first,
  as documents of wrapped, hyphenated sentences with typographic quotes that state the facts,
  padded with analysis prose; each quote is then cut out of the finished text (a whole sentence,
  a clause, or a list of two fragments), so every quote is really there. Texts have bounded
  sizes (3–40 KB), as real documents do; statements that no text states cite sources without
  an archived text, with a locator or `via`.

Nothing here depends on hash order or the clock: the output is a function of (n, seed).
"""
from __future__ import annotations

import bisect
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .checks import alias_key
from .dates import in_words
from .fmt import format_text
from .models import FOLDER_OF
from .quotes import SourceText

MIX = {"event": 0.35, "person": 0.25, "source": 0.15, "group": 0.10, "place": 0.07, "faction": 0.05, "narrative": 0.03}
MINIMUM = {"event": 3, "person": 6, "source": 4, "group": 4, "place": 3, "faction": 1, "narrative": 1}
MIN_ENTITIES = sum(MINIMUM.values()) + 2
ARCHIVED_SHARE = 0.4       # sources with an archived text under seeds/
QUOTED_SHARE = 0.7         # statements stated (and quoted) in an archived text
SUBJECT = "iskp"

# -- words ----------------------------------------------------------------------------------------

SYLLABLES = ("ka", "zar", "mi", "dar", "bal", "han", "ghu", "lam", "nur", "sha", "qa", "rez", "tan", "wal", "yar",
             "bad", "khel", "pur", "mak", "sin", "tor", "gul", "rah", "zai", "nab", "fa", "jan", "dil", "ro", "sa",
             "ba", "ha", "ki", "mu", "no", "pa", "ri", "su", "te", "wa", "za", "lo", "ne", "shi", "dun", "gar")
FIRST = ("Abdul", "Abdullah", "Ahmad", "Ali", "Amin", "Asad", "Aslam", "Bilal", "Daud", "Farid", "Faisal", "Ghulam",
         "Habib", "Hafiz", "Hamid", "Haroon", "Hasan", "Ibrahim", "Idris", "Ismail", "Jalal", "Jamil", "Kamal",
         "Karim", "Khalid", "Latif", "Mansoor", "Mohammad", "Mustafa", "Nadir", "Naeem", "Nasir", "Omar", "Qasim",
         "Rahim", "Rashid", "Saad", "Sadiq", "Saeed", "Salman", "Shahid", "Sher", "Sultan", "Tariq", "Usman",
         "Wali", "Yahya", "Yousuf", "Zahid", "Zia", "Anna", "Maria", "Sarah", "Priya", "Ayesha", "Farah", "John",
         "David", "Michael", "Rohan", "Vikram", "Claire", "Thomas", "Elena", "Hannah", "Imran", "Nadia")
LAST = ("Khan", "Ahmadzai", "Orakzai", "Mehsud", "Afridi", "Yusufzai", "Durrani", "Popalzai", "Siddiqui", "Qureshi",
        "Baloch", "Rahmani", "Haqqani", "Farooqi", "Akhtar", "Chaudhry", "Hussain", "Malik", "Mirza", "Noori",
        "Sharma", "Pandya", "Routray", "Gupta", "Roy", "Smith", "Miller", "Johnson", "Webber", "Fischer", "Dubois",
        "Rossi", "Novak", "Jensen", "Clarke", "Hassan", "Karimi", "Sadat", "Wardak", "Stanekzai")
NISBA = ("Khorasani", "Pakistani", "Afghani", "Baluchi", "Kashmiri", "Hindi", "Uzbeki", "Tajiki", "Logari",
         "Kunari", "Nangarhari", "Muhajir", "Iraqi", "Shami", "Bajauri", "Orakzai", "Waziri", "Farahi")
TOPICS = ("Resilience and Decline", "Recruitment Networks", "Leadership Succession", "Urban Attacks",
          "Propaganda and Outreach", "Financing", "Rivalry with the Taliban", "Foreign Fighters", "Regional Expansion",
          "Counter-terrorism Operations", "Sectarian Violence", "Safe Havens", "Splinter Factions", "Online Propaganda")
ATTACK_TARGETS = ("market", "mosque", "checkpoint", "shrine", "school", "hospital", "wedding", "rally", "bus station",
                  "police station", "prison", "airport gate", "consulate", "funeral", "university", "polling centre")
FILLER = (
    "Analysts caution that the available figures are incomplete and often contested.",
    "The security situation in {place} deteriorated sharply over the following months.",
    "Officials in {place} described the situation as “under control”, a claim residents disputed.",
    "According to local sources, the {group}’s fighters moved between {place} and neighbouring districts.",
    "Much of the group’s propaganda at the time was distributed through encrypted channels.",
    "This assessment draws on interviews with officials, former members and local journalists.",
    "The {group} has repeatedly denied any role in such operations, calling the reports “baseless”.",
    "Several counter-terrorism operations were conducted in {place} during this period.",
    "The relationship between the {group} and its rivals remained fluid and at times openly hostile.",
    "Estimates of the group’s strength vary widely, from a few hundred to several thousand fighters.",
    "Local elders in {place} reported that recruitment had intensified among young men.",
    "It is not clear whether the decision was taken by the central leadership or by local commanders.",
    "The attacks followed a well-established pattern of high-profile, mass-casualty operations.",
    "Reporting from {place} remained difficult because of restrictions on access for journalists.",
)


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


RELATION_VERB = {"ally": "allied with", "rival": "was a rival of", "fought": "fought", "collaborates-with": "collaborated with",
                 "split-from": "split from", "pledged-allegiance": "pledged allegiance to", "opposed": "opposed",
                 "alleged-links": "had links with", "alleged-sponsor": "was sponsored by", "supported": "supported",
                 "recruits-from": "recruited from"}


def the(name: str) -> str:
    """`the` before a group's name, unless the name has its own."""
    return name if name.startswith("The ") else f"the {name}"


def The(name: str) -> str:  # noqa: N802 - the capitalised `the`, to start a sentence
    return the(name)[:1].upper() + the(name)[1:]


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")
    return s[:limit].rstrip("-") or "x"


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


# -- statements and their citations ---------------------------------------------------------------

@dataclass
class Fact:
    """A statement to be cited: the sentence a source would write about it, and its entity."""

    sentence: str
    owner: str
    text: str | None = None          # the archived source whose text states it
    cites: list = field(default_factory=list)


@dataclass
class Ent:
    kind: str
    id: str
    name: str
    data: dict = field(default_factory=dict)
    sub: str = ""                    # a finer type: militant, state, research, media; analyst, militant…
    extra: dict = field(default_factory=dict)


class Builder:
    def __init__(self, n: int, seed: int):
        self.rng = random.Random(seed)
        self.n = n
        self.want = counts(n)
        self.want["source"] -= 1  # the general-knowledge source, written as it is in every dossier
        self.names: set[str] = set()     # alias keys of names and aliases (sources excepted)
        self.ids: set[str] = set()
        self.ents: dict[str, Ent] = {}
        self.by_kind: dict[str, list[Ent]] = {k: [] for k in MIX}
        self.facts: list[Fact] = []
        self.home: dict[str, list[str]] = {}   # entity id → archived sources it is mostly cited from

    # -- names and ids ----------------------------------------------------------------------------
    def word(self, lo: int = 2, hi: int = 3) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(lo, hi))).capitalize()

    def take_name(self, make, qualifier: str | None = None) -> str:
        """A name (from `make()`) that no other entity uses: retried, then qualified."""
        name = make()
        for _ in range(12):
            if alias_key(name) not in self.names:
                break
            name = make()
        else:
            base = name
            candidates = ([f"{base} ({qualifier})"] if qualifier else []) + [f"{base} {self._roman(i)}" for i in range(2, 10_000)]
            name = next(c for c in candidates if alias_key(c) not in self.names)
        self.names.add(alias_key(name))
        return name

    def try_alias(self, name: str) -> bool:
        key = alias_key(name)
        if not key or key in self.names:
            return False
        self.names.add(key)
        return True

    @staticmethod
    def _roman(i: int) -> str:
        out = ""
        for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                               (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while i >= value:
                out, i = out + numeral, i - value
        return out

    def take_id(self, base: str) -> str:
        base = slug(base)
        new, i = base, 2
        while new in self.ids:
            new, i = f"{base}-{i}", i + 1
        self.ids.add(new)
        return new

    def add(self, kind: str, name: str, id_base: str | None = None, sub: str = "", ent_id: str | None = None) -> Ent:
        ent_id = ent_id or self.take_id(id_base or name)
        self.ids.add(ent_id)
        ent = Ent(kind, ent_id, name, {"id": ent_id, "name": name}, sub)
        self.ents[ent_id] = ent
        self.by_kind[kind].append(ent)
        return ent

    # -- dates ------------------------------------------------------------------------------------
    def day(self, y0: int = 2005, y1: int = 2024) -> tuple[int, int, int]:
        y, m = self.rng.randint(y0, y1), self.rng.randint(1, 12)
        return y, m, self.rng.randint(1, 28)

    def edtf(self, ymd: tuple[int, int, int], mix: str = "event") -> str:
        y, m, d = ymd
        r = self.rng.random()
        if mix == "month":
            return f"{y}-{m:02d}" if r < 0.7 else f"{y}-{m:02d}-{d:02d}"
        if r < 0.55:
            return f"{y}-{m:02d}-{d:02d}"
        if r < 0.80:
            return f"{y}-{m:02d}"
        if r < 0.86:
            return f"{y}"
        if r < 0.90:
            return f"{y}~"
        if r < 0.93:
            return f"{y}-{m:02d}?"
        if r < 0.96:
            return f"{y}-{21 + (m % 12) // 3}"
        if r < 0.98:
            return f"{y}?-{m:02d}-{d:02d}"
        return f"[{y},{y + 1}]"

    @staticmethod
    def words(value: str) -> str:
        return re.sub(r" \(.*\)$", "", in_words(value))

    # -- facts --------------------------------------------------------------------------------------
    def fact(self, owner: str, sentence: str) -> Fact:
        f = Fact(sentence, owner)
        self.facts.append(f)
        return f

    def note(self, owner: Ent, topic: str | None = None, date: str | None = None) -> dict:
        """A prose note with a wikilink, its sentence stated in plain words."""
        other = self.pick_any(exclude=(owner.id,))
        templates = [
            ("{me} was reported to be active around [[{o}]] at the time.", "{me} was reported to be active around {on} at the time."),
            ("Reports link {me} to [[{o}]], though the details remain unclear.", "Reports link {me} to {on}, though the details remain unclear."),
            ("The role of {me} grew after the events involving [[{o}]].", "The role of {me} grew after the events involving {on}."),
            ("According to officials, {me} maintained contacts with [[{o}]] for several years.",
             "According to officials, {me} maintained contacts with {on} for several years."),
            ("{me} is described as *central* to the network around [[{o}]].", "{me} is described as central to the network around {on}."),
        ]
        prose, sentence = self.rng.choice(templates)
        kw = {"me": owner.name, "o": other.id, "on": other.name}
        out = {"text": prose.format(**kw)}
        if topic:
            out["topic"] = topic
        if date:
            out["date"] = date
        out["sources"] = self.fact(owner.id, sentence.format(**kw))
        return out

    def pick_any(self, exclude=()) -> Ent:
        kinds = ("group", "person", "place", "event", "faction")
        while True:
            kind = self.rng.choice(kinds)
            pool = self.zipf.get(kind)
            if pool:
                ent = pool.pick(self.rng)
                if ent.id not in exclude:
                    return ent

    # ================================================================================================
    def build(self) -> dict[str, str]:
        self.skeleton()
        self.samplers()
        self.name_events()
        self.fill_places()
        self.fill_groups()
        self.fill_people()
        self.fill_sources()
        self.fill_events()
        self.fill_narratives()
        texts = self.write_texts()
        self.resolve_citations(texts)
        return self.files(texts)

    def samplers(self) -> None:
        kinds = self.by_kind
        self.zipf = {
            "group": Zipf(kinds["group"]), "faction": Zipf(kinds["faction"]),
            "person": Zipf(kinds["person"], 0.8, 3), "place": Zipf(kinds["place"], 1.0, 2),
            "source": Zipf(kinds["source"], 1.0, 5),
        }
        self.militant = Zipf([g for g in kinds["group"] if g.sub == "militant"] + kinds["faction"], 1.0, 1)
        self.states = Zipf([g for g in kinds["group"] if g.sub == "state"] or kinds["group"], 1.0, 2)
        self.outlets = Zipf([g for g in kinds["group"] if g.sub in ("research", "media")] or kinds["group"], 1.0, 3)
        self.analysts = Zipf([p for p in kinds["person"] if p.sub == "analyst"] or kinds["person"], 0.8, 3)
        self.militants = [p for p in kinds["person"] if p.sub == "militant"] or kinds["person"]
        self.countries = Zipf([p for p in kinds["place"] if p.sub == "country"], 1.0, 1)
        self.localities = Zipf([p for p in kinds["place"] if p.sub != "country"] or kinds["place"], 1.0, 2)
        self.archived = [s for s in kinds["source"] if s.sub == "archived"]
        self.referenced = Zipf([s for s in kinds["source"] if s.sub != "archived"], 1.0, 5)
        self.archived_zipf = Zipf(self.archived, 0.7, 5)

    # -- the skeleton: every entity's id, name and finer type, before any reference -----------------
    def skeleton(self) -> None:
        rng, want = self.rng, self.want
        # places: countries, provinces within them, then districts, cities, towns, villages
        n_places = want["place"]
        n_countries = max(1, n_places // 15)
        n_provinces = max(1, n_places // 4)
        for i in range(n_places):
            if i < n_countries:
                name = self.take_name(lambda: self.word(2, 2) + self.rng.choice(("stan", "ia", "ar")))
                self.add("place", name, sub="country")
            elif i < n_countries + n_provinces:
                name = self.take_name(lambda: f"{self.word()} Province")
                self.add("place", name, sub="province")
            else:
                kind = rng.choices(("district", "city", "town", "village", "area", "site"), (30, 25, 15, 10, 10, 5))[0]
                suffix = {"district": " District", "city": rng.choice(("abad", "pur", " City")), "town": rng.choice(("kot", " Bazaar", "garh")),
                          "village": rng.choice(("khel", " Kalay", "dara")), "area": " Valley", "site": " Pass"}[kind]
                name = self.take_name(lambda: self.word() + suffix)
                self.add("place", name, sub=kind)
        # groups: the subject first, its parent, then militant groups, states, outlets
        n_groups = want["group"]
        self.add("group", self.take_name(lambda: "Islamic State Khorasan Province"), ent_id=SUBJECT, sub="militant")
        self.add("group", self.take_name(lambda: "Islamic State"), sub="militant")
        countries = [p for p in self.by_kind["place"] if p.sub == "country"]
        for i in range(n_groups - 2):
            sub = rng.choices(("militant", "state", "research", "media", "other"), (40, 22, 16, 16, 6))[0]
            c = rng.choice(countries).name
            makers = {
                "militant": lambda: rng.choice((f"Lashkar-e-{self.word()}", f"Jamaat ul-{self.word()}", f"{self.word()} Front",
                                                 f"Tehreek-e-{self.word()}", f"Harakat al-{self.word()}", f"{self.word()} Brigade")),
                "state": lambda: rng.choice((f"{c} {rng.choice(('Army', 'Border Police', 'Intelligence Directorate', 'Interior Ministry', 'Special Forces'))}",
                                              f"Government of {c}", f"{c} {self.word()} Corps")),
                "research": lambda: rng.choice((f"{self.word()} Institute for Conflict Studies", f"Centre for {self.word()} Research",
                                                 f"{self.word()} Policy Forum")),
                "media": lambda: rng.choice((f"The {self.word()} Times", f"{self.word()} News Agency", f"{self.word()} Herald",
                                              f"Al-{self.word()} Media Foundation")),
                "other": lambda: f"{self.word()} {rng.choice(('Council', 'Shura', 'Party', 'Movement'))}",
            }
            self.add("group", self.take_name(makers[sub]), sub=sub)
        for i in range(want["faction"]):
            self.add("faction", self.take_name(lambda: f"{self.word()} {rng.choice(('faction', 'network', 'shura', 'group'))}"), sub="militant")
        # people: militants (chiefs among them), officials, analysts and journalists, others
        for i in range(want["person"]):
            sub = rng.choices(("militant", "official", "analyst", "other"), (42, 18, 28, 12))[0] if i >= 4 else ("militant", "analyst")[i % 2]
            self.add("person", self.take_name(self._person_name), sub=sub)
        # sources: their titles are not names, so they may repeat; ids may not
        n_archived = max(2, round(want["source"] * ARCHIVED_SHARE))
        for i in range(want["source"]):
            title = rng.choice((f"{rng.choice(TOPICS)}: the Case of {self.word()}", f"The Khorasan Province and {rng.choice(TOPICS)}",
                                f"{rng.choice(TOPICS)} in {self.word()}", f"Report on {rng.choice(TOPICS)}"))
            self.add("source", title, id_base=f"{self.word(1, 2)}-{rng.randint(2010, 2024)}-{slug(title, 40)}",
                     sub="archived" if i < n_archived else "referenced")

    def _person_name(self) -> str:
        rng = self.rng
        last = rng.choice(LAST) if rng.random() < 0.5 else self.word(2, 3)
        if rng.random() < 0.3:
            return f"{rng.choice(FIRST)} {rng.choice(FIRST)} {last}"
        return f"{rng.choice(FIRST)} {last}"

    def _alias(self, e: Ent, name: str, kind: str, note: str | None = None) -> dict | None:
        if not self.try_alias(name):
            return None
        out = {"name": name, "kind": kind}
        if note:
            out["note"] = note
        sentence = self.rng.choice((f"{e.name}, also known as “{name}”, is frequently named in official statements.",
                                    f"{e.name} (“{name}”) appears under that name in several reports."))
        out["sources"] = self.fact(e.id, sentence)
        return out

    # -- places ----------------------------------------------------------------------------------
    def fill_places(self) -> None:
        rng = self.rng
        countries = [p for p in self.by_kind["place"] if p.sub == "country"]
        provinces = [p for p in self.by_kind["place"] if p.sub == "province"] or countries
        for p in self.by_kind["place"]:
            d = p.data
            d["type"] = "country" if p.sub == "country" else p.sub
            if p.sub == "province":
                d["within"] = {"place": rng.choice(countries).id, "sources": [{"source": "general-knowledge"}]}
            elif p.sub != "country":
                d["within"] = {"place": rng.choice(provinces).id, "sources": [{"source": "general-knowledge"}]}
            if rng.random() < 0.2:
                alias = self._alias(p, p.name.replace("a", "aa", 1) if "a" in p.name else p.name + "h", "spelling")
                if alias:
                    d["aliases"] = [alias]
            if rng.random() < 0.25:
                d["notes"] = [self.note(p)]

    # -- groups and factions ------------------------------------------------------------------------
    def fill_groups(self) -> None:
        rng = self.rng
        groups = self.by_kind["group"] + self.by_kind["faction"]
        order = {g.id: i for i, g in enumerate(groups)}
        for g in groups:
            d = g.data
            d["type"] = {"militant": "militant-group", "research": "research-organization", "other": "other"}.get(g.sub) or (
                rng.choice(("state-agency", "government", "armed-forces")) if g.sub == "state" else
                rng.choice(("media-outlet", "propaganda-outlet", "publisher")))
            if g.kind == "faction":
                d["type"] = "militant-faction"
            if g.id == SUBJECT:
                aliases = [self._alias(g, a, k) for a, k in (("ISKP", "abbreviation"), ("IS-K", "abbreviation"),
                                                               ("Wilayat Khorasan", "translation"), ("Daesh Khorasan", "alias"))]
            else:
                initials = "".join(w[0] for w in re.split(r"[\s-]+", g.name) if w[:1].isalpha())
                aliases = [self._alias(g, initials, "abbreviation")] if len(initials) > 2 and rng.random() < 0.5 else []
                if rng.random() < 0.2:
                    aliases.append(self._alias(g, f"{g.name.split()[-1]} {self.word()}", "former-name"))
            aliases = [a for a in aliases if a]
            if aliases:
                d["aliases"] = aliases
            # parent: an earlier group (always for factions), so parents never form a cycle
            earlier = [x for x in groups[: order[g.id]] if x.sub == "militant" and x.id != g.id]
            if g.id == SUBJECT:
                parent = self.by_kind["group"][1]
            elif order[g.id] == 1:  # the subject's parent has none: no cycle through the subject
                parent = None
            elif g.kind == "faction" or (g.sub == "militant" and rng.random() < 0.25 and earlier):
                parent = earlier[min(int(rng.expovariate(0.5)), len(earlier) - 1)] if earlier else self.by_kind["group"][0]
            else:
                parent = None
            if parent is not None:
                d["parent"] = {"group": parent.id, "sources": self.fact(g.id, f"{The(g.name)} operates as a branch of {the(parent.name)}.")}
            if g.sub in ("militant", "research", "media") and rng.random() < 0.7:
                date = self.edtf(self.day(1990 if g.sub != "militant" else 2000, 2020), "month")
                d["founded"] = {"date": date, "sources": self.fact(g.id, f"{The(g.name)} was founded in {self.words(date)}.")}
            relations = []
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4)) if g.sub == "militant" else rng.choice((0, 0, 1))):
                target = (self.militant if rng.random() < 0.7 else self.zipf["group"]).pick(rng)
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
                sentence = f"{The(g.name)} {verb} {the(target.name)}" + (f" from {self.words(rel['start'])}" if "start" in rel else "") + "."
                if kind.startswith("alleged"):
                    accuser = (self.states.pick(rng) if rng.random() < 0.5 else self.analysts.pick(rng))
                    rel["alleged_by"] = [accuser.id]
                    rel["denied_by"] = [target.id]
                    sentence = f"{accuser.name} alleged that {the(g.name)} {verb} {the(target.name)}, which the latter denied."
                rel["sources"] = self.fact(g.id, sentence)
                relations.append(rel)
            if relations:
                d["relations"] = relations
            if g.sub in ("militant", "state"):
                areas = []
                for place in self.localities.sample(rng, rng.randint(1, 3)):
                    area = {"place": place.id}
                    if rng.random() < 0.4:
                        area["start"] = str(rng.randint(2010, 2022))
                    area["sources"] = self.fact(g.id, f"{The(g.name)} has a presence in {place.name}.")
                    areas.append(area)
                d["areas"] = areas
            if g.sub == "militant" and rng.random() < 0.5:
                estimates = []
                for _ in range(rng.randint(1, 3)):
                    low = rng.randrange(100, 5000, 50)
                    high = low + rng.randrange(0, 3000, 50)
                    who = self.analysts.pick(rng) if rng.random() < 0.6 else self.outlets.pick(rng)
                    date = str(rng.randint(2012, 2024)) + rng.choice(("", "~", "-06"))
                    text = f"{low:,}" if low == high else f"between {low:,} and {high:,}"
                    estimates.append({"measure": rng.choice(("fighters", "members", "provinces with presence")), "low": low, "high": high,
                                      "text": text, "date": date, "estimated_by": [who.id],
                                      "sources": self.fact(g.id, f"{who.name} estimated {the(g.name)} at {text} in {self.words(date)}.")})
                d["estimates"] = estimates
            if rng.random() < 0.4:
                date = self.edtf(self.day(2015, 2024), "month")
                value = rng.choice(("active", "active", "defunct", "unknown"))
                d["status"] = [{"value": value, "as_of": date,
                                "sources": self.fact(g.id, f"As of {self.words(date)}, {the(g.name)} was considered {value}.")}]
            n_notes = rng.choice((0, 1, 1, 2, 3)) if g.id != SUBJECT else 12
            topics = ("overview", "origins", "leadership", "tactics", "recruitment", "propaganda", "finances", "areas",
                      "relationships", "size", "assessment", "counter-operations")
            notes = [self.note(g, topics[i % len(topics)] if g.id == SUBJECT else rng.choice(topics)) for i in range(n_notes)]
            if notes:
                d["notes"] = notes

    # -- people ------------------------------------------------------------------------------------
    def fill_people(self) -> None:
        rng = self.rng
        people = self.by_kind["person"]
        roles: dict[str, list] = {p.id: [] for p in people}
        # successions of chiefs: consecutive, never overlapping tenures in each militant group
        militants = list(self.militants)
        rng.shuffle(militants)
        pool = iter(militants)
        chief_groups = [g for g in self.by_kind["group"] if g.sub == "militant"] + self.by_kind["faction"][::2]
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
                sentence = (f"{person.name} became {role['title']} of {the(g.name)} in {self.words(start)}"
                            + (f" and remained in post until {self.words(role['end'])}." if role["end"] != ".." else "."))
                role["sources"] = self.fact(person.id, sentence)
                roles[person.id].append(role)
        groups_by = {
            "militant": self.militant, "official": self.states, "analyst": self.outlets,
            "other": self.zipf["group"],
        }
        titles = {"militant": ("commander", "spokesman", "recruiter", "financier", "member", "deputy chief", "shura member"),
                  "official": ("minister", "governor", "director", "spokesman", "police chief", "ambassador"),
                  "analyst": ("analyst", "senior fellow", "correspondent", "editor", "researcher"),
                  "other": ("member", "adviser", "envoy")}
        for p in people:
            d = p.data
            if rng.random() < 0.45 or p.sub == "militant" and rng.random() < 0.5:
                alias = (f"Abu {rng.choice(FIRST)} al-{rng.choice(NISBA) if rng.random() < 0.6 else self.word() + 'i'}"
                         if p.sub == "militant" else f"{p.name.split()[0][0]}. {p.name.split()[-1]}")
                a = self._alias(p, alias, "nom-de-guerre" if p.sub == "militant" else "spelling")
                if a:
                    d["aliases"] = [a]
            if self.countries and rng.random() < 0.6:
                c = self.countries.pick(rng)
                d["nationality"] = [{"place": c.id, "sources": self.fact(p.id, f"{p.name} is a national of {c.name}.")}]
            extra = rng.choice((0, 1, 1, 2)) if roles[p.id] else rng.choice((1, 1, 2, 3))
            for _ in range(extra):
                g = groups_by[p.sub].pick(rng)
                role = {"group": g.id, "title": rng.choice(titles[p.sub])}
                if rng.random() < 0.6:
                    y = rng.randint(2005, 2022)
                    role["start"] = f"{y}-{rng.randint(1, 12):02d}" if rng.random() < 0.6 else str(y)
                    if rng.random() < 0.5:
                        role["end"] = str(y + rng.randint(0, 5))
                        role["ended_by"] = rng.choice(("left", "replaced", "killed", "arrested", "unknown"))
                sentence = f"{p.name} served as {role['title']} of {the(g.name)}" + (f" from {self.words(role['start'])}" if "start" in role else "") + "."
                role["sources"] = self.fact(p.id, sentence)
                roles[p.id].append(role)
            if roles[p.id]:
                d["roles"] = roles[p.id]
            if p.sub in ("militant", "official") and rng.random() < 0.6:
                value = rng.choice(("alive", "killed", "detained", "at-large", "unknown")) if p.sub == "militant" else rng.choice(("alive", "unknown"))
                date = self.edtf(self.day(2016, 2024), "month")
                d["status"] = [{"value": value, "as_of": date,
                                "sources": self.fact(p.id, f"As of {self.words(date)}, {p.name} was reported {value.replace('-', ' ')}.")}]
            if rng.random() < 0.5:
                d["notes"] = [self.note(p, rng.choice((None, "biography")))]

    # -- sources --------------------------------------------------------------------------------------
    def fill_sources(self) -> None:
        rng = self.rng
        archived = self.archived
        for s in self.by_kind["source"]:
            d = s.data
            kind = rng.choice(("report", "analysis", "article", "news-report", "wire-report", "book", "un-report", "interview", "web-page"))
            d["kind"] = kind
            authors = self.analysts.sample(rng, rng.choice((0, 1, 1, 1, 2, 3)))
            if authors:
                d["authors"] = [a.id for a in authors]
            publisher = self.outlets.pick(rng)
            d["publisher"] = publisher.id
            y = rng.randint(2012, 2024)
            d["date"] = f"{y}-{rng.randint(1, 12):02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.6 else "")
            d["url"] = f"https://{slug(publisher.name, 30)}.example.org/{y}/{slug(s.name, 50)}"
            d["accessed"] = f"{rng.randint(max(y, 2020), 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if s.sub == "archived":
                d["archived_text"] = f"{s.id}.txt"
            if rng.random() < 0.1:
                d["inferred"] = [{"field": "date", "reason": "The document is undated; the date is inferred from the latest events it reports."}]
            if s.sub != "archived" and archived and rng.random() < 0.3:
                d["cited_in"] = [{"source": rng.choice(archived).id, "locator": f"footnote {rng.randint(1, 80)}"}]

    # -- events ------------------------------------------------------------------------------------------
    EVENT_TYPES = (("attack", 40), ("arrest", 12), ("killing", 12), ("operation", 10), ("announcement", 6), ("statement", 6),
                   ("report", 4), ("surrender", 3), ("appointment", 3), ("split", 1), ("agreement", 1), ("estimate", 1), ("other", 1))

    def name_events(self) -> None:
        """Each event's type, date, place, main actors, name and id (notes may link to it before it is filled)."""
        rng = self.rng
        kinds, weights = zip(*self.EVENT_TYPES)
        for _ in range(self.want["event"]):
            etype = rng.choices(kinds, weights)[0]
            ymd = self.day(2008, 2024)
            date = self.edtf(ymd)
            place = self.localities.pick(rng)
            person = rng.choice(self.militants)
            actor = self.militant.pick(rng)
            make = {
                "attack": lambda: f"{place.name} {rng.choice(ATTACK_TARGETS)} attack",
                "arrest": lambda: f"Arrest of {person.name}", "killing": lambda: f"Killing of {person.name}",
                "surrender": lambda: f"Surrender of {person.name}", "appointment": lambda: f"Appointment of {person.name}",
                "operation": lambda: f"Operation {self.word()}",
            }.get(etype, lambda: f"{actor.name} {etype} on {rng.choice(TOPICS).lower()}")
            title = self.take_name(make, qualifier=self.words(date))
            ev = self.add("event", title, id_base=f"{ymd[0]}-{slug(title, 60)}")
            ev.extra = {"type": etype, "date": date, "ymd": ymd, "place": place, "person": person, "actor": actor}
        self.zipf["event"] = Zipf(self.by_kind["event"], 0.5, 10)

    @staticmethod
    def at(date: str) -> str:
        words = Builder.words(date)
        return ("on " if words[:1].isdigit() and " " in words else "in ") + words

    def fill_events(self) -> None:
        rng = self.rng
        for ev in self.by_kind["event"]:
            d = ev.data
            x = ev.extra
            etype, ymd, date, place, person, actor, title = x["type"], x["ymd"], x["date"], x["place"], x["person"], x["actor"], ev.name
            d["type"] = etype
            d["date"] = date
            if "?" in date.split("-")[0] or date.startswith("["):
                d["date_note"] = "The sources give the day and month; the year is inferred from the events they report around it."
            places = [place] + ([self.localities.pick(rng)] if rng.random() < 0.15 else [])
            d["places"] = list(dict.fromkeys(p.id for p in places))
            when = self.at(date)
            attributions, casualties, participants = [], [], []
            if etype == "attack":
                if rng.random() < 0.8:
                    attributions.append({"group": actor.id, "stance": "claimed", "by": [actor.id],
                                         "sources": self.fact(ev.id, f"{The(actor.name)} claimed responsibility for the attack in {place.name} {when}.")})
                if rng.random() < 0.4:
                    other = self.militant.pick(rng)
                    accuser = self.states.pick(rng)
                    stance = rng.choice(("attributed", "suspected", "alleged"))
                    if other.id != actor.id or not attributions:
                        attributions.append({"group": other.id, "stance": stance, "by": [accuser.id],
                                             "sources": self.fact(ev.id, f"{The(accuser.name)} {stance} {the(place.name)} attack to {the(other.name)}.")})
                    if rng.random() < 0.3 and other.id != actor.id:
                        attributions.append({"group": other.id, "stance": "denied", "by": [other.id],
                                             "sources": self.fact(ev.id, f"{The(other.name)} denied any involvement in the attack.")})
                killed = rng.choice((rng.randint(1, 15), rng.randint(10, 60), rng.randint(50, 200)))
                high = killed + rng.choice((0, 0, rng.randint(1, 30)))
                text = f"at least {killed}" if high == killed else f"between {killed} and {high}"
                casualties.append({"kind": "killed", "low": killed, "high": high, "text": text,
                                   "sources": self.fact(ev.id, f"The attack in {place.name} killed {text} people.")})
                if rng.random() < 0.6:
                    injured = killed * rng.randint(1, 3)
                    casualties.append({"kind": "injured", "low": injured, "text": f"over {injured}",
                                       "by": [self.states.pick(rng).id],
                                       "sources": self.fact(ev.id, f"Officials said over {injured} people were injured in {place.name}.")})
            elif etype in ("arrest", "killing", "surrender", "appointment"):
                role = {"arrest": "arrested", "killing": "killed", "surrender": "surrendered", "appointment": "appointed"}[etype]
                participants.append({"entity": person.id, "role": role,
                                     "sources": self.fact(ev.id, f"{person.name} was {role} in {place.name} {when}.")})
                if etype != "appointment":
                    forces = self.states.pick(rng)
                    participants.append({"entity": forces.id, "role": "security forces",
                                         "sources": self.fact(ev.id, f"The operation against {person.name} was carried out by {the(forces.name)}.")})
            elif etype == "operation":
                forces = self.states.pick(rng)
                participants.append({"entity": forces.id, "role": "conducted the operation",
                                     "sources": self.fact(ev.id, f"{The(forces.name)} launched {title} in {place.name} {when}.")})
                casualties.append({"kind": rng.choice(("killed", "arrested", "surrendered")), "low": rng.randint(3, 80),
                                   "text": "dozens", "by": [forces.id],
                                   "sources": self.fact(ev.id, f"Dozens of militants were affected by {title}, according to {the(forces.name)}.")})
            else:
                participants.append({"entity": actor.id, "role": "announced" if etype == "announcement" else "issued",
                                     "sources": self.fact(ev.id, f"{The(actor.name)} issued a {etype} {when}.")})
            if attributions:
                d["attributions"] = attributions
            if casualties:
                d["casualties"] = casualties
            if participants:
                d["participants"] = participants
            if rng.random() < 0.05:
                alias = self._alias(ev, f"{the(place.name)} {rng.choice(('massacre', 'bombing', 'raid', 'incident'))} of {ymd[0]}", "alias")
                if alias:
                    d["aliases"] = [alias]
            if rng.random() < 0.3:
                d["notes"] = [self.note(ev)]
            d["sources"] = self.fact(ev.id, f"{title[0].upper() + title[1:]} took place in {place.name} {when}.")

    # -- narratives ------------------------------------------------------------------------------------
    def fill_narratives(self) -> None:
        rng = self.rng
        disputable = [e for e in self.by_kind["event"] if e.data.get("attributions")] or self.by_kind["event"]
        rng.shuffle(disputable)
        for i in range(self.want["narrative"]):
            ev = disputable[i % len(disputable)]
            actor = ev.extra["actor"] if not ev.data.get("attributions") else self.ents[ev.data["attributions"][0]["group"]]
            contested = rng.random() < 0.5
            name = self.take_name(lambda: f"{The(actor.name)} and {the(ev.name)}" if contested else f"Who was behind {the(ev.name)}?",
                                  qualifier=str(i + 1))
            nar = self.add("narrative", name, id_base=slug(name, 70))
            d = nar.data
            d["type"] = "contested-narrative" if contested else "disputed-fact"
            d["question"] = f"Whether {the(actor.name)} carried out {the(ev.name)}, as some sources say, or others did."
            d["about"] = [ev.id, actor.id]
            versions = []
            sides = [(actor, "asserts", f"{The(actor.name)} carried out {the(ev.name)}."),
                     (self.states.pick(rng), "rejects", f"{The(ev.name)} was the work of another group."),
                     (self.analysts.pick(rng), "questions", "The evidence for either account is thin.")]
            for who, stance, claim in sides[: rng.choice((2, 2, 3))]:
                versions.append({"claim": claim, "stance": stance, "claimants": [who.id],
                                 "sources": self.fact(nar.id, f"{who.name} {'said' if stance != 'questions' else 'noted'} that {claim[0].lower() + claim[1:]}")})
            d["versions"] = versions
            ev.data.setdefault("disputed_by", []).append(nar.id)
            if ev.data.get("attributions"):
                ev.data["attributions"][0].setdefault("disputed_by", []).append(nar.id)

    # -- texts first, then quotes cut out of them ----------------------------------------------------------
    def write_texts(self) -> dict[str, str]:
        rng = self.rng
        if not self.archived:
            return {}
        target = {s.id: int(min(40_000, max(3_000, rng.lognormvariate(9.2, 0.7)))) for s in self.archived}
        room = dict(target)
        sentences: dict[str, list[str]] = {s.id: [] for s in self.archived}
        placed: dict[str, set[str]] = {}
        for f in self.facts:
            if rng.random() >= QUOTED_SHARE:
                continue
            home = self.home.get(f.owner)
            if home is None:
                home = self.home[f.owner] = [s.id for s in self.archived_zipf.sample(rng, rng.choice((1, 1, 2, 3)))]
            sid = next((h for h in rng.sample(home, len(home)) if room[h] > 0), None)
            if sid is None:
                continue
            f.text = sid
            if f.sentence not in placed.setdefault(sid, set()):  # once: a quote must pin down its passage
                placed[sid].add(f.sentence)
                sentences[sid].append(f.sentence)
                room[sid] -= len(f.sentence) + 1
        places = self.by_kind["place"]
        groups = self.by_kind["group"]
        texts = {}
        for s in self.archived:
            body = sentences[s.id] + [self._filler(places, groups) for _ in range(max(0, room[s.id]) // 110)]
            rng.shuffle(body)
            paragraphs, i = [], 0
            while i < len(body):
                k = rng.randint(2, 6)
                paragraphs.append(textwrap.fill(" ".join(body[i:i + k]), width=78, break_long_words=False))
                i += k
            header = f"{s.name}\n\n{self.ents[s.data['publisher']].name}, {self.words(s.data['date'])}\n"
            texts[s.id] = header + "\n\n" + "\n\n".join(paragraphs) + "\n"
        return texts

    def _filler(self, places, groups) -> str:
        return self.rng.choice(FILLER).format(place=self.rng.choice(places).name, group=self.rng.choice(groups).name)

    def quote(self, sentence: str) -> str | list[str]:
        """Words of the sentence as a contributor copies them: whole, a clause, or two fragments."""
        rng = self.rng
        words = sentence.split()
        r = rng.random()
        if r < 0.5 or len(words) < 8:
            q: str | list[str] = sentence
        elif r < 0.8:
            i = rng.randint(0, len(words) // 3)
            j = rng.randint(i + 5, len(words))
            q = " ".join(words[i:j])
        else:
            k = rng.randint(3, len(words) - 3)
            q = [" ".join(words[:k]), " ".join(words[k:])]
        if rng.random() < 0.15:  # typed with straight quotes and apostrophes; folding matches them
            fix = lambda s: s.replace("“", '"').replace("”", '"').replace("’", "'")  # noqa: E731
            q = [fix(x) for x in q] if isinstance(q, list) else fix(q)
        return q

    def resolve_citations(self, texts: dict[str, str]) -> None:
        rng = self.rng
        folded = {sid: SourceText(f"{sid}.txt", t) for sid, t in texts.items()}
        archived_ids = [s.id for s in self.archived]
        for f in self.facts:
            if f.text:
                cite = {"source": f.text, "quote": self.quote(f.sentence)}
                fragments = cite["quote"] if isinstance(cite["quote"], list) else [cite["quote"]]
                if not any(folded[f.text].count(x) == 1 for x in fragments):  # a clause shared with another sentence
                    cite["quote"], fragments = f.sentence, [f.sentence]
                assert all(folded[f.text].contains(x) for x in fragments), (f.text, cite["quote"])
                if rng.random() < 0.2:
                    cite["locator"] = f"p. {rng.randint(1, 60)}"
                f.cites.append(cite)
                if self.referenced and rng.random() < 0.15:
                    f.cites.append({"source": self.referenced.pick(rng).id, "via": f.text})
            elif self.referenced:
                for src in self.referenced.sample(rng, rng.choice((1, 1, 1, 2))):
                    cite = {"source": src.id}
                    if rng.random() < 0.3:
                        cite["locator"] = rng.choice((f"p. {rng.randint(1, 300)}", "abstract", f"para. {rng.randint(1, 90)}"))
                    if rng.random() < 0.1 and archived_ids:
                        cite["via"] = rng.choice(archived_ids)
                    f.cites.append(cite)
            else:  # no source without an archived text: state it in one after all
                sid = archived_ids[0]
                texts[sid] += "\n" + textwrap.fill(f.sentence, 78) + "\n"
                folded[sid] = SourceText(f"{sid}.txt", texts[sid])
                f.cites.append({"source": sid, "quote": f.sentence})

    # -- files -----------------------------------------------------------------------------------------------
    def files(self, texts: dict[str, str]) -> dict[str, str]:
        out = {}
        for kind in ("place", "group", "faction", "person", "source", "event", "narrative"):
            folder = FOLDER_OF[kind]
            for e in self.by_kind[kind]:
                if e.kind != "source" and self.rng.random() < 0.01:
                    old = f"{e.id}-old"
                    if old not in self.ids:
                        self.ids.add(old)
                        e.data["former_ids"] = [old]
                data = _resolve(e.data)
                body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
                out[f"entities/{folder}/{e.id}.yml"] = format_text(body, kind)  # the canonical layout, as `make format` writes it
        out["entities/sources/general-knowledge.yml"] = GENERAL_KNOWLEDGE
        for sid, text in texts.items():
            out[f"seeds/{sid}.txt"] = text
        return dict(sorted(out.items()))


GENERAL_KNOWLEDGE = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
id: general-knowledge
name: General knowledge
kind: general-knowledge
"""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Plain YAML: no anchors or aliases (the loader refuses them), whatever the data shares."""

    def ignore_aliases(self, data) -> bool:
        return True


def _resolve(value):
    """The entity data with each Fact replaced by its list of citations."""
    if isinstance(value, Fact):
        return [dict(c) for c in value.cites]
    if isinstance(value, dict):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


def generate(n: int, seed: int = 0) -> dict[str, str]:
    """A tree of n entities (and the archived texts they quote): relative path → file text."""
    return Builder(n, seed).build()


def write(root: Path, n: int, seed: int = 0) -> dict[str, int]:
    """Write a generated tree under root/entities and root/seeds; return counts by kind."""
    root = Path(root)
    for folder in ("entities", "seeds"):
        existing = root / folder
        if existing.exists() and any(existing.iterdir()):
            raise FileExistsError(f"{existing} is not empty; synthetic data goes into a fresh folder")
    files = generate(n, seed)
    made: dict[str, int] = {}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        key = "text" if rel.startswith("seeds/") else rel.split("/")[1]
        made[key] = made.get(key, 0) + 1
    return made


__all__ = ["MIX", "counts", "generate", "write", "Zipf"]
