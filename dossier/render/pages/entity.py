"""One Markdown page per entity: infobox, the kind's own sections, backlinks, references."""
from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from ... import dates
from ...changelog import Changelog, EntityCommit
from ...link import Dossier
from ...load import Record
from ..builders import names_box, search_title
from ..context import Page, Settings, bdi, front_matter, page_path, text_path
from ..figures import neighbourhood
from ..markup import plain
from ..vocabulary import (KIND_LABEL, KIND_PLURAL, STANCE_LABEL, TOPIC_TITLE, change_summary, commit_link, disputed, relation,
                          relations_of, role_table, statement_change, status, tag_line, versions, when)

SEARCH_BY_NAME = ("person", "group", "faction", "place")


def render_entity(r: Record, d: Dossier, settings: Settings, graph=None, changelog: Changelog | None = None, rm=None) -> str:
    page = Page(d, page_path(r.kind, r.id), settings)
    commits = changelog.entities.get(r.id, []) if changelog is not None and changelog.available else []
    body = {"person": _person, "group": _group, "faction": _group, "event": _event, "place": _place,
            "source": _source, "narrative": _narrative}[r.kind](r, page)
    e = r.entity
    head = [f"# {bdi(e.name)}", "",
            f'<span class="dossier-kind">{KIND_LABEL[r.kind]}</span> · '
            f"[{KIND_PLURAL[r.kind]}]({page.href(page_path(r.kind, 'index'))})"
            f" · [JSON]({r.id}.json)"
            f" · [Edit the data]({settings.repo_url}/edit/{quote(settings.branch, safe='/')}/{r.path})"  # a branch may be named anything
            f" · [Report an error]({settings.repo_url}/issues/new?template=report-error.yml&title="
            f"{quote('Error on ' + r.id)}&page={quote(r.id)})"
            + (f" · Last changed {plain(dates.in_words(commits[0].commit.date))} ([history](#history))" if commits else ""), ""]
    tail = [*_contested(r, page), *(neighbourhood(r, graph, page, rm) if graph is not None else []), *_mentioned(r, page),
            tag_line(r, page), "", *_history(commits, changelog, page), *names_box(r.entity.name, [a.name for a in r.entity.aliases], page.builder)]
    text = "\n".join(head + body + tail) + "\n" + page.references()
    # Actors and places are searched by name: their names and aliases become search tags. Events
    # and narratives are titled by what happened ("… of Aslam Farooqi"), so only their aliases.
    names = [e.name, *(a.name for a in e.aliases)] if r.kind in SEARCH_BY_NAME else [a.name for a in e.aliases]
    boost = 10 if r.id == settings.subject else 3 if r.kind != "source" else 1.5  # the dossier's subject ranks first
    return front_matter(search_title(e.name, names, settings.builder), describe(r, d), boost=boost, names=names) + text


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
            dated = f"<small>{plain(dates.in_words(n.date))}:</small> " if n.date else ""
            out += [dated + page.prose(n.text) + page.cite(n.sources) + disputed(n.disputed_by, page), ""]
    return out


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
        out.append(f"| {when(e)} | {page.link(ev.id)} | {plain(e.type)} | {plain(', '.join(dict.fromkeys(roles)))} |")
    return out + [""]


# -- kinds -------------------------------------------------------------------------------------

def _person(r: Record, page: Page) -> list[str]:
    e = r.entity
    out = _infobox([
        ("Also known as", _aliases(e, page)),
        ("Nationality", "; ".join(page.link(n.place) + page.cite(n.sources) + disputed(n.disputed_by, page) for n in e.nationality)),
        ("Status", status(e.status, page)),
    ])
    if e.roles:
        roles = sorted(e.roles, key=lambda x: dates.sort_key(x.start))
        out += ["## Roles and tenures", "", *role_table([(role.group, role) for role in roles], page, "Group")]
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
        ("Status", status(e.status, page)),
    ])
    leaders = d.roles_in.get(r.id, [])
    if leaders:
        out += ["## Leaders and members", "", *role_table([(person.id, role) for person, role in leaders], page, "Person")]
    children = d.children.get(r.id, [])
    if children:
        out += ["## Factions and branches", ""] + [f"- {page.link(c.id)}" for c in children] + [""]
    out += _relations(r, page)
    if e.areas:
        out += ["## Areas of operation", ""]
        out += [f"- {page.link(a.place)}" + (f" ({plain(dates.in_words(a.start))} – {plain(dates.in_words(a.end, 'not given'))})" if a.start else "")
                + (f": {page.prose(a.note)}" if a.note else "") + page.cite(a.sources) + disputed(a.disputed_by, page) for a in e.areas] + [""]
    if e.estimates:
        out += ["## Numbers", "", "| What | Figure | As of | Estimated by | Sources |", "|---|---|---|---|---|"]
        for est in sorted(e.estimates, key=lambda x: dates.sort_key(x.date)):
            out.append(f"| {plain(est.measure)} | {plain(est.text)} | {plain(dates.in_words(est.date, 'not given'))} | {page.who(est.estimated_by) or 'not given'} | {page.cite(est.sources)}{disputed(est.disputed_by, page)} |")
        out.append("")
    out += _notes(e.notes, page, by_topic=True)
    out += _events_list(r, page)
    published = d.published_by.get(r.id, [])
    if published:
        out += ["## Publications cited", ""] + [f"- {page.link(s.id)}" for s in published] + [""]
    return out


def _relations(r: Record, page: Page) -> list[str]:
    rows = relations_of(r, page.d)
    if not rows:
        return []
    out = ["## Relations", ""]
    for label, items in rows.items():
        out += [f"### {label}", "", *(f"- {relation(other, rel, page)}" for other, rel in items), ""]
    return out


def _event(r: Record, page: Page) -> list[str]:
    e = r.entity
    dated = when(e)
    out = _infobox([
        ("Date", dated + (f"<br><small>{page.prose(e.date_note)}</small>" if e.date_note else "")),
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
                       f"{page.prose(a.note) + ' ' if a.note else ''}{page.cite(a.sources)}{disputed(a.disputed_by, page)} |")
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
        out += [f"**Disputed:** {versions(e.disputed_by, page)}", ""]
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
        ("Archived text", (f"[Read the archived text with cited passages marked]({page.href(text_path(r.id))})" if e.publish == "full" else
                           f"[Read the cited passages in context]({page.href(text_path(r.id))}) (the whole text is not published: "
                           "no licence known to the dossier allows it; quotes are checked against all of it)") if e.archived_text else "not archived"),
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


HISTORY_LINES = 8  # statement changes shown per commit; the rest are counted


def _history(commits: list[EntityCommit], changelog: Changelog | None, page: Page) -> list[str]:
    """The commits that changed this entry's file, newest first, each with what it changed."""
    out = ["## History", ""]
    if changelog is None or not changelog.available:
        reason = changelog.reason if changelog is not None else "the history was not read"
        return out + [f"History not available in this build ({plain(reason)}).", ""]
    if not commits:
        return out + ["No commit of the dossier's history has changed this entry yet.", ""]
    out += [f"Every commit that changed this entry's data, newest first, with what it changed "
            f"([all changes]({page.href('changes.md')})).", ""]
    for ec in commits:
        c = ec.change
        out.append(f"- **{plain(dates.in_words(ec.commit.date))}** · {change_summary(c)} · {commit_link(ec.commit, page)}")
        if c.action in ("changed", "renamed"):
            lines = [statement_change(s) for s in c.statements]
            out += [f"    - {line}" for line in lines[:HISTORY_LINES]]
            if len(lines) > HISTORY_LINES:
                out.append(f"    - and {len(lines) - HISTORY_LINES} more")
    return out + [""]


def render_redirect(r: Record, old: str) -> str:
    """The page at a former id: points to the renamed entity (search skips it)."""
    return (f"---\ntitle: Moved\ndescription: This entry has moved.\nsearch:\n  exclude: true\n---\n\n"
            f"# Moved\n\nThis entry is now [{plain(r.entity.name)}]({r.id}.md).\n")
