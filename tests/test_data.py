"""The data downloads: JSON that round-trips through the models, CSV tables that parse cleanly,
and a network that graph tools can load."""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURE
from dossier import pipeline, render
from dossier.models import KINDS
from dossier.render.pages.data import SCHEMA_VERSION, TABLES


@pytest.fixture(scope="module")
def pages():
    records, texts = pipeline.validate(FIXTURE)
    return render.site(records, texts)


def test_everything_json_round_trips_through_the_models(pages):
    data = json.loads(pages["data/dossier.json"])
    assert data["schema_version"] == SCHEMA_VERSION
    assert sum(data["counts"].values()) == len(data["entities"]) == 14
    for item in data["entities"]:
        model = KINDS[item["kind"]]
        assert model.model_validate(item["data"]).id == item["id"]


def test_each_entity_has_its_json_linked_from_its_page(pages):
    person = json.loads(pages["people/hafiz-example.json"])
    assert person["data"]["roles"][0]["group"] == "khorasan-province"
    assert "khorasan-province" in json.loads(pages["groups/khorasan-province.json"])["id"]
    assert "[JSON](hafiz-example.json)" in pages["people/hafiz-example.md"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_csv_tables_parse_with_their_documented_columns(pages, table):
    rows = list(csv.DictReader(io.StringIO(pages[f"data/{table}.csv"])))
    assert list(csv.reader(io.StringIO(pages[f"data/{table}.csv"])))[0] == TABLES[table]
    assert all(None not in row and len(row) == len(TABLES[table]) for row in rows)


def test_csv_content(pages):
    roles = list(csv.DictReader(io.StringIO(pages["data/roles.csv"])))
    assert roles == [{"person_id": "hafiz-example", "person": "Hafiz Example", "group_id": "khorasan-province",
                      "group": "Khorasan Province", "title": "chief", "office": "chief", "ordinal": "1", "start": "2015-01",
                      "end": "2016-22", "ended_by": "killed", "start_in_words": "January 2015", "end_in_words": "summer 2016",
                      "start_earliest": "2015-01-01", "end_latest": "2016-08-31", "start_precision": "month",
                      "end_precision": "season", "disputed_by": "", "sources": "sample-report"}]
    attributions = list(csv.DictReader(io.StringIO(pages["data/attributions.csv"])))
    assert {(a["group_id"], a["stance"]) for a in attributions} == {("khorasan-province", "claimed"), ("northern-faction", "attributed")}
    citations = list(csv.DictReader(io.StringIO(pages["data/citations.csv"])))
    assert any(c["via"] == "sample-report" and c["source_id"] == "cited-article" for c in citations)


def test_network_files_agree(pages):
    nodes = list(csv.DictReader(io.StringIO(pages["data/nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(pages["data/edges.csv"])))
    ids = {n["Id"] for n in nodes}
    assert edges and all(e["Source"] in ids and e["Target"] in ids for e in edges)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(pages["data/network.graphml"])
    assert len(root.findall(".//g:node", ns)) == len(nodes)
    assert len(root.findall(".//g:edge", ns)) == len(edges)
    recruits = [e for e in edges if e["Label"] == "recruits from"]
    assert recruits[0]["Alleged"] == "true"
