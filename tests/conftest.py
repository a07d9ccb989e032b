"""Shared fixtures: a small valid entity tree covering every kind, copied fresh for each test."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "tree"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A writable copy of the fixture tree."""
    dest = tmp_path / "tree"
    shutil.copytree(FIXTURE, dest)
    return dest


def problems_of(root: Path) -> list[str]:
    """Every problem the pipeline reports for a tree, as printed."""
    from dossier import pipeline
    from dossier.errors import InputError
    try:
        pipeline.validate(root)
    except InputError as err:
        return [str(p) for p in err.problems]
    return []


def pytest_sessionstart(session):
    """The suite tests this checkout's package: an editable install pointing elsewhere (a test
    that ran `make` in a copy without overriding the install stamps) would test other code."""
    import dossier
    where = Path(dossier.__file__).resolve().parent
    if where != ROOT / "dossier":
        raise pytest.UsageError(f"`dossier` is imported from {where}, not {ROOT / 'dossier'}: run `pip install -e .` here (make test does)")


# -- the real dossier, built once per run -----------------------------------------------------------
# Building this repository's site takes seconds with MkDocs and with Zensical; the quality, browser,
# Zensical and offline tests all read the same builds, so each is made once per run (session
# fixtures), in a scratch copy of the project (the working tree is never written).

def _shared(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` run once per run, whatever the number of xdist workers: the first worker to
    ask builds into a folder all workers of this run share, under a lock; the others wait and read
    it (with two workers, each used to build the same sites). Builds are read-only once made."""
    import fcntl
    import os
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # pytest-N/, this run's
    folder, done = shared / f"shared-{name}", shared / f"shared-{name}.done"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed half-way on another worker
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _real_tree(base: Path) -> Path:
    tree = base / "tree"
    for name in ("entities", "seeds"):
        shutil.copytree(ROOT / name, tree / name)
    return tree


@pytest.fixture(scope="session")
def real_project(tmp_path_factory) -> Path:
    """A scratch project of this repository's dossier with `site/` built by MkDocs (`make site`)."""
    from sitebuild import build_env, make_project, make_site

    def make(base: Path) -> None:
        make_site(make_project(base / "p", _real_tree(base)), env=build_env(SOURCE_DATE_EPOCH="1700000000"))
    return _shared(tmp_path_factory, "real", make) / "p"


@pytest.fixture(scope="session")
def real_site(real_project) -> Path:
    return real_project / "site"


@pytest.fixture(scope="session")
def zensical_site(real_project, tmp_path_factory) -> Path:
    """The same project built by Zensical into `site-zensical/` (`make zensical`)."""
    import subprocess
    import sys

    from sitebuild import build_env, build_pages
    if subprocess.run([sys.executable, "-m", "zensical", "--version"], capture_output=True).returncode:
        pytest.fail("zensical is not installed in this environment: make test installs it from requirements/dev.txt")

    def make(_folder: Path) -> None:
        for step in (build_pages(real_project, "--for", "zensical"),
                     subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", "zensical.yml"],
                                    cwd=real_project, capture_output=True, text=True, env=build_env())):
            assert step.returncode == 0, f"{step.args}:\n{step.stdout[-3000:]}\n{step.stderr[-5000:]}"
    _shared(tmp_path_factory, "zensical", make)
    return real_project / "site-zensical"


@pytest.fixture(scope="session")
def offline_bundles(tmp_path_factory):
    """`make offline` of this repository's dossier, unzipped (the folder a reader opens), per
    builder, built on first use: `offline_bundles("zensical")`."""
    import subprocess
    import sys
    import zipfile

    from sitebuild import build_env, make_project
    made: dict[str, Path] = {}

    def bundle(builder: str = "mkdocs") -> Path:
        if builder not in made:
            def make(base: Path) -> None:
                project = make_project(base / "p", _real_tree(base))
                result = subprocess.run([sys.executable, str(project / "scripts" / "build_offline.py"), "--builder", builder],
                                        cwd=project, capture_output=True, text=True, env=build_env(SOURCE_DATE_EPOCH="1700000000"))
                assert result.returncode == 0, result.stderr[-5000:]
                with zipfile.ZipFile(project / "dist" / "iskp-dossier-offline.zip") as z:
                    z.extractall(base / "unzipped")
            made[builder] = _shared(tmp_path_factory, f"offline-{builder}", make) / "unzipped" / "iskp-dossier-offline"
        return made[builder]
    return bundle


@pytest.fixture(scope="session")
def offline_bundle(offline_bundles) -> Path:
    """The MkDocs offline bundle (the one releases attach)."""
    return offline_bundles("mkdocs")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright, launched once per run (its own download cannot work here)."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, LAUNCH_ARGS
    assert Path(CHROMIUM).exists(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served(real_site):
    """The MkDocs build served on loopback: its base URL."""
    from browser import serve
    base, server = serve(real_site)
    yield base
    server.shutdown()


def wait_for_map(page, timeout: int = 15000) -> None:
    """A relationship map is built when it first comes near the screen (docs/assets/dossier-map.js):
    bring the page's first map there, then wait until it is drawn."""
    page.locator(".dossier-map").first.scroll_into_view_if_needed()
    page.wait_for_selector(".dossier-map[data-ready]", timeout=timeout)
