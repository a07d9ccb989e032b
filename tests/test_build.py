"""The generator end to end: pages, golden output per kind, incremental and atomic writes, MkDocs."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BUILD = [sys.executable, str(ROOT / "scripts" / "build_pages.py")]
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_PAGES = {
    "person": "people/hafiz-example.md", "group": "groups/khorasan-province.md",
    "faction": "factions/northern-faction.md", "event": "events/2017-market-attack.md",
    "place": "places/example-city.md", "source": "sources/sample-report.md",
    "narrative": "narratives/market-attack-responsibility.md", "text": "texts/sample-report.md",
}


def run(args, root: Path, **env):
    return subprocess.run(BUILD + ["--root", str(root)] + args, capture_output=True, text=True,
                          env={**os.environ, **env})


def tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generates_a_page_per_entity_and_an_index_per_kind(tree):
    result = run([], tree)
    assert result.returncode == 0, result.stderr
    out = tree / "docs" / "dossier"
    for page in GOLDEN_PAGES.values():
        assert (out / page).is_file(), page
    for folder in ("people", "groups", "factions", "events", "places", "sources", "narratives"):
        assert (out / folder / "index.md").is_file()


@pytest.mark.parametrize("kind", sorted(GOLDEN_PAGES))
def test_golden_page(tree, kind):
    assert run([], tree).returncode == 0
    produced = (tree / "docs" / "dossier" / GOLDEN_PAGES[kind]).read_text()
    golden = GOLDEN / f"{kind}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced)
    assert produced == golden.read_text(), f"regenerate with UPDATE_GOLDEN=1 pytest {__file__} if the change is intended"


def test_second_run_writes_nothing_and_keeps_mtimes(tree):
    assert run([], tree).returncode == 0
    out = tree / "docs" / "dossier"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    result = run([], tree)
    assert "(0 written, 0 removed)" in result.stdout
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}


def test_stale_pages_removed_and_handwritten_pages_untouched(tree):
    hand = tree / "docs" / "about.md"
    hand.parent.mkdir(parents=True, exist_ok=True)
    hand.write_text("# Written by hand\n")
    assert run([], tree).returncode == 0
    (tree / "entities" / "places" / "example-city.yml").unlink()
    event = tree / "entities" / "events" / "2017-market-attack.yml"
    event.write_text(event.read_text().replace("places:\n  - example-city\n", ""))
    result = run([], tree)
    assert result.returncode == 0, result.stderr
    assert not (tree / "docs" / "dossier" / "places" / "example-city.md").exists()
    assert hand.read_text() == "# Written by hand\n"


def test_a_failed_run_leaves_the_previous_output_as_it_was(tree):
    assert run([], tree).returncode == 0
    out = tree / "docs" / "dossier"
    before = tree_hash(out)
    person = tree / "entities" / "people" / "hafiz-example.yml"
    person.write_text(person.read_text().replace("name: Hafiz Example", "name: Hafiz Changed\nbogus: 1"))
    result = run([], tree)
    assert result.returncode == 1
    assert "unknown field `bogus`" in result.stderr and "nothing was written" in result.stderr
    assert tree_hash(out) == before


def test_check_validates_without_writing(tree):
    result = run(["--check"], tree)
    assert result.returncode == 0 and "ok:" in result.stdout
    assert not (tree / "docs" / "dossier").exists()


def test_refuses_to_write_into_a_folder_it_does_not_own(tree):
    foreign = tree / "docs" / "dossier"
    foreign.mkdir(parents=True)
    (foreign / "notes.md").write_text("mine")
    result = run([], tree)
    assert result.returncode != 0
    assert (foreign / "notes.md").read_text() == "mine"


def test_github_actions_annotations(tree):
    person = tree / "entities" / "people" / "hafiz-example.yml"
    person.write_text(person.read_text().replace("title: chief", "title: chief\n    bogus: 1"))
    result = run(["--check"], tree, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    assert "::error file=entities/people/hafiz-example.yml,line=16,col=5::unknown field `bogus`" in result.stdout


def test_committed_schemas_match_the_models(tmp_path):
    from dossier import schema
    assert schema.sync(ROOT / "schemas", write=False) == [], "run `make schemas` and commit"
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "schemas" / "person.schema.json").write_text("{}\n")
    assert schema.sync(tmp_path / "schemas", write=False) == ["person.schema.json"]


def _site_project(tree: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tree / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "assets", tree / "docs" / "assets", dirs_exist_ok=True)
    (tree / "docs" / "index.md").write_text("# Fixture\n\n[People](dossier/people/index.md)\n")
    shutil.copytree(ROOT / "scripts", tree / "scripts")
    shutil.copytree(ROOT / "dossier", tree / "dossier", ignore=shutil.ignore_patterns("__pycache__"))


def test_mkdocs_strict_build_of_the_fixture_and_no_lost_site_on_failure(tree):
    _site_project(tree)
    assert run([], tree).returncode == 0
    site = [sys.executable, str(tree / "scripts" / "build_site.py")]
    result = subprocess.run(site, cwd=tree, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = tree / "site" / "dossier" / "people" / "hafiz-example" / "index.html"
    assert "Hafiz Example" in page.read_text()
    before = tree_hash(tree / "site")
    (tree / "docs" / "index.md").write_text("# Fixture\n\n[Broken](dossier/people/nobody.md)\n")
    result = subprocess.run(site, cwd=tree, capture_output=True, text=True)
    assert result.returncode != 0
    assert tree_hash(tree / "site") == before
    assert not list(tree.glob(".site-*"))


def test_the_real_dossier_builds_strictly(tmp_path):
    """The project's own entities, generated into a scratch copy and built by MkDocs --strict."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "site", ".git", "dist", "test-artifacts", "__pycache__", ".site-*"))
    shutil.rmtree(copy / "docs" / "dossier", ignore_errors=True)
    result = run([], copy)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, str(copy / "scripts" / "build_site.py")], cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (copy / "site" / "dossier" / "groups" / "iskp" / "index.html").is_file()
