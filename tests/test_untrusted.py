"""A pull request is hostile until proven otherwise: its links, devices, folders, file names, sizes
and decoded values. Each test here failed on the code before issue 12; the comment on each names
the broken implementation it catches.

The build is run as contributors and CI run it (`scripts/build_pages.py --root <tree>`), in
process for speed: the exit status, what it printed, and whether anything was written.
"""
from __future__ import annotations

import contextlib
import re
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, ROOT, problems_of
from dossier.errors import Problem
from dossier.load import schema_line
from scripts import build_pages

P = "entities/people/hafiz-example.yml"
SECRET = "DOSSIER-SECRET-4f1c"  # what a file outside the project holds; it must never reach the output


def run_build(root: Path, *args: str, github: bool = False) -> tuple[int, str, str]:
    """`build_pages.py --root root`: (exit status, stdout, stderr). An exception is a traceback."""
    out, err = io.StringIO(), io.StringIO()
    env = {"GITHUB_ACTIONS": "true"} if github else {}
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _env(env):
        status = build_pages.main(["--root", str(root), *args])
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _env(values: dict[str, str]):
    old = {k: os.environ.get(k) for k in [*values, "GITHUB_ACTIONS"]}
    os.environ.pop("GITHUB_ACTIONS", None)
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def assert_refused(root: Path, *expected: str) -> str:
    """The build exits 1, prints each expected text, writes nothing, and shows no secret."""
    status, out, err = run_build(root)
    assert status == 1, (out, err)
    for text in expected:
        assert text in err, err
    assert not (root / "docs" / "dossier").exists(), "nothing may be written"
    assert SECRET not in out + err
    return err


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project with a secret text and a valid-looking entity file."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"{SECRET}\nThe Islamic State's Khorasan Province (IS-KP) announced itself\n")
    (folder / "mallory.yml").write_text(f"{schema_line('person')}\nid: mallory\nname: {SECRET}\n")
    return folder


def _source_naming(tree: Path, text_name: str) -> None:
    (tree / "entities/sources/leak.yml").write_text(
        f"{schema_line('source')}\nid: leak\nname: Leak\nkind: report\narchived_text: {text_name}\n")


# -- 1. nothing outside the repository is read -------------------------------------------------------

@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd", "secret"])
def test_a_linked_archived_text_is_refused_not_read(tree, outside, target):
    """Broken: texts listed with glob() and read with read_text() follow the link and publish the
    build machine's environment (or any file) as a text page."""
    link = tree / "seeds" / "leak.txt"
    link.symlink_to(outside / "secret.txt" if target == "secret" else target)
    _source_naming(tree, "leak.txt")
    assert_refused(tree, "seeds/leak.txt: is a symbolic link")


def test_a_link_to_dev_zero_is_refused_before_it_is_read(tree):
    """Broken: reading first and checking the size after exhausts memory on /dev/zero (the test
    would hang or be killed). The link is refused without being opened."""
    (tree / "seeds" / "zero.txt").symlink_to("/dev/zero")
    _source_naming(tree, "zero.txt")
    assert_refused(tree, "seeds/zero.txt: is a symbolic link")


def test_an_oversized_archived_text_is_refused_by_its_size(tree):
    """Broken: no size limit on texts (a 5 MB text is read whole and folded)."""
    (tree / "seeds" / "huge.txt").write_bytes(b"word " * (1024 * 1024))
    assert_refused(tree, "seeds/huge.txt:1:1: the file is 5120 KB, over the 4096 KB limit")


@pytest.mark.parametrize("where", ["file", "folder", "whole entities folder"])
def test_linked_entity_files_and_folders_are_refused(tree, outside, where):
    """Broken: rglob() + is_file() follow links: a linked file becomes a page, a CSV row and a JSON
    entry; a linked folder brings a whole tree from elsewhere."""
    if where == "file":
        (tree / "entities/people/mallory.yml").symlink_to(outside / "mallory.yml")
        expected = "entities/people/mallory.yml: is a symbolic link"
    elif where == "folder":
        (tree / "entities/people/more").symlink_to(outside)
        expected = "entities/people/more: is a symbolic link"
    else:
        real = tree / "real-entities"
        (tree / "entities").rename(real)
        (tree / "entities").symlink_to(real)
        expected = "entities: is a symbolic link"
    assert_refused(tree, expected)


def test_a_folder_named_like_a_text_gives_a_message_not_a_traceback(tree):
    """Broken: `seeds/x.txt` as a folder raised IsADirectoryError out of read_text()."""
    (tree / "seeds" / "folder.txt").mkdir()
    _source_naming(tree, "folder.txt")
    assert_refused(tree, "seeds/folder.txt: is a folder, where a file is expected")


def test_a_folder_named_like_an_entity_file_is_refused(tree):
    (tree / "entities/people/folder.yml").mkdir()
    assert_refused(tree, "entities/people/folder.yml: is a folder, where a file is expected")


def test_a_named_pipe_is_refused_without_blocking(tree):
    """Broken: opening a FIFO to read it blocks the build for ever (no writer)."""
    os.mkfifo(tree / "entities/people/pipe.yml")
    os.mkfifo(tree / "seeds/pipe.txt")
    assert_refused(tree, "entities/people/pipe.yml: is not a regular file", "seeds/pipe.txt: is not a regular file")


def test_a_link_into_the_generated_folder_is_not_written_through(tree, outside):
    """Broken: sync_tree wrote pages through a committed link in docs/dossier/ (and removed stale
    files there), i.e. outside the project."""
    assert run_build(tree)[0] == 0
    people = tree / "docs/dossier/people"
    shutil.rmtree(people)
    people.symlink_to(outside)
    status, _out, err = run_build(tree)
    assert status == 1 and "is a symbolic link; the generated folder holds only what the generator wrote" in err
    assert sorted(p.name for p in outside.iterdir()) == ["mallory.yml", "secret.txt"]


def test_a_linked_hand_written_page_is_refused_before_mkdocs_runs(tmp_path, outside):
    """Broken: MkDocs follows links in docs/, so a linked page publishes what it points to."""
    from scripts.build_site import unsafe_inputs
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "leak.md").symlink_to(outside / "secret.txt")
    (project / "overrides").mkdir()
    assert unsafe_inputs(project) == ["docs/leak.md: is a symbolic link; links are never followed, so nothing outside "
                                      "the project is read — replace the link with the file itself (or the folder with real files)"]


# -- 7. annotations cannot be forged ---------------------------------------------------------------

def test_a_file_name_cannot_forge_a_workflow_command(tree):
    """Broken: the name went into `::error file=…` as it was, so a newline in it started a forged
    `::warning` command in the CI log. Such names are refused, shown escaped, and every annotation
    property is escaped."""
    (tree / "entities/people" / "x\n::warning file=README.md::forged.yml").write_text("id: x\n")
    status, out, err = run_build(tree, github=True)
    assert status == 1
    assert not any(line.startswith("::warning") for line in out.splitlines() + err.splitlines()), out
    assert "entities/people/x\\n::warning file=README.md::forged.yml: the file name holds control or invisible characters" in err
    assert "::error file=entities/people/x\\n%3A%3Awarning file=README.md%3A%3Aforged.yml,line=1,col=1::" in out


def test_every_annotation_property_and_the_message_are_escaped():
    line = Problem("a,b:c%d\r\ne.yml", 3, 4, "bad: 100% wrong\nnext", "fix, then: retry").github_annotation()
    assert line == "::error file=a%2Cb%3Ac%25d%0D%0Ae.yml,line=3,col=4::bad: 100%25 wrong%0Anext — fix, then: retry"
    assert "\n" not in line and "\r" not in line


# -- 9. the schemas are valid JSON Schema, and every entity file valid under its schema ---------------

def test_every_schema_is_valid_json_schema():
    """Broken: the url pattern's `\\"` is not an ECMA-262 escape in Unicode mode, so editors and
    check-jsonschema rejected schemas/source.schema.json."""
    schemas = sorted(str(p) for p in (ROOT / "schemas").glob("*.schema.json"))
    result = subprocess.run([_tool("check-jsonschema"), "--check-metaschema", *schemas], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("folder,kind", [("people", "person"), ("groups", "group"), ("factions", "faction"), ("events", "event"),
                                         ("places", "place"), ("sources", "source"), ("narratives", "narrative")])
def test_every_entity_file_is_valid_under_its_schema(folder, kind):
    """What an editor checks as the contributor types must agree with the build: fails if a model
    and its generated schema drift apart (a field the build accepts that the schema refuses)."""
    files = sorted(str(p) for base in (ROOT / "entities", FIXTURE / "entities") for p in (base / folder).glob("*.yml"))
    result = subprocess.run([_tool("check-jsonschema"), "--schemafile", str(ROOT / "schemas" / f"{kind}.schema.json"), *files],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


# -- 10. releases are what was tested -----------------------------------------------------------------

def test_generated_pages_are_readable_by_everyone(tree):
    """Broken: mkstemp makes files 0600, so the web server (another user) could not read them."""
    old = os.umask(0o077)  # the most private umask a build machine may have
    try:
        assert run_build(tree)[0] == 0
    finally:
        os.umask(old)
    modes = {oct(p.stat().st_mode & 0o777) for p in (tree / "docs/dossier").rglob("*") if p.is_file()}
    assert modes == {oct(0o644)}


# -- a property: hostile trees never get through, never crash, never write ----------------------------

HOSTILE_EDITS = {
    "linked text": lambda t: ((t / "seeds/env.txt").symlink_to("/proc/self/environ"), _source_naming(t, "env.txt")),
    "linked entity": lambda t: (t / "entities/people/other.yml").symlink_to(t / "entities/people/ann-analyst.yml"),
    "device": lambda t: (t / "seeds/null.txt").symlink_to("/dev/null"),
    "folder as text": lambda t: (t / "seeds/dir.txt").mkdir(),
    "colliding id": lambda t: (t / "entities/places/ann-analyst.yml").write_text(f"{schema_line('place')}\nid: ann-analyst\nname: Ann Town\ntype: town\n"),
    "index id": lambda t: (t / "entities/places/index.yml").write_text(f"{schema_line('place')}\nid: index\nname: Index Town\ntype: town\n"),
    "own former id": lambda t: _append(t / P, "former_ids:\n  - hafiz-example\n"),
    "short quote": lambda t: _replace(t / P, '"Its first chief, Hafiz Example, was killed in a strike in the summer of 2016."', '"the"'),
    "ambiguous quote": lambda t: _replace(t / P, '[ "Hafiz Example, was killed", "in the summer of 2016" ]', '[ "in the summer", "Khorasan Province" ]'),
    "impossible qualified date": lambda t: _replace(t / P, "start: 2015-01", "start: 2015?-02-30"),
    "wide date": lambda t: _replace(t / P, "end: 2016-22", "end: Y170000002"),
    "escaped override": lambda t: _replace(t / P, "name: Hafiz Example", 'name: "Hafiz \\u202eExample"'),
    "escaped bell": lambda t: _replace(t / P, "title: chief", 'title: "chief\\a"'),
    "invisible name": lambda t: _replace(t / P, "name: Abu Example", "name: \u3164"),
    "forging name": lambda t: (t / "entities/people/a\n::warning::x.yml").write_text("id: a\n"),
}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(HOSTILE_EDITS)), min_size=1, max_size=4, unique=True))
def test_hostile_trees_are_refused_with_paths_and_write_nothing(tmp_path_factory, edits):
    """Any mix of hostile changes: exit 1, a `path:…` line for the changed files, nothing written,
    no traceback (an exception out of main() fails the test), no ::warning forged."""
    tree = tmp_path_factory.mktemp("hostile") / "tree"
    shutil.copytree(FIXTURE, tree)
    for name in edits:
        HOSTILE_EDITS[name](tree)
    status, out, err = run_build(tree, github=True)
    assert status == 1, (edits, out, err)
    assert "problem(s); nothing was written." in err
    assert all(line.startswith(("entities", "seeds")) or not line.strip() or "problem(s)" in line
               for line in err.splitlines()), err
    assert not any(line.startswith("::warning") for line in out.splitlines())
    assert not (tree / "docs" / "dossier").exists()


def test_the_fixture_tree_builds(tree):
    """The reference for every test above: the untouched fixture builds."""
    assert problems_of(tree) == []
    assert run_build(tree)[0] == 0


# -- 10. the workflows publish only what was tested, with least privilege ----------------------------
# These read the workflow files: GitHub runs them, this machine cannot. Each rule failed on the
# workflows before issue 12 (tags not SHAs, no timeouts, Pages published untested by a job that
# held `pages: write`).

def _workflows() -> dict[str, dict]:
    import yaml
    return {p.name: yaml.load(p.read_text(), Loader=yaml.BaseLoader) for p in sorted((ROOT / ".github/workflows").glob("*.yml"))}


def test_every_action_is_pinned_by_commit_with_its_version_named():
    for name, text in ((p.name, p.read_text()) for p in sorted((ROOT / ".github/workflows").glob("*.yml"))):
        for line in text.splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d", line), f"{name}: {line.strip()}"


def test_every_job_has_a_timeout_and_its_own_least_permissions():
    for name, flow in _workflows().items():
        assert flow.get("permissions") in ({}, {"contents": "read"}), f"{name}: the workflow-wide token must be read-only or nothing"
        for job_name, job in flow["jobs"].items():
            assert "timeout-minutes" in job, f"{name}/{job_name}"
            writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            if writes:
                assert job_name in ("deploy", "release"), f"{name}/{job_name} may not write {writes}"


def test_only_data_is_open_to_editors_everything_else_needs_a_maintainer():
    # Broken: templates (`overrides/`, which run as code during the build) or hand-written pages
    # (raw HTML) left to the data reviewers, or a catch-all missing so a new folder has no owner.
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]

    def owners(path: str) -> list[str]:  # CODEOWNERS: the last matching pattern wins
        found = []
        for pattern, *who in rules:
            if pattern == "*" or (pattern.startswith("/") and pattern.endswith("/") and path.startswith(pattern[1:])):
                found = who
        return found

    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    for path in tracked + ["overrides/main.html", "docs/leak.md", "mkdocs.yml", "new-folder/x.py"]:
        data = path.startswith(("entities/", "seeds/"))
        assert ("@iskp-dossier/maintainers" in owners(path)) and (("@iskp-dossier/editors" in owners(path)) == data), path


def test_pages_deploy_only_what_passed_the_tests():
    jobs = _workflows()["pages.yml"]["jobs"]
    assert jobs["deploy"]["needs"] == "build" and jobs["build"]["needs"] == "test"
    assert {"make check", "make test"} <= {s.get("run") for s in jobs["test"]["steps"]}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert _workflows()["release.yml"]["jobs"]["release"]["needs"] == "test"
