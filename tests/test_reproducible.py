"""Reproducible builds: two builds of the same commit give byte-identical pages and site/.

The two builds run in separate copies (different absolute paths), with different hash seeds,
time zones and file modification times, so that set or dict ordering, local time, paths and
mtimes leaking into the output all show up as a difference. The dates MkDocs writes (sitemap
`lastmod`, the gzip header of sitemap.xml.gz) must come from SOURCE_DATE_EPOCH, which `make site`
and scripts/build_site.py take from the last commit when it is not set.
"""
from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import build_env, build_pages, build_site, git_epoch, make_project, make_site, tree_hash

GIT = shutil.which("git")
COMMIT_EPOCH = "1000000000"  # 2001-09-09T01:46:40Z: far from today, so a build date cannot pass for it
COMMIT_DAY = "2001-09-09"


def _variant(n: int) -> dict:
    return {"PYTHONHASHSEED": str(n), "TZ": ["UTC", "Pacific/Kiritimati", "America/Adak"][n % 3]}


def _diff(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def _touch_all(folder: Path, when: float) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (when, when))


def _sitemap_dates(site: Path) -> tuple[set[str], int]:
    lastmod = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text()))
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    return lastmod, struct.unpack("<I", header[4:8])[0]


def _day_start(epoch: str) -> int:
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def test_two_builds_of_one_commit_are_identical(tmp_path):
    epoch = git_epoch()
    projects = []
    for n in (1, 2):
        project = make_project(tmp_path / f"copy-{n}" / "p")
        _touch_all(project, 1_600_000_000 + n * 86_400 * 400)  # different mtimes for the inputs
        make_site(project, env=build_env(SOURCE_DATE_EPOCH=epoch, **_variant(n)))
        projects.append(project)
    a, b = projects
    assert _diff(tree_hash(a / "docs" / "dossier"), tree_hash(b / "docs" / "dossier")) == []
    site_a, site_b = tree_hash(a / "site"), tree_hash(b / "site")
    assert len(site_a) > 20 and _diff(site_a, site_b) == []
    lastmod, gz_mtime = _sitemap_dates(a / "site")
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    assert lastmod == {day} and gz_mtime == _day_start(epoch)


def test_a_rebuild_in_place_changes_nothing(tmp_path):
    """The same copy built twice (the second time over its own output) gives the same bytes."""
    project = make_project(tmp_path / "p")
    env = build_env(SOURCE_DATE_EPOCH=git_epoch())
    make_site(project, env=env)
    first = tree_hash(project / "site")
    make_site(project, env=build_env(SOURCE_DATE_EPOCH=git_epoch(), **_variant(2)))
    assert _diff(first, tree_hash(project / "site")) == []


def _git_project(dest: Path) -> Path:
    """A copy of the fixture project committed to a throwaway repository at COMMIT_EPOCH."""
    project = make_project(dest)
    env = {**os.environ, "GIT_AUTHOR_DATE": f"@{COMMIT_EPOCH} +0000", "GIT_COMMITTER_DATE": f"@{COMMIT_EPOCH} +0000",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    quiet = {"cwd": project, "env": env, "check": True, "capture_output": True}
    subprocess.run([GIT, "init", "-q"], **quiet)
    subprocess.run([GIT, "add", "-A"], **quiet)
    subprocess.run([GIT, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
                    "commit", "-q", "-m", "fixture"], **quiet)
    return project


@pytest.mark.skipif(GIT is None, reason="needs git")
def test_without_source_date_epoch_the_commit_time_is_used(tmp_path):
    """build_site.py run by hand, SOURCE_DATE_EPOCH unset: the dates are the last commit's, not today's."""
    project = _git_project(tmp_path / "p")
    make_site(project, env=build_env(SOURCE_DATE_EPOCH=None))
    lastmod, gz_mtime = _sitemap_dates(project / "site")
    assert lastmod == {COMMIT_DAY} and gz_mtime == _day_start(COMMIT_EPOCH)


@pytest.mark.skipif(GIT is None or shutil.which("make") is None, reason="needs git and make")
def test_make_site_exports_the_commit_time(tmp_path):
    """`make site` as CI and people run it: two copies of one commit, identical, dated by the commit."""
    sites = []
    for n in (1, 2):
        project = _git_project(tmp_path / f"copy-{n}" / "p")
        stamp = project / ".stamp"
        stamp.touch()
        result = subprocess.run(["make", "-s", "site", f"PY={sys.executable}", f"SITE_STAMP={stamp}"], cwd=project,
                                capture_output=True, text=True, env=build_env(SOURCE_DATE_EPOCH=None, **_variant(n)))
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(project / "site")
    assert _diff(tree_hash(sites[0]), tree_hash(sites[1])) == []
    assert _sitemap_dates(sites[0]) == ({COMMIT_DAY}, _day_start(COMMIT_EPOCH))


def test_an_empty_source_date_epoch_does_not_break_the_build(tmp_path):
    """Outside a git checkout `make` exports SOURCE_DATE_EPOCH empty; MkDocs would crash on int('')."""
    project = make_project(tmp_path / "p")
    assert build_pages(project).returncode == 0
    result = build_site(project, env=build_env(SOURCE_DATE_EPOCH=""))
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(GIT is None or shutil.which("make") is None, reason="needs git and make")
def test_make_offline_twice_gives_the_same_zip(tmp_path):
    """`make offline` in two copies of one commit, with other hash seeds and time zones: the same
    bytes, dated by the commit. Broken before issue 12: `make offline` did not export
    SOURCE_DATE_EPOCH, so the zip's entries and the sitemap's gzip header took the time of the build."""
    zips = []
    for n in (1, 2):
        project = _git_project(tmp_path / f"copy-{n}" / "p")
        result = subprocess.run(["make", "-s", "offline", f"PY={sys.executable}", "SITE_STAMP="], cwd=project,
                                capture_output=True, text=True, env=build_env(SOURCE_DATE_EPOCH=None, **_variant(n)))
        assert result.returncode == 0, result.stderr[-3000:]
        zips.append((project / "dist" / "iskp-dossier-offline.zip").read_bytes())
    assert zips[0] == zips[1]
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(zips[0])) as z:
        assert {info.date_time[:3] for info in z.infolist()} == {(2001, 9, 9)}
