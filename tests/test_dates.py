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
