"""Scale: the synthetic data generator, the benchmark, and the fast paths that keep the build linear.

The fast paths (libyaml for plain entity files, EDTF bounds without the grammar for plain dates,
quote folding by regular expressions, one walk per record) must give exactly what the reference
paths give; these tests compare them on the fixture tree, a synthetic tree and tricky inputs.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import walk_reference

from conftest import FIXTURE, ROOT

from dossier import dates, pipeline, quotes, yamlsafe
from dossier.load import load_tree
from scripts import synthetic

BENCH = [sys.executable, str(ROOT / "scripts" / "bench.py")]
BUILD = [sys.executable, str(ROOT / "scripts" / "build_pages.py")]


@pytest.fixture(scope="module")
def synthetic_tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    synthetic.write(root, 160, seed=3)
    return root


# -- the generator -------------------------------------------------------------------------------

def test_synthetic_tree_passes_the_check(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "synthetic"), "--root", str(tmp_path), "-n", "60"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities", "seeds"]  # nothing else is written
    check = subprocess.run(BUILD + ["--check", "--root", str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr[-3000:]
    assert "ok: 60 entities valid" in check.stdout


def test_generator_is_deterministic_and_seeded():
    assert synthetic.generate(40, seed=1) == synthetic.generate(40, seed=1)
    assert synthetic.generate(40, seed=1) != synthetic.generate(40, seed=2)


# The generator's output is pinned, so that a change to what it draws (or to the canonical format,
# dates in words, alias folding) is deliberate, as the benchmark's figures in README.md are
# measured on its trees: record the hashes again with UPDATE_GOLDEN=1 if a change is meant. The
# listing is sha256sum's (`find entities seeds -type f | LC_ALL=C sort | xargs sha256sum` in a
# tree written by `python scripts/synthetic`); a tree's digest is the sha256 of its listing.
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_TREES = [(30, 0), (30, 3), (160, 0), (160, 3), (500, 0), (500, 3)]
REGENERATE = f"regenerate with UPDATE_GOLDEN=1 pytest {__file__} if the change is intended"


def _listing(files: dict[str, str]) -> str:
    return "".join(f"{hashlib.sha256(text.encode()).hexdigest()}  {rel}\n" for rel, text in sorted(files.items()))


def test_generator_writes_the_recorded_files(synthetic_tree):
    written = {p.relative_to(synthetic_tree).as_posix(): p.read_text(encoding="utf-8")
               for p in synthetic_tree.rglob("*") if p.is_file()}
    golden = GOLDEN / "synthetic-160-seed3.sha256"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(_listing(written))
    assert _listing(written).splitlines() == golden.read_text().splitlines(), REGENERATE


def test_generator_makes_the_recorded_trees():
    made = "".join(f"{hashlib.sha256(_listing(synthetic.generate(n, seed)).encode()).hexdigest()}  n={n} seed={seed}\n"
                   for n, seed in GOLDEN_TREES)
    golden = GOLDEN / "synthetic-trees.sha256"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(made)
    assert made.splitlines() == golden.read_text().splitlines(), REGENERATE


def test_the_runtime_package_does_not_import_the_generator():
    for path in (ROOT / "dossier").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module]
            else:
                continue
            assert not any(m.split(".")[0] in ("scripts", "synthetic") for m in modules), path


def test_kinds_are_mixed_like_a_dossier():
    counts = synthetic.counts(10_000)
    assert sum(counts.values()) == 10_000
    assert counts == {"event": 3500, "person": 2500, "source": 1500, "group": 1000, "place": 700, "faction": 500, "narrative": 300}
    assert sum(synthetic.counts(synthetic.MIN_ENTITIES).values()) == synthetic.MIN_ENTITIES
    with pytest.raises(ValueError):
        synthetic.counts(synthetic.MIN_ENTITIES - 1)


def test_synthetic_tree_has_what_the_checks_are_about(synthetic_tree):
    records, texts = pipeline.validate(synthetic_tree)  # raises on any problem
    by_kind = {}
    for r in records:
        by_kind.setdefault(r.kind, []).append(r)
    assert len(records) == 160 and set(by_kind) == set(synthetic.MIX)
    chiefs = {}
    for p in by_kind["person"]:
        for role in p.entity.roles:
            if role.office == "chief":
                chiefs.setdefault(role.group, []).append(role)
    assert len(chiefs["iskp"]) >= 3  # a succession, checked for overlaps by the validation above
    assert all(f.entity.parent for f in by_kind["faction"])
    assert any(e.entity.attributions and e.entity.casualties for e in by_kind["event"])
    assert all(len(n.entity.versions) >= 2 for n in by_kind["narrative"])
    assert any(p.entity.within for p in by_kind["place"])
    quoted = [c for r in records for _loc, c in r.citations if c.quote]
    assert len(quoted) > 100 and texts
    assert any(isinstance(c.quote, list) for c in quoted)
    for c in quoted:  # every quote is cut from its archived text
        text = texts[f"{c.source}.txt"]
        assert all(text.contains(f) for f in c.fragments)


# -- the benchmark -----------------------------------------------------------------------------------

def test_benchmark_prints_one_json_line_per_size(tmp_path):
    result = subprocess.run(BENCH + ["--sizes", "30,60", "--validate-only-size", "90", "--preview-size", "0", "--workdir", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["entities"], x["mode"]) for x in lines] == [(30, "full"), (60, "full"), (90, "validate-only")]
    small, large, validate_only = lines
    for line in (small, large):
        for key in ("pages", "validate_s", "generate_s", "mkdocs_build_s", "site_bytes", "search_index_bytes",
                    "peak_rss_mb", "generator_share", "median_html_kb", "total_s"):
            assert line[key] > 0, key
        assert line["html_pages"] > line["entities"]
        assert line["generator_share"] == pytest.approx((line["validate_s"] + line["generate_s"]) / line["mkdocs_build_s"], abs=0.01)
        assert line["site_bytes"] > line["search_index_bytes"]
        assert 5 < line["peak_rss_mb"] < 4000
    assert large["growth_vs_linear"] == pytest.approx((large["total_s"] / small["total_s"]) / 2, abs=0.01)
    assert "growth_vs_linear" not in small
    assert validate_only["validate_s"] > 0 and "mkdocs_build_s" not in validate_only
    assert list(tmp_path.iterdir()) == []  # scratch trees removed


def test_benchmark_times_edit_to_preview_for_both_builders(tmp_path):
    # The preview (scripts/serve.py) with each builder's server, at the smallest size: a note
    # edit is regenerated incrementally, a name edit fully, and both reach the served page.
    # Fails if a note edit is regenerated in full (`incremental.plan` returning everything: the
    # benchmark stops, "not regenerated incrementally"), if a builder's server never shows an edit
    # (the preview writing into a folder its server does not watch), or if serve.py's event lines
    # lose a field the benchmark reads.
    result = subprocess.run(BENCH + ["--sizes", "", "--validate-only-size", "0", "--preview-size", "30", "--workdir", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["mode"], x["builder"], x["entities"]) for x in lines] == [("preview", "mkdocs", 30), ("preview", "zensical", 30)]
    for line in lines:
        assert "error" not in line, line
        for key in ("ready_s", "first_generation_s", "note_edit_s", "note_generate_s", "note_cpu_s", "note_downloads_s",
                    "name_edit_s", "name_index_s", "name_generate_s", "name_cpu_s"):
            assert line[key] > 0, key
        assert 0 < line["note_files_written"] < line["name_files_written"]
        assert line["note_generate_s"] < line["note_edit_s"] and line["name_generate_s"] < line["name_edit_s"]
        assert line["incremental_vs_full"] == pytest.approx(line["note_generate_s"] / line["first_generation_s"], abs=0.01)
    assert list(tmp_path.iterdir()) == []


# -- fast paths agree with the reference paths ---------------------------------------------------------

TRICKY_YAML = [
    "id: x\nname: a\n", "# yaml-language-server: $schema=../../schemas/person.schema.json\nid: x\n",
    "id: x\nname: a # comment\n", "id: x\n# own line\nname: a\n", "  # indented first line\nid: x\n",
    "id: x\nname: &a Bob\nalias: *a\n", "id: x\nname: !!str 12\n", "id: x\nname: ! x\n", "id: x\nname: !evil x\n",
    "id: x\nid: y\n", "? [a, b]\n: c\n", "id: x\n---\nid: y\n", "--- \nid: x\n...\n", "", "# only\n", "x\n", "[a, b]\n",
    "id: x\nname:\n", "id: x\nname: ~\nb: null\nc: 'null'\nd: \"\"\ne: NULL\n", "id: x\nname: \"e\u0301\"\n",
    "id: x\r\nname: y\r\n", "id: x\nnotes: [{text: a, sources: [{source: b}]}]\n", "id: x\n\tname: y\n",
    "id: x\nname: a\tb\n", "id: x\nname: 'it''s'\nq: \"say \\\"x\\\"\"\n", "id: x\nname: |\n  line\n  two\n",
    "id: x\nname: >\n  folded\n  text\n", "id: x\nname: 'unclosed\n", "id: x\nname: a: b\n",
    "id: x\nnotes: " + "[" * 20 + "]" * 20 + "\n", "id: x\nl:\n" + "".join("  " * i + "- \n" for i in range(20)),
    "id: x\n- item\n", "id: x\nlist:\n- a\n-  b\n- - c\n  - d\n", "{id: x, name: y}\n", "id: x\nname: a\u00a0b\n",
    "id: x\nname: \"a \ufffe b\"\n", "id: x\nname: a\uffff\n",  # non-characters: refused, not a crash
]


def _both_paths(text: str):
    fast = yamlsafe.parse_yaml(text, "x.yml")
    original, yamlsafe._read_fast = yamlsafe._read_fast, lambda _text: None
    try:
        slow = yamlsafe.parse_yaml(text, "x.yml")
    finally:
        yamlsafe._read_fast = original

    def comparable(result):
        doc, problems = result
        return (doc.data, doc.positions, doc.comments) if doc else None, [str(p) for p in problems]
    return comparable(fast), comparable(slow)


@pytest.mark.parametrize("text", TRICKY_YAML)
def test_libyaml_path_reads_tricky_yaml_like_the_python_path(text):
    fast, slow = _both_paths(text)
    assert fast == slow


def test_libyaml_path_reads_every_entity_file_like_the_python_path(synthetic_tree):
    files = sorted(FIXTURE.rglob("*.yml")) + sorted((ROOT / "entities").rglob("*.yml"))[:150] + sorted(synthetic_tree.rglob("*.yml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert sum(yamlsafe._read_fast(t) is not None for t in texts) > len(texts) * 0.9  # the fast path is really taken
    rng = random.Random(7)
    pieces = list(":-'\"[]{}&*!|>?,%@` #~\\") + ["\n", "  ", "- ", ": ", "\n  ", "\t", "\r\n", "---", "&a ", "*a", "e\u0301", "null", "? "]
    for text in texts:
        fast, slow = _both_paths(text)
        assert fast == slow
        chars = list(text)  # and a few random edits of it, valid YAML or not
        for _ in range(rng.randint(1, 3)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(pieces))
        fast, slow = _both_paths("".join(chars))
        assert fast == slow, "".join(chars)


def test_plain_dates_are_bounded_like_the_edtf_parser():
    from edtf import parse_edtf
    values = [f"{y}{q}" for y in (1000, 1999, 2000, 2019, 2100, 2999) for q in ("", "~", "?", "%")]
    values += [f"{y}-{m:02d}{q}" for y in (1900, 2000, 2019, 2020) for m in range(0, 26) for q in ("", "~", "?")]
    values += [f"{y}{yq}-{m:02d}-{d:02d}{q}" for y in (1900, 2000, 2019, 2020) for m in (1, 2, 4, 12, 13, 22)
               for d in (0, 1, 28, 29, 30, 31, 32) for q in ("", "~") for yq in ("", "?")]
    values += [f"[{a},{b}]" for a in (2014, 2015) for b in (2014, 2015, 2016)]
    fast = 0
    for value in values:
        bounds = dates._fast_bounds(value)
        if bounds is None:
            continue
        fast += 1
        dates.parse.__wrapped__(value)  # the reference path accepts it too
        obj = parse_edtf(value)
        assert bounds == (tuple(obj.lower_strict()[:3]), tuple(obj.upper_strict()[:3])), value
    assert fast > 300  # most plain values take the fast path


def test_quote_folding_matches_its_definition():
    rng = random.Random(1)
    alphabet = list("ab -\n\t `'\"") + ["\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u00ad", "\u00a0",
                                        "\u2009", "\u202f", "\r\n", "  ", "\u2212", "\x1c", "\u3000", "é"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        reference = quotes._SPACE.sub(" ", quotes._HYPHEN.sub("", text.translate(quotes._CHAR_FOLDS))).strip()
        assert quotes.fold(text) == reference, repr(text)
        folded, offsets = quotes._fold_with_offsets(text)
        assert folded == reference and len(offsets) == len(folded), repr(text)
        for i, ch in enumerate(folded):  # each folded character comes from its offset
            source = text[offsets[i]]
            assert ch == " " and (source.isspace() or quotes._CHAR_FOLDS.get(ord(source)) == " ") or \
                ch == (quotes._CHAR_FOLDS.get(ord(source)) or source), (repr(text), i)


def test_spans_point_at_the_quoted_words_of_every_archived_text(synthetic_tree):
    records, texts = pipeline.validate(synthetic_tree)
    for r in records:
        for _loc, c in r.citations:
            for fragment in c.fragments:
                text = texts[f"{c.source}.txt"]
                start, end = text.span(fragment)
                assert quotes.fold(text.text[start:end]) == quotes.fold(fragment)


def test_one_walk_finds_what_the_three_walks_find(synthetic_tree):
    records = load_tree(synthetic_tree).records + load_tree(FIXTURE).records
    for r in records:
        assert r.refs == list(walk_reference.iter_refs(r.entity))
        assert r.wikilinks == list(walk_reference.iter_wikilinks(r.entity))
        assert r.citations == list(walk_reference.iter_citations(r.entity))


def test_loading_leaves_no_cycles_for_the_paused_collector(synthetic_tree):
    """Loading pauses the cycle collector (load.gc_paused): safe only if nothing it builds is cyclic,
    so that everything goes as soon as it is dropped. Fails if a record, Document or loader keeps a
    reference cycle (e.g. a YAML loader not disposed of)."""
    code = (
        "import gc, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); from dossier import pipeline\n"
        "pipeline.validate(Path(sys.argv[2])); gc.collect()\n"
        "for _ in range(3): pipeline.validate(Path(sys.argv[2]))\n"
        "print(gc.collect())\n")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT), str(synthetic_tree)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == 0