"""The leadership page: the subject group's succession of chiefs as a timeline and a table."""
from __future__ import annotations

from ... import dates
from ...link import Dossier
from ..context import Page, Settings, front_matter, page_path
from ..svg import Bar, timeline
from ..vocabulary import role_table, succession


def render_leadership(d: Dossier, settings: Settings) -> str:
    page = Page(d, "leadership.md", settings)
    subject = d.by_id.get(settings.subject)
    out = ["# Leadership", ""]
    if subject is None:
        return front_matter("Leadership", "Leadership succession.") + "\n".join(out + ["No subject group is configured."]) + "\n"
    rows = succession(d, subject.id)
    out += [f"The succession of the chiefs of {page.link(subject.id)} as the sources give it. Bars link to each person. "
            "A faded end means the sources do not give that date; a hatched end means the date is approximate or "
            "known only to the month or year. A disputed tenure says so on its bar and in the table, with each version "
            "and who holds it.", ""]
    bars = [Bar(p.entity.name, role.title + (f" (no. {role.ordinal})" if role.ordinal else "") + (", disputed" if role.disputed_by else ""),
                page.raw_href(page_path("person", p.id)), role.start, role.end,
                f"{p.entity.name}: {role.title}, from {dates.in_words(role.start, 'a start not given')} to "
                f"{dates.in_words(role.end, 'an end not given')}" + (" (disputed)" if role.disputed_by else "")) for p, role in rows]
    svg = timeline(bars, f"Timeline of the chiefs of {subject.entity.name}")
    if svg:
        out += ['<div class="dossier-figure">', "", svg, "", "</div>", ""]
    # no row numbers: the sources number only some chiefs (the title says "no. 4")
    out += ["## The succession in a table", "", *role_table([(p.id, role) for p, role in rows], page, "Person")]
    others = [(p.id, role) for p, role in d.roles_in.get(subject.id, []) if not role.office]
    if others:
        out += ["## Other positions", "", *role_table(others, page, "Person")]
    disputes = [n for n in d.narratives_about.get(subject.id, []) if any(n.id in role.disputed_by for _p, role in rows)]
    if disputes:
        out += ["## Disputed points of the succession", ""]
        out += [f"- {page.link(n.id)}: {page.prose(n.entity.question)}" for n in disputes] + [""]
    return front_matter("Leadership", f"Leadership succession of {subject.entity.name}: every chief, tenure and disputed point, sourced.") \
        + "\n".join(out) + "\n" + page.references()
