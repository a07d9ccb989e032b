"""Property-based tests (hypothesis) of the loader, the date handling and the escaping.

- Whatever bytes, text or YAML-like input reaches `load.load_file`, it returns a record or
  problems, each with the file's path and a line and column >= 1; it never raises.
- `dates.check` returns the value or raises DateError; for valid values `in_words` never raises
  and `sort_key` / `bounds` / `is_before` agree.
- `markup.plain` / `markup.prose` output holds no markup of the input: no tag, no raw bracket,
  brace, parenthesis or emphasis character, no entity the input wrote; only our own <strong>,
  <em>, <br> and links to http(s) or our pages.

Examples are few enough that the file runs in well under 20 s; the corpus of
tests/hostile_payloads.py seeds the text strategies.
"""
from __future__ import annotations

import html
import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from hostile_payloads import ACCEPTED, ACCEPTED_PROSE_BLOCKS, REFUSED, REFUSED_LINKS

from dossier import dates, textcheck
from dossier.errors import Problem
from dossier.load import load_file
from dossier.models import FOLDERS, KINDS
from dossier.render import markup

FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

CORPUS = ACCEPTED + ACCEPTED_PROSE_BLOCKS + [p for p, _ in REFUSED + REFUSED_LINKS]
TRICKY = "<>&\"'`*_[](){}|\\#!:=~^$+-./%;@?,\n\t \u00a0\u200b\u200f\u202e\u2028\u0301é中ﷺ𝕏\x00\x02\x03\x1b\x7f\x85"

texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=TRICKY + string.ascii_letters[:6] + "0123", max_size=80),
    st.sampled_from(CORPUS),
    st.lists(st.sampled_from(CORPUS + list(TRICKY)), max_size=6).map("".join),
)


# -- the loader ------------------------------------------------------------------------------------

PATHS = [f"entities/{folder}/x.yml" for folder in FOLDERS]
FIELD_NAMES = sorted({name for model in KINDS.values() for name in model.model_fields} | {"text", "sources", "source", "quote"})
TOKENS = ["&a ", "*a", "!!str ", "!x ", "[", "]", "{", "}", "\"", "'", "|", ">", "- ", "? ", ": ", "# c", "---", "...",
          "\t", "<<: *a", "~", "null", "yes", "2019-04", "0x1F", "1e9", "é", "\u2028", "\r", "%YAML 1.1", "@", "`"]


@st.composite
def yamlish(draw) -> str:
    """Lines that look like entity files: fields, list items, flow collections and YAML's tricks."""
    lines = []
    for _ in range(draw(st.integers(0, 12))):
        indent = "  " * draw(st.integers(0, 4))
        key = draw(st.sampled_from(FIELD_NAMES + ["id", "name", "bogus"]))
        value = "".join(draw(st.lists(st.sampled_from(TOKENS + ["x", "y z", "hafiz-example"]), max_size=4)))
        lines.append(draw(st.sampled_from([f"{indent}{key}: {value}", f"{indent}- {key}: {value}", f"{indent}- {value}",
                                           f"{indent}{value}"])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


def plain_data(depth=3):
    scalars = st.one_of(texts, st.integers(-5, 10**12), st.none(), st.booleans(), st.sampled_from(["2019-04", "..", "killed"]))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5)), max_leaves=12)


def _check_load(rel: str, raw: bytes) -> None:
    record, problems = load_file(rel, raw)
    assert record is not None or problems, "a file that does not load must say why"
    for p in problems:
        assert isinstance(p, Problem) and p.path == rel
        assert p.line >= 1 and p.col >= 1, p
        assert p.message and str(p)
    if record is not None and record.complete:
        assert record.path == rel and record.id == "x"
    if record is not None and not record.complete:
        assert problems, "a file whose entity is incomplete must say why"


@FAST
@given(st.sampled_from(PATHS), st.binary(max_size=600))
@example("entities/people/x.yml", b"\xef\xbb\xbfid: x")
@example("entities/people/x.yml", b"id: x\nnotes: " + b"[" * 3000)
def test_load_file_never_raises_on_bytes(rel, raw):
    _check_load(rel, raw)


@FAST
@given(st.sampled_from(PATHS), texts)
def test_load_file_never_raises_on_text(rel, text):
    _check_load(rel, text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.sampled_from(PATHS), yamlish())
def test_load_file_never_raises_on_yaml_like_text(rel, text):
    _check_load(rel, text.encode("utf-8", "surrogatepass"))


@SOME
@given(st.sampled_from(PATHS), st.dictionaries(st.sampled_from(FIELD_NAMES), plain_data(), max_size=8))
def test_load_file_never_raises_on_structured_data(rel, data):
    data = {"id": "x", "name": "X", **data}
    try:
        raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    except (yaml.YAMLError, UnicodeEncodeError):
        assume(False)
    _check_load(rel, raw)


# -- dates -----------------------------------------------------------------------------------------

edtf_like = st.one_of(
    st.text(max_size=24),
    st.text(alphabet="0123456789-~?%X/[]{},.u ", max_size=24),
    st.from_regex(r"-?[0-9X]{4}(-[0-9X]{2}){0,2}[~?%]?", fullmatch=True),
    st.from_regex(r"[0-9]{4}[~?%]?(-[0-9]{2}){0,2}/(\.\.|[0-9]{4}(-[0-9]{2})?)?", fullmatch=True),
    st.from_regex(r"[\[{][0-9]{4}(,[0-9]{4}(-[0-9]{2})?){0,3}[\]}]", fullmatch=True),
    st.sampled_from(["..", "2019-04-31", "2019-02-29", "2020-02-29", "2017-22", "2016~", "2018?", "2020?-11-02", "2019-13",
                     "-0100", "1984-21", "2000-24", "[2015,2016]", "{2015,2016}", "2015/2016", "/2016", "2016/", "../2016", "2016/..",
                     "Y170000002", "2019-04-01T10:00:00", "2019-4", " 2019", "2019 ", ""]),
)


# mostly valid values, for the properties of valid dates
# Values of the forms the dossier uses, mostly valid (for properties of pairs of dates, where
# filtering out the invalid ones of `edtf_like` would discard most pairs)
usual = st.one_of(
    st.from_regex(r"(1[89]|20)[0-9]{2}(-(0[1-9]|1[0-2]|2[1-4])(-(0[1-9]|1[0-9]|2[0-8]))?)?[~?%]?", fullmatch=True),
    st.from_regex(r"(19|20)[0-9]{2}(-0[1-9])?/(19|20)[0-9]{2}", fullmatch=True),
    st.from_regex(r"\[(19|20)[0-9]{2},(19|20)[0-9]{2}\]", fullmatch=True),
    st.from_regex(r"20[0-9]{2}\?-(0[1-9]|1[0-2])-1[0-9]", fullmatch=True),
)
valid_like = st.one_of(
    st.from_regex(r"(1[89]|20)[0-9]{2}(-(0[1-9]|1[0-2]|2[1-4])(-(0[1-9]|1[0-9]|2[0-8]))?)?[~?%]?", fullmatch=True),
    st.from_regex(r"(19|20)[0-9]{2}(-0[1-9])?/(19|20)[0-9]{2}", fullmatch=True),
    st.from_regex(r"\[(19|20)[0-9]{2},(19|20)[0-9]{2}\]", fullmatch=True),
    st.from_regex(r"(19|20)[0-9]X|19XX|20[0-9]{2}\?-(0[1-9]|1[0-2])-1[0-9]", fullmatch=True),
    edtf_like,
)


def _valid(value: str) -> bool:
    try:
        assert dates.check(value) == value
        return True
    except dates.DateError:
        return False


@FAST
@given(edtf_like)
def test_check_returns_the_value_or_raises_date_error(value):
    _valid(value)  # any other exception fails the test


@SOME
@given(valid_like)
def test_valid_dates_have_words_and_bounds_the_days_they_name(value):
    """The bounds are days that exist, earliest first, and contain every day the value's words and
    parts name: checked against the calendar (datetime), not against `bounds` itself. Fails if a
    month's last day is wrong (30 February), if a qualifier moves a bound, or if the words lose the
    year (the words must name the year the value starts in)."""
    import datetime as dt
    assume(_valid(value) and value != dates.OPEN)  # ".." (still going) has no days; its words are "ongoing"
    low, high = dates.bounds(value)
    first, last = dt.date(*low), dt.date(*high)  # raises if a bound is not a real day
    assert first <= last
    if re.match(r"\d{4}(?!X)", value):  # (an unknown start, `/2000`, has no year to name; the parser puts it 10 years before)
        assert str(low[0]) in dates.in_words(value)
    plain = re.sub(r"[?~%]", "", value)
    day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", plain)
    if day:  # a day, however qualified, is that day
        assert first == last == dt.date(*map(int, day.groups()))
    month = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", plain)
    if month:  # a month runs from its first to its last day
        y, m = map(int, month.groups())
        assert first == dt.date(y, m, 1) and (last + dt.timedelta(days=1)).month != m


@SOME
@given(usual, usual)
def test_is_before_means_every_day_of_one_precedes_every_day_of_the_other(a, b):
    """Against the days themselves: if `a` is before `b`, a day at the end of `a` is before a day at
    the start of `b`, and the reverse never holds; if not, some day of `a` is on or after some day
    of `b`. Fails if is_before compares the wrong bounds (e.g. the starts)."""
    import datetime as dt
    assume(_valid(a) and _valid(b) and dates.OPEN not in (a, b))
    last_of_a, first_of_b = dt.date(*dates.bounds(a)[1]), dt.date(*dates.bounds(b)[0])
    assert dates.is_before(a, b) == (last_of_a < first_of_b)
    if dates.is_before(a, b):
        assert not dates.is_before(b, a)


def test_dates_in_words_at_their_precision():
    """Examples a reader checks by eye (each fails if its wording is lost)."""
    cases = {"2019-04": "April 2019", "2016~": "about 2016", "2018?": "2018 (uncertain)", "2017-22": "summer 2017",
             "[2015,2016]": "2015 or 2016", "2020?-11-02": "2 November 2020 (year inferred)",
             "2019-02~-28": "28 February 2019 (year and month approximate)", "2019-?02": "February 2019 (month uncertain)",
             "[2018-07..2019-04]": "some time between July 2018 and April 2019", "..": "ongoing"}
    assert {v: dates.in_words(v) for v in cases} == cases


@pytest.mark.parametrize("value", ["2015/..", "../2016", "0000-0X", "0001/0000", "2016-21/2015"])
def test_dates_that_cannot_be_placed_in_time_are_refused(value):
    """Found by the properties below: these passed check() and then made bounds() raise a
    TypeError (infinite bound of an open end) or check() itself an AttributeError (edtf), or gave
    bounds with the end before the start."""
    with pytest.raises(dates.DateError):
        dates.check(value)


def test_load_file_reports_an_open_ended_start_as_a_problem():
    raw = ("# yaml-language-server: $schema=../../schemas/person.schema.json\nid: x\nname: X\nroles:\n  - group: g\n"
           "    title: t\n    start: 2015/..\n    end: '2016'\n    sources:\n      - source: s\n").encode()
    _check_load("entities/people/x.yml", raw)
    _record, problems = load_file("entities/people/x.yml", raw)
    assert any(p.line == 7 and "2015/.." in p.message for p in problems), problems


# -- escaping --------------------------------------------------------------------------------------

OUR_LINK = re.compile(r"\[[^\[\]()]*\]\((?:https?://[^\s()<>\"'`]*|\.\./people/x\.md)\)")
OUR_TAGS = re.compile(r"</?(?:strong|em)>|<br>")
RAW = re.compile(r"[<>\[\]{}()*_`|\\#\"']")


def _link_for(entity_id):
    return ("Name [x](javascript:alert(1)) <b>", "../people/x.md") if entity_id == "x" else None


def _without_references(text: str) -> str:
    return re.sub(r"&#\d+;", "", text)


@FAST
@given(texts)
def test_plain_is_all_text(text):
    out = markup.plain(text)
    assert "\n" not in out and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out)
    rest = _without_references(out)
    assert not RAW.search(rest), out
    assert "&" not in rest, out
    assert not re.match(r"\s*(?:-|\d+\.)", out) and "///" not in out
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", " ".join(text.split()))
    assert html.unescape(out) == expected


@FAST
@given(texts)
def test_prose_keeps_only_our_markup(text):
    out = markup.prose(text, _link_for)
    assert "\n" not in out
    rest = _without_references(OUR_LINK.sub("", OUR_TAGS.sub("", out)))
    assert not RAW.search(rest), (text, out)
    assert "&" not in rest, out
    assert not re.search(r"<[a-z/!?]", rest, re.I)
    for m in re.finditer(r"\]\(([^)]*)\)", out):
        assert m.group(1).startswith(("http://", "https://", "../people/x.md")), out
    for paragraph in out.split(markup.PARAGRAPH_BREAK):
        assert not re.match(r"\s*(?:-|\d+\.)", paragraph)


@FAST
@given(texts)
def test_url_is_http_or_nothing(text):
    out = markup.url(text)
    assert out == "" or (out.startswith(("http://", "https://")) and not re.search(r"[\s\"'<>`()\\]", out))


@FAST
@given(texts)
def test_text_checks_raise_only_value_errors(text):
    for check in (textcheck.check_plain, textcheck.check_prose):
        try:
            assert check(text) == text
        except ValueError as err:
            assert " — " in str(err), "every refusal says how to fix it"


@SOME
@given(texts)
def test_accepted_prose_links_only_to_http(text):
    try:
        textcheck.check_prose(text)
    except ValueError:
        assume(False)
    out = markup.prose(text, lambda _id: None)
    for m in re.finditer(r"\]\(([^)]*)\)", out):
        assert m.group(1).startswith(("http://", "https://"))
