"""Frictionless Data Package: `datapackage.json` describing every CSV table (field types, keys
between the tables, licence), so that `frictionless validate` checks the files and pandas, R or
a database loads them with their types instead of guessing.

The columns themselves are the CSV writer's (`render.pages.data.TABLES`, passed in); this module gives
each its type and meaning. A column it does not know is still declared, as a string, so the
package stays valid; tests/test_exports.py checks that every column is described here.
"""
from __future__ import annotations

import json

from ..models import EndedBy, EventType, GroupType, RelationType, SourceKind, Stance
from .meta import LICENCE_TITLES, LICENCE_URLS, TITLE, ExportMeta

FILE = "datapackage.json"
PRECISIONS = ["day", "month", "season", "quarter", "third", "half", "year", "decade", "century",
              "interval", "one-of", "all-of", "ongoing"]
LIST = "; -separated"  # how a cell holding several values is written


def _enum(e) -> dict:
    return {"enum": [m.value for m in e]}


S, I, B, D = "string", "integer", "boolean", "date"
EDTF = "EDTF date as the sources give it (2019-04, 2016~ about, 2018? uncertain, 2020?-10 year inferred, .. ongoing)"
# table -> (what one row is, [(column, type, description, constraints)])
FIELDS: dict[str, tuple[str, list[tuple]]] = {
    "people": ("One row per person.", [
        ("id", S, "the person's id; their page is /dossier/people/<id>/", {"required": True, "unique": True}),
        ("name", S, "the most common name in the sources", {"required": True}),
        ("aliases", S, f"other names and spellings, {LIST}", {}),
        ("nationality", S, f"ids of places (countries), {LIST}", {}),
        ("status", S, "the latest status the sources give (alive, killed, detained…)", {}),
        ("status_as_of", S, f"when that status applies; {EDTF}", {})]),
    "roles": ("One row per position a person held in a group, with its tenure.", [
        ("person_id", S, "id of the person (people.csv)", {"required": True}),
        ("person", S, "the person's name", {}),
        ("group_id", S, "id of the group or faction (groups.csv)", {"required": True}),
        ("group", S, "the group's name", {}),
        ("title", S, "the title as the source gives it (emir, spokesman…)", {"required": True}),
        ("office", S, "set for a single-holder office, whose tenures do not overlap", {}),
        ("ordinal", I, "the holder's number in the succession, when a source numbers it", {"minimum": 0}),
        ("start", S, f"start of the tenure; {EDTF}", {}),
        ("end", S, f"end of the tenure; {EDTF}", {}),
        ("ended_by", S, "how the tenure ended", _enum(EndedBy)),
        ("start_in_words", S, "the start at its precision, in words", {}),
        ("end_in_words", S, "the end at its precision, in words", {}),
        ("start_earliest", D, "the first day the start can mean (ISO)", {}),
        ("end_latest", D, "the last day the end can mean (ISO); empty when not given or ongoing", {}),
        ("start_precision", S, "how precise the start is", {"enum": PRECISIONS}),
        ("end_precision", S, "how precise the end is (ongoing: still held)", {"enum": PRECISIONS}),
        ("disputed_by", S, f"ids of narratives contesting this tenure, {LIST}", {}),
        ("sources", S, f"ids of the sources cited, {LIST} (quotes in citations.csv)", {})]),
    "groups": ("One row per group or faction.", [
        ("id", S, "the group's id; its page is /dossier/groups/<id>/ or /dossier/factions/<id>/", {"required": True, "unique": True}),
        ("name", S, "the most common name in the sources", {"required": True}),
        ("kind", S, "group, or faction (a group with a parent)", {"enum": ["group", "faction"]}),
        ("type", S, "what kind of organisation it is", _enum(GroupType)),
        ("parent_id", S, "id of the group it is a branch or faction of", {}),
        ("founded", S, f"when it was founded or announced; {EDTF}", {}),
        ("aliases", S, f"other names, abbreviations and spellings, {LIST}", {})]),
    "relations": ("One row per dated, sourced relation from one group to another.", [
        ("source_id", S, "id of the group the relation is from", {"required": True}),
        ("source", S, "its name", {}),
        ("type", S, "the relation, read from source to target", _enum(RelationType)),
        ("target_id", S, "id of the group the relation is to", {"required": True}),
        ("target", S, "its name", {}),
        ("start", S, f"{EDTF}", {}),
        ("end", S, f"{EDTF}", {}),
        ("alleged_by", S, f"ids of who makes the claim, when it is an allegation, {LIST}", {}),
        ("denied_by", S, f"ids of who rejects it, {LIST}", {}),
        ("disputed_by", S, f"ids of narratives contesting it, {LIST}", {}),
        ("sources", S, f"ids of the sources cited, {LIST}", {})]),
    "events": ("One row per event: attack, arrest, killing, announcement, report…", [
        ("id", S, "the event's id; its page is /dossier/events/<id>/", {"required": True, "unique": True}),
        ("name", S, "the event's title", {"required": True}),
        ("type", S, "what kind of event (attack, arrest, report, estimate…)", _enum(EventType)),
        ("date", S, f"when it happened; {EDTF}; empty when no source dates it", {}),
        ("end_date", S, f"when it ended, for events over a period; {EDTF}", {}),
        ("start", D, "the first day the date can mean (ISO)", {}),
        ("end", D, "the last day the date (or end_date) can mean (ISO)", {}),
        ("precision", S, "how precise the date is", {"enum": PRECISIONS}),
        ("year_inferred", B, "the source leaves the year out and the dossier infers it (2020?-10)", {}),
        ("uncertain", B, "the whole date is uncertain (2018?)", {}),
        ("approximate", B, "the date is approximate (2016~)", {}),
        ("date_in_words", S, "the date at its precision, in words", {}),
        ("date_note", S, "how the date was established", {}),
        ("places", S, f"ids of places (places.csv), {LIST}", {}),
        ("killed_low", I, "the lowest number killed the first casualty figure gives", {"minimum": 0}),
        ("killed_high", I, "the highest number killed it gives", {"minimum": 0}),
        ("casualties", S, f"every casualty figure as worded, {LIST}", {}),
        ("sources", S, f"ids of the sources reporting the event, {LIST}", {})]),
    "attributions": ("One row per claim, attribution or denial of who was behind an event.", [
        ("event_id", S, "id of the event (events.csv)", {"required": True}),
        ("event", S, "its title", {}),
        ("group_id", S, "id of the group or person said to be behind it", {"required": True}),
        ("group", S, "its name", {}),
        ("stance", S, "claimed (by the group itself), attributed, suspected, alleged or denied", _enum(Stance)),
        ("by", S, f"ids of who claims, attributes or denies it, {LIST}", {}),
        ("disputed_by", S, f"ids of narratives contesting it, {LIST}", {}),
        ("sources", S, f"ids of the sources cited, {LIST}", {})]),
    "places": ("One row per place.", [
        ("id", S, "the place's id", {"required": True, "unique": True}),
        ("name", S, "its name", {"required": True}),
        ("type", S, "country, province, district, city…", {}),
        ("within_id", S, "id of the larger place it lies in", {})]),
    "narratives": ("One row per contested claim or disputed fact.", [
        ("id", S, "the narrative's id", {"required": True, "unique": True}),
        ("name", S, "its title", {"required": True}),
        ("type", S, "contested-narrative or disputed-fact", {"enum": ["contested-narrative", "disputed-fact"]}),
        ("question", S, "the point in dispute, neutrally worded", {}),
        ("about", S, f"ids of the entities it is about, {LIST}", {}),
        ("versions", I, "how many versions the sources give", {"minimum": 2})]),
    "versions": ("One row per version of a contested claim, with who holds it.", [
        ("narrative_id", S, "id of the narrative (narratives.csv)", {"required": True}),
        ("claimants", S, f"ids of who holds this version, {LIST}", {}),
        ("stance", S, "asserts, rejects or questions", {"enum": ["asserts", "rejects", "questions"]}),
        ("claim", S, "the version", {}),
        ("sources", S, f"ids of the sources cited, {LIST}", {})]),
    "sources": ("One row per document the dossier cites.", [
        ("id", S, "the source's id; its page is /dossier/sources/<id>/", {"required": True, "unique": True}),
        ("title", S, "the document's title (descriptive when it has none)", {"required": True}),
        ("kind", S, "what kind of document", _enum(SourceKind)),
        ("authors", S, f"ids of the authors (people.csv), {LIST}", {}),
        ("publisher", S, "id of the publisher (groups.csv)", {}),
        ("date", S, f"publication date; {EDTF}", {}),
        ("url", S, "where it was published", {"format": "uri"}),
        ("accessed", S, f"when it was read there; {EDTF}", {}),
        ("archived_text", S, "file name of its archived text, whose quotes the build checks", {}),
        ("cited_in", S, f"ids of the sources that cite it, {LIST}", {})]),
    "citations": ("One row per citation: which statement cites which source, with the quoted words.", [
        ("entity_id", S, "id of the entity whose file holds the statement", {"required": True}),
        ("entity_kind", S, "its kind", {"enum": ["person", "group", "faction", "event", "place", "source", "narrative"]}),
        ("field", S, "where in the entity the statement is (roles.0.sources.1)", {}),
        ("source_id", S, "id of the source cited (sources.csv)", {"required": True}),
        ("quote", S, "the quoted words (fragments joined by …)", {}),
        ("locator", S, "where in the source (p. 197, footnote 15)", {}),
        ("via", S, "id of the source through which the statement reaches the dossier", {})]),
    "nodes": ("One row per person, group and faction of the network (Gephi's node table; events, which the site's maps "
              "also show, are in events.csv and attributions.csv).", [
        ("Id", S, "entity id", {"required": True, "unique": True}),
        ("Label", S, "its name", {}),
        ("Kind", S, "person, group or faction", {"enum": ["person", "group", "faction"]})]),
    "edges": ("One row per link between people, groups and factions (Gephi's edge table; the links to events are in "
              "attributions.csv).", [
        ("Source", S, "id of the node the link is from (nodes.csv)", {"required": True}),
        ("Target", S, "id of the node the link is to (nodes.csv)", {"required": True}),
        ("Type", S, "Directed", {"enum": ["Directed"]}),
        ("Label", S, "the relation or role", {}),
        ("Alleged", B, "the link is an allegation", {})]),
}
PRIMARY_KEYS = {"people": "id", "groups": "id", "events": "id", "places": "id", "narratives": "id", "sources": "id",
                "nodes": "Id"}
# (table, column) -> (table, column) it refers to; lists and references to several kinds have none
FOREIGN_KEYS = {
    ("roles", "person_id"): ("people", "id"), ("roles", "group_id"): ("groups", "id"),
    ("groups", "parent_id"): ("groups", "id"),
    ("relations", "source_id"): ("groups", "id"), ("relations", "target_id"): ("groups", "id"),
    ("attributions", "event_id"): ("events", "id"),
    ("places", "within_id"): ("places", "id"),
    ("versions", "narrative_id"): ("narratives", "id"),
    ("sources", "publisher"): ("groups", "id"),
    ("citations", "source_id"): ("sources", "id"), ("citations", "via"): ("sources", "id"),
    ("edges", "Source"): ("nodes", "Id"), ("edges", "Target"): ("nodes", "Id"),
}


def _field(column: str, known: dict) -> dict:
    kind, description, constraints = known.get(column, (S, "", {}))
    field = {"name": column, "type": kind}
    if description:
        field["description"] = description
    constraints = dict(constraints)
    if "format" in constraints:  # a field property, kept beside the constraints in FIELDS for brevity
        field["format"] = constraints.pop("format")
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(table: str, columns: list[str]) -> dict:
    row, described = FIELDS.get(table, ("", []))
    known = {name: (kind, description, constraints) for name, kind, description, constraints in described}
    schema = {"fields": [_field(c, known) for c in columns], "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = [PRIMARY_KEYS[table]]
    keys = [{"fields": [column], "reference": {"resource": "" if other == table else other, "fields": [other_column]}}
            for (t, column), (other, other_column) in FOREIGN_KEYS.items() if t == table and column in columns]
    if keys:
        schema["foreignKeys"] = keys
    resource = {"name": table, "path": f"{table}.csv", "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "title": table.capitalize()}
    if row:
        resource["description"] = row
    resource["schema"] = schema
    return resource


def package(columns: dict[str, list[str]], meta: ExportMeta) -> dict:
    """The package descriptor for the CSV tables (`columns`: table name -> its columns)."""
    return {
        "profile": "tabular-data-package",
        "name": "iskp-dossier",
        "title": f"{TITLE} data",
        "description": "Islamic State Khorasan Province: people, groups, events, places, contested claims and the "
                       "documents they come from, every statement with its source. Multiple values in a cell are "
                       "separated by '; '; a text cell beginning with =, +, - or @ carries a leading apostrophe so "
                       "that spreadsheets do not run it as a formula.",
        "version": meta.version,
        "created": meta.timestamp,
        "homepage": meta.site_url,
        "licenses": [{"name": meta.data_licence, "path": LICENCE_URLS[meta.data_licence],
                      "title": LICENCE_TITLES[meta.data_licence]}],
        "sources": [{"title": f"{TITLE} entity files", "path": meta.repo_url}],
        "contributors": [{"title": f"{TITLE} contributors", "path": meta.repo_url, "role": "author"}],
        "keywords": ["ISKP", "Islamic State Khorasan Province", "terrorism", "militant groups", "Afghanistan", "Pakistan"],
        "resources": [_resource(table, cols) for table, cols in columns.items()],
    }


def files(columns: dict[str, list[str]], meta: ExportMeta) -> dict[str, str]:
    return {FILE: json.dumps(package(columns, meta), ensure_ascii=False, indent=1) + "\n"}
