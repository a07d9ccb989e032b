"""Shared fixtures: a small valid entity tree covering every kind, copied fresh for each test."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "tree"
sys.path.insert(0, str(ROOT))


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
