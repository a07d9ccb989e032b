"""The tenure timeline draws solid only what the sources date."""
from __future__ import annotations

import re

import pytest

from dossier.render.svg import Bar, timeline


def shapes(svg: str, label: str) -> list[tuple[str, float, float]]:
    """(class, x, width) of the rectangles in the row labelled `label`."""
    row = next(a for a in svg.split("<a ") if f">{label}</text>" in a)
    return [(m["cls"], float(m["x"]), float(m["w"])) for m in re.finditer(
        r'<rect x="(?P<x>[\d.-]+)" y="\d+" width="(?P<w>[\d.]+)" height="16" (?:fill="[^"]+" )?class="(?P<cls>[\w-]+)"', row)]


def bar(label, start, end):
    return Bar(label, "", f"{label}.md", start, end, label)


@pytest.mark.parametrize("start, end, expected", [
    # Broken: a missing start drawn as half a year of solid bar before the known end (a tenure the
    # sources do not date looked like a known six months).
    (None, "2016-07-15", ["tl-unknown"]),
    # Broken: a missing end drawn as half a year of solid bar after the known start.
    ("2015-01-10", None, ["tl-unknown"]),
    ("2015-01-10", "2016-07-15", ["tl-bar"]),
    ("2015-01-10", "..", ["tl-bar"]),
    ("2015", "2016-07-15", ["tl-bar", "tl-uncertain"]),
])
def test_solid_only_between_given_dates(start, end, expected):
    svg = timeline([bar("A", start, end), bar("B", "2014-03", "2019-05")], "Chiefs")
    assert [cls for cls, _x, _w in shapes(svg, "A")] == expected


def test_the_fade_ends_at_the_known_end():
    # Broken: the fade-in placed before a half-year solid stretch (ending six months early).
    svg = timeline([bar("A", None, "2016-07-15"), bar("B", "2016-07-15", "..")], "Chiefs")
    (_cls, x, width), = shapes(svg, "A")
    (_cls2, x_b, _w), = shapes(svg, "B")
    assert abs((x + width) - x_b) < 1.0
