"""The preview's incremental regeneration (`dossier.incremental`, `scripts/serve.py`).

Every test compares with a full build (`render.site`) of the same data: the files the preview
makes again must be byte for byte a full build's, and every file it leaves alone must be one that
a full build leaves alone too. Each test says in a comment which broken implementation makes it
fail; each was checked by breaking the code that way.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import FIXTURE
from sitebuild import make_project

from dossier import changelog, history, pipeline, render, write
from dossier.errors import Problem
from dossier.files import list_files
from dossier.incremental import ALL_NOTES, LATER, Plan, Preview
from scripts.serve import Server

SUBJECT = "khorasan-province"  # the fixture's subject group: its notes are on the home page too
SETTINGS = render.Settings(subject=SUBJECT)
SOURCE_NOTE = """notes:
  - text: The copy was made from a two-column print.
    sources:
      - source: sample-report
        quote: "Sample Report on the Khorasan Province"
"""


def _files(root: Path) -> dict[str, bytes]:
    return {f.rel: f.path.read_bytes() for f in list_files(root, "entities")[0]}


def _started(root: Path, settings: render.Settings = SETTINGS) -> Preview:
    preview = Preview(settings)
    update = preview.update(_files(root), [], pipeline.read_texts(root))
    assert not update.problems, update.problems
    assert update.plan.full and update.sync and not update.later  # the first generation: everything at once
    preview.accept(update)
    return preview


def _full(root: Path, settings: render.Settings = SETTINGS) -> dict[str, str]:
    records, texts = pipeline.validate(root)
    return render.site(records, texts, settings)


def _edit(root: Path, rel: str, old: str, new: str) -> bytes:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_bytes()


def _finish(preview: Preview, update) -> dict[str, str]:
    """Accept an update and its slow files, as the server does; the preview's pages after it."""
    preview.accept(update)
    if update.later:
        made = preview.render_later(update)
        assert set(made) == set(update.later)
        preview.accept_later(update, made)
    return preview.pages


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


# -- the dependency rule ---------------------------------------------------------------------------

def test_a_note_change_remakes_exactly_the_pages_that_show_notes(tree):
    # Fails if the rule leaves out a page that shows the notes (drop `profile=...` from `plan`, or
    # `downloads=ALL_NOTES`: the home profile or dossier.json differs from the full build), if it
    # remakes more than it must (return `Plan(True, ...)` for every change: then `update.plan` is
    # full), or if a file is made otherwise than by the full build (`Site.of_entity` without
    # `_finish`: no colophon).
    preview = _started(tree)
    before = _full(tree)
    rel = "entities/groups/khorasan-province.yml"
    update = preview.update({rel: _edit(tree, rel, "see [[hafiz-example]] for", "see [[hafiz-example]], who led it, for")})
    assert update.plan == Plan(False, entities=(SUBJECT,), profile=True, downloads=ALL_NOTES, later=LATER)
    assert set(update.write) == {"groups/khorasan-province.md", "groups/khorasan-province.json", "_snippets/profile.md",
                                 "data/dossier.json"}
    assert set(update.later) == set(LATER) and not update.remove
    full = _full(tree)
    for path in update.write:  # made at once, as a full build makes them
        assert update.write[path] == full[path], path
    pages = _finish(preview, update)
    assert pages == full  # and after the slow files, everything is the full build's, byte for byte
    assert _changed(before, full) <= set(update.write) | set(update.later)  # nothing the full build changed was left out
    assert "who led it" in full["data/dossier.stix.json"]


def test_a_source_note_remakes_its_archived_text_page(tree):
    # Fails if the archived text's page (its "About this document") is not among the entity's own
    # files (`Site.of_entity` without the `render_text` line): it would keep the old note.
    rel = "entities/sources/sample-report.yml"
    (tree / rel).write_text((tree / rel).read_text(encoding="utf-8") + SOURCE_NOTE, encoding="utf-8")
    preview = _started(tree)
    update = preview.update({rel: _edit(tree, rel, "two-column print", "two-column print, OCR corrected")})
    assert update.plan.entities == ("sample-report",) and not update.plan.profile
    assert "texts/sample-report.md" in update.write and "OCR corrected" in update.write["texts/sample-report.md"]
    assert _finish(preview, update) == _full(tree)


@pytest.mark.parametrize("rel, old, new, why", [
    ("entities/people/hafiz-example.yml", "name: Hafiz Example", "name: Hafiz Exemplar", "`name` changed"),
    # a note that links one more entity: that entity's "Mentioned in" changes
    ("entities/groups/khorasan-province.yml", "see [[hafiz-example]] for", "see [[hafiz-example]] and [[islamic-state]] for",
     "what its notes link, cite or dispute changed"),
    # a note citing another passage: the archived text's page highlights another passage
    ("entities/groups/khorasan-province.yml", '    sources:\n      - source: sample-report\n        quote: "announced itself in January 2015"',
     '    sources:\n      - source: sample-report\n        quote: "Its first chief, Hafiz Example"', "what its notes link, cite or dispute changed"),
])
def test_any_other_change_remakes_everything(tree, rel, old, new, why):
    # Fails if the rule takes the change for a note change (`notes_only` without its `wikilinks`
    # or its `citations` comparison, or with `fields` left empty): pages of other entities (the
    # linked entity's "Mentioned in", the archived text's highlighted passages, every page naming
    # the person) would be missed and differ from the full build's.
    preview = _started(tree)
    before = _full(tree)
    update = preview.update({rel: _edit(tree, rel, old, new)})
    assert update.plan.full and why in update.plan.reason
    full = _full(tree)
    assert _changed(before, full) - set(LATER) <= set(update.write)
    assert any(p.endswith(".md") and Path(p).stem not in rel for p in update.write)  # other entities' pages too
    assert _finish(preview, update) == full


def test_saving_a_file_unchanged_or_with_a_new_comment_writes_nothing(tree):
    # Fails if an identical record is taken for a change (`plan` without its equality test):
    # every save would remake pages and make the builder rebuild them.
    preview = _started(tree)
    rel = "entities/people/hafiz-example.yml"
    update = preview.update({rel: (tree / rel).read_bytes() + b"# a comment\n"})
    assert update.plan.empty and not update.write and not update.later
    preview.accept(update)
    assert preview.pages == _full(tree)


def test_files_added_removed_and_archived_texts_remake_everything(tree):
    # Fails if a removed entity's pages are not removed (`remove` left empty), or if a changed
    # archived text is taken for no change (`texts_changed` ignored): its page would be stale.
    preview = _started(tree)
    rel = "entities/narratives/market-attack-responsibility.yml"
    text = (tree / rel).read_bytes()
    copy = "entities/narratives/market-attack-copy.yml"
    (tree / copy).write_bytes(text.replace(b"id: market-attack-responsibility", b"id: market-attack-copy")
                              .replace(b"name: Who carried out", b"name: Who really carried out"))
    update = preview.update({copy: (tree / copy).read_bytes()})
    assert not update.problems, update.problems
    assert update.plan.full and "added market-attack-copy" in update.plan.reason
    assert "narratives/market-attack-copy.md" in update.write
    assert _finish(preview, update) == _full(tree)
    (tree / copy).unlink()
    update = preview.update({copy: None})
    assert update.plan.full and update.remove == ["narratives/market-attack-copy.json", "narratives/market-attack-copy.md"]
    assert _finish(preview, update) == _full(tree)
    seed = tree / "seeds" / "sample-report.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    update = preview.update({}, texts=pipeline.read_texts(tree))
    assert update.plan.full and update.plan.reason == "an archived text changed"
    assert _finish(preview, update) == _full(tree)


def test_a_file_that_does_not_validate_changes_nothing_and_the_next_good_save_catches_up(tree):
    # Fails if an update with problems moves the preview's state (`accept` without its
    # `update.problems` test: the preview would hold no pages and the next save would be planned
    # against nothing).
    preview = _started(tree)
    good = dict(preview.pages)
    rel = "entities/groups/khorasan-province.yml"
    _edit(tree, rel, "see [[hafiz-example]] for", "see [[hafiz-example]], the first, for")
    broken = _edit(tree, rel, "type: militant-group", "type: not-a-type")
    update = preview.update({rel: broken})
    assert update.problems and any("not-a-type" in str(p) for p in update.problems)
    assert not update.write and not update.remove and update.plan is None
    preview.accept(update)
    assert preview.pages == good and preview.generation == 1
    other = "entities/people/ann-analyst.yml"
    update = preview.update({other: _edit(tree, other, "name: Ann Analyst", "name: Ann B. Analyst")})
    assert update.problems  # the broken file still breaks the dossier
    update = preview.update({rel: _edit(tree, rel, "type: not-a-type", "type: militant-group")})
    assert update.plan.full  # the note and the name, both since the last good pages
    assert _finish(preview, update) == _full(tree)
    unreadable = preview.update({rel: Problem(rel, 0, 0, "is a symbolic link")})
    assert f"{rel}: is a symbolic link" in [str(p) for p in unreadable.problems] and not unreadable.write


def test_slow_files_of_an_overtaken_update_are_dropped_and_made_with_the_next(tree):
    # Fails if `accept_later` takes files made for an older dossier (the STIX bundle would hold the
    # first edit's note, not the second's), or if the files owed are forgotten when the next update
    # changes nothing (`owed` not carried into `later`).
    preview = _started(tree)
    rel = "entities/groups/khorasan-province.yml"
    first = preview.update({rel: _edit(tree, rel, "for its first chief", "for its first leader")})
    preview.accept(first)
    second = preview.update({rel: _edit(tree, rel, "for its first leader", "for its founding leader")})
    preview.accept(second)
    stale = preview.render_later(first)
    assert not preview.is_current(first)
    with pytest.raises(ValueError):
        preview.accept_later(first, stale)
    assert "first leader" in stale["data/dossier.stix.json"]
    nothing = preview.update({rel: (tree / rel).read_bytes()})
    assert nothing.plan.empty and set(nothing.later) == set(LATER)  # still owed
    assert _finish(preview, nothing) == _full(tree)
    assert "founding leader" in preview.pages["data/dossier.stix.json"]


def test_zensical_pages_are_remade_as_zensical_builds_them(tree):
    # Fails if the preview makes its files with other settings than its own (`Site(...,
    # Settings(), ...)` in `Preview.update`): a Zensical preview would get MkDocs' escaped titles
    # and search tags.
    settings = render.Settings(subject=SUBJECT, builder="zensical")
    preview = _started(tree, settings)
    rel = "entities/groups/khorasan-province.yml"
    update = preview.update({rel: _edit(tree, rel, "for its first chief", "for its first emir")})
    assert not update.plan.full
    assert _finish(preview, update) == _full(tree, settings)


# -- writing only what changed -------------------------------------------------------------------

def test_update_files_writes_and_removes_only_what_it_is_given(tmp_path):
    # Fails if `update_files` follows a link committed into the folder or as the folder (its
    # `is_symlink` checks), or writes half of a set of files when one of them cannot be written.
    out = tmp_path / "out"
    write.sync_tree(out, {"a.md": "a", "b/c.md": "c", "b/d.md": "d"})
    keep = (out / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    assert write.update_files(out, {"b/c.md": "C", "e/f.md": "f"}, ["b/d.md"]) == (2, 1)
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.md")} == {"a.md": "a", "b/c.md": "C", "e/f.md": "f"}
    assert (out / "a.md").stat().st_mtime_ns == keep
    (out / "b" / "g").mkdir()
    with pytest.raises(IsADirectoryError):
        write.update_files(out, {"a.md": "new", "b/g": "x"})
    assert (out / "a.md").read_text() == "a" and not list(out.rglob(".tmp-*"))
    os.symlink(tmp_path, out / "link")
    with pytest.raises(RuntimeError, match="symbolic link"):
        write.update_files(out, {"link/x.md": "x"})
    with pytest.raises(ValueError):
        write.update_files(out, {"../x.md": "x"})
    os.symlink(out, tmp_path / "linked")  # the folder itself a link (a committed docs/dossier): refused as by sync_tree
    with pytest.raises(RuntimeError, match="symbolic link"):
        write.update_files(tmp_path / "linked", {"a.md": "elsewhere"})
    assert (out / "a.md").read_text() == "a"
    with pytest.raises(RuntimeError, match="not made by the generator"):
        write.update_files(tmp_path, {"x.md": "x"})


# -- the preview server's loop, in-process ------------------------------------------------------------

def _expected_folder(project: Path, settings: render.Settings) -> dict[str, str]:
    records, texts = pipeline.validate(project)
    log = changelog.build(history.read(project), records)
    return render.site(records, texts, settings, changelog=log)


def _folder(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*")
            if p.is_file() and p.name != write.MARKER}


def test_the_server_loop_writes_what_a_full_build_writes(tmp_path, capsys):
    # Fails if the server writes other files than the update's (`update_files(out, update.pages)`:
    # every file's modification time would change and MkDocs --dirty would rebuild every page), if
    # it writes while a file does not validate, or if the home page is not marked for MkDocs
    # --dirty when its included profile changes (`touch_includers` not called), or if a removed
    # page is removed silently (the note that MkDocs --dirty still serves it left out).
    project = make_project(tmp_path / "p", FIXTURE)
    server = Server(project, SETTINGS)
    server.start()
    out = project / "docs" / "dossier"
    assert _folder(out) == _expected_folder(project, SETTINGS)
    assert not server.step()  # nothing changed
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    home = project / "docs" / "index.md"
    home_text, home_time = home.read_bytes(), home.stat().st_mtime_ns
    time.sleep(0.02)

    rel = "entities/groups/khorasan-province.yml"
    _edit(project, rel, "for its first chief", "for its first emir")
    assert server.step()
    update = server.pending.get_nowait()
    assert server.finish(update)
    assert _folder(out) == _expected_folder(project, SETTINGS)
    touched = {p.relative_to(out).as_posix() for p, t in stamps.items() if p.stat().st_mtime_ns != t}
    assert touched == {"groups/khorasan-province.md", "groups/khorasan-province.json", "_snippets/profile.md",
                       "data/dossier.json", "data/dossier.stix.json"}  # (the Data page's sizes did not change)
    assert home.read_bytes() == home_text and home.stat().st_mtime_ns > home_time  # rebuilt by --dirty, not rewritten

    _edit(project, rel, "type: militant-group", "type: not-a-type")
    assert server.step()
    assert "not-a-type" in capsys.readouterr().err and server.pending.empty()
    _edit(project, rel, "type: not-a-type", "type: militant-group")
    _edit(project, "entities/people/hafiz-example.yml", "name: Hafiz Example", "name: Hafiz Exemplar")
    assert server.step()
    server.finish(server.pending.get_nowait())
    assert _folder(out) == _expected_folder(project, SETTINGS)
    assert re.search(r"regenerated everything \(.*changed\)", capsys.readouterr().out)

    # an entity removed: its pages go, and the reader is told that MkDocs --dirty still serves them
    rel = "entities/narratives/market-attack-responsibility.yml"
    copy = project / "entities" / "narratives" / "market-attack-copy.yml"
    copy.write_bytes((project / rel).read_bytes().replace(b"id: market-attack-responsibility", b"id: market-attack-copy")
                     .replace(b"name: Who carried out", b"name: Who really carried out"))
    assert server.step()
    server.finish(server.pending.get_nowait())
    copy.unlink()
    assert server.step()
    server.finish(server.pending.get_nowait())
    assert _folder(out) == _expected_folder(project, SETTINGS)
    assert "keeps serving the 1 removed page(s) (narratives/market-attack-copy.md)" in capsys.readouterr().out


@pytest.mark.parametrize("where", ["docs/leak.md", "docs/dossier", "mkdocs-preview.yml", "scripts/preview_hooks.py"])
def test_the_preview_refuses_what_make_site_refuses(tmp_path, capsys, monkeypatch, where):
    # Fails if serve.py starts without `refused` (it would generate into, and MkDocs serve from,
    # wherever a committed link points), or if `refused` leaves out the preview's own
    # configuration or hook, which the MkDocs server reads and runs.
    from scripts import serve
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "scripts"))  # as when run as a script
    started = []
    monkeypatch.setattr(serve, "Server", lambda *args: started.append(args))  # (so that a broken check serves nothing)
    project = make_project(tmp_path / "p", FIXTURE)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = project / where
    if target.exists():
        os.replace(target, elsewhere / target.name)
    os.symlink(elsewhere / target.name, target)
    there = sorted(elsewhere.rglob("*"))
    assert serve.main(["--root", str(project)]) == 1 and not started
    err = capsys.readouterr().err
    assert f"{where}: is a symbolic link" in err and "nothing is served" in err
    assert sorted(elsewhere.rglob("*")) == there  # nothing written through the link
    assert where == "docs/dossier" or not (project / "docs" / "dossier").exists()  # nothing generated


# -- MkDocs --dirty: the search index -----------------------------------------------------------------

def _served(url: str, timeout: float = 120) -> bytes:
    import urllib.request
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} was never served")


def _entries(index: bytes) -> list[tuple[str, str, str]]:
    import json
    return sorted((e["location"], e["title"], e["text"]) for e in json.loads(index)["docs"])


def test_mkdocs_dirty_rebuild_of_many_pages_keeps_the_search_index_whole(tmp_path):
    # Fails without the preview's hook (`mkdocs serve --dirty` with mkdocs.yml instead of
    # mkdocs-preview.yml): Material merges the rebuilt pages into the old index as if only one
    # page had been rebuilt, so the renamed person's old name stays in the index beside the new,
    # and with the home page among the rebuilt ones every other page drops out.
    import signal
    import socket
    import subprocess
    import sys

    from sitebuild import build_env, build_pages
    project = make_project(tmp_path / "p", FIXTURE)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = build_env(DOSSIER_SITE_URL=f"http://127.0.0.1:{port}/")
    assert build_pages(project, env=env).returncode == 0
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs-preview.yml", "--dirty", "--no-strict",
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        index_url = f"http://127.0.0.1:{port}/search/search_index.json"
        before = _entries(_served(index_url))
        assert any(title == "Hafiz Example" for _l, title, _t in before)
        time.sleep(1.1)  # a new modification time, whatever the file system's resolution
        _edit(project, "entities/people/hafiz-example.yml", "name: Hafiz Example", "name: Hafiz Exemplar")
        assert build_pages(project, env=env).returncode == 0
        os.utime(project / "docs" / "index.md")  # as the preview marks the home page when its snippets change
        full = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(tmp_path / "full")], cwd=project,
                              env=env, capture_output=True, text=True)
        assert full.returncode == 0, full.stderr[-3000:]
        expected = _entries((tmp_path / "full" / "search" / "search_index.json").read_bytes())
        deadline = time.monotonic() + 60  # (MkDocs may rebuild in several rounds as the files change)
        while time.monotonic() < deadline and _entries(_served(index_url)) != expected:
            time.sleep(0.5)
        served = _entries(_served(index_url))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert served == expected
    assert not any(title == "Hafiz Example" for _l, title, _t in served)


def test_the_preview_is_served_at_the_address_it_prints(tmp_path):
    # Broken: the builder ran with the site address that follows the repository
    # (https://owner.github.io/iskp-dossier/), and MkDocs serves under its path: `make serve` printed
    # http://127.0.0.1:8000/ and every page there was a 404 (found by a fresh-clone trial).
    from urllib.parse import urlsplit

    from dossier import origin
    project = make_project(tmp_path / "p", FIXTURE)
    server = Server(project, SETTINGS, "127.0.0.1:8123")
    env = server.builder_env({"DOSSIER_SITE_URL": "https://owner.github.io/iskp-dossier/"})
    assert urlsplit(origin.mkdocs_config(project, env)["site_url"]).path == "/"
    assert env["DOSSIER_SITE_URL"] == "http://127.0.0.1:8123/"
