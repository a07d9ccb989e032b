#!/usr/bin/env python3
"""Validate the entity files and generate the dossier's Markdown pages under docs/dossier/.

    python scripts/build_pages.py            # validate, then write docs/dossier/ (only changed files)
    python scripts/build_pages.py --for zensical   # the same, for `zensical build` instead of MkDocs
    python scripts/build_pages.py --check    # validate only; nothing is written
    python scripts/build_pages.py --write-schemas / --check-schemas

Problems are printed as `path:line:col: what is wrong — how to fix it`, all of them, and the exit
status is 1; nothing is written when there is any problem. Under GitHub Actions each problem is
also printed as an `::error` annotation so that it shows on the pull request's line.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier import pipeline, schema
from dossier.errors import InputError


def settings_from(root: Path, builder: str = "mkdocs", env: dict | None = None, quiet: bool = False):
    """The build's settings: the repository, branch and address its links follow (see
    dossier/origin.py), said once on stderr when they cannot be told."""
    from dossier import origin
    from dossier.render import Settings
    env = dict(os.environ if env is None else env)
    found, version = origin.read(root, env), origin.read_version(root, env)
    if not quiet:
        for warning in found.warnings:
            print(f"note: {warning}", file=sys.stderr)
    return Settings(repo_url=found.repo_url, branch=found.branch, site_url=found.site_url, builder=builder,
                    version=version.label, version_date=version.date)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repository)")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/docs/dossier)")
    parser.add_argument("--for", dest="builder", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="the tool that builds the site (default: mkdocs); they resolve links in raw HTML differently")
    parser.add_argument("--write-schemas", action="store_true", help="regenerate schemas/*.schema.json from the models")
    parser.add_argument("--check-schemas", action="store_true", help="fail if schemas/ differs from the models")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.write_schemas or args.check_schemas:
        stale = schema.sync(root / "schemas", write=args.write_schemas)
        if stale and args.check_schemas:
            print("schemas/ is out of date with dossier/models.py: " + ", ".join(stale), file=sys.stderr)
            print("run `make schemas` and commit the result", file=sys.stderr)
            return 1
        return 0

    try:
        records, texts = pipeline.validate(root)
        if args.check:
            print(f"ok: {len(records)} entities valid, {len(texts)} archived texts")
            return 0
        from dossier import changelog, history, render, write  # imported late: --check needs none of them
        log = changelog.build(history.read(root), records)  # git's history as plain data; "unavailable" outside git
        pages = render.site(records, texts, settings_from(root, args.builder), changelog=log)
        out = args.out or root / "docs" / "dossier"
        try:
            changed, removed = write.sync_tree(out, pages)
        except (OSError, RuntimeError) as err:  # disk full, no permission, a folder in the way
            print(f"could not write {out}: {err}\nnothing was changed; the pages there are as they were.", file=sys.stderr)
            return 1
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for problem in err.problems:
                print(problem.github_annotation())
        print(f"\n{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
        return 1
    print(f"ok: {len(records)} entities, {len(pages)} pages ({changed} written, {removed} removed) in {out.relative_to(root) if out.is_relative_to(root) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
