"""The exports in analysts' formats, each checked by its own format's validator, on the real dossier.

Built once per module in-process (validate → link → graph → data files, no MkDocs); the
validators run as the command-line tools people use (stix2_validator, frictionless,
cffconvert, check-jsonschema), except the BibTeX parser, which is a library. Each test names,
in a comment, a broken implementation that makes it fail (each was tried).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pandas as pd
import pytest

from conftest import ROOT
from dossier import dates, pipeline
from dossier.exports import ExportMeta, citation, datapackage, stix
from dossier.link import link
from dossier.render.pages.data import TABLES, data_files, render_downloads
from dossier.render.graph import build_graph

BIN = Path(sys.executable).parent
META = ExportMeta(version="v9.9.9", built="2026-12-07")
# Warnings stix2-validator still gives, and why they stay:
# 103 uuid-check: ids are UUIDv5 of the entity id (STIX suggests v4), so that every build gives
#     an object the same id and importers update it instead of duplicating it;
# 202 relationship-types: the dossier's relations (part-of, ally, split-from…) and incidents'
#     attributions have no suggested STIX relationship type or source;
# 302 extref-hashes: links to the dossier's pages and to web sources carry no hash (a live page
#     changes; a source archived with `make source` gets its SHA-256).
EXPECTED_WARNINGS = {"103", "202", "302"}


@pytest.fixture(scope="module")
def dossier():
    records, texts = pipeline.validate(ROOT)
    return link(records, texts)


@pytest.fixture(scope="module")
def files(dossier):
    return data_files(dossier, build_graph(dossier), META)


@pytest.fixture(scope="module")
def folder(files, tmp_path_factory) -> Path:
    """The data folder as published: every download written out, for the command-line validators."""
    out = tmp_path_factory.mktemp("data")
    for name, text in files.items():
        if name.startswith("data/"):
            (out / name[5:]).write_text(text, encoding="utf-8")
    return out


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300)


# ---- STIX 2.1

def test_stix_bundle_passes_stix2_validator_with_only_the_expected_warnings(folder):
    # Fails if `stix.files` writes the bundle wrapper without its id, or `_line` drops a property
    # the library wrote (spec_version), or a ref points to an object not in the bundle
    # (--enforce-refs); and if a new kind of warning appears, e.g. a place missing from
    # TOP_PLACES (region "unknown": {210}/{223}).
    result = run(BIN / "stix2_validator", "--enforce-refs", folder / stix.FILE)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "[X]" not in result.stdout
    warnings = set(re.findall(r"\[!\] Warning: \S+ \{(\d+)\}", result.stdout))
    assert warnings <= EXPECTED_WARNINGS, sorted(warnings - EXPECTED_WARNINGS)


def test_stix_maps_kinds_as_stix_intends(files, dossier):
    # Fails if every group becomes a threat actor (states and outlets are identities), if a
    # militant is left an identity, or if people with no militant role become threat actors.
    objects = {o["external_references"][0].get("external_id"): o for o in _stix(files)
               if o.get("external_references") and o["external_references"][0]["source_name"] == "iskp-dossier"}
    assert objects["iskp"]["type"] == "threat-actor" and "IS-K" in objects["iskp"]["aliases"]
    assert objects["iskp"]["threat_actor_types"] == ["terrorist"]
    assert objects["national-directorate-of-security"]["type"] == "identity"
    assert objects["national-directorate-of-security"]["sectors"] == ["government-national"]
    assert objects["al-jazeera"]["type"] == "identity"
    assert objects["aslam-farooqi"]["type"] == "threat-actor"
    assert objects["antonio-giustozzi"] == {**objects["antonio-giustozzi"], "type": "identity", "identity_class": "individual"}
    assert objects["afghanistan"]["type"] == "location" and objects["afghanistan"]["country"] == "AF"
    assert objects["jalalabad"]["country"] == "AF" and objects["jalalabad"]["city"] == "Jalalabad"
    assert objects["kabul-university-attack"]["type"] == "incident"
    assert objects["routray-2020-iskp-melting-pot"]["type"] == "report"


def test_stix_relationships_keep_their_dates_as_timestamps_and_edtf(files, dossier):
    # Fails if start_time/stop_time are dropped, taken from the wrong end of an EDTF value (a
    # tenure ending "2016-22" must stop on 31 August), or if the EDTF string is not kept.
    relationships = {o["id"]: o for o in _stix(files) if o["type"] == "relationship"}
    checked = 0
    for r in dossier.by_kind["person"]:
        for i, role in enumerate(r.entity.roles):
            rel = relationships[stix.stix_id("relationship", f"{r.id}#roles/{i}")]
            assert rel["x_iskp_dossier_title"] == role.title
            assert rel.get("x_iskp_dossier_start") == role.start and rel.get("x_iskp_dossier_end") == role.end
            if role.start:
                assert rel["start_time"] == dates.span(role.start).start + "T00:00:00Z"
            if role.end and role.end != dates.OPEN:
                assert rel["stop_time"] == dates.span(role.end).end + "T23:59:59Z"
                checked += 1
    assert checked >= 5


def test_stix_carries_every_quote_and_every_dispute(files, dossier):
    # Fails if the citations of nested statements (aliases, status, estimates, attributions) or
    # of relationships are dropped, or if a disputed statement does not point to the note that
    # holds the dispute.
    objects = _stix(files)
    text = json.dumps(objects, ensure_ascii=False)
    for r in dossier.records:
        for _loc, c in r.citations:
            for fragment in c.fragments:
                assert json.dumps(fragment, ensure_ascii=False)[1:-1] in text, (r.id, fragment[:60])
    notes = {o["id"]: o for o in objects if o["type"] == "note"}
    for r in dossier.by_kind["narrative"]:
        note = notes[stix.stix_id("note", r.id)]
        assert len(note["x_iskp_dossier_versions"]) == len(r.entity.versions)
        assert all(v["claimant_refs"] for v in note["x_iskp_dossier_versions"])
    disputing = [(o["id"], ref) for o in objects for ref in o.get("x_iskp_dossier_disputed_by_refs", [])]
    assert disputing and all(ref in notes and oid in notes[ref]["object_refs"] for oid, ref in disputing)


def test_stix_reports_list_what_cites_them(files, dossier):
    # Fails if a report's object_refs are left empty-but-for-a-placeholder for a cited source.
    reports = {o["external_references"][0]["external_id"]: o for o in _stix(files) if o["type"] == "report"}
    assert set(reports) == {r.id for r in dossier.by_kind["source"]}
    melting_pot = reports["routray-2020-iskp-melting-pot"]
    assert len(melting_pot["object_refs"]) > 100 and melting_pot["published"].startswith("2020")
    assert reports["ians-pandya-iskp-pakistani-proxy"]["published"].startswith(META.built)  # undated: the build's date


def test_stix_is_the_same_bytes_whatever_the_hash_seed():
    # Fails if the objects are written in the library's own key order (o.serialize()), which
    # follows set iteration and so changes with PYTHONHASHSEED; or if anything reads the clock.
    script = ("import sys, hashlib; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
              "from dossier import pipeline; from dossier.link import link; from dossier.exports import stix, ExportMeta;"
              "d = link(*pipeline.validate(Path(sys.argv[1])));"
              "print(hashlib.sha256(stix.files(d, ExportMeta(built='2026-12-07'))[stix.FILE].encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_every_top_level_place_has_a_country_or_region(dossier):
    # Fails when a place at the top of a `within` chain (a new country) is missing from
    # stix.TOP_PLACES: its STIX location would have no country and an invented region.
    tops = {r.id for r in dossier.by_kind["place"] if not r.entity.within}
    assert tops <= set(stix.TOP_PLACES), sorted(tops - set(stix.TOP_PLACES))


# ---- Frictionless Data Package

def test_datapackage_passes_frictionless_validate(folder):
    # Fails if a field's type does not fit its column (killed_low declared a date), a foreign key
    # names a missing table or column, or a CSV gains a column datapackage.json does not declare.
    result = run(BIN / "frictionless", "validate", "--json", datapackage.FILE, cwd=folder)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps([t["errors"][:3] for t in report["tasks"] if not t["valid"]], indent=1)[:3000]
    assert {t["name"] for t in report["tasks"]} == set(TABLES)


def test_frictionless_catches_a_dangling_reference(folder, tmp_path):
    # Fails if the package declares no foreign keys (frictionless would then accept a role in a
    # group that does not exist).
    broken = tmp_path / "data"
    shutil.copytree(folder, broken)
    roles = broken / "roles.csv"
    lines = roles.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(csv.DictReader(io.StringIO(lines[0] + lines[1])))
    roles.write_text(lines[0] + lines[1].replace(row["group_id"], "no-such-group", 1) + "".join(lines[2:]), encoding="utf-8")
    report = json.loads(run(BIN / "frictionless", "validate", "--json", datapackage.FILE, cwd=broken).stdout)
    errors = [e["type"] for t in report["tasks"] for e in t["errors"]]
    assert not report["valid"] and "foreign-key" in errors


def test_datapackage_describes_every_column_with_a_licence(files):
    # Fails if a column is added to render.pages.data.TABLES without a type and description here.
    package = json.loads(files[f"data/{datapackage.FILE}"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["version"] == "v9.9.9"
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == TABLES[resource["name"]]
        assert all(f.get("description") for f in fields), resource["name"]


# ---- CITATION.cff, CSL-JSON, BibTeX

def cffconvert() -> Path:
    """cffconvert 2.0.0 pins jsonschema<4, which stix2-validator, check-jsonschema and
    frictionless cannot use, so it lives in its own environment (see requirements/cffconvert.in)."""
    for candidate in (os.environ.get("CFFCONVERT"), ROOT / ".venv-cffconvert" / "bin" / "cffconvert", shutil.which("cffconvert")):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    pytest.fail("cffconvert not found: `python3 -m venv .venv-cffconvert && .venv-cffconvert/bin/pip install "
                "-r requirements/cffconvert.txt --require-hashes` (make test does this), or set CFFCONVERT")


def test_citation_cff_passes_cffconvert(folder):
    # Fails if the licence is not an SPDX id ("CC BY 4.0"), an author has no name, or the
    # release date is not a date string.
    result = run(cffconvert(), "--validate", "-i", folder / citation.CFF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_the_repository_citation_file_passes_cffconvert():
    # Fails if the root CITATION.cff (GitHub's "Cite this repository") is not valid CFF 1.2.0.
    result = run(cffconvert(), "--validate", "-i", ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unreleased_build_states_no_release_date():
    # Fails if an unreleased build's CITATION.cff claims the placeholder date as its release.
    assert "date-released" not in citation.cff(ExportMeta())
    assert "date-released: '2026-12-07'" in citation.cff(META)


def test_csl_json_passes_the_csl_data_schema(folder, dossier):
    # Fails if a type outside CSL's list is used ("news-report"), an author is a plain string,
    # or a date is an EDTF string (schema 1.0 takes date-parts).
    result = run(BIN / "check-jsonschema", "--schemafile", ROOT / "tests" / "vendor" / "csl-data.json", folder / citation.CSL)
    assert result.returncode == 0, result.stdout + result.stderr
    items = {i["id"]: i for i in json.loads((folder / citation.CSL).read_text(encoding="utf-8"))}
    assert "general-knowledge" not in items and len(items) == len(dossier.by_kind["source"]) - 1
    assert items["caps-conflicting-narratives-iskp"]["issued"] == {"date-parts": [[2020]], "circa": True}
    assert items["chowdhury-2020-04-15-bangladeshi-is-member-caught"]["issued"] == {"date-parts": [[2020, 4, 15]]}


def test_bibtex_parses_back_entry_for_entry(folder, dossier):
    # Fails if an entry is malformed (a missing comma or brace puts it among the parser's
    # failed blocks), a key repeats, or titles do not survive the round trip.
    library = bibtexparser.parse_string((folder / citation.BIBTEX).read_text(encoding="utf-8"))
    assert not library.failed_blocks
    documents = {r.id: r.entity for r in citation.documents(dossier)}
    assert [e.key for e in library.entries] == list(documents)
    for entry in library.entries:
        assert entry.fields_dict["title"].value == "{" + citation.latex(documents[entry.key].name) + "}"


def test_bibtex_escapes_what_would_unbalance_an_entry():
    # Fails if `latex` leaves a brace or backslash as it is: the entry's braces no longer balance.
    title = "50% of {Daesh \\ $cash & arms_ #1 ~ ^"  # one brace open
    library = bibtexparser.parse_string(f"@misc{{k,\n  title = {{{citation.latex(title)}}},\n  year = {{2020}}\n}}\n")
    assert not library.failed_blocks and library.entries[0].fields_dict["year"].value == "2020"
    assert library.entries[0].fields_dict["title"].value == \
        r"50\% of \{Daesh \textbackslash{} \$cash \& arms\_ \#1 \textasciitilde{} \textasciicircum{}"


# ---- events.csv and roles.csv in a spreadsheet

def test_events_csv_iso_dates_parse_with_pandas(folder, dossier):
    # Fails if start/end are written as EDTF ("2020?-10"), as one bound only, or swapped; if the
    # precision or the flags are missing; or if a dated event has no ISO dates.
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    dated = events[events["date"] != ""]
    assert len(dated) == sum(1 for r in dossier.by_kind["event"] if r.entity.date) > 40
    start = pd.to_datetime(dated["start"], format="%Y-%m-%d", errors="raise")
    end = pd.to_datetime(dated["end"], format="%Y-%m-%d", errors="raise")
    assert (start <= end).all()
    assert set(events["precision"]) <= set(datapackage.PRECISIONS) | {""}
    for flag in ("year_inferred", "uncertain", "approximate"):
        assert set(events[flag]) <= {"true", "false"}
    row = events.set_index("id").loc["kabul-education-centre-bombing"]
    assert (row["date"], row["start"], row["end"], row["precision"], row["year_inferred"]) == \
        ("2020?-10", "2020-10-01", "2020-10-31", "month", "true")
    typed = pd.read_csv(folder / "events.csv", parse_dates=["start", "end"], date_format="%Y-%m-%d")
    assert typed["start"].dtype.kind == "M" and typed["end"].dtype.kind == "M"


def test_roles_csv_iso_dates_parse_with_pandas(folder):
    # Fails if the tenure's ISO columns take the wrong bound (the earliest end instead of the latest).
    roles = pd.read_csv(folder / "roles.csv", dtype=str, keep_default_na=False)
    for column in ("start_earliest", "end_latest"):
        values = roles.loc[roles[column] != "", column]
        assert len(values) >= 3  # the dossier gives few tenures exact dates
        pd.to_datetime(values, format="%Y-%m-%d", errors="raise")
    both = roles[(roles["start_earliest"] != "") & (roles["end_latest"] != "")]
    assert (pd.to_datetime(both["start_earliest"]) <= pd.to_datetime(both["end_latest"])).all()
    assert set(roles.loc[roles["end"] == "..", "end_precision"]) <= {"ongoing"}
    farooqi = roles[(roles["person_id"] == "aslam-farooqi") & (roles["title"] == "governor")].iloc[0]
    assert (farooqi["start"], farooqi["end"], farooqi["start_earliest"], farooqi["end_latest"]) == \
        ("2019-04", "2020-04", "2019-04-01", "2020-04-30")


@pytest.mark.parametrize("value,expected", [
    ("2020?-10", ("2020-10-01", "2020-10-31", "month", True, False, False)),
    ("2016-22", ("2016-06-01", "2016-08-31", "season", False, False, False)),
    ("2018?", ("2018-01-01", "2018-12-31", "year", False, True, False)),
    ("2016~", ("2016-01-01", "2016-12-31", "year", False, False, True)),
    ("2016/2018", ("2016-01-01", "2018-12-31", "interval", False, False, False)),
    ("[2018-07..2019-04]", ("2018-07-01", "2019-04-30", "one-of", False, False, False)),
    ("199X", ("1990-01-01", "1999-12-31", "decade", False, False, False)),
    ("..", ("", "", "ongoing", False, False, False)),
])
def test_span_of_an_edtf_value(value, expected):
    # Fails if `dates.span` reads a year-only qualifier (2020?-10) as the whole date's.
    s = dates.span(value)
    assert (s.start, s.end, s.precision, s.year_inferred, s.uncertain, s.approximate) == expected


# ---- the Data page and the metadata

def test_data_page_says_what_each_file_is_for_and_what_opens_it(files):
    # Fails if a download is listed with an empty purpose or tool (a new file not in ABOUT).
    page = render_downloads(files)
    rows = [line.split(" | ") for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == sum(1 for name in files if name.startswith("data/"))
    assert all(len(row) == 4 and row[1].strip() and row[2].strip() for row in rows)
    by_file = {row[0].split("]")[0][3:]: row for row in rows}
    for file, tool in ((stix.FILE, "OpenCTI"), (stix.FILE, "MISP"), (datapackage.FILE, "frictionless"),
                       (datapackage.FILE, "pandas"), (citation.CSL, "Zotero"), (citation.BIBTEX, "Zotero"),
                       ("network.graphml", "Gephi"), ("network.graphml", "networkx")):
        assert tool in by_file[file][2], (file, tool)


def test_export_meta_refuses_a_bad_date_or_licence():
    # Fails if ExportMeta accepts a date STIX timestamps cannot be made from.
    with pytest.raises(ValueError):
        ExportMeta(built="7 December 2026")
    with pytest.raises(ValueError):
        ExportMeta(data_licence="CC BY 4.0")


def _stix(files) -> list[dict]:
    return json.loads(files[f"data/{stix.FILE}"])["objects"]
