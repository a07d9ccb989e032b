#!/usr/bin/env python3
"""Build site/ with MkDocs without ever leaving a half-built site/ behind.

MkDocs builds into a fresh temporary folder; only when the build succeeds is it swapped in for
the previous site/. A failed build leaves the previous site/ exactly as it was: MkDocs failing
(--strict warnings, a plugin raising), the build being killed or interrupted, the disk filling
up or a folder turning read-only during the swap.

Nothing is built when a pull request could lead the build outside the project: a link, device or
pipe anywhere under the folders it reads (`unsafe_inputs`), or a link or the wrong kind of thing at
a path it writes, swaps or deletes (`unsafe_outputs`), is refused before anything is touched.

Two builds of the same commit are byte-identical: the only dates MkDocs writes (the sitemap's
`lastmod` and the gzip header of sitemap.xml.gz) come from SOURCE_DATE_EPOCH, which is set to
the last commit's time when it is not given (`make site` exports it the same way).
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier import origin
from dossier.errors import InputError, printable
from dossier.files import unsafe_entries, unsafe_target
from dossier.write import open_new, remove

# What MkDocs, Zensical and the offline build read as they are (links followed, dot-files too):
# the hand-written pages and snippets, the theme overrides, the offline bundle's own files.
READ_AS_IS = ("docs", "overrides", "offline")


def source_date_epoch(project: Path) -> str | None:
    """SOURCE_DATE_EPOCH as given, or the last commit's time of the project, or None; InputError
    when it is given and is not a time (dossier/origin.py)."""
    given = origin.source_date_epoch(dict(os.environ))
    if given is not None:
        return str(given)
    try:
        out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and re.fullmatch(r"[0-9]{1,10}", value) and int(value) <= origin.LAST_EPOCH else None


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt  # unwinds through the cleanup below, like Ctrl-C


def recover(dest: Path, old: Path) -> None:
    """A previous run stopped between its two renames: site/ is missing and the previous site is
    still under its temporary name. Put it back before anything else."""
    if old.exists() and not dest.exists():
        old.rename(dest)


def unsafe_inputs(project: Path) -> list[str]:
    """Links, devices and pipes where the builders read, whatever their names: MkDocs follows
    links (a linked page or a `--8<--` snippet of a dot-named link publishes what it points to; a
    link to `/proc/self` or to its own folder is walked for ever), so they are refused first."""
    return [str(p) for folder in READ_AS_IS for p in unsafe_entries(project, folder)]


def work_paths(dest: Path) -> tuple[Path, Path]:
    """The temporary names beside `dest`: the new build, and the previous site during the swap."""
    return dest.parent / f".site-build-{dest.name}", dest.parent / f".site-old-{dest.name}"


def derived_config(config: Path) -> Path:
    return config.parent / f".{config.stem}-build.yml"


def build_paths(config: Path, dest: Path, builder: str) -> dict[Path, str]:
    """What a build reads its configuration from, writes, swaps or deletes: path → file or folder."""
    paths = {config: "file", dest: "folder", **dict.fromkeys(work_paths(dest), "folder")}
    if builder == "zensical":  # its derived configuration, and the cache it keeps beside it
        paths |= {derived_config(config): "file", config.parent / ".cache": "folder"}
    return paths


def unsafe_outputs(project: Path, paths: dict[Path, str]) -> list[str]:
    """Each of `paths` that is a link, has one on its way, or is not what it should be: MkDocs
    would clean and fill a linked output folder wherever it points, and a file written through a
    link lands outside the project."""
    found = (unsafe_target(project, path, kind) for path, kind in paths.items())
    return list(dict.fromkeys(str(p) for p in found if p))


def builder_command(builder: str, config: Path, tmp: Path) -> list[str]:
    """The command that builds the site into `tmp`. Zensical has no --site-dir: a configuration that
    inherits the given one names the folder (Zensical reads INHERIT as MkDocs does)."""
    if builder == "zensical":
        derived = derived_config(config)
        with open_new(derived) as out:
            out.write(f"INHERIT: {config.name}\nsite_dir: {tmp}\n".encode("utf-8"))
        return [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(derived)]
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(tmp)]


def build(config: Path, dest: Path, builder: str = "mkdocs") -> int:
    unsafe = unsafe_inputs(config.parent) + unsafe_outputs(config.parent, build_paths(config, dest, builder))
    if unsafe:
        print("\n".join(unsafe) + f"\nnothing was built; {dest} was left as it was.", file=sys.stderr)
        return 1
    tmp, old = work_paths(dest)
    recover(dest, old)
    remove(tmp)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    # The address the site declares (site_url: canonical links, sitemap) follows the repository it
    # is built from, as the pages' edit links do (dossier/origin.py; build_pages.py said how it was found).
    env["DOSSIER_SITE_URL"] = origin.read(config.parent, dict(os.environ)).site_url or ""
    try:
        epoch = source_date_epoch(config.parent)
    except InputError as err:
        print("\n".join(str(p) for p in err.problems) + f"\nnothing was built; {dest} was left as it was.", file=sys.stderr)
        return 1
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
        remove(tmp)


def swap(tmp: Path, dest: Path, old: Path) -> int:
    """Put the new build in place of the previous one; on any failure keep the previous one."""
    try:
        remove(old)
        if dest.exists():
            dest.rename(old)
        try:
            tmp.rename(dest)
        except BaseException:
            if old.exists() and not dest.exists():
                old.rename(dest)
            raise
    except OSError as err:
        print(printable(f"could not put the new site in place ({err}); {dest} was left as it was."), file=sys.stderr)
        return 1
    remove(old)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--dest", type=Path, default=ROOT / "site")
    parser.add_argument("--builder", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="mkdocs (Material, the default) or zensical (reads zensical.yml unless --config says otherwise)")
    args = parser.parse_args(argv)
    config = args.config if args.config != ROOT / "mkdocs.yml" or args.builder == "mkdocs" else ROOT / "zensical.yml"
    # absolute, not resolved: a link given as --dest (or committed as site/) is refused, not followed
    return build(Path(os.path.abspath(config)), Path(os.path.abspath(args.dest)), args.builder)


if __name__ == "__main__":
    sys.exit(main())
