"""EDTF dates keep their precision, read as words, sort correctly, and refuse the impossible."""
from __future__ import annotations

import pytest

from dossier import dates


@pytest.mark.parametrize("value,words", [
    ("2019-04", "April 2019"),
    ("2019-04-11", "11 April 2019"),
    ("2019", "2019"),
    ("2016~", "about 2016"),
    ("2018?", "2018 (uncertain)"),
    ("2017-22", "summer 2017"),
    ("2017-23", "autumn 2017"),
    ("[2015,2016]", "2015 or 2016"),
    ("[2018-07..2019-04]", "some time between July 2018 and April 2019"),
    ("[2015,2017..2018]", "2015 or some time between 2017 and 2018"),
    ("2015/2016", "between 2015 and 2016"),
    ("201X", "the 2010s"),
    ("2020?-11-02", "2 November 2020 (year inferred)"),
    ("..", "ongoing"),
    (None, "date not given"),
])
def test_words_keep_the_precision(value, words):
    assert dates.in_words(value) == words


@pytest.mark.parametrize("bad", ["2019-13", "2019-02-29", "2019-04-31", "April 2019", " 2019", "", "2019-4"])
def test_invalid_dates_are_refused(bad):
    with pytest.raises(dates.DateError):
        dates.check(bad)


def test_leap_day_exists_in_leap_years():
    assert dates.check("2020-02-29") == "2020-02-29"


def test_sorting_follows_the_earliest_possible_day_then_the_latest():
    values = ["2019", "2018-22", "2019-04", "2018~", "2019-04-11", None, "2017-22"]
    ordered = sorted(values, key=dates.sort_key)
    assert ordered == ["2017-22", "2018~", "2018-22", "2019", "2019-04", "2019-04-11", None]


def test_end_before_start_only_when_certainly_before():
    assert dates.is_before("2014", "2015-01")
    assert not dates.is_before("2015", "2015-06")      # same year: could be after
    assert not dates.is_before("2019-04", "2019-04")   # same month
    assert not dates.is_before("..", "2019")


@pytest.mark.parametrize("bad", ["2٠١٩-04", "２０１９", "2019-0٤", "2019-04-1١", "[201٥,2016]", "201٩~", "2019\n", "2019-04\n", "[2015,2016]\n"])
def test_only_ascii_digits_and_nothing_after_the_date(bad):
    # Broken: the fast-path patterns used `\d` (any script's digits: `2٠١٩-04` read as April 2019)
    # and `$` (which also matches before a final newline: a block scalar's `2019\n` passed).
    with pytest.raises(dates.DateError):
        dates.check(bad)


def test_the_parser_prints_nothing(capsys):
    # Broken: the edtf library prints "trying to PartialUnspecified.__init__(…)" on stdout for
    # some invalid values, in the middle of the build's own output.
    for bad in ("2019-1X", "2019-X1-1X", "20X9-13"):
        with pytest.raises(dates.DateError):
            dates.check(bad)
    assert capsys.readouterr() == ("", "")


def test_open_is_an_end_only():
    # Broken: `..` accepted wherever a date is (an event on `..` went to chronology/9999.md, a
    # role starting `..` drew its bar at the far end of the timeline).
    with pytest.raises(dates.DateError, match="can only end a period"):
        dates.check(dates.OPEN)
    assert dates.check_end(dates.OPEN) == dates.OPEN
    assert dates.check_end("2019-04") == "2019-04"
