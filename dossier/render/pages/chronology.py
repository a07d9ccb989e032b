"""The chronology: an index page with a heading per year, and a page per year of events."""
from __future__ import annotations

from collections import Counter, defaultdict

from ... import dates
from ...link import Dossier
from ...load import Record
from ..context import Page, Settings, chronology_path, front_matter
from ..markup import plain
from ..vocabulary import casualties, event_date_cell, event_facets, responsibilities, table_wrapper


def _year_label(year: int | None) -> str:
    return str(year) if year is not None else "Date not given"


def render_chronology(d: Dossier, settings: Settings) -> dict[str, str]:
    """The chronology: a page per year, and an index page with a heading per year (the anchors
    `chronology.md#2019` of the single page it once was still lead to the year). One page of
    every event grew with the dossier (1.5 MB of HTML at 5,000 entities); a year stays readable."""
    events = sorted(d.by_kind.get("event", []), key=lambda r: (dates.sort_key(r.entity.date), r.id))
    by_year = defaultdict(list)
    for r in events:
        by_year[dates.year(r.entity.date) if r.entity.date else None].append(r)
    years = sorted(by_year, key=lambda y: (y is None, y or 0))
    page = Page(d, "chronology.md", settings)
    out = ["# Chronology", "", f"All {len(events)} events in date order, at the precision the sources give, on a page per year. "
           "Dates with an inferred year are marked; attribution shows who claimed an event and who attributed or denied it.", ""]
    out += [f"To sort and filter every event at once (by year, type, group, attribution or place), use the [list of all events]({page.href('events/index.md')}). "
            "Filtered views keep their filters in the address, so they can be linked.", ""]
    for year in years:
        n = len(by_year[year])
        types = Counter(r.entity.type for r in by_year[year])
        out += [f"## {_year_label(year)}", "", f"[{n} event{'s' if n != 1 else ''}]({page.href(chronology_path(year))}): "
                + ", ".join(f"{plain(t)} ({count})" for t, count in sorted(types.items(), key=lambda x: (-x[1], x[0]))), ""]
    pages = {"chronology.md": front_matter("Chronology", "Chronology of events concerning ISKP, by year, with place, casualties and attribution.")
             + "\n".join(out) + "\n"}
    for i, year in enumerate(years):
        pages[chronology_path(year)] = _year_page(d, settings, by_year[year], years, i)
    return pages


def _year_page(d: Dossier, settings: Settings, events: list[Record], years: list, i: int) -> str:
    """The events of `years[i]`, with links to the years before and after it."""
    year = years[i]
    page = Page(d, chronology_path(year), settings)
    trail = [f"[All years]({page.href('chronology.md')})"]
    if i > 0:
        trail.insert(0, f"[← {_year_label(years[i - 1])}]({page.href(chronology_path(years[i - 1]))})")
    if i + 1 < len(years):
        trail.append(f"[{_year_label(years[i + 1])} →]({page.href(chronology_path(years[i + 1]))})")
    out = [f"# Chronology: {_year_label(year)}", "", " · ".join(trail), ""]
    rows = ["| Date | Event | Type | Place | Casualties | Responsibility | Sources |", "|---|---|---|---|---|---|---|"]
    for r in events:
        e = r.entity
        inferred = f"<br><small>{page.prose(e.date_note)}</small>" if e.date_note and dates.in_words(e.date).endswith("(year inferred)") else ""
        rows.append(f"| {event_date_cell(e, d)}{inferred} | {page.link(r.id)} | {plain(e.type)} | {page.links(e.places)} | "
                    f"{plain(casualties(e))} | {responsibilities(e, page)} | {page.cite(e.sources[:1])} |")
    out += table_wrapper("events", "events", rows, event_facets(events, d, with_year=False))
    what = f"in {year}" if year is not None else "whose date the sources do not give"
    return front_matter(f"Chronology: {_year_label(year)}", f"Events concerning ISKP {what}, with place, casualties and attribution.") \
        + "\n".join(out) + "\n" + page.references()
