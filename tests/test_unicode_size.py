"""Unicode and size: ASCII ids, NFC everywhere, right-to-left names isolated in the HTML, and
oversized, deeply nested or self-multiplying files refused with a clear error."""
from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from conftest import ROOT, problems_of
from hostile_payloads import BILLION_LAUGHS
from sitebuild import html_pages, make_project, make_site

from dossier.load import load_file

SCHEMA = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
COMPOSED = "Caf\u00e9 Group"
DECOMPOSED = "Cafe\u0301 Group"
ARABIC_NAME = "ولاية خراسان"
ARABIC_ALIAS = "داعش خراسان"


def _problems(rel: str, text: str) -> list[str]:
    _record, problems = load_file(rel, text.encode("utf-8"))
    return [str(p) for p in problems if "schema line" not in p.message]


@pytest.mark.parametrize("entity_id", ["café", "Hafiz-Example", "hafiz_example", "hafiz--example", "-hafiz", "ｈafiz",
                                       "hafız", "ha\u200bfiz", "hafiz\u0301", "١٢٣"])
def test_ids_are_ascii_kebab_case(entity_id):
    problems = _problems(f"entities/people/{entity_id}.yml", SCHEMA.format(kind="person") + f'id: "{entity_id}"\nname: Hafiz\n')
    assert any(":2:" in p and "not a valid id" in p for p in problems), problems


def test_every_value_is_loaded_as_nfc():
    record, problems = load_file("entities/groups/cafe-group.yml", (
        SCHEMA.format(kind="group") + f"id: cafe-group\nname: {DECOMPOSED}\ntype: militant-group\n"
        f"aliases:\n  - name: \"{DECOMPOSED} (Ku\u0308rt)\"\n    sources:\n      - source: s\n        locator: \"p. 1\u0301\"\n").encode())
    assert record is not None, problems
    assert record.entity.name == COMPOSED
    assert unicodedata.is_normalized("NFC", record.entity.aliases[0].name)
    assert unicodedata.is_normalized("NFC", record.entity.aliases[0].sources[0].locator)


def test_decomposed_and_composed_names_collide(tree):
    (tree / "entities" / "groups" / "cafe-group.yml").write_text(
        SCHEMA.format(kind="group") + f"id: cafe-group\nname: {COMPOSED}\ntype: militant-group\n", encoding="utf-8")
    (tree / "entities" / "groups" / "other-group.yml").write_text(
        SCHEMA.format(kind="group") + "id: other-group\nname: Other Group\ntype: militant-group\n"
        f"aliases:\n  - name: {DECOMPOSED}\n    sources:\n      - source: cited-article\n", encoding="utf-8")
    problems = problems_of(tree)
    assert any("other-group.yml:6:" in p and "collides with" in p for p in problems), problems


def test_quotes_match_whatever_the_archived_text_decomposes(tree):
    """Entity values are NFC; so is the archived text when it is read, so a quote with an accent
    matches a text that spells it decomposed."""
    seed = tree / "seeds" / "sample-report.txt"
    seed.write_text(seed.read_text() + "\nThe Cafe\u0301 faction met.\n", encoding="utf-8")
    person = tree / "entities" / "people" / "hafiz-example.yml"
    person.write_text(person.read_text() + "notes:\n  - text: It met.\n    sources:\n      - source: sample-report\n"
                      "        quote: \"The Caf\u00e9 faction met.\"\n", encoding="utf-8")
    assert problems_of(tree) == []


# -- right-to-left names ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("rtl") / "p")
    group = project / "entities" / "groups" / "khorasan-province.yml"
    text = group.read_text(encoding="utf-8")
    text = text.replace("name: Khorasan Province\n", f"name: {ARABIC_NAME}\n", 1)
    text = text.replace("aliases:\n", f"aliases:\n  - name: {ARABIC_ALIAS}\n    kind: translation\n    sources:\n"
                                      "      - source: cited-article\n", 1)
    group.write_text(text, encoding="utf-8")
    make_site(project)
    return html_pages(project / "site")


def _isolated(scan, needle: str) -> list[bool]:
    """For each text node holding `needle`: is it inside <bdi> or an element with dir=auto/rtl?"""
    out = []
    for t in scan.texts:
        if needle in t.data:
            out.append(any(scan.elements[i].tag == "bdi" or dict(scan.elements[i].attrs).get("dir") in ("auto", "rtl")
                           for i in t.ancestors))
    return out


def test_links_to_an_arabic_name_isolate_its_direction(arabic_site):
    scan = arabic_site["dossier/events/2017-market-attack/index.html"]
    links = [t for t in scan.texts if ARABIC_NAME in t.data and any(scan.elements[i].tag == "a" for i in t.ancestors)]
    assert links, "the event page links to the group"
    assert all(any(scan.elements[i].tag == "bdi" for i in t.ancestors) for t in links)


def test_an_arabic_alias_is_isolated(arabic_site):
    found = _isolated(arabic_site["dossier/groups/khorasan-province/index.html"], ARABIC_ALIAS)
    assert found and all(found), found


# -- size ---------------------------------------------------------------------------------------

def test_oversized_deep_and_self_multiplying_files_are_refused_quickly(tree):
    people = tree / "entities" / "people"
    (people / "oversized.yml").write_text(SCHEMA.format(kind="person") + "id: oversized\nname: x\nnotes:\n  - text: "
                                          + "x" * 300_000 + "\n")
    (people / "deep.yml").write_text(SCHEMA.format(kind="person") + "id: deep\nname: x\nnotes: " + "[" * 100_000 + "]" * 100_000 + "\n")
    (people / "laughs.yml").write_text(SCHEMA.format(kind="person") + BILLION_LAUGHS)
    (people / "merge.yml").write_text(SCHEMA.format(kind="person") + "id: merge\nbase: &b {name: x}\n<<: *b\n")
    # A hang guard, not a speed assertion: a billion laughs expanded or 100,000 levels parsed do
    # not finish at all (the timeout raises); refused, they take a second.
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pages.py"), "--root", str(tree), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    err = result.stderr
    assert "entities/people/oversized.yml:1:1: the file is 293 KB, over the 256 KB limit" in err, err
    assert "entities/people/deep.yml:4:24: the data is nested more than 16 levels deep" in err, err
    assert "entities/people/laughs.yml:3:4: YAML syntax error: anchors (`&name`) are not allowed" in err, err
    assert "entities/people/merge.yml:3:7: YAML syntax error: anchors (`&name`) are not allowed" in err, err
    assert "Traceback" not in err
