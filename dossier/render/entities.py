"""One Markdown page per entity: infobox, the kind's own sections, backlinks, references."""
from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from .. import dates
from ..link import Dossier
from ..load import Record
from ..models import Topic
from .context import KIND_LABEL, KIND_PLURAL, Page, bdi, page_path, text_path
from .markup import plain

RELATION_LABEL = {
    "branch-of": ("Branch of", "Branches"), "faction-of": ("Faction of", "Factions"),
    "split-from": ("Split from", "Splinter groups"), "pledged-allegiance": ("Pledged allegiance to", "Received allegiance from"),
    "supported": ("Supported", "Supported by"), "opposed": ("Opposed", "Opposed by"), "ally": ("Ally of", "Allies"),
    "collaborates-with": ("Collaborates with", "Collaborators"), "rival": ("Rival of", "Rivals"),
    "fought": ("Fought", "Fought by"), "recruits-from": ("Recruits from", "Members recruited by"),
    "alleged-sponsor": ("Alleged sponsor", "Allegedly sponsors"), "alleged-links": ("Alleged links with", "Alleged links with"),
    "part-of": ("Part of", "Has part"),
}
SEARCH_BY_NAME = ("person", "group", "faction", "place")
TOPIC_TITLE = {t.value: t.value.replace("-", " ").capitalize() for t in Topic}


@dataclass(frozen=True)
class Settings:
    """Where the data lives on GitHub, for edit and report links."""

    repo_url: str = "https://github.com/iskp-dossier/iskp-dossier"
    branch: str = "main"
    subject: str = "iskp"          # the group whose profile is the home page
    directory_urls: bool = True    # False for the offline build (file:// needs index.html links)
    builder: str = "mkdocs"        # or "zensical": the two resolve links inside raw HTML differently (`Page.raw_href`)


def front_matter(title: str, description: str, boost: float | None = None, names: list[str] = ()) -> str:
    """YAML front matter; JSON strings are valid YAML, so any text is safely quoted.

    `boost` ranks the page in Material's search above the lists that mention it; `names` (the
    entity's name and aliases) go into `tags`, which Material's search weighs a thousand times
    above a page's title, so that a search for any alias lands on the entity's own page first.
    """
    # MkDocs templates do not autoescape: the title and description reach <title> and
    # <meta content="…"> as they are, so they are HTML-escaped here, then quoted for YAML.
    title, description = html.escape(title, quote=True), html.escape(description[:300], quote=True)
    search = f"search:\n  boost: {boost}\n" if boost else ""
    tags = f"tags: {json.dumps(list(dict.fromkeys(names)), ensure_ascii=False)}\n" if names else ""
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n{search}{tags}---\n\n")


def render_entity(r: Record, d: Dossier, settings: Settings, graph=None) -> str:
    from .pages import neighbourhood_svg, tag_line  # pages builds on this module
    page = Page(d, page_path(r.kind, r.id), settings.directory_urls, builder=settings.builder)
    body = {"person": _person, "group": _group, "faction": _group, "event": _event, "place": _place,
            "source": _source, "narrative": _narrative}[r.kind](r, page)
    e = r.entity
    head = [f"# {bdi(e.name)}", "",
            f'<span class="dossier-kind">{KIND_LABEL[r.kind]}</span> · '
            f"[{KIND_PLURAL[r.kind]}]({page.href(page_path(r.kind, 'index'))})"
            f" · [JSON]({r.id}.json)"
            f" · [Edit the data]({settings.repo_url}/edit/{settings.branch}/{r.path})"
            f" · [Report an error]({settings.repo_url}/issues/new?template=report-error.yml&title="
            f"{quote('Error on ' + r.id)}&page={quote(r.id)})", ""]
    tail = [*_contested(r, page), *(neighbourhood_svg(r, graph, page) if graph is not None else []), *_mentioned(r, page),
            tag_line(r, page), ""]
    text = "\n".join(head + body + tail) + "\n" + page.references()
    # Actors and places are searched by name: their names and aliases become search tags. Events
    # and narratives are titled by what happened ("… of Aslam Farooqi"), so only their aliases.
    names = [e.name, *(a.name for a in e.aliases)] if r.kind in SEARCH_BY_NAME else [a.name for a in e.aliases]
    boost = 10 if r.id == settings.subject else 3 if r.kind != "source" else 1.5  # the dossier's subject ranks first
    return front_matter(e.name, describe(r, d), boost=boost, names=names) + text


def describe(r: Record, d: Dossier) -> str:
    """A one-sentence meta description made only from the data."""
    e = r.entity
    also = f" (also {', '.join(a.name for a in e.aliases[:3])})" if e.aliases else ""
    if r.kind == "event":
        return f"{e.name}{also}: {e.type}, {dates.in_words(e.date)}. Sourced entry in the ISKP dossier."
    if r.kind == "person" and e.roles:
        role = e.roles[0]
        return f"{e.name}{also}: {role.title}, {d.name(role.group)}. Sourced entry in the ISKP dossier."
    if r.kind == "source":
        return f"Source record: {e.name}. Statements of the ISKP dossier that cite it."
    return f"{e.name}{also}: {KIND_LABEL[r.kind].lower()} in the ISKP dossier, every statement sourced."


# -- shared sections ------------------------------------------------------------------------

def _infobox(rows: list[tuple[str, str]]) -> list[str]:
    rows = [(k, v) for k, v in rows if v]
    if not rows:
        return []
    out = ['<div class="dossier-infobox" markdown>', "", "| Fact | Details |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in rows]
    return out + ["", "</div>", ""]


def _aliases(e, page: Page) -> str:
    return "; ".join(
        f"{bdi(a.name)}" + (f" <small>({plain(a.kind.replace('-', ' '))}" + (f", {plain(a.note)}" if a.note else "") + ")</small>") + page.cite(a.sources)
        for a in e.aliases)


def _notes(notes, page: Page, heading: str = "Notes", by_topic: bool = False) -> list[str]:
    if not notes:
        return []
    out = [f"## {heading}", ""]
    groups = defaultdict(list)
    for n in notes:
        groups[n.topic if by_topic else None].append(n)
    for topic, items in groups.items():
        if topic:
            out += [f"### {TOPIC_TITLE[topic]}", ""]
        for n in items:
            when = f"<small>{plain(dates.in_words(n.date))}:</small> " if n.date else ""
            out += [when + page.prose(n.text) + page.cite(n.sources) + _disputed(n.disputed_by, page), ""]
    return out


def _disputed(narratives, page: Page) -> str:
    if not narratives:
        return ""
    return " <small>(disputed: " + ", ".join(page.link(n) for n in narratives) + ")</small>"


def _contested(r: Record, page: Page) -> list[str]:
    ids = [n.id for n in page.d.narratives_about.get(r.id, [])] if r.kind != "narrative" else []
    if not ids:
        return []
    out = ["## Contested points", ""]
    for nid in ids:
        n = page.d.by_id[nid].entity
        out.append(f"- {page.link(nid)}: {page.prose(n.question)} ({len(n.versions)} versions)")
    return out + [""]


def _mentioned(r: Record, page: Page) -> list[str]:
    mentions = [m for m in page.d.mentions.get(r.id, []) if m.record.kind != "narrative" or r.kind == "narrative"]
    if not mentions:
        return []
    by_kind = defaultdict(list)
    for m in mentions:
        by_kind[m.record.kind].append(m.record)
    out = ["## Mentioned in", ""]
    for kind in ("person", "group", "faction", "event", "place", "narrative", "source"):
        if by_kind.get(kind):
            names = sorted({rec.id: rec for rec in by_kind[kind]}.values(), key=lambda x: x.entity.name.casefold())
            out.append(f"- **{KIND_PLURAL[kind]}:** " + ", ".join(page.link(x.id) for x in names))
    return out + [""]


def _status(status, page: Page) -> str:
    return "; ".join(f"{plain(s.value.replace('-', ' '))} (as of {plain(dates.in_words(s.as_of))})"
                     + (f": {page.prose(s.note)}" if s.note else "") + page.cite(s.sources) + _disputed(s.disputed_by, page)
                     for s in status)


def event_when(e) -> str:
    """An event's date in words, with its end when it lasted ("May 2016 to July 2016")."""
    when = plain(dates.in_words(e.date))
    return when + f" to {plain(dates.in_words(e.end_date))}" if e.end_date else when


STANCE_LABEL = {"claimed": "claimed responsibility", "attributed": "held responsible", "suspected": "suspected",
                "alleged": "alleged to be responsible", "denied": "responsibility denied"}


def responsibility(a, page: Page) -> str:
    """One attribution as a phrase that says who holds whom responsible (or denies it).

    "denied: ISKP (by Yousuf Wafa)" read as if ISKP had issued a denial; the phrase names both.
    """
    group, others = page.link(a.group), [b for b in a.by if b != a.group]
    by = page.who(others)
    if a.stance == "claimed":
        return f"claimed by {group}" + (f" (according to {by})" if by else "")
    if a.stance == "denied":
        return f"{group} denied responsibility" if not by else f"{group}'s responsibility denied by {by}"
    if a.stance == "attributed":
        return f"attributed to {group}" + (f" by {by}" if by else "")
    if a.stance == "alleged":
        return f"{by} alleged {group}'s involvement" if by else f"{group}'s involvement alleged"
    return f"{group} suspected" + (f" by {by}" if by else "")


def _span(start, end) -> tuple[str, str]:
    return (plain(dates.in_words(start, "not given")), plain(dates.in_words(end, "not given")))


def _events_list(r: Record, page: Page, heading: str = "Events") -> list[str]:
    events = page.d.events_of.get(r.id, [])
    if not events:
        return []
    out = [f"## {heading}", "", "| Date | Event | Type | Role |", "|---|---|---|---|"]
    for ev in events:
        e = ev.entity
        roles = [a.stance for a in e.attributions if a.group == r.id]
        roles += [p.role for p in e.participants if p.entity == r.id]
        roles += ["place"] if r.id in e.places else []
        out.append(f"| {event_when(e)} | {page.link(ev.id)} | {plain(e.type)} | {plain(', '.join(dict.fromkeys(roles)))} |")
    return out + [""]


# -- kinds -------------------------------------------------------------------------------------

def _person(r: Record, page: Page) -> list[str]:
    e = r.entity
    out = _infobox([
        ("Also known as", _aliases(e, page)),
        ("Nationality", "; ".join(page.link(n.place) + page.cite(n.sources) for n in e.nationality)),
        ("Status", _status(e.status, page)),
    ])
    if e.roles:
        out += ["## Roles and tenures", "", "| Group | Title | From | To | How it ended | Notes and sources |", "|---|---|---|---|---|---|"]
        for role in sorted(e.roles, key=lambda x: dates.sort_key(x.start)):
            start, end = _span(role.start, role.end)
            title = plain(role.title) + (f" (no. {role.ordinal})" if role.ordinal else "")
            extra = (page.prose(role.note) + " " if role.note else "") + _disputed(role.disputed_by, page)
            out.append(f"| {page.link(role.group)} | {title} | {start} | {end} | {plain((role.ended_by or '').replace('-', ' '))} | {extra}{page.cite(role.sources)} |")
        out.append("")
    out += _notes(e.notes, page)
    out += _events_list(r, page)
    authored = page.d.authored_by.get(r.id, [])
    if authored:
        out += ["## Author of", ""] + [f"- {page.link(s.id)}" for s in authored] + [""]
    return out


def _group(r: Record, page: Page) -> list[str]:
    e, d = r.entity, page.d
    out = _infobox([
        ("Also known as", _aliases(e, page)),
        ("Type", plain(e.type.replace("-", " "))),
        ("Parent", page.link(e.parent.group) + page.cite(e.parent.sources) if e.parent else ""),
        ("Founded", plain(dates.in_words(e.founded.date)) + (f": {page.prose(e.founded.note)}" if e.founded.note else "") + page.cite(e.founded.sources) if e.founded else ""),
        ("Status", _status(e.status, page)),
    ])
    leaders = d.roles_in.get(r.id, [])
    if leaders:
        out += ["## Leaders and members", "", "| Person | Title | From | To | How it ended | Sources |", "|---|---|---|---|---|---|"]
        for person, role in leaders:
            start, end = _span(role.start, role.end)
            title = plain(role.title) + (f" (no. {role.ordinal})" if role.ordinal else "")
            out.append(f"| {page.link(person.id)} | {title} | {start} | {end} | {plain((role.ended_by or '').replace('-', ' '))} | {_disputed(role.disputed_by, page)}{page.cite(role.sources)} |")
        out.append("")
    children = d.children.get(r.id, [])
    if children:
        out += ["## Factions and branches", ""] + [f"- {page.link(c.id)}" for c in children] + [""]
    out += _relations(r, page)
    if e.areas:
        out += ["## Areas of operation", ""]
        out += [f"- {page.link(a.place)}" + (f" ({plain(dates.in_words(a.start))} – {plain(dates.in_words(a.end, 'not given'))})" if a.start else "")
                + (f": {page.prose(a.note)}" if a.note else "") + page.cite(a.sources) for a in e.areas] + [""]
    if e.estimates:
        out += ["## Numbers", "", "| What | Figure | As of | Estimated by | Sources |", "|---|---|---|---|---|"]
        for est in sorted(e.estimates, key=lambda x: dates.sort_key(x.date)):
            out.append(f"| {plain(est.measure)} | {plain(est.text)} | {plain(dates.in_words(est.date, 'not given'))} | {page.who(est.estimated_by) or 'not given'} | {page.cite(est.sources)} |")
        out.append("")
    out += _notes(e.notes, page, by_topic=True)
    out += _events_list(r, page)
    published = d.published_by.get(r.id, [])
    if published:
        out += ["## Publications cited", ""] + [f"- {page.link(s.id)}" for s in published] + [""]
    return out


def _relations(r: Record, page: Page) -> list[str]:
    rows = defaultdict(list)
    for rel in r.entity.relations:
        rows[RELATION_LABEL[rel.type][0]].append((rel.target, rel))
    for other, rel in page.d.relations_to.get(r.id, []):
        rows[RELATION_LABEL[rel.type][1]].append((other.id, rel))
    if not rows:
        return []
    out = ["## Relations", ""]
    for label in sorted(rows):
        out += [f"### {label}", ""]
        for target, rel in rows[label]:
            bits = [page.link(target)]
            if rel.start or rel.end:
                bits.append(f"({plain(dates.in_words(rel.start, '?'))} – {plain(dates.in_words(rel.end, 'not given'))})")
            if rel.alleged_by:
                bits.append(f"— alleged by {page.who(rel.alleged_by)}")
            if rel.denied_by and rel.alleged_by:
                bits[-1] += f"; denied by {page.who(rel.denied_by)}"
            elif rel.denied_by:
                bits.append(f"— denied by {page.who(rel.denied_by)}")
            line = " ".join(bits) + (f": {page.prose(rel.note)}" if rel.note else "") + page.cite(rel.sources) + _disputed(rel.disputed_by, page)
            out.append(f"- {line}")
        out.append("")
    return out


def _event(r: Record, page: Page) -> list[str]:
    e = r.entity
    when = event_when(e)
    out = _infobox([
        ("Date", when + (f"<br><small>{page.prose(e.date_note)}</small>" if e.date_note else "")),
        ("Type", plain(e.type)),
        ("Place", page.links(e.places)),
        ("Also known as", _aliases(e, page)),
        ("Reported in", "; ".join(page.link(src) + page.cite([c for c in e.sources if c.source == src])
                                  for src in dict.fromkeys(c.source for c in e.sources))),
    ])
    if e.attributions:
        out += ["## Responsibility", "", "| Group or person | Stance | According to | Notes and sources |", "|---|---|---|---|"]
        for a in e.attributions:
            out.append(f"| {page.link(a.group)} | {STANCE_LABEL[a.stance]} | {page.who(a.by) or 'not given'} | "
                       f"{page.prose(a.note) + ' ' if a.note else ''}{page.cite(a.sources)}{_disputed(a.disputed_by, page)} |")
        out.append("")
    if e.casualties:
        out += ["## Casualties and numbers", "", "| Kind | Figure | According to | Sources |", "|---|---|---|---|"]
        for c in e.casualties:
            out.append(f"| {plain(c.kind)} | {plain(c.text)} | {page.who(c.by) or 'not given'} | {page.cite(c.sources)} |")
        out.append("")
    if e.participants:
        out += ["## People and groups involved", ""]
        out += [f"- {page.link(p.entity)}: {plain(p.role)}{page.cite(p.sources)}" for p in e.participants] + [""]
    out += _notes(e.notes, page, heading="Details")
    if e.disputed_by:
        out += ["Disputed: " + ", ".join(page.link(n) for n in e.disputed_by), ""]
    return out


def _place(r: Record, page: Page) -> list[str]:
    e, d = r.entity, page.d
    out = _infobox([
        ("Type", plain(e.type)),
        ("Within", page.link(e.within.place) + page.cite(e.within.sources) if e.within else ""),
        ("Also known as", _aliases(e, page)),
        ("Contains", page.links(p.id for p in d.places_within.get(r.id, []))),
    ])
    out += _notes(e.notes, page)
    out += _events_list(r, page, "Events here")
    return out


def _source(r: Record, page: Page) -> list[str]:
    e, d = r.entity, page.d
    out = _infobox([
        ("Title", plain(e.name)),
        ("Kind", plain(e.kind.replace("-", " "))),
        ("Authors", page.links(e.authors) or "not printed"),
        ("Publisher", page.link(e.publisher) if e.publisher else "not printed"),
        ("Date", plain(dates.in_words(e.date, "not printed"))),
        ("Address", page.external(e.url) if e.url else ""),
        ("Accessed", plain(dates.in_words(e.accessed)) if e.accessed else ""),
        ("Archived text", f"[Read the archived text with cited passages marked]({page.href(text_path(r.id))})" if e.archived_text else "not archived"),
    ])
    if e.inferred:
        out += ["## Inferred bibliographic details", ""]
        out += [f"- **{plain(i.field)}**: {page.prose(i.reason)}" for i in e.inferred] + [""]
    if e.cited_in:
        out += ["## Cited in", ""] + [f"- {page.link(c.source)}" + (f", {plain(c.locator)}" if c.locator else "") for c in e.cited_in] + [""]
    cites = d.cited_by.get(r.id, [])
    if cites:
        out += ["## References it cites", ""] + [f"- {page.link(s.id)}" for s in cites] + [""]
    out += _notes(e.notes, page)
    citing = d.citations.get(r.id, [])
    by_record = defaultdict(int)
    for c in citing:
        if c.record.id != r.id:
            by_record[c.record.id] += 1
    if by_record:
        out += ["## Statements citing this source", "", "| Entity | Kind | Citations |", "|---|---|---|"]
        for rid in sorted(by_record, key=lambda i: d.by_id[i].entity.name.casefold()):
            out.append(f"| {page.link(rid)} | {KIND_LABEL[d.by_id[rid].kind]} | {by_record[rid]} |")
        out.append("")
    return out


def _narrative(r: Record, page: Page) -> list[str]:
    e = r.entity
    out = [f"**The question:** {page.prose(e.question)}", "",
           f"**About:** {page.links(e.about)}", "",
           f"The sources give {len(e.versions)} versions. They are listed side by side; the dossier does not pick one.", "",
           "## Versions", "", "| Who | Stance | What they say | When | Sources |", "|---|---|---|---|---|"]
    for v in e.versions:
        out.append(f"| {page.who(v.claimants)} | {plain(v.stance)} | {page.prose(v.claim)} | {plain(dates.in_words(v.date, ''))} | {page.cite(v.sources)} |")
    out.append("")
    out += _notes(e.notes, page, heading="Context")
    return out
