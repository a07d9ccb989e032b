"""STIX 2.1: the dossier as one bundle that OpenCTI, MISP and ATT&CK-style tools import.

How the dossier maps onto STIX, and why:

- Militant groups and factions are **threat actors** (`threat_actor_types: terrorist`): STIX's
  intrusion set is a cluster of adversary *activity*, which ATT&CK uses for cyber groups; these
  are organisations. States, agencies, armed forces, outlets and research bodies are
  **identities** (organisations). A person is a threat actor when a role places them in a
  militant group or faction, otherwise an identity (individual): analysts, officials, authors.
- Places are **locations**; attacks, killings, arrests, operations and surrenders are
  **incidents**; other events (announcements, reports, statements…) are **notes** on the
  entities they involve. Sources are **reports** whose `object_refs` list every object citing
  them; a source's own date is the report's `published` (the build date when it has none).
- Every dated statement (a role, a relation, an area, a parent, an attribution) is a
  **relationship** with `start_time`/`stop_time` from the widest reading of its EDTF dates and
  the EDTF strings kept in `x_iskp_dossier_start`/`_end`. STIX's own relationship types are used
  where one means the same (`located-at`, `attributed-to`, `related-to`); otherwise the dossier's
  vocabulary (`part-of`, `national-of`, `ally`, `split-from`…).
- Citations are `external_references` (source title, locator and quoted words, url) on the
  object that states them; statements nested in an object (aliases, status, estimates…) keep
  theirs in `x_iskp_dossier_…` properties with `source_ref`s to the reports. Contested claims are
  notes holding every version with its claimants; disputed statements point to them with
  `x_iskp_dossier_disputed_by_refs`.

Ids are UUIDv5 of the entity id (and of the statement's field path), and every timestamp is the
build date from `ExportMeta`, so two builds of one commit give the same bytes.
"""
from __future__ import annotations

import json
import re
import uuid

import stix2

from .. import dates
from ..link import Dossier
from ..load import Record
from ..models import Citation
from .meta import LICENCE_URLS, TITLE, ExportMeta
from .text import plain_text

FILE = "dossier.stix.json"
# uuid5(NAMESPACE_URL, "https://github.com/iskp-dossier/iskp-dossier#stix"), fixed here so that
# ids never change with the repository's or the site's address
NAMESPACE = uuid.UUID("f6b8fc1b-b7e9-5128-8889-622b00b80ce2")
THREAT_ACTOR_GROUP_TYPES = {"militant-group", "militant-faction"}
SECTORS = {"government": ["government-national"], "state-agency": ["government-national"], "armed-forces": ["defense"]}
INCIDENT_TYPES = {"attack", "killing", "arrest", "operation", "surrender"}
ATTRIBUTED = {"claimed", "attributed", "suspected", "alleged"}  # `denied` is no attribution: related-to
# ISO 3166 codes and UN M49 sub-regions (STIX's region vocabulary) of the places at the top of the
# dossier's `within` chains; a place below one takes its country. General knowledge, kept here
# because a STIX location must name a country or a region; tests/test_exports.py checks every
# top-level place of the dossier is listed.
TOP_PLACES = {
    "afghanistan": ("AF", "southern-asia"), "bangladesh": ("BD", "southern-asia"), "india": ("IN", "southern-asia"),
    "iran": ("IR", "southern-asia"), "iraq": ("IQ", "western-asia"), "kuwait": ("KW", "western-asia"),
    "pakistan": ("PK", "southern-asia"), "sri-lanka": ("LK", "southern-asia"), "syria": ("SY", "western-asia"),
    "tajikistan": ("TJ", "central-asia"), "united-arab-emirates": ("AE", "western-asia"),
    "united-states": ("US", "northern-america"), "uzbekistan": ("UZ", "central-asia"),
    # regions and places the dossier puts in no country (some are disputed: no country is assigned)
    "khorasan": (None, "southern-asia"), "durand-line": (None, "southern-asia"),
    "pakistan-occupied-kashmir": (None, "southern-asia"), "srinagar": (None, "southern-asia"),
    "muscat": (None, "western-asia"),
}
EXTENSION_VERSION = "1.0.0"  # of the x_iskp_dossier_… properties: a new major version removes or changes one
UNKNOWN_REGION = "unknown"  # not in STIX's vocabulary: the validator warns, and the test fails, until TOP_PLACES has it


def stix_id(stix_type: str, key: str) -> str:
    """A deterministic id: the same entity or statement gets the same id in every build."""
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, key)}"


def stix_type(r: Record, d: Dossier) -> str:
    """The STIX object type an entity becomes (see the module's docstring)."""
    e = r.entity
    if r.kind in ("group", "faction"):
        return "threat-actor" if e.type in THREAT_ACTOR_GROUP_TYPES else "identity"
    if r.kind == "person":
        militant = any(d.by_id[role.group].entity.type in THREAT_ACTOR_GROUP_TYPES for role in e.roles)
        return "threat-actor" if militant else "identity"
    if r.kind == "event":
        return "incident" if e.type in INCIDENT_TYPES else "note"
    return {"place": "location", "source": "report", "narrative": "note"}[r.kind]


def _clean(props: dict) -> dict:
    """Drop empty values: STIX forbids empty lists and nulls."""
    return {k: v for k, v in props.items() if v not in (None, "", [], {})}


def _start_time(value: str | None) -> str | None:
    start = dates.span(value).start
    return f"{start}T00:00:00Z" if start else None


def _stop_time(value: str | None) -> str | None:
    end = dates.span(value).end
    return f"{end}T23:59:59Z" if end else None


def _period(start: str | None, end: str | None) -> str:
    return f"{dates.in_words(start, 'start not given')} – {dates.in_words(end, 'end not given')}"


class _Bundle:
    """Collects the objects of one bundle; the lookups it needs are built once in `__init__`."""

    def __init__(self, d: Dossier, meta: ExportMeta):
        self.d, self.meta = d, meta
        self.ids = {r.id: stix_id(stix_type(r, d), r.id) for r in d.records}
        self.identity = stix_id("identity", "iskp-dossier")
        self.marking = stix_id("marking-definition", f"licence:{meta.data_licence}")
        self.extension = stix_id("extension-definition", "iskp-dossier-properties")
        self.objects: list = []
        self.custom: set[str] = set()  # the x_iskp_dossier_… properties used, for the extension definition
        self.cited_by: dict[str, list[str]] = {}   # source id -> ids of the objects citing it
        self.disputing: dict[str, list[str]] = {}  # narrative id -> ids of the objects it disputes

    # ---- shared pieces

    def add(self, cls, props: dict) -> None:
        """Make the object (the library checks it) with the properties every object has; its
        `x_iskp_dossier_…` properties are declared through the dossier's extension definition."""
        props = _clean(props)
        custom = [k for k in props if k.startswith("x_")]
        if custom:
            self.custom.update(custom)
            props["extensions"] = {self.extension: {"extension_type": "toplevel-property-extension"}}
        self.objects.append(cls(**props, created_by_ref=self.identity, created=self.meta.timestamp,
                                modified=self.meta.timestamp, object_marking_refs=[self.marking], allow_custom=True))

    def page_ref(self, r: Record) -> dict:
        return {"source_name": "iskp-dossier", "external_id": r.id, "url": self.meta.page_url(r.kind, r.id)}

    def name(self, entity_id: str) -> str:
        return self.d.name(entity_id)

    def text(self, prose: str | None) -> str:
        return plain_text(prose, self.name)

    def refs(self, entity_ids) -> list[str]:
        return [self.ids[i] for i in dict.fromkeys(entity_ids)]

    def note_citing(self, citations, obj_id: str) -> None:
        for c in citations:
            for source in (c.source, c.via):
                if source:
                    self.cited_by.setdefault(source, []).append(obj_id)

    def note_disputes(self, narratives, obj_id: str) -> None:
        for n in narratives:
            self.disputing.setdefault(n, []).append(obj_id)

    def external_refs(self, citations: list[Citation], obj_id: str) -> list[dict]:
        """One external reference per citation: the source, where in it, its quoted words."""
        self.note_citing(citations, obj_id)
        out = []
        for c in citations:
            source = self.d.by_id[c.source].entity
            words = " … ".join(c.fragments)
            description = "; ".join(x for x in (c.locator, f"“{words}”" if words else "",
                                                f"via {self.name(c.via)}" if c.via else "") if x)
            out.append(_clean({"source_name": source.name, "external_id": c.source, "url": source.url,
                               "description": description}))
        return out

    def citations(self, citations: list[Citation], obj_id: str) -> list[dict]:
        """Citations of a statement nested inside an object, with refs to the reports."""
        self.note_citing(citations, obj_id)
        return [_clean({"source_ref": self.ids[c.source], "locator": c.locator, "quote": c.quote,
                        "via_ref": self.ids[c.via] if c.via else None}) for c in citations]

    def relationship(self, key: str, rtype: str, source: str, target: str, citations, *, description: str,
                     start: str | None = None, end: str | None = None, disputed_by=(), **extra) -> None:
        rel_id = stix_id("relationship", key)
        self.note_disputes(disputed_by, rel_id)
        props = _clean({"id": rel_id, "relationship_type": rtype, "source_ref": source, "target_ref": target,
                        "description": description, "start_time": _start_time(start), "stop_time": _stop_time(end),
                        "external_references": self.external_refs(citations, rel_id),
                        "x_iskp_dossier_start": start, "x_iskp_dossier_end": end,
                        "x_iskp_dossier_disputed_by_refs": [stix_id("note", n) for n in disputed_by], **extra})
        self.add(stix2.Relationship, props)

    # ---- entities

    def aliases(self, r: Record, obj_id: str) -> list[dict]:
        return [_clean({"name": a.name, "kind": a.kind, "note": a.note, "citations": self.citations(a.sources, obj_id)})
                for a in r.entity.aliases]

    def statuses(self, items, obj_id: str) -> list[dict]:
        out = []
        for s in items:
            self.note_disputes(s.disputed_by, obj_id)
            out.append(_clean({"value": s.value, "as_of": s.as_of, "note": self.text(s.note),
                               "citations": self.citations(s.sources, obj_id),
                               "disputed_by_refs": [stix_id("note", n) for n in s.disputed_by]}))
        return out

    def description(self, r: Record) -> str | None:
        overview = [n for n in r.entity.notes if n.topic in ("overview", "biography")]
        return self.text(overview[0].text) if overview else None

    def actor(self, r: Record) -> None:
        """A person, group or faction: threat actor or identity, with its nested statements."""
        e, obj_id = r.entity, self.ids[r.id]
        props = {"id": obj_id, "name": e.name, "description": self.description(r),
                 "external_references": [self.page_ref(r)], "x_iskp_dossier_aliases": self.aliases(r, obj_id),
                 "x_iskp_dossier_status": self.statuses(e.status, obj_id)}
        if r.kind != "person":
            props.update({"x_iskp_dossier_group_type": e.type, "x_iskp_dossier_estimates": [
                _clean({"measure": x.measure, "low": x.low, "high": x.high, "text": x.text, "date": x.date,
                        "estimated_by_refs": self.refs(x.estimated_by), "citations": self.citations(x.sources, obj_id)})
                for x in e.estimates]})
            if e.founded:
                props["x_iskp_dossier_founded"] = _clean({"date": e.founded.date, "note": self.text(e.founded.note),
                                                          "citations": self.citations(e.founded.sources, obj_id)})
        if obj_id.startswith("threat-actor--"):
            props.update({"threat_actor_types": ["terrorist"], "aliases": [a.name for a in e.aliases],
                          "first_seen": _start_time(e.founded.date) if r.kind != "person" and e.founded else None})
            self.add(stix2.ThreatActor, props)
        else:
            props.update({"identity_class": "individual" if r.kind == "person" else "organization",
                          "sectors": SECTORS.get(e.type) if r.kind != "person" else None})
            self.add(stix2.Identity, props)
        self.actor_statements(r)

    def actor_statements(self, r: Record) -> None:
        e, me = r.entity, self.ids[r.id]
        for i, n in enumerate(getattr(e, "nationality", [])):
            self.relationship(f"{r.id}#nationality/{i}", "national-of", me, self.ids[n.place], n.sources,
                              description=f"{e.name}: national of {self.name(n.place)}")
        for i, role in enumerate(getattr(e, "roles", [])):
            period = f", {_period(role.start, role.end)}" if role.start or role.end else ""
            ended = f" ({role.ended_by})" if role.ended_by else ""
            self.relationship(f"{r.id}#roles/{i}", "part-of", me, self.ids[role.group], role.sources,
                              description=f"{e.name}: {role.title} of {self.name(role.group)}{period}{ended}"
                                          + (f". {self.text(role.note)}" if role.note else ""),
                              start=role.start, end=role.end, disputed_by=role.disputed_by,
                              x_iskp_dossier_title=role.title, x_iskp_dossier_office=role.office,
                              x_iskp_dossier_ordinal=role.ordinal, x_iskp_dossier_ended_by=role.ended_by)
        if r.kind == "person":
            return
        if e.parent:
            self.relationship(f"{r.id}#parent", "part-of", me, self.ids[e.parent.group], e.parent.sources,
                              description=f"{e.name} is part of {self.name(e.parent.group)}")
        for i, rel in enumerate(e.relations):
            words = f"{e.name} – {rel.type.replace('-', ' ')} – {self.name(rel.target)}"
            if rel.start or rel.end:
                words += f", {_period(rel.start, rel.end)}"
            if rel.alleged_by:
                words += "; alleged by " + ", ".join(self.name(x) for x in rel.alleged_by)
            if rel.denied_by:
                words += "; denied by " + ", ".join(self.name(x) for x in rel.denied_by)
            self.relationship(f"{r.id}#relations/{i}", rel.type, me, self.ids[rel.target], rel.sources,
                              description=words + (f". {self.text(rel.note)}" if rel.note else ""),
                              start=rel.start, end=rel.end, disputed_by=rel.disputed_by,
                              x_iskp_dossier_alleged_by_refs=self.refs(rel.alleged_by),
                              x_iskp_dossier_denied_by_refs=self.refs(rel.denied_by))
        for i, area in enumerate(e.areas):
            self.relationship(f"{r.id}#areas/{i}", "located-at", me, self.ids[area.place], area.sources,
                              description=f"{e.name}: active in {self.name(area.place)}"
                                          + (f". {self.text(area.note)}" if area.note else ""),
                              start=area.start, end=area.end)

    def place(self, r: Record) -> None:
        e, top = r.entity, r
        while top.entity.within and top.id not in TOP_PLACES:
            top = self.d.by_id[top.entity.within.place]
        country, region = TOP_PLACES.get(top.id, (None, UNKNOWN_REGION))
        props = {"id": self.ids[r.id], "name": e.name, "country": country, "region": region,
                 "city": e.name if e.type in ("city", "town", "village") else None,
                 "administrative_area": e.name if e.type in ("province", "state") else None,
                 "external_references": [self.page_ref(r)], "x_iskp_dossier_place_type": e.type,
                 "x_iskp_dossier_aliases": self.aliases(r, self.ids[r.id])}
        self.add(stix2.Location, props)
        if e.within:
            self.relationship(f"{r.id}#within", "located-at", self.ids[r.id], self.ids[e.within.place], e.within.sources,
                              description=f"{e.name} lies in {self.name(e.within.place)}")

    def event(self, r: Record) -> None:
        """An incident, or a note on the entities involved; its statements in both, as relationships for incidents."""
        e, obj_id = r.entity, self.ids[r.id]
        span = dates.span(e.date, e.end_date)
        self.note_disputes(e.disputed_by, obj_id)
        when = dates.in_words(e.date)
        props = {"id": obj_id, "external_references": [self.page_ref(r)] + self.external_refs(e.sources, obj_id),
                 "x_iskp_dossier_aliases": self.aliases(r, obj_id), "x_iskp_dossier_event_type": e.type, "x_iskp_dossier_date": e.date, "x_iskp_dossier_end_date": e.end_date,
                 "x_iskp_dossier_date_start": span.start, "x_iskp_dossier_date_end": span.end,
                 "x_iskp_dossier_date_precision": span.precision, "x_iskp_dossier_date_note": self.text(e.date_note),
                 "x_iskp_dossier_place_refs": self.refs(e.places),
                 "x_iskp_dossier_attributions": [_clean({
                     "group_ref": self.ids[a.group], "stance": a.stance, "by_refs": self.refs(a.by), "note": self.text(a.note),
                     "citations": self.citations(a.sources, obj_id), "disputed_by_refs": [stix_id("note", n) for n in a.disputed_by]})
                     for a in e.attributions],
                 "x_iskp_dossier_participants": [_clean({"entity_ref": self.ids[p.entity], "role": p.role,
                                                         "citations": self.citations(p.sources, obj_id)}) for p in e.participants],
                 "x_iskp_dossier_casualties": [_clean({"kind": c.kind, "low": c.low, "high": c.high, "text": c.text,
                                                       "by_refs": self.refs(c.by), "citations": self.citations(c.sources, obj_id)})
                                               for c in e.casualties],
                 "x_iskp_dossier_disputed_by_refs": [stix_id("note", n) for n in e.disputed_by]}
        for a in e.attributions:
            self.note_disputes(a.disputed_by, obj_id)
        summary = f"{e.name} ({e.type}, {when})."
        if obj_id.startswith("note--"):
            involved = [a.group for a in e.attributions] + [p.entity for p in e.participants] + list(e.places)
            self.add(stix2.Note, {**props, "abstract": e.name, "content": summary,
                                                     "object_refs": self.refs(involved) or self.refs(c.source for c in e.sources)})
            return
        self.add(stix2.Incident, {**props, "name": e.name, "description": summary})
        for i, a in enumerate(e.attributions):
            by = f" by {', '.join(self.name(x) for x in a.by)}" if a.by else ""
            self.relationship(f"{r.id}#attributions/{i}", "attributed-to" if a.stance in ATTRIBUTED else "related-to",
                              obj_id, self.ids[a.group], a.sources, description=f"{e.name}: {a.stance}{by} ({self.name(a.group)})",
                              disputed_by=a.disputed_by, x_iskp_dossier_stance=a.stance, x_iskp_dossier_by_refs=self.refs(a.by))
        for i, p in enumerate(e.participants):
            self.relationship(f"{r.id}#participants/{i}", "related-to", obj_id, self.ids[p.entity], p.sources,
                              description=f"{e.name}: {self.name(p.entity)}, {p.role}", x_iskp_dossier_role=p.role)
        for place in dict.fromkeys(e.places):
            self.relationship(f"{r.id}#places/{place}", "located-at", obj_id, self.ids[place], e.sources,
                              description=f"{e.name}: in {self.name(place)}")

    def notes(self, r: Record) -> None:
        """Each sourced note of an entity as a STIX note on it and on the entities its text links."""
        for i, n in enumerate(r.entity.notes):
            note_id = stix_id("note", f"{r.id}#notes/{i}")
            self.note_disputes(n.disputed_by, note_id)
            linked = [m for m in re.findall(r"\[\[([a-z0-9-]+)", n.text) if m in self.ids]
            props = {"id": note_id, "abstract": n.topic.replace("-", " ").capitalize() if n.topic else None,
                     "content": self.text(n.text), "object_refs": self.refs([r.id, *linked]),
                     "external_references": self.external_refs(n.sources, note_id),
                     "x_iskp_dossier_topic": n.topic, "x_iskp_dossier_date": n.date,
                     "x_iskp_dossier_disputed_by_refs": [stix_id("note", x) for x in n.disputed_by]}
            self.add(stix2.Note, props)

    def narrative(self, r: Record) -> None:
        """A contested claim: a note holding every version, on what it is about and on what it disputes."""
        e, obj_id = r.entity, self.ids[r.id]
        versions, refs = [], [self.page_ref(r)]
        lines = [self.text(e.question)]
        for v in e.versions:
            claimants = ", ".join(self.name(c) for c in v.claimants)
            lines.append(f"{claimants} ({v.stance}): {self.text(v.claim)}")
            refs += self.external_refs(v.sources, obj_id)
            versions.append(_clean({"claim": self.text(v.claim), "short": v.short, "stance": v.stance,
                                    "claimant_refs": self.refs(v.claimants), "date": v.date,
                                    "citations": self.citations(v.sources, obj_id)}))
        about = list(dict.fromkeys(self.refs(e.about) + sorted(set(self.disputing.get(r.id, [])) - {obj_id})))
        props = {"id": obj_id, "abstract": e.name, "content": "\n\n".join(lines), "object_refs": about,
                 "external_references": refs, "x_iskp_dossier_narrative_type": e.type,
                 "x_iskp_dossier_aliases": self.aliases(r, obj_id),
                 "x_iskp_dossier_question": self.text(e.question), "x_iskp_dossier_versions": versions}
        self.add(stix2.Note, props)

    def report(self, r: Record) -> None:
        e, obj_id = r.entity, self.ids[r.id]
        who = ", ".join(self.name(a) for a in e.authors)
        words = f"{e.kind.replace('-', ' ')}" + (f" by {who}" if who else "") + (f", {self.name(e.publisher)}" if e.publisher else "")
        words += f", {dates.in_words(e.date)}." if e.date else ". The document gives no date; `published` is the dossier's build date."
        refs = [self.page_ref(r)]
        if e.url:  # with the hash of the saved copy the archived text was made from, when there is one
            refs.append(_clean({"source_name": self.name(e.publisher) if e.publisher else e.name, "url": e.url,
                                "hashes": {"SHA-256": e.archive.original_sha256} if e.archive else None}))
        props = {"id": obj_id, "name": e.name, "description": words,
                 "published": _start_time(e.date) or self.meta.timestamp,
                 "report_types": ["threat-report"] if e.kind != "general-knowledge" else None,
                 # what cites it, and the report itself for a source nothing cites (STIX needs one ref)
                 "object_refs": sorted(set(self.cited_by.get(r.id, [])) - {obj_id}) or [self.identity],
                 "external_references": refs, "x_iskp_dossier_source_kind": e.kind,
                 "x_iskp_dossier_aliases": self.aliases(r, obj_id), "x_iskp_dossier_date": e.date,
                 "x_iskp_dossier_accessed": e.accessed, "x_iskp_dossier_author_refs": self.refs(e.authors),
                 "x_iskp_dossier_publisher_ref": self.ids[e.publisher] if e.publisher else None,
                 "x_iskp_dossier_archived_text_url": self.meta.url(f"dossier/texts/{r.id}/") if e.archived_text in self.d.texts else None,
                 "x_iskp_dossier_cited_in": [_clean({"report_ref": self.ids[c.source], "locator": c.locator}) for c in e.cited_in],
                 "x_iskp_dossier_inferred": [{"field": i.field, "reason": self.text(i.reason)} for i in e.inferred]}
        self.add(stix2.Report, props)

    # ---- the bundle

    def build(self) -> stix2.Bundle:
        meta = self.meta
        statement = (f"{TITLE} data, licensed {meta.data_licence} ({LICENCE_URLS[meta.data_licence]}); "
                     "quoted passages remain their authors'.")
        marking = stix2.MarkingDefinition(id=self.marking, created=meta.timestamp, created_by_ref=self.identity,
                                          name=f"{TITLE} data licence", definition_type="statement",
                                          definition=stix2.StatementMarking(statement))
        identity = stix2.Identity(id=self.identity, name=TITLE, identity_class="organization",
                                  description=f"{TITLE}, version {meta.version}: an open, sourced reference work on Islamic "
                                              "State Khorasan Province. Every statement cites its source.",
                                  contact_information=meta.repo_url, created=meta.timestamp, modified=meta.timestamp,
                                  object_marking_refs=[self.marking],
                                  external_references=[{"source_name": "iskp-dossier", "url": meta.site_url}])
        for r in self.d.records:
            if r.kind in ("person", "group", "faction"):
                self.actor(r)
            elif r.kind == "place":
                self.place(r)
            elif r.kind == "event":
                self.event(r)
            if r.kind != "narrative":
                self.notes(r)
        for r in self.d.records:  # after every statement, so that each knows what disputes and cites
            if r.kind == "narrative":
                self.notes(r)
                self.narrative(r)
        for r in self.d.records:
            if r.kind == "source":
                self.report(r)
        extension = stix2.ExtensionDefinition(
            id=self.extension, created_by_ref=self.identity, created=meta.timestamp, modified=meta.timestamp,
            name=f"{TITLE} properties", version=EXTENSION_VERSION,
            description="Top-level properties that keep what the dossier records and STIX has no place for: the EDTF "
                        "dates as written, quoted citations of nested statements, disputes, claims and estimates.", extension_types=["toplevel-property-extension"],
            extension_properties=sorted(self.custom), object_marking_refs=[self.marking],
            schema=f"The {TITLE}'s statements that STIX has no property for, each with its citations; described on "
                   f"{meta.data_url()} and in dossier/exports/stix.py of {meta.repo_url}.")
        return stix2.Bundle(identity, marking, extension, *self.objects,
                            id=stix_id("bundle", f"iskp-dossier:{meta.version}"), allow_custom=True)


def bundle(d: Dossier, meta: ExportMeta) -> stix2.Bundle:
    """The whole dossier as a STIX 2.1 bundle (objects in the dossier's file order)."""
    return _Bundle(d, meta).build()


LEADING = ("type", "spec_version", "id", "created_by_ref", "created", "modified", "name", "relationship_type",
           "source_ref", "target_ref")


def _line(obj) -> str:
    """One object as JSON on one line: what identifies it first, then every other key sorted.
    (The library's own key order varies with the hash seed, which would change the bytes.)"""
    data = json.loads(obj.serialize())
    keys = [k for k in LEADING if k in data] + sorted(set(data) - set(LEADING))
    return "{" + ", ".join(f"{json.dumps(k)}: {json.dumps(data[k], ensure_ascii=False, sort_keys=True)}" for k in keys) + "}"


def files(d: Dossier, meta: ExportMeta) -> dict[str, str]:
    """The bundle as JSON with one object per line: as compact as a program wants, and a new
    release's changes show object by object in a diff."""
    b = bundle(d, meta)
    objects = ",\n".join(_line(o) for o in b.objects)
    return {FILE: f'{{"type": "bundle", "id": "{b.id}", "objects": [\n{objects}\n]}}\n'}
