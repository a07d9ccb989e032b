"""Names, ids and made-up words: every entity gets a name no other entity shares, and an id.

The checks refuse two entities whose names or aliases fold to the same key (`alias_key`), and two
files with the same id, so `Names` remembers every key and id handed out: a name that is taken
is drawn again, then qualified. Sources are not registered here, as their titles are not names.
The word lists give names of the kinds a grown dossier holds, with invented words in between.
"""
from __future__ import annotations

import random
import re

from dossier.checks import alias_key

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


class Names:
    """The names (as alias keys) and ids taken so far, and the random source that makes new ones."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.keys: set[str] = set()   # alias keys of names and aliases (sources excepted)
        self.ids: set[str] = set()

    def word(self, lo: int = 2, hi: int = 3) -> str:
        """An invented word of lo to hi syllables, capitalised."""
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(lo, hi))).capitalize()

    def person(self) -> str:
        """A person's name: one or two given names and a family name (known or invented)."""
        rng = self.rng
        last = rng.choice(LAST) if rng.random() < 0.5 else self.word(2, 3)
        if rng.random() < 0.3:
            return f"{rng.choice(FIRST)} {rng.choice(FIRST)} {last}"
        return f"{rng.choice(FIRST)} {last}"

    def take(self, make, qualifier: str | None = None) -> str:
        """A name (from `make()`) that no other entity uses: retried, then qualified."""
        name = make()
        for _ in range(12):
            if alias_key(name) not in self.keys:
                break
            name = make()
        else:
            base = name
            candidates = ([f"{base} ({qualifier})"] if qualifier else []) + [f"{base} {roman(i)}" for i in range(2, 10_000)]
            name = next(c for c in candidates if alias_key(c) not in self.keys)
        self.keys.add(alias_key(name))
        return name

    def take_alias(self, name: str) -> bool:
        """Register an alias if no entity has that name or alias yet; False if it is taken (or empty)."""
        key = alias_key(name)
        if not key or key in self.keys:
            return False
        self.keys.add(key)
        return True

    def take_id(self, base: str) -> str:
        """A free id from the slug of base, numbered when taken."""
        base = slug(base)
        new, i = base, 2
        while new in self.ids:
            new, i = f"{base}-{i}", i + 1
        self.ids.add(new)
        return new


def roman(i: int) -> str:
    """i in Roman numerals: how a name taken many times is told apart ("Kazar Front III")."""
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while i >= value:
            out, i = out + numeral, i - value
    return out


def slug(text: str, limit: int = 60) -> str:
    """Lower-case letters, digits and hyphens: the shape of an id and of a URL path."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")
    return s[:limit].rstrip("-") or "x"


def the(name: str) -> str:
    """`the` before a group's name, unless the name has its own."""
    return name if name.startswith("The ") else f"the {name}"


def The(name: str) -> str:  # noqa: N802 - the capitalised `the`, to start a sentence
    """`The` before a group's name, to start a sentence."""
    return the(name)[:1].upper() + the(name)[1:]
