"""EDTF dates: validated by a real parser, compared by their bounds, rendered in words.

A date is kept as the EDTF string the contributor wrote, so its precision is never raised:
`2019-04` stays "April 2019". The `edtf` package parses and gives the earliest and latest day a
value can mean; we add what it lacks (it accepts 29 February in any year) and the words.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

OPEN = ".."  # an end that is still open (ongoing as of the record)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter",
           # EDTF level 2 "sub-year groupings": hemisphere seasons, quarters, quadrimesters, semesters
           25: "northern spring", 26: "northern summer", 27: "northern autumn", 28: "northern winter",
           29: "southern spring", 30: "southern summer", 31: "southern autumn", 32: "southern winter",
           33: "first quarter of", 34: "second quarter of", 35: "third quarter of", 36: "fourth quarter of",
           37: "first third of", 38: "second third of", 39: "last third of", 40: "first half of", 41: "second half of"}
EXAMPLES = "2019-04-11, 2019-04, 2019, 2016~ (about), 2018? (uncertain), 2017-22 (summer), [2015,2016] (one of), .. (an end still open)"
# A date whose parts carry their own qualifiers: a qualifier before a part is that part's; one
# after a part is that part's and every part before it (EDTF level 2).
_PARTS = re.compile(r"^(?P<yl>[?~%])?(?P<y>[0-9]{4})(?P<yr>[?~%])?"
                    r"(?:-(?P<ml>[?~%])?(?P<m>[0-9]{2})(?P<mr>[?~%])?"
                    r"(?:-(?P<dl>[?~%])?(?P<d>[0-9]{2})(?P<dr>[?~%])?)?)?\Z")
_YEAR_QUALIFIED = re.compile(r"^([0-9]{4})([~?%])(-[0-9]{2}(?:-[0-9]{2})?)\Z")  # 2020?-10: only the year qualified
_QUALITY = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
_SIMPLE = re.compile(r"^(-?[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)(?:-([0-9]{2}|XX))?(?:-([0-9]{2}|XX))?([~?%])?\Z")


# The forms most dates take (2019, 2019-04, 2019-04-11, each optionally ~ ? %) are checked and
# bounded here directly: the EDTF grammar costs about 5 ms per distinct value, which at a few
# thousand distinct dates dominated validation. Anything else, and any value that would be
# refused, goes through the parser, so the messages stay the parser's. tests/test_bench.py
# checks that both ways agree.
_FAST = re.compile(r"^([12][0-9]{3})(?:[~?%]?-(0[1-9]|1[0-2]|2[1-4])(?:-(0[1-9]|[12][0-9]|3[01]))?)?[~?%]?\Z")
_ONE_OF_YEARS = re.compile(r"^\[([12][0-9]{3}),([12][0-9]{3})\]\Z")
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}  # the parser's bounds (winter: December)
_MONTH_END = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


# The years a date may take. The dossier's subject begins in the 2010s and its background (the
# Durand Line, the Soviet war) in the 19th and 20th centuries; a year outside these is a typo, and
# a hostile one (`Y-1000000`) would stretch every chart and table drawn over the dates.
FIRST_YEAR, LAST_YEAR = 1800, 2100
_QUALIFIERS = re.compile(r"[?~%]")


class DateError(ValueError):
    """An EDTF string that is not a valid or possible date."""


def _month_end(y: int, mo: int) -> int:
    return 29 if mo == 2 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else _MONTH_END[mo - 1]


def _fast_bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """Bounds of a plain year, month or day (with an optional qualifier) that exists; else None."""
    m = _FAST.match(value) if isinstance(value, str) else None
    if m is None:
        pair = _ONE_OF_YEARS.match(value) if isinstance(value, str) else None
        if pair and pair.group(1) < pair.group(2):  # [2015,2016]: one of two years
            return (int(pair.group(1)), 1, 1), (int(pair.group(2)), 12, 31)
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return (y, 1, 1), (y, 12, 31)
    if value[4] != "-" and (d is None or value.endswith(("~", "?", "%"))):
        return None  # a qualified year with only a month, or qualified twice: left to the parser
    mo = int(mo)
    if mo in _SEASON_MONTHS:
        if len(value) != 7:
            return None  # a qualified season, or a day in one: left to the parser
        first, last_month = _SEASON_MONTHS[mo]
        return (y, first, 1), (y, last_month, _month_end(y, last_month))
    last = _month_end(y, mo)
    if d is None:
        return (y, mo, 1), (y, mo, last)
    if int(d) > last:
        return None  # not a day that exists: the parser's path says so
    return (y, mo, int(d)), (y, mo, int(d))


@lru_cache(maxsize=65536)
def parse(value: str):
    """The parsed EDTF object, or DateError saying what a valid value looks like."""
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"a date must be an EDTF string — write it like {EXAMPLES}")
    if value != value.strip():
        raise DateError(f"`{value}` has spaces around it — remove them")
    if not value.isascii():
        raise DateError(f"`{value}` is not a valid EDTF date — write it with the digits 0-9, like {EXAMPLES}")
    try:
        # the parser prints a line on stdout for some invalid values (`2019-1X`): not ours to show
        with contextlib.redirect_stdout(io.StringIO()):
            obj = parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError, IndexError, AttributeError, KeyError):
        raise DateError(f"`{value}` is not a valid EDTF date — write it like {EXAMPLES}") from None
    # every day the value names must exist, however it is qualified (`2019?-02-30`, `2019-02~-30`)
    for part in re.findall(r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}", _QUALIFIERS.sub("", value)):
        year, month, day = (int(x) for x in part.lstrip("-").split("-"))
        try:
            dt.date(year, month, day)
        except ValueError:
            named = f"`{part}` is" if part == value else f"`{value}` names {part}, which is"
            raise DateError(f"{named} not a day that exists — check the day and month; "
                            "give only the month (YYYY-MM) if the day is unknown") from None
    return obj


def check(value: str) -> str:
    """Validate a date for pydantic (a start, or a day something happened): return the value
    unchanged, or raise DateError. `..` (still ongoing) is refused: it only ends a period (`check_end`).

    A valid value is one every later step can use: it parses, and it has bounds, earliest first.
    (The EDTF parser raises more than its own exception on some malformed values, e.g. an
    AttributeError for `0000-0X`; an interval with an open end, `2015/..`, has an infinite bound.)
    """
    if value == OPEN:
        raise DateError("`..` (still ongoing) can only end a period, in `end` or `end_date` — give the date, "
                        "or leave the field out if the sources do not give it")
    if _fast_bounds(value) is None:
        parse(value)
    try:
        low, high = bounds(value)
    except Exception:  # noqa: BLE001 - whatever the parser does, the contributor gets a message
        raise DateError(f"`{value}` cannot be placed in time — write it like {EXAMPLES}; "
                        "for something still going on, put `..` alone in the end field") from None
    if low > high:
        raise DateError(f"`{value}` ends before it starts — swap the two dates")
    if not (FIRST_YEAR <= low[0] and high[0] <= LAST_YEAR):
        raise DateError(f"`{value}` lies outside {FIRST_YEAR}–{LAST_YEAR}, the years this dossier's dates may take — "
                        "check the year (see CONTRIBUTING, Dates)")
    return value


def check_end(value: str) -> str:
    """As `check`, for the end of a period (a tenure, a relation, a presence, an event's end):
    `..` says it is still going on."""
    return value if value == OPEN else check(value)


@lru_cache(maxsize=65536)
def bounds(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The earliest and latest (year, month, day) the value can mean, ignoring ~ and ?."""
    if value == OPEN:
        return (9999, 12, 31), (9999, 12, 31)
    fast = _fast_bounds(value)
    if fast is not None:
        return fast
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


def year(value: str) -> int:
    """The year a value sorts under (its earliest possible year)."""
    return bounds(value)[0][0]


def _range_in_words(member: str) -> str:
    """A member of an EDTF set: a date, or a range `a..b` ("[2018-07..2019-04]": one date in it)."""
    first, sep, last = member.partition("..")
    if not sep:
        return in_words(member)
    if not first:
        return f"{in_words(last)} or earlier"
    if not last:
        return f"{in_words(first)} or later"
    return f"some time between {in_words(first)} and {in_words(last)}"


@lru_cache(maxsize=65536)  # called for every date on every page that shows it
def in_words(value: str | None, unknown: str = "date not given") -> str:
    """Render in English words at exactly the value's precision ("about 2016", "summer 2017")."""
    if not value:
        return unknown
    if value == OPEN:
        return "ongoing"
    if value.startswith("[") or value.startswith("{"):
        parts = [_range_in_words(p) for p in value.strip("[]{}").split(",")]
        joiner = " or " if value.startswith("[") else " and "
        return ", ".join(parts[:-1]) + joiner + parts[-1] if len(parts) > 1 else parts[0]
    if "/" in value:
        first, _, last = value.partition("/")
        first_w = in_words(first, "an unknown date") if first not in ("", "..") else "an unknown date"
        last_w = in_words(last, "an unknown date") if last not in ("", "..") else "an unknown date"
        return f"between {first_w} and {last_w}"
    m = _PARTS.match(value)
    if m and (m.group("yl") or m.group("ml") or m.group("dl") or (m.group("yr") and m.group("m")) or (m.group("mr") and m.group("d"))):
        return _partly_qualified(m)  # 2016?-11-21, 2019-02~-30, 2019-?02: some parts qualified (level 2 EDTF)
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


def _partly_qualified(m: re.Match) -> str:
    """`2019-02~-30` → "30 February 2019 (year and month approximate)"."""
    parts = [p for p in ("y", "m", "d") if m.group(p)]
    quality = {p: set() for p in parts}
    for i, p in enumerate(parts):
        if m.group(p + "l"):
            quality[p].add(m.group(p + "l"))
        if m.group(p + "r"):
            for earlier in parts[: i + 1]:
                quality[earlier].add(m.group(p + "r"))
    words = in_words("-".join(m.group(p) for p in parts))
    if quality == {"y": {"?"}, "m": set(), "d": set()} or quality == {"y": {"?"}, "m": set()}:
        # 2020?-03-25: the source gives the day and month; the year is worked out (the entry says from what)
        return f"{words} (year inferred)"
    names = {"y": "year", "m": "month", "d": "day"}
    said = {}
    for p in parts:
        if quality[p]:
            q = "%" if "%" in quality[p] or quality[p] == {"?", "~"} else quality[p].pop()
            said.setdefault(_QUALITY[q], []).append(names[p])
    notes = [f"{' and '.join(who)} {what}" for what, who in said.items()]
    return f"{words} ({'; '.join(notes)})"


@dataclass(frozen=True)
class Span:
    """An EDTF value as spreadsheets and STIX want it: the first and last ISO day it can mean, how
    precise it is, and its qualifiers as flags (the EDTF string stays the record; this is a view)."""

    start: str          # ISO date, "" when there is no date or the value is `..`
    end: str
    precision: str      # day, month, season, quarter, third, half, year, decade, century, interval, one-of, ongoing, ""
    year_inferred: bool  # `2020?-10`: the year is uncertain, the month and day are the source's (the text left the year out)
    uncertain: bool      # `2018?`, `2019-04?`: the whole value is uncertain
    approximate: bool    # `2016~`, or `%` (uncertain and approximate) anywhere


_SUB_YEAR = {**{n: "season" for n in range(21, 33)}, **{n: "quarter" for n in range(33, 37)},
             **{n: "third" for n in range(37, 40)}, 40: "half", 41: "half"}


def _precision(value: str) -> str:
    if value == OPEN:
        return "ongoing"
    if value.startswith(("[", "{")):
        return "one-of" if value.startswith("[") else "all-of"
    if "/" in value:
        return "interval"
    m = _SIMPLE.match(value.replace("?-", "-").replace("~-", "-").replace("%-", "-"))
    if not m:
        return ""
    y, mo, d, _q = m.groups()
    if y.endswith("XX"):
        return "century"
    if y.endswith("X"):
        return "decade"
    if not mo or mo == "XX":
        return "year"
    if int(mo) in _SUB_YEAR:
        return _SUB_YEAR[int(mo)]
    return "month" if not d or d == "XX" else "day"


@lru_cache(maxsize=65536)
def span(value: str | None, end: str | None = None) -> Span:
    """The ISO days `value` (to `end`, when given: an event's end date) can mean, its precision
    and qualifiers: `2020?-10` → 2020-10-01 to 2020-10-31, month, year inferred."""
    if not value or value == OPEN:
        return Span("", "", _precision(value) if value else "", False, False, False)
    (y0, m0, d0), (y1, m1, d1) = bounds(value)
    if end and end != OPEN:
        y1, m1, d1 = bounds(end)[1]
    year_inferred = bool(_YEAR_QUALIFIED.match(value)) and value[4] in "?%"
    whole = value.rstrip("]}")[-1:]
    return Span(f"{y0:04d}-{m0:02d}-{d0:02d}", "" if end == OPEN else f"{y1:04d}-{m1:02d}-{d1:02d}", _precision(value),
                year_inferred, (whole in "?%") or ("?" in value and not year_inferred), "~" in value or "%" in value)
