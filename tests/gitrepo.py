"""Temporary git repositories for the review and history tests: the fixture tree committed, then
edited commit by commit, with fixed dates so that every run gives the same history."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import FIXTURE

ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
       "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def git(repo: Path, *args: str, date: str = "2021-03-04T10:00:00+00:00") -> str:
    env = {**os.environ, **ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def make_repo(path: Path, date: str = "2021-03-04T10:00:00+00:00") -> Path:
    """The fixture tree as the first commit of a new repository."""
    shutil.copytree(FIXTURE, path)
    git(path, "init", "-q", "-b", "main")
    commit(path, "Fixture tree", date)
    return path


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file of the tree (it must be there)."""
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def rename_entity(repo: Path, folder: str, old: str, new: str, keep_former: bool = True) -> None:
    """Rename an entity as CONTRIBUTING says: file and id, the old id under `former_ids`, every
    reference updated."""
    src, dst = repo / "entities" / folder / f"{old}.yml", repo / "entities" / folder / f"{new}.yml"
    text = src.read_text(encoding="utf-8").replace(f"id: {old}\n", f"id: {new}\n", 1)
    if keep_former:
        text = re.sub(r"^(name: .*\n)", rf"\1former_ids:\n  - {old}\n", text, count=1, flags=re.M)
    src.unlink()
    dst.write_text(text, encoding="utf-8")
    for path in (repo / "entities").rglob("*.yml"):
        if path != dst:
            body = path.read_text(encoding="utf-8")
            changed = re.sub(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, body)
            if changed != body:
                path.write_text(changed, encoding="utf-8")
