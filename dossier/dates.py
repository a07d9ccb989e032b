"""EDTF dates: validated by a real parser, compared by their bounds, rendered in words.

A date is kept as the EDTF string the contributor wrote, so its precision is never raised:
`2019-04` stays "April 2019". The `edtf` package parses and gives the earliest and latest day a
value can mean; we add what it lacks (it accepts 29 February in any year) and the words.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

OPEN = ".."  # an end that is still open (ongoing as of the record)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
EXAMPLES = "2019-04-11, 2019-04, 2019, 2016~ (about), 2018? (uncertain), 2017-22 (summer), [2015,2016] (one of)"
_YEAR_QUALIFIED = re.compile(r"^(\d{4})([~?%])(-\d{2}(?:-\d{2})?)$")
_SIMPLE = re.compile(r"^(-?\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX))?(?:-(\d{2}|XX))?([~?%])?$")


class DateError(ValueError):
    """An EDTF string that is not a valid or possible date."""


@lru_cache(maxsize=65536)
def parse(value: str):
    """The parsed EDTF object, or DateError saying what a valid value looks like."""
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"a date must be an EDTF string — write it like {EXAMPLES}")
    if value != value.strip():
        raise DateError(f"`{value}` has spaces around it — remove them")
    try:
        obj = parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError, IndexError):
        raise DateError(f"`{value}` is not a valid EDTF date — write it like {EXAMPLES}") from None
    for part in re.findall(r"-?\d{4}-\d{2}-\d{2}", value):
        year, month, day = (int(x) for x in part.lstrip("-").split("-"))
        try:
            dt.date(year, month, day)
        except ValueError:
            raise DateError(f"`{part}` is not a day that exists — check the day and month; give only the month (YYYY-MM) if the day is unknown") from None
    return obj


def check(value: str) -> str:
    """Validate for pydantic: return the value unchanged, or raise DateError."""
    if value == OPEN:
        return value
    parse(value)
    return value


def bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The earliest and latest (year, month, day) the value can mean, ignoring ~ and ?."""
    if value == OPEN:
        return (9999, 12, 31), (9999, 12, 31)
    obj = parse(value)
    return tuple(obj.lower_strict()[:3]), tuple(obj.upper_strict()[:3])


def sort_key(value: str | None) -> tuple:
    """Sort by earliest possible day, then by latest; unknown dates sort last."""
    if not value:
        return ((9999, 99, 99), (9999, 99, 99))
    return bounds(value)


def is_before(end: str, start: str) -> bool:
    """True when `end` must lie wholly before `start` (an impossible interval)."""
    if end == OPEN or start == OPEN:
        return False
    return bounds(end)[1] < bounds(start)[0]


def is_uncertain(value: str | None) -> bool:
    """Whether the value is approximate, uncertain, unspecified or one of several."""
    return value is None or any(c in value for c in "~?%X[{/") and value != OPEN


def year(value: str) -> int:
    """The year a value sorts under (its earliest possible year)."""
    return bounds(value)[0][0]


def in_words(value: str | None, unknown: str = "date not given") -> str:
    """Render in English words at exactly the value's precision ("about 2016", "summer 2017")."""
    if not value:
        return unknown
    if value == OPEN:
        return "ongoing"
    if value.startswith("[") or value.startswith("{"):
        parts = [in_words(p) for p in value.strip("[]{}").split(",")]
        joiner = " or " if value.startswith("[") else " and "
        return ", ".join(parts[:-1]) + joiner + parts[-1] if len(parts) > 1 else parts[0]
    if "/" in value:
        first, _, last = value.partition("/")
        first_w = in_words(first, "an unknown date") if first not in ("", "..") else "an unknown date"
        last_w = in_words(last, "an unknown date") if last not in ("", "..") else "an unknown date"
        return f"between {first_w} and {last_w}"
    m = _YEAR_QUALIFIED.match(value)
    if m:  # 2016?-11-21: only the year is uncertain or approximate (level 2 EDTF)
        y, q, rest = m.groups()
        words = in_words(f"{y}{rest}")
        return f"{words} (year {'uncertain' if q == '?' else 'approximate' if q == '~' else 'uncertain and approximate'})"
    m = _SIMPLE.match(value)
    if not m:
        return value
    y, mo, d, q = m.groups()
    if "X" in y:
        words = f"the {y.replace('XX', '00').replace('X', '0')}s"
    elif mo and int(mo.replace("XX", "0") or 0) in SEASONS:
        words = f"{SEASONS[int(mo)]} {y}"
    elif mo and mo != "XX" and d and d != "XX":
        words = f"{int(d)} {MONTHS[int(mo) - 1]} {y}"
    elif mo and mo != "XX":
        words = f"{MONTHS[int(mo) - 1]} {y}"
    else:
        words = y
    if y.startswith("-"):
        words = words.replace(y, f"{y[1:]} BCE")
    return {"~": f"about {words}", "?": f"{words} (uncertain)", "%": f"about {words} (uncertain)"}.get(q or "", words)
