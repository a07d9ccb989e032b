#!/usr/bin/env python3
"""Build site/ with MkDocs without ever leaving a half-built site/ behind.

MkDocs builds into a fresh temporary folder; only when the build succeeds is it swapped in for
the previous site/. A failed build leaves the previous site/ exactly as it was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(config: Path, dest: Path) -> int:
    tmp = dest.parent / f".site-build-{dest.name}"
    old = dest.parent / f".site-old-{dest.name}"
    shutil.rmtree(tmp, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                             "--site-dir", str(tmp)], cwd=ROOT, env=env)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"mkdocs build failed; {dest} was left as it was.", file=sys.stderr)
        return result.returncode
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    tmp.rename(dest)
    shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--dest", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    sys.exit(build(args.config.resolve(), args.dest.resolve()))
