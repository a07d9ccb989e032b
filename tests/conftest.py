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
