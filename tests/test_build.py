"""The generator end to end: pages, golden output per kind, incremental and atomic writes, MkDocs."""
from __future__ import annotations

import hashlib
import os
import re
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
    if os.environ.get("UPDATE_GOLDEN") and produced != golden.read_text():
        golden.write_text(produced)
        pytest.fail(f"{golden.name} rewritten: review `git diff {golden.relative_to(ROOT)}`, then run again without UPDATE_GOLDEN")
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
    assert "::error file=entities/people/hafiz-example.yml,line=17,col=5::unknown field `bogus`" in result.stdout


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
    if (ROOT / "overrides").is_dir():  # mkdocs.yml's theme.custom_dir
        shutil.copytree(ROOT / "overrides", tree / "overrides")


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


def test_the_real_dossier_builds_strictly(real_site):
    """The project's own entities, generated into a scratch copy and built by MkDocs --strict (the
    session's build: `real_project` fails the run if `make site` does)."""
    assert (real_site / "dossier" / "groups" / "iskp" / "index.html").is_file()
    assert len(list(real_site.rglob("*.html"))) > 400


def test_no_source_label_says_its_date_twice(real_project):
    # Broken: a short reference label built as "name, date" for a source whose name already ends
    # with its date ("Interview with Antonio Giustozzi, 6 May 2020, 6 May 2020").
    twice = re.compile(r"(\d{1,2} [A-Z][a-z]+ \d{4}), \1\b")
    found = [f"{p.name}: {m.group(0)}" for p in (real_project / "docs").rglob("*.md")
             for m in twice.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found[:5]


# -- no lost work: a failed generator run or site build leaves the previous output as it was ----

import errno  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

from sitebuild import build_env, build_pages, build_site, make_project, make_site  # noqa: E402

HOOK = """
import os, pathlib, time

def on_post_build(config, **kwargs):  # every page is written into the temporary folder by now
    if "HOOK_SENTINEL" not in os.environ:
        return
    pathlib.Path(os.environ["HOOK_SENTINEL"]).write_text(str(os.getpid()))
    if os.environ.get("HOOK_MODE") == "raise":
        raise RuntimeError("a plugin failed")
    time.sleep(120)
"""


@pytest.fixture
def built_project(tmp_path):
    """The fixture project generated and built once, with a hook MkDocs runs after writing pages
    (idle unless HOOK_SENTINEL is set)."""
    project = make_project(tmp_path / "p")
    make_site(project)
    (project / "hooks").mkdir()
    (project / "hooks" / "post_build.py").write_text(HOOK)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nhooks:\n  - hooks/post_build.py\n")
    return project


def _start_build(project: Path, sentinel: Path, mode: str = "sleep"):
    env = build_env(HOOK_SENTINEL=str(sentinel), HOOK_MODE=mode)
    proc = subprocess.Popen([sys.executable, str(project / "scripts" / "build_site.py")], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    for _ in range(600):
        if sentinel.exists() and sentinel.read_text():
            return proc, int(sentinel.read_text())
        if proc.poll() is not None:
            raise AssertionError(f"the build ended before the hook ran: {proc.stderr.read()[-2000:]}")
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("the hook never ran")


def _assert_kept(project: Path, before: dict) -> None:
    assert tree_hash(project / "site") == before
    assert not list(project.glob(".site-*")), list(project.glob(".site-*"))


def test_site_kept_when_mkdocs_is_killed_midway(built_project, tmp_path):
    before = tree_hash(built_project / "site")
    proc, mkdocs_pid = _start_build(built_project, tmp_path / "sentinel")
    assert (built_project / ".site-build-site" / "index.html").exists()  # the new site was half in place
    os.kill(mkdocs_pid, signal.SIGKILL)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "left as it was" in err
    _assert_kept(built_project, before)


def test_site_kept_when_the_build_is_interrupted(built_project, tmp_path):
    before = tree_hash(built_project / "site")
    for number, sig in enumerate((signal.SIGTERM, signal.SIGINT)):
        proc, mkdocs_pid = _start_build(built_project, tmp_path / f"sentinel-{number}")
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode != 0 and "left as it was" in err, err
        _assert_kept(built_project, before)
        with pytest.raises(ProcessLookupError):  # MkDocs did not outlive it
            for _ in range(50):
                os.kill(mkdocs_pid, 0)
                time.sleep(0.1)


def test_site_kept_when_the_build_is_killed_and_the_next_build_recovers(built_project, tmp_path):
    before = tree_hash(built_project / "site")
    proc, mkdocs_pid = _start_build(built_project, tmp_path / "sentinel")
    os.killpg(proc.pid, signal.SIGKILL)  # no clean-up at all, as on a power cut
    proc.communicate(timeout=60)
    assert tree_hash(built_project / "site") == before
    result = build_site(built_project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not list(built_project.glob(".site-*"))
    assert tree_hash(built_project / "site") == before  # same inputs, same bytes


def test_site_kept_when_a_plugin_fails(built_project, tmp_path):
    before = tree_hash(built_project / "site")
    proc, _pid = _start_build(built_project, tmp_path / "sentinel", mode="raise")
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "left as it was" in err
    _assert_kept(built_project, before)


def _build_site_module(project: Path):
    spec = importlib.util.spec_from_file_location("build_site_under_test", project / "scripts" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_site_kept_when_the_swap_fails(tmp_path, monkeypatch):
    """The disk turns read-only (or fills) between the two renames of the swap."""
    module = _build_site_module(ROOT)
    dest, tmp, old = tmp_path / "site", tmp_path / ".site-build-site", tmp_path / ".site-old-site"
    dest.mkdir()
    (dest / "index.html").write_text("previous")
    tmp.mkdir()
    (tmp / "index.html").write_text("new")
    real_rename = Path.rename

    def rename(self, target):
        if self == tmp:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_rename(self, target)
    monkeypatch.setattr(Path, "rename", rename)
    assert module.swap(tmp, dest, old) == 1
    assert (dest / "index.html").read_text() == "previous" and not old.exists()


def test_a_site_left_under_its_old_name_is_recovered(tmp_path):
    module = _build_site_module(ROOT)
    dest, old = tmp_path / "site", tmp_path / ".site-old-site"
    old.mkdir()
    (old / "index.html").write_text("previous")
    module.recover(dest, old)
    assert (dest / "index.html").read_text() == "previous" and not old.exists()


def _change_every_page(tree: Path) -> None:
    """Rename every entity (places keep their names, which events' quotes must name; their pages
    change with the names of the events and groups on them)."""
    for path in (tree / "entities").rglob("*.yml"):
        if path.parent.name == "places":
            continue
        text = path.read_text()
        path.write_text(re.sub(r"^name: (.*)$", r"name: \1 changed", text, count=1, flags=re.M))


def test_generator_disk_full_changes_nothing(tree, monkeypatch, capsys):
    """Disk full after a few pages are written: no page changes, no temporary file stays."""
    assert run([], tree).returncode == 0
    out = tree / "docs" / "dossier"
    before = tree_hash(out)
    _change_every_page(tree)
    from dossier import write
    real = write.tempfile.mkstemp
    calls = []

    def mkstemp(*args, **kwargs):
        calls.append(1)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)
    monkeypatch.setattr(write.tempfile, "mkstemp", mkstemp)
    build_pages_module = importlib.import_module("scripts.build_pages")
    assert build_pages_module.main(["--root", str(tree)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert len(calls) > 3
    assert tree_hash(out) == before


def test_generator_folder_in_the_way_changes_nothing(tree):
    assert run([], tree).returncode == 0
    out = tree / "docs" / "dossier"
    page = out / "people" / "hafiz-example.md"
    page.unlink()
    (page / "inside").mkdir(parents=True)
    before = tree_hash(out)
    _change_every_page(tree)
    result = run([], tree)
    assert result.returncode == 1 and "nothing was changed" in result.stderr, result.stderr
    assert tree_hash(out) == before


def test_generator_refused_a_folder_changes_nothing(tree, monkeypatch):
    """A folder the generator may not write into (read-only, or a full quota) halfway through: the
    files already staged are removed and no page changes. Runs as root too: the refusal is made by
    the file system call itself (a chmod does not stop root). Fails if sync_tree renames staged
    files before all are written, or leaves its temporary files behind."""
    from dossier import write
    assert run([], tree).returncode == 0
    out = tree / "docs" / "dossier"
    before = tree_hash(out)
    _change_every_page(tree)
    from dossier import pipeline, render
    records, texts = pipeline.validate(tree)
    pages = render.site(records, texts)
    real = write.tempfile.mkstemp

    def refuse_people(*args, dir=None, **kwargs):
        if Path(dir).name == "people":
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)
    monkeypatch.setattr(write.tempfile, "mkstemp", refuse_people)
    with pytest.raises(PermissionError):
        write.sync_tree(out, pages)
    assert tree_hash(out) == before


def test_failed_generator_keeps_pages_and_site(tmp_path):
    """`make site` with an invalid entity: the generator stops, so do the pages and the site."""
    project = make_project(tmp_path / "p")
    make_site(project)
    pages, site = tree_hash(project / "docs" / "dossier"), tree_hash(project / "site")
    person = project / "entities" / "people" / "hafiz-example.yml"
    person.write_text(person.read_text().replace("name: Hafiz Example", "name: Hafiz Example\nbogus: 1"))
    assert build_pages(project).returncode == 1
    assert tree_hash(project / "docs" / "dossier") == pages and tree_hash(project / "site") == site


def test_a_page_tells_a_dispute_in_full_once_then_names_it():
    """Broken: every mention printed the dispute's versions in full (the home page told one
    eight-clause dispute five times: 96 000 px on a phone). The first mention on a page gives the
    versions and who holds each; later ones on the same page link the contested claim; another page
    tells it in full again."""
    from dossier import pipeline
    from dossier.link import link
    from dossier.render.context import Page
    from dossier.render.vocabulary import disputed
    from conftest import FIXTURE
    records, texts = pipeline.validate(FIXTURE)
    d = link(records, texts)
    page = Page(d, "groups/khorasan-province.md")
    first, second = disputed(["market-attack-responsibility"], page), disputed(["market-attack-responsibility"], page)
    assert "according to" in first and "see" not in first
    assert second.startswith(" <small>(disputed: see [") and "according to" not in second
    assert "according to" in disputed(["market-attack-responsibility"], Page(d, "people/hafiz-example.md"))


def test_every_link_on_a_map_leads_to_its_sources():
    """Broken: a link between two neighbours of an entity (stated on another page) had no citation
    number on this page and no pointer: the map's panel showed it unsourced (69 of 705 links)."""
    import json as json_
    from conftest import FIXTURE
    from dossier import pipeline, render
    records, texts = pipeline.validate(FIXTURE)
    pages = render.site(records, texts)
    edges = [e for text in pages.values()
             for block in re.findall(r'class="dossier-map-data">(.*?)</script>', text)
             for e in json_.loads(block)["edges"]]
    assert edges and any(not e["cites"] for e in edges)  # the fixture has such links
    for e in edges:
        assert e["cites"] or (e.get("at") and e["at"][1].endswith("/")), e
