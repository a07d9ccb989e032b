#!/usr/bin/env python3
"""Build site/ with MkDocs without ever leaving a half-built site/ behind.

MkDocs builds into a fresh temporary folder; only when the build succeeds is it swapped in for
the previous site/. A failed build leaves the previous site/ exactly as it was: MkDocs failing
(--strict warnings, a plugin raising), the build being killed or interrupted, the disk filling
up or a folder turning read-only during the swap.

Two builds of the same commit are byte-identical: the only dates MkDocs writes (the sitemap's
`lastmod` and the gzip header of sitemap.xml.gz) come from SOURCE_DATE_EPOCH, which is set to
the last commit's time when it is not given (`make site` exports it the same way).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier import origin
from dossier.files import list_files

SITE_INPUTS = ("docs", "overrides")


def source_date_epoch(project: Path) -> str | None:
    """SOURCE_DATE_EPOCH as given, or the last commit's time of the project, or None."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return given
    try:
        out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt  # unwinds through the cleanup below, like Ctrl-C


def recover(dest: Path, old: Path) -> None:
    """A previous run stopped between its two renames: site/ is missing and the previous site is
    still under its temporary name. Put it back before anything else."""
    if old.exists() and not dest.exists():
        old.rename(dest)


def unsafe_inputs(project: Path) -> list[str]:
    """Links and other non-files where MkDocs reads (the hand-written docs, the theme overrides):
    MkDocs follows links, so a linked page would publish whatever it points to."""
    found = []
    for folder in SITE_INPUTS:
        found += [str(p) for p in list_files(project, folder)[1] if "symbolic link" in p.message or "not a regular" in p.message]
    return found


def builder_command(builder: str, config: Path, tmp: Path) -> list[str]:
    """The command that builds the site into `tmp`. Zensical has no --site-dir: a configuration that
    inherits the given one names the folder (Zensical reads INHERIT as MkDocs does)."""
    if builder == "zensical":
        derived = config.parent / f".{config.stem}-build.yml"
        derived.write_text(f"INHERIT: {config.name}\nsite_dir: {tmp}\n", encoding="utf-8")
        return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(derived)]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(tmp)]


def build(config: Path, dest: Path, builder: str = "mkdocs") -> int:
    unsafe = unsafe_inputs(config.parent)
    if unsafe:
        print("\n".join(unsafe) + f"\nnothing was built; {dest} was left as it was.", file=sys.stderr)
        return 1
    tmp = dest.parent / f".site-build-{dest.name}"
    old = dest.parent / f".site-old-{dest.name}"
    recover(dest, old)
    shutil.rmtree(tmp, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    # The address the site declares (site_url: canonical links, sitemap) follows the repository it
    # is built from, as the pages' edit links do (dossier/origin.py; build_pages.py said how it was found).
    env["DOSSIER_SITE_URL"] = origin.read(config.parent, dict(os.environ)).site_url or ""
    epoch = source_date_epoch(config.parent)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        result = subprocess.run(builder_command(builder, config, tmp), cwd=config.parent, env=env)
        if result.returncode != 0:
            print(f"{builder} build failed; {dest} was left as it was.", file=sys.stderr)
            return result.returncode if result.returncode > 0 else 1
        return swap(tmp, dest, old)
    except KeyboardInterrupt:
        print(f"interrupted; {dest} was left as it was.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(tmp, ignore_errors=True)


def swap(tmp: Path, dest: Path, old: Path) -> int:
    """Put the new build in place of the previous one; on any failure keep the previous one."""
    try:
        shutil.rmtree(old, ignore_errors=True)
        if dest.exists():
            dest.rename(old)
        try:
            tmp.rename(dest)
        except BaseException:
            if old.exists() and not dest.exists():
                old.rename(dest)
            raise
    except OSError as err:
        print(f"could not put the new site in place ({err}); {dest} was left as it was.", file=sys.stderr)
        return 1
    shutil.rmtree(old, ignore_errors=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--dest", type=Path, default=ROOT / "site")
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="mkdocs (Material, the default) or zensical (reads zensical.yml unless --config says otherwise)")
    args = parser.parse_args()
    config = args.config if args.config != ROOT / "mkdocs.yml" or args.builder == "mkdocs" else ROOT / "zensical.yml"
    sys.exit(build(config.resolve(), args.dest.resolve(), args.builder))
