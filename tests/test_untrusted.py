"""A pull request is hostile until proven otherwise: its links, devices, folders, file names, sizes
and decoded values. Each test here failed on the code before issue 12 (those of section 1b, on the
code before the review of what the build scripts write); the comment on each names the broken
implementation it catches.

The build is run as contributors and CI run it (`scripts/build_pages.py --root <tree>`), in
process for speed: the exit status, what it printed, and whether anything was written.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE, ROOT, problems_of
from dossier.errors import Problem, printable
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


# -- 1b. nothing outside the repository is written, deleted or read by the site builds ---------------
# A pull request can commit a link where a build writes (site/, its temporary names, dist/'s zip,
# Zensical's configuration and cache, docs/dossier/) or where MkDocs reads (a dot-named link under
# docs/ is read by a snippet, followed by a template include, walked for ever). Each is refused
# before anything runs, naming the path; the folder outside (`outside`) is left exactly as it was.

def _files_in(folder: Path) -> dict[str, bytes]:
    """What a folder holds, links not followed: to show that nothing in it was written or deleted."""
    found = {}
    for here, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(here) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def _run_script(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """A build script as make runs it, with this checkout's package."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, str(script), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture
def site_project(tmp_path: Path) -> Path:
    """The smallest project scripts/build_site.py builds, with either builder: one page, a snippet."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Index\n")
    (project / "mkdocs.yml").write_text("site_name: Test\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n")
    (project / "zensical.yml").write_text("INHERIT: mkdocs.yml\nsite_dir: site-zensical\n")
    return project


@pytest.mark.parametrize("link,builder", [("site", "mkdocs"), (".site-build-site", "mkdocs"), (".site-old-site", "mkdocs"),
                                          ("site-zensical", "zensical"), (".zensical-build.yml", "zensical"), (".cache", "zensical")])
def test_a_linked_output_path_is_refused_before_anything_is_touched(site_project, outside, link, builder):
    """Broken: `shutil.rmtree(tmp, ignore_errors=True)` does nothing to a link, so MkDocs emptied and
    filled the folder `.site-build-site` points to, and the link was swapped in as site/; `--dest`
    was resolved, so a linked site/ was swapped out and deleted where it pointed; a linked previous
    site was "recovered" as site/; Zensical's configuration was written with write_text(), through
    the link, and its cache filled the linked folder."""
    (site_project / link).symlink_to(outside / "secret.txt" if link.endswith(".yml") else outside)
    before = _files_in(outside)
    config, dest = ("zensical.yml", "site-zensical") if builder == "zensical" else ("mkdocs.yml", "site")
    result = _run_script(ROOT / "scripts/build_site.py", "--builder", builder, "--config", str(site_project / config),
                         "--dest", str(site_project / dest), cwd=site_project)
    assert _files_in(outside) == before and (site_project / link).is_symlink()
    assert result.returncode == 1, result.stderr[-3000:]
    assert f"{link}: is a symbolic link; the build never writes through a link" in result.stderr
    assert "nothing was built" in result.stderr and "Traceback" not in result.stderr


def test_stale_work_paths_are_removed_or_refused_without_following_links(tmp_path, outside):
    """Behind the refusals above, the writing itself follows no link. Broken: `shutil.rmtree(link,
    ignore_errors=True)` leaves the link for MkDocs to build through; write_text() or
    ZipFile(path, "w") over a stale name write into the file it points to."""
    from dossier.write import open_new, remove
    before = _files_in(outside)
    stale = tmp_path / ".site-build-site"
    stale.symlink_to(outside)
    remove(stale)
    assert not stale.is_symlink() and _files_in(outside) == before
    stale = tmp_path / "bundle.zip.tmp"
    stale.symlink_to(outside / "secret.txt")
    with pytest.raises(FileExistsError):
        open_new(stale)
    assert _files_in(outside) == before
    stale.unlink()
    stale.write_bytes(b"left by a run that was killed")
    with open_new(stale) as out:
        out.write(b"new")
    assert stale.read_bytes() == b"new"


def test_links_and_pipes_the_builders_would_follow_are_refused_whatever_their_names(tmp_path, outside):
    """Broken: unsafe_inputs listed docs/ and overrides/ with list_files(), which skips dot-files
    and folders named like input files, and left offline/ out: `docs/.secret -> /etc/passwd` was
    published by a `--8<-- ".secret"` snippet, `overrides/.etc -> /etc` let a template include any
    file, `docs/.self -> /proc/self` made MkDocs walk for ever, `docs/.loop -> .` crashed the
    offline copy with a traceback, and a linked offline/iframe-worker-shim.js was shipped."""
    from scripts.build_site import unsafe_inputs
    project = tmp_path / "project"
    for folder in ("docs", "overrides", "offline"):
        (project / folder).mkdir(parents=True)
    (project / "docs/.secret").symlink_to("/etc/passwd")
    (project / "docs/.self").symlink_to("/proc/self")
    (project / "docs/.loop").symlink_to(".")
    os.mkfifo(project / "docs/.pipe")
    (project / "docs/notes.txt").mkdir()  # a folder named like a file is looked into as well
    (project / "docs/notes.txt/page.md").symlink_to(outside / "secret.txt")
    (project / "overrides/.etc").symlink_to("/etc")
    (project / "offline/iframe-worker-shim.js").symlink_to(outside / "secret.txt")
    found = unsafe_inputs(project)
    assert [line.partition(": ")[0] for line in found] == [
        "docs/.loop", "docs/.pipe", "docs/.secret", "docs/.self", "docs/notes.txt/page.md", "overrides/.etc",
        "offline/iframe-worker-shim.js"], found
    assert "docs/.pipe: is not a regular file" in "\n".join(found)


def test_a_dot_named_linked_snippet_is_not_published(site_project, outside):
    """Broken: as above, through the whole build: the page showed the linked file's text."""
    (site_project / "docs/.secret").symlink_to(outside / "secret.txt")
    (site_project / "docs/leak.md").write_text('# Leak\n\n--8<-- ".secret"\n')
    result = _run_script(ROOT / "scripts/build_site.py", "--config", str(site_project / "mkdocs.yml"), "--dest", str(site_project / "site"),
                         cwd=site_project)
    assert not any(SECRET in p.read_text() for p in site_project.rglob("*.html")), "the linked file was published"
    assert result.returncode == 1 and "docs/.secret: is a symbolic link" in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and not (site_project / "site").exists()


@pytest.mark.parametrize("link", ["offline/iframe-worker-shim.js", "dist/iskp-dossier-offline.zip.tmp", "docs/.loop"])
def test_the_offline_build_refuses_links_where_it_reads_and_writes(tmp_path, outside, link):
    """Broken: the offline build copied offline/'s shim with shutil.copy (following the link: the
    linked file was shipped in the bundle), wrote the zip through a linked `.zip.tmp` (overwriting
    the file it points to, ~/.bashrc say), and copied docs/ with copytree following links (a link
    to its own folder: shutil.Error and a traceback)."""
    from sitebuild import make_project
    project = make_project(tmp_path / "p")
    (project / "dist").mkdir()
    (project / link).unlink(missing_ok=True)
    (project / link).symlink_to("." if link == "docs/.loop" else outside / "secret.txt")
    before = _files_in(outside)
    result = _run_script(project / "scripts/build_offline.py", cwd=project)  # it builds the project it is in
    assert _files_in(outside) == before and not (project / "dist/iskp-dossier-offline.zip").exists()
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1 and f"{link}: is a symbolic link" in result.stderr, result.stderr[-3000:]


@pytest.mark.parametrize("link", ["docs/dossier", "docs"])
def test_a_linked_generated_folder_or_a_parent_of_it_is_refused_before_writing(tree, outside, link):
    """Broken: sync_tree checked for links inside docs/dossier but not the folder itself or its
    parents: the pages were written where the link points, and the files there removed as stale
    when it held the generator's marker."""
    (outside / ".generated-by-build-pages").write_text("")
    (tree / link).parent.mkdir(parents=True, exist_ok=True)
    (tree / link).symlink_to(outside)
    before = _files_in(outside)
    status, out, err = run_build(tree)
    assert _files_in(outside) == before
    assert status == 1 and f"{link}: is a symbolic link; the build never writes through a link" in err, (out, err)
    assert "nothing was written" in err


def _saved_document(tmp_path: Path) -> str:
    document = tmp_path / "saved.txt"
    document.write_text("A wire report\n\nThe Islamic State's Khorasan Province claimed the attack on Tuesday, officials said.\n")
    return str(document)


@pytest.mark.parametrize("attack", ["oversized text", "linked seeds folder", "linked sources folder"])
def test_make_source_reads_and_writes_only_inside_the_project(tree, outside, tmp_path, attack):
    """Broken: an archived text over the size limit raised UnsafeFile out of main() (a traceback);
    a linked seeds/ or entities/sources/ received the new files (create_together writes through
    folders as it finds them). Links, devices and pipes in seeds/ are skipped unread, as before."""
    from scripts import add_source
    (tree / "seeds/zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tree / "seeds/pipe.txt")
    if attack == "oversized text":
        (tree / "seeds/huge.txt").write_bytes(b"word " * (1024 * 1024))
        expected = "seeds/huge.txt:1:1: the file is 5120 KB, over the 4096 KB limit"
    else:
        folder = tree / ("seeds" if attack == "linked seeds folder" else "entities/sources")
        shutil.rmtree(folder)
        folder.symlink_to(outside)
        expected = f"{folder.relative_to(tree)}: is a symbolic link"
    before, before_tree = _files_in(outside), _files_in(tree)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = add_source.main([_saved_document(tmp_path), "--id", "wire-report", "--root", str(tree), "--archived-on", "2026-12-01"])
    assert _files_in(outside) == before and _files_in(tree) == before_tree
    assert status == 1 and expected in err.getvalue() and "nothing was written." in err.getvalue(), err.getvalue()


def test_make_new_writes_only_inside_the_project(tree, outside):
    """Broken: new_entity made the file in entities/<kind>/ as it found it: a linked folder took it
    outside the project."""
    from scripts import new_entity
    shutil.rmtree(tree / "entities/people")
    (tree / "entities/people").symlink_to(outside)
    before = _files_in(outside)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = new_entity.main(["person", "Jane Example", "--root", str(tree)])
    assert _files_in(outside) == before
    assert status == 1 and "entities/people: is a symbolic link" in err.getvalue(), err.getvalue()


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


FORGED = "Aslam Farooqi\n::warning file=README.md,line=1::forged\n::add-mask::x"


def _lines_start_with_data(out: str, err: str) -> list[str]:
    """Lines of the output (split at every line break a terminal or log viewer may honour) that
    start with anything but a path, the count line or our own `::error`."""
    return [line for line in out.splitlines() + err.splitlines()
            if line.strip() and not line.startswith(("entities/", "seeds/", "::error file=entities/"))
            and "problem(s); nothing was written" not in line]


def test_a_value_cannot_forge_a_workflow_command(tree):
    """Broken: problems printed with print(problem): a message that quotes a value (a quote not
    found, an unknown enum value) put the value's own lines, `::warning …` and `::add-mask::`, at
    the start of lines of stderr, which GitHub runs as workflow commands."""
    _replace(tree / P, '"Its first chief, Hafiz Example, was killed in a strike in the summer of 2016."', json.dumps(FORGED))
    _replace(tree / "entities/groups/khorasan-province.yml", "type: militant-group",  # an unknown value; an unknown field
             "type: " + json.dumps("militant\n::add-mask::y") + "\n" + json.dumps("x\u2028::warning::x\r\n::setoutput::y\x85::error::z") + ": 1")
    status, out, err = run_build(tree, github=True)
    assert status == 1
    assert _lines_start_with_data(out, err) == [], out + err
    assert "Aslam Farooqi\\n::warning file=README.md,line=1::forged\\n::add-mask::x" in err


def test_every_printed_problem_is_on_one_line():
    # Broken: Problem.__str__ (what every script prints) left line breaks, separators and other
    # controls of a message as they were.
    text = str(Problem("entities/people/x.yml", 2, 3, "a\nb\rc\u2028d\u2029e\x85f\x1bg\u202eh\u200bi", "fix\nit"))
    assert text.splitlines() == [text]
    assert text == "entities/people/x.yml:2:3: a\\nb\\rc\\u2028d\\u2029e\\x85f\\x1bg\\u202eh\\u200bi — fix\\nit"
    assert printable("فارسی\u200cنامه ok") == "فارسی\u200cنامه ok"  # ZWNJ is part of the word


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


# -- one policy for the characters no value may hold ---------------------------------------------

def test_the_refused_characters_are_exactly_the_policy():
    # Broken: a list of some bidi overrides and zero-width characters (U+200B, U+2060, U+061C, tags,
    # variation selectors and U+1D173 got through); or `first_refused`'s fast path missing a
    # refused character that Python counts as printable (U+034F, U+FE0F).
    import unicodedata

    from dossier.textcheck import first_refused, refused_character
    for code in range(0x110000):
        ch = chr(code)
        category = unicodedata.category(ch)
        expected = (category in ("Cc", "Cf", "Zl", "Zp", "Cs") and ch not in "\t\n\u200c\u200d"
                    or code == 0x034F or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F
                    or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE)
        why = refused_character(ch)
        assert bool(why) == expected, (hex(code), why)
        if expected:
            assert why.startswith(f"U+{code:04X} ")
            assert first_refused(f"ab {ch} c") == (3, why), hex(code)
    assert first_refused("Hafiz\nExample\tx\u00a0y \u200c") is None
    assert refused_character("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control)"
    assert refused_character("\x07") == "U+0007 (a control character)"


# -- archived texts as quotes are matched against them (the attack review of quotes) -------------------

def test_archived_text_line_ends_are_read_as_line_feeds(tree):
    """Broken: a text read as decoded, `\\r\\n` and lone `\\r` kept: a word hyphenated at a lone-CR
    line end ("counter-\\raccusations") did not match its quote, and the offsets of the cited
    passages (the marks of the text page) counted characters no line feed text has."""
    from dossier.pipeline import read_texts
    sample = tree / "seeds/sample-report.txt"
    sample.write_bytes(sample.read_bytes().replace(b"\n", b"\r\n"))
    (tree / "seeds/cr.txt").write_bytes(b"They traded counter-\raccusations\r\rfor weeks.\r\n")
    texts, problems = read_texts(tree)
    assert problems == [] and all("\r" not in t.text for t in texts.values())
    assert texts["cr.txt"].text == "They traded counter-\naccusations\n\nfor weeks.\n"
    assert texts["cr.txt"].contains("traded counter-accusations for weeks")
    (tree / "seeds/cr.txt").unlink()
    assert problems_of(tree) == []


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u2060", "\ufeff", "\u00ad", "\u2061", "\U000e0041", "\x07"])
def test_an_archived_text_holding_an_invisible_character_is_refused(tree, char):
    """Broken: texts were read as they were: a right-to-left override or an isolate reorders the
    text page, and a zero-width space, word joiner or tag character hides words from the reader
    while a quote holding the same character matches them. Refused at its line and column, named,
    with how to fix it (the entity files' policy, `textcheck.refused_character`)."""
    from dossier.textcheck import refused_character
    sample = tree / "seeds/sample-report.txt"
    lines = sample.read_text().split("\n")
    lines[2] = "The " + char + lines[2][4:]
    sample.write_text("\n".join(lines))
    err = assert_refused(tree, f"seeds/sample-report.txt:3:5: the archived text holds {refused_character(char)} — delete it")
    assert "does not exist" not in err  # the text is still read: its sources are not told it is missing


def test_joiners_and_a_leading_byte_order_mark_are_accepted(tree):
    """ZWNJ and ZWJ spell Persian and Indic words, and a byte-order mark at the very start (as some
    editors save UTF-8) is dropped as the text is read; only one inside the text is refused."""
    from dossier.pipeline import read_texts
    sample = tree / "seeds/sample-report.txt"
    sample.write_text("\ufeff" + sample.read_text() + "\nمی\u200cخواهم क्\u200dष\n")
    texts, problems = read_texts(tree)
    assert problems == [] and texts["sample-report.txt"].text.startswith("Sample Report")
    assert problems_of(tree) == []


def test_make_source_drops_every_character_the_build_refuses():
    """Broken: the extraction dropped only a list of display controls: an invisible operator, a tag
    character or a variation selector reached the archived text, which the build then refused."""
    from dossier.extract.normalise import archive_text
    from dossier.textcheck import first_refused
    text = archive_text([["a\u2061b\U000e0041c\ufe0f d govern\u00ad", "ment x\u200cy"]])
    assert text == "abc d government x\u200cy\n" and first_refused(text) is None
