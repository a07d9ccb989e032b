"""Data downloads: all entities as JSON, a CSV per table, the network as GraphML and CSV edges,
and a JSON document per entity. Everything sorted, so two builds give the same bytes."""
from __future__ import annotations

import csv
import io
import json
from html import escape
from typing import Collection

from ... import dates, exports
from ...exports import ExportMeta, datapackage
from ...link import Dossier
from ...models import FOLDER_OF
from ..graph import Graph

SCHEMA_VERSION = "1.0.0"  # bump the major version when a field is removed or changes meaning

TABLES: dict[str, list[str]] = {
    "people": ["id", "name", "aliases", "nationality", "status", "status_as_of"],
    "roles": ["person_id", "person", "group_id", "group", "title", "office", "ordinal", "start", "end", "ended_by",
              "start_in_words", "end_in_words", "start_earliest", "end_latest", "start_precision", "end_precision",
              "disputed_by", "sources"],
    "groups": ["id", "name", "kind", "type", "parent_id", "founded", "aliases"],
    "relations": ["source_id", "source", "type", "target_id", "target", "start", "end", "alleged_by", "denied_by", "disputed_by", "sources"],
    "events": ["id", "name", "type", "date", "end_date", "start", "end", "precision", "year_inferred", "uncertain", "approximate",
               "date_in_words", "date_note", "places", "killed_low", "killed_high", "casualties", "sources"],
    "attributions": ["event_id", "event", "group_id", "group", "stance", "by", "disputed_by", "sources"],
    "places": ["id", "name", "type", "within_id"],
    "narratives": ["id", "name", "type", "question", "about", "versions"],
    "versions": ["narrative_id", "claimants", "stance", "claim", "sources"],
    "sources": ["id", "title", "kind", "authors", "publisher", "date", "url", "accessed", "archived_text", "cited_in"],
    "citations": ["entity_id", "entity_kind", "field", "source_id", "quote", "locator", "via"],
    "nodes": ["Id", "Label", "Kind"],
    "edges": ["Source", "Target", "Type", "Label", "Alleged"],
}


def _join(values) -> str:
    return "; ".join(str(v) for v in values if v not in (None, ""))


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _sources(items) -> str:
    return _join(dict.fromkeys(c.source for c in items))


def _cell(value) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP: prefix with a quote)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(columns: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return buffer.getvalue()


def entity_json(r, d: Dossier) -> dict:
    return {"schema_version": SCHEMA_VERSION, "kind": r.kind, "id": r.id, "file": r.path,
            "data": r.data,
            "mentioned_in": sorted({m.record.id for m in d.mentions.get(r.id, [])})}


def _dumps(value) -> str:
    """Sorted, compact JSON: files for programs, written by json's C encoder (with indentation,
    json falls back to its pure-Python encoder, which took a sixth of the generation time)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def tables(d: Dossier, graph: Graph) -> dict[str, list[dict]]:
    t = {name: [] for name in TABLES}
    name = d.name
    for r in d.records:
        e = r.entity
        aliases = _join(a.name for a in e.aliases)
        if r.kind == "person":
            latest = max(e.status, key=lambda s: dates.sort_key(s.as_of), default=None)
            t["people"].append({"id": r.id, "name": e.name, "aliases": aliases, "nationality": _join(n.place for n in e.nationality),
                                "status": latest.value if latest else "", "status_as_of": latest.as_of if latest else ""})
            for role in e.roles:
                t["roles"].append({"person_id": r.id, "person": e.name, "group_id": role.group, "group": name(role.group),
                                   "title": role.title, "office": role.office, "ordinal": role.ordinal, "start": role.start, "end": role.end,
                                   "ended_by": role.ended_by, "start_in_words": dates.in_words(role.start, ""),
                                   "end_in_words": dates.in_words(role.end, ""), "start_earliest": dates.span(role.start).start,
                                   "end_latest": dates.span(role.end).end, "start_precision": dates.span(role.start).precision,
                                   "end_precision": dates.span(role.end).precision, "disputed_by": _join(role.disputed_by),
                                   "sources": _sources(role.sources)})
        elif r.kind in ("group", "faction"):
            t["groups"].append({"id": r.id, "name": e.name, "kind": r.kind, "type": e.type, "parent_id": e.parent.group if e.parent else "",
                                "founded": e.founded.date if e.founded else "", "aliases": aliases})
            for rel in e.relations:
                t["relations"].append({"source_id": r.id, "source": e.name, "type": rel.type, "target_id": rel.target, "target": name(rel.target),
                                       "start": rel.start, "end": rel.end, "alleged_by": _join(rel.alleged_by), "denied_by": _join(rel.denied_by),
                                       "disputed_by": _join(rel.disputed_by), "sources": _sources(rel.sources)})
        elif r.kind == "event":
            killed = [c for c in e.casualties if c.kind == "killed"]
            span = dates.span(e.date, e.end_date)
            t["events"].append({"id": r.id, "name": e.name, "type": e.type, "date": e.date, "end_date": e.end_date,
                                "start": span.start, "end": span.end, "precision": span.precision,
                                "year_inferred": _flag(span.year_inferred), "uncertain": _flag(span.uncertain),
                                "approximate": _flag(span.approximate), "date_in_words": dates.in_words(e.date, ""),
                                "date_note": e.date_note, "places": _join(e.places),
                                "killed_low": killed[0].low if killed else None, "killed_high": killed[0].high if killed else None,
                                "casualties": _join(f"{c.kind}: {c.text}" for c in e.casualties), "sources": _sources(e.sources)})
            for a in e.attributions:
                t["attributions"].append({"event_id": r.id, "event": e.name, "group_id": a.group, "group": name(a.group), "stance": a.stance,
                                          "by": _join(a.by), "disputed_by": _join(a.disputed_by), "sources": _sources(a.sources)})
        elif r.kind == "place":
            t["places"].append({"id": r.id, "name": e.name, "type": e.type, "within_id": e.within.place if e.within else None})
        elif r.kind == "narrative":
            t["narratives"].append({"id": r.id, "name": e.name, "type": e.type, "question": e.question, "about": _join(e.about),
                                    "versions": len(e.versions)})
            for v in e.versions:
                t["versions"].append({"narrative_id": r.id, "claimants": _join(v.claimants), "stance": v.stance, "claim": v.claim,
                                      "sources": _sources(v.sources)})
        elif r.kind == "source":
            t["sources"].append({"id": r.id, "title": e.name, "kind": e.kind, "authors": _join(e.authors), "publisher": e.publisher,
                                 "date": e.date, "url": e.url, "accessed": e.accessed, "archived_text": e.archived_text,
                                 "cited_in": _join(c.source for c in e.cited_in)})
        for loc, c in r.citations:
            t["citations"].append({"entity_id": r.id, "entity_kind": r.kind, "field": ".".join(str(p) for p in loc),
                                   "source_id": c.source, "quote": " … ".join(c.fragments), "locator": c.locator, "via": c.via})
    ids = sorted({x for a, b, _l, _al in graph.edges for x in (a, b) if x in d.by_id})
    t["nodes"] = [{"Id": i, "Label": name(i), "Kind": d.by_id[i].kind} for i in ids]
    t["edges"] = [{"Source": a, "Target": b, "Type": "Directed", "Label": label, "Alleged": str(alleged).lower()}
                  for a, b, label, alleged in sorted(graph.edges)]
    return t


def graphml(t: dict[str, list[dict]]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '<key id="label" for="all" attr.name="label" attr.type="string"/>',
           '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
           '<key id="alleged" for="edge" attr.name="alleged" attr.type="boolean"/>',
           '<graph id="iskp-dossier" edgedefault="directed">']
    for n in t["nodes"]:
        out.append(f'<node id="{escape(n["Id"])}"><data key="label">{escape(n["Label"])}</data><data key="kind">{n["Kind"]}</data></node>')
    for i, e in enumerate(t["edges"]):
        out.append(f'<edge id="e{i}" source="{escape(e["Source"])}" target="{escape(e["Target"])}">'
                   f'<data key="label">{escape(e["Label"])}</data><data key="alleged">{e["Alleged"]}</data></edge>')
    out += ["</graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def data_files(d: Dossier, graph: Graph, meta: ExportMeta = ExportMeta(), only: Collection[str] | None = None,
               without: Collection[str] = ()) -> dict[str, str]:
    """Download files, by path inside the generated folder: all of them, or those of `only`, less
    those of `without` (the preview renders only the files an edit touches, the slowest last; each
    is made exactly as in the full set)."""
    def wanted(path: str) -> bool:
        return (only is None or path in only) and path not in without
    files = {}
    if any(wanted(f"data/{name}.csv") for name in TABLES) or wanted("data/network.graphml"):
        t = tables(d, graph)
        files.update({f"data/{name}.csv": _csv(TABLES[name], rows) for name, rows in t.items() if wanted(f"data/{name}.csv")})
        if wanted("data/network.graphml"):
            files["data/network.graphml"] = graphml(t)
    exported = None if only is None and not without else {name for name in exports.MADE_BY if wanted(f"data/{name}")}
    files.update({f"data/{name}": text for name, text in exports.files(d, TABLES, meta, only=exported).items()})
    if wanted("data/dossier.json"):
        documents = [(r, entity_json(r, d)) for r in d.records]  # made once: dossier.json holds them all too
        everything = {"schema_version": SCHEMA_VERSION, "kinds": sorted(FOLDER_OF),
                      "counts": {k: len(v) for k, v in sorted(d.by_kind.items())},
                      "entities": [doc for _r, doc in sorted(documents, key=lambda x: (x[0].kind, x[0].id))]}
        files["data/dossier.json"] = _dumps(everything)
    else:
        documents = [(r, entity_json(r, d)) for r in d.records if wanted(entity_document_path(r))]
    for r, doc in documents:
        if wanted(entity_document_path(r)):
            files[entity_document_path(r)] = _dumps(doc)
    return files


def entity_document_path(r) -> str:
    """Where an entity's own JSON document is, beside its page."""
    return f"{FOLDER_OF[r.kind]}/{r.id}.json"


ABOUT = {  # file name -> (what it is for, what opens it); the exports describe their own files
    "dossier.json": ("Every entity exactly as validated, with the schema version", "any JSON reader; `json.load`, `jq`"),
    "network.graphml": ("The relationship network (who belongs to or is linked with whom), with alleged links marked",
                        "Gephi, Cytoscape, `networkx.read_graphml`"),
    **exports.ABOUT,
}
CSV_TOOLS = "spreadsheets, pandas (`pd.read_csv`), R; typed through datapackage.json"


def render_downloads(files: dict[str, str], meta: ExportMeta | None = None) -> str:
    rows = []
    for name, text in sorted(files.items()):
        if not name.startswith("data/"):
            continue
        file = name.split("/")[-1]
        if file.endswith(".csv"):
            table = file[:-4]
            row = datapackage.FIELDS.get(table, ("",))[0]
            what, tools = f"{row} Columns: {', '.join(TABLES[table])}", CSV_TOOLS
            if table == "edges":
                tools = "Gephi's spreadsheet import (edges table), `networkx.from_pandas_edgelist(df, 'Source', 'Target')`"
            elif table == "nodes":
                tools = "Gephi's spreadsheet import (nodes table), then edges.csv; pandas (`pd.read_csv`)"
        else:
            what, tools = ABOUT.get(file, ("", ""))
        rows.append(f"| [{file}]({file}) | {what} | {tools} | {len(text.encode()) // 1024 + 1} KB |")
    return ("---\ntitle: Data downloads\ndescription: The ISKP dossier as data - JSON, CSV tables, STIX 2.1, Frictionless "
            "Data Package, GraphML network, CSL-JSON and BibTeX.\n---\n\n"
            "# Data downloads\n\n"
            f"The whole dossier as data, schema version **{SCHEMA_VERSION}** (semantic versioning: a new major version removes or "
            "changes a field). The JSON holds every entity exactly as validated against the JSON Schemas in the repository's "
            "`schemas/` folder, one per kind; every entity page also links its own JSON document. CSV files are UTF-8, comma-separated, "
            "one header row; multiple values in a cell are separated by `; `; a text cell that begins with `=`, `+`, `-` or `@` is "
            "prefixed with an apostrophe so that spreadsheets do not run it as a formula. Dates are kept as the sources give them "
            "(EDTF: `2019-04`, `2016~` about, `2018?` uncertain, `2020?-10` a month whose year the dossier infers); beside them, "
            "ISO columns give the first and last day each date can mean, with its precision, so that a spreadsheet can sort "
            "and filter them. Each export is checked by its format's own validator in the test suite (`stix2-validator`, "
            "`frictionless validate`, `cffconvert --validate`, the CSL-JSON schema, a BibTeX parser).\n\n"
            "| File | What it is for | Opens with | Size |\n|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
            "## How to cite\n\nCite a page with the citation at its foot (the dossier's version and the page's address); "
            "cite the statements' own sources as given in each page's references (`sources.bib` and `sources.csl.json` "
            "hold them all). Data: *ISKP Dossier*, data export, version "
            f"{meta.version if meta else 'as named in CITATION.cff'} (schema {SCHEMA_VERSION}), the file's name and address, "
            "and the date of download; `CITATION.cff` gives the same citation for reference managers.\n")
