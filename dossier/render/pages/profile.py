"""The subject group's profile, included by the home page: the sections a militant-group profile
needs (Stanford's Mapping Militants), each generated from the data with its citations."""
from __future__ import annotations

from collections import defaultdict

from ... import dates
from ...link import Dossier
from ..context import Page, Settings, page_path
from ..graph import Graph
from ..markup import anchor, plain
from ..vocabulary import (TOPIC_TITLE, casualties, coverage, coverage_words, disputed, relation, relations_of, responsibility,
                          role_table, span, succession, when)

PROFILE_NOTES = 3  # statements per topic on the home page; the full entry has them all


def render_profile(d: Dossier, graph: Graph, settings: Settings) -> str:
    """The subject group's profile in the sections a militant-group profile needs."""
    page = Page(d, "profile.md", settings, docs_path="index.md")
    page.compact = True
    s = d.by_id.get(settings.subject)
    if s is None:
        return "No subject group configured.\n"
    e = s.entity
    notes = defaultdict(list)
    for n in e.notes:
        notes[n.topic or "overview"].append(n)

    entry = page.href(page_path(s.kind, s.id))

    def section(topic: str) -> list[str]:
        """The first statements on a topic; the rest are on the full entry (keeps the home page light)."""
        items = notes.get(topic, [])
        out = [page.prose(n.text) + page.cite(n.sources) + disputed(n.disputed_by, page) + "\n" for n in items[:PROFILE_NOTES]]
        if len(items) > PROFILE_NOTES:
            out.append(f"<small>{len(items) - PROFILE_NOTES} more statements on this in the [full entry]({entry}#{anchor(TOPIC_TITLE[topic])}).</small>\n")
        return out

    # Names used loosely ("ISIS" for the branch) carry their note, so the lead never equates them.
    loose = [a for a in e.aliases if a.kind == "alias" and a.note]
    also = ", ".join(plain(a.name) + page.cite(a.sources) for a in e.aliases if a not in loose)
    out = [f"**{plain(e.name)}** (also {also})" if also else f"**{plain(e.name)}**"]
    if e.parent:
        out[-1] += f" is a branch of {page.link(e.parent.group)}{page.cite(e.parent.sources)}"
    if e.founded:
        out[-1] += f", announced in {plain(dates.in_words(e.founded.date))}{page.cite(e.founded.sources)}"
    out[-1] += "."
    if loose:
        out[-1] += " Also called " + " and ".join(f"{plain(a.name)}{page.cite(a.sources)} ({page.prose(a.note)})" for a in loose) + "."
    out[-1] += " Every statement below is cited; numbered references are at the end of the page. " \
               f"[Full entry]({entry}) · [All sources]({page.href('sources/index.md')})"
    out += ["", *at_a_glance(d, s, page)]
    out += ["", "## Overview", "", *section("overview"), *section("origins")]
    children = d.children.get(s.id, [])
    if children:
        out += ["### Factions and sub-groups", ""]
        out += [f"- {page.link(c.id)}" + (f" ({plain(c.entity.type.replace('-', ' '))})" if c.entity.type else "") for c in children]
        out.append("")

    out += ["## Leadership", "", _leadership_summary(d, s.id, page) + f" The [leadership timeline]({page.href('leadership.md')}) draws the succession over time.", "",
            *role_table([(p.id, role) for p, role in succession(d, s.id)], page, "Person"), *section("leadership")]

    estimates = [(s, est) for est in e.estimates] + [(f, est) for f in children for est in f.entity.estimates]
    out += ["## Size and strength", ""]
    if estimates:
        out += [_estimates_summary(estimates, page), ""]
        out += ["| Of | What | Figure | As of | Estimated by | Sources |", "|---|---|---|---|---|---|"]
        for owner, est in sorted(estimates, key=lambda x: dates.sort_key(x[1].date)):
            out.append(f"| {page.link(owner.id)} | {plain(est.measure)} | {plain(est.text)} | {plain(dates.in_words(est.date, 'not given'))} | "
                       f"{page.who(est.estimated_by) or 'not given'} | {page.cite(est.sources)}{disputed(est.disputed_by, page)} |")
        out.append("")
    out += section("size")
    out += ["## Finances and resources", "", *(section("finances") or ["The sources in the dossier say little about this.\n"])]
    out += ["## Areas of operation", "", f"The sources place the group in {len(e.areas)} areas; each is cited below.", ""]
    out += [f"- {page.link(a.place)}" + (f": {page.prose(a.note)}" if a.note else "") + page.cite(a.sources) + disputed(a.disputed_by, page)
            for a in e.areas]
    out += ["", *section("areas")]
    out += ["## Targets and tactics", "", *section("tactics"), *section("propaganda"), *section("recruitment")]

    attacks = [ev for ev in d.events_of.get(s.id, []) if ev.entity.type == "attack"
               and any(a.group == s.id and a.stance in ("claimed", "attributed", "suspected") for a in ev.entity.attributions)]
    claimed = sum(1 for ev in attacks if any(a.group == s.id and a.stance == "claimed" for a in ev.entity.attributions))
    out += ["## Major attacks", "", f"{len(attacks)} attacks the sources say the group claimed or was held responsible for; "
            f"{claimed} of them claimed by it, according to the sources. The [chronology]({page.href('chronology.md')}) lists every event.", "",
            "| Date | Attack | Place | Casualties | Responsibility |", "|---|---|---|---|---|"]
    for ev in attacks:
        x = ev.entity
        out.append(f"| {when(x)}{page.cite(x.sources[:1])} | {page.link(ev.id)} | {page.links(x.places)} | "
                   f"{plain(casualties(x))}{page.cite([c for k in x.casualties for c in k.sources[:1]])} | "
                   f"{'; '.join(responsibility(a, page) + page.cite(a.sources) + disputed(a.disputed_by, page) for a in x.attributions)} |")
    relations = relations_of(s, d)
    out += ["", "## Relationships", "", f"{sum(len(v) for v in relations.values())} relations of {len(relations)} kinds, "
            f"allegations marked with who makes and who denies them. The [relationship network]({page.href('network.md')}) draws them.", ""]
    for label, items in relations.items():
        out += [f"- **{label}:** {relation(other, rel, page)}" for other, rel in items]
    out += ["", *section("relationships")]
    out += ["## Contested narratives", "", f"Each has its own page; all are on [contested claims]({page.href('narratives/index.md')}).", ""]
    out += [f"- {page.link(n.id)}: {page.prose(n.entity.question)}" for n in d.narratives_about.get(s.id, [])]
    for topic in ("counter-operations", "assessment"):
        if notes.get(topic):
            out += ["", f"## {TOPIC_TITLE[topic]}", "", *section(topic)]
    out.append("")
    return "\n".join(out) + "\n" + page.references()


def at_a_glance(d: Dossier, s, page: Page) -> list[str]:
    """The profile box a reader can stop after (Wikipedia's infobox, Stanford's Mapping Militants):
    names, announcement, parent, leaders in order and how each tenure ended, strength estimates
    with who estimated them and when, areas, status and the period the sources cover; every cell
    cited like the rest of the page."""
    e = s.entity
    rows = [("Also called", "; ".join(plain(a.name) + page.cite(a.sources) + (f" <small>({page.prose(a.note)})</small>" if a.kind == "alias" and a.note else "")
                                      for a in e.aliases))]
    if e.founded:
        rows.append(("Announced", plain(dates.in_words(e.founded.date)) + page.cite(e.founded.sources)))
    if e.parent:
        rows.append(("Branch of", page.link(e.parent.group) + page.cite(e.parent.sources)))
    leaders = []
    for p, role in succession(d, s.id):
        start, end = span(role.start, role.end)
        when_held = (f"from {start} until {end}" if role.start and role.end else f"from {start}" if role.start
                     else f"until {end}" if role.end else "dates not given")
        ended = f"; {role.ended_by.replace('-', ' ')}" if role.ended_by else ""
        leaders.append(f"{page.link(p.id)} ({plain(role.title)}, {when_held}{plain(ended)}){page.cite(role.sources)}"
                       + disputed(role.disputed_by, page))
    if leaders:
        _first, last, _undated = coverage(d)
        after = f"; sources after {plain(dates.in_words(last.entity.date))} are not covered" if last else ""
        rows.append(("Leaders, in order", "<br>".join(leaders) + f"<br><small>The last the sources name{after}.</small>"))
    strength = sorted((est for est in e.estimates if _is_strength(est.measure)), key=lambda x: dates.sort_key(x.date))
    if strength:
        rows.append(("Strength, as estimated", "<br>".join(
            f"{plain(est.measure)}: {plain(est.text)} ({page.who(est.estimated_by) or 'the source names no estimator'}, "
            f"{plain(dates.in_words(est.date, 'date not given'))}){page.cite(est.sources)}{disputed(est.disputed_by, page)}"
            for est in strength)
            + "<br><small>Other figures (surrenders, arrests, attacks) are in [Size and strength](#size-and-strength).</small>"))
    if e.areas:
        rows.append(("Areas", ", ".join(page.link(a.place) + page.cite(a.sources) for a in e.areas)))
    if e.status:  # the value and its date; the note is in the full entry
        rows.append(("Status", "; ".join(f"{plain(x.value.replace('-', ' '))} as of {plain(dates.in_words(x.as_of))}"
                                         f"{page.cite(x.sources)}{disputed(x.disputed_by, page)}" for x in e.status)))
    rows.append(("Sources cover", f"{plain(coverage_words(d))} ([method and scope]({page.href('method.md')}))"))
    out = ['<div class="dossier-infobox dossier-profile" markdown>', "", "| At a glance | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in rows if v]
    return out + ["", "</div>", ""]


def _leadership_summary(d: Dossier, group: str, page: Page) -> str:
    """Two lines on the succession: how many chiefs, the first and the last, how tenures ended."""
    rows = succession(d, group)
    if not rows:
        return "The sources name no chief."
    people = list(dict.fromkeys(p.id for p, _role in rows))
    twice = [p for p in people if sum(1 for q, _r in rows if q.id == p) > 1]
    disputed_people = [p for p in people if p not in twice and any(q.id == p and role.disputed_by for q, role in rows)]
    said = (f"The sources name {len(people)} chiefs, from {page.link(people[0])} to {page.link(people[-1])}, "
            "each with how his tenure ended in the table below")
    if twice:
        said += (f"; {' and '.join(page.link(p) for p in twice)} appears twice, as the sources disagree "
                 "on his title and how his tenure ended")
    if disputed_people:
        said += f"; the sources also disagree on the tenure of {' and '.join(page.link(p) for p in disputed_people)}"
    return said + "."


def _is_strength(measure: str) -> bool:
    """A figure of the group's size or reach (fighters, members, provinces, districts), not a count
    of events (surrenders, arrests, attacks)."""
    words = measure.lower()
    return any(w in words for w in ("fighters", "members", "provinces", "districts", "individuals")) and not any(
        w in words for w in ("surrender", "arrest", "attack", "custody", "killed"))


def _estimates_summary(estimates, page: Page) -> str:
    strength = [est for _o, est in estimates if _is_strength(est.measure)]
    if not strength:
        return f"{len(estimates)} figures, each with who gave it and when."
    figures = "; ".join(f"{plain(est.measure)}: {plain(est.text)} ({page.who(est.estimated_by) or 'the source names no estimator'}, "
                        f"{plain(dates.in_words(est.date, 'date not given'))})" for est in strength)
    return (f"The group's size, as estimated: {figures}. Estimates are never averaged; each figure below is with its "
            "source, and counts of surrenders, arrests and attacks are figures, not estimates of size.")
