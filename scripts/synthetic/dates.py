"""Dates as the sources give them: EDTF at mixed precision, and the words a sentence uses for them.

Real entries are dated to the day, the month, the year, a season, about or uncertain, or a range,
so the generated ones are too (the date checks and pages have to handle all of them); the
sentences that state a date say it in the words the pages print (`dossier.dates.in_words`).
"""
from __future__ import annotations

import random
import re

from dossier.dates import in_words

YEAR_INFERRED = re.compile(r"^\d{4}\?-\d{2}-\d{2}$")


def day(rng: random.Random, y0: int = 2005, y1: int = 2024) -> tuple[int, int, int]:
    """A day between y0 and y1 (days 1–28, so every month has it)."""
    y, m = rng.randint(y0, y1), rng.randint(1, 12)
    return y, m, rng.randint(1, 28)


def edtf(rng: random.Random, ymd: tuple[int, int, int], mix: str = "event") -> str:
    """The day at a precision drawn from a mix: "event" (mostly days and months), "month"."""
    y, m, d = ymd
    r = rng.random()
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


def words(value: str) -> str:
    """The date in words, without the parenthesised remark some precisions carry."""
    return re.sub(r" \(.*\)$", "", in_words(value))


def at(date: str) -> str:
    """"on 3 May 2019" or "in May 2019": the date after a verb; "on 3 May" if the year is inferred
    (`2019?-05-03`), as the sources of such a date give only the day and month."""
    said = words(date)
    if YEAR_INFERRED.match(date):
        said = said.rsplit(" ", 1)[0]
    return ("on " if re.match(r"\d{1,2} [A-Z]", said) else "in ") + said  # on a day, in a month or a year
