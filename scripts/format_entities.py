#!/usr/bin/env python3
"""Rewrite entity files in the canonical format, or check that they are in it.

    python scripts/format_entities.py                 # rewrite every entity file that differs
    python scripts/format_entities.py --check         # list files that differ, at their first differing line; exit 1
    python scripts/format_entities.py --check --diff  # ... and show the whole change as a diff
    python scripts/format_entities.py FILE...         # only these files

The format is defined in dossier/fmt.py (and described in CONTRIBUTING.md); formatting changes
no data, only its layout. A file with a YAML error is not formatted: fix what `make check` says
first. Under GitHub Actions every difference is also printed as an `::error` annotation, so that
it shows on the pull request's line.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier.errors import InputError, Problem, printable
from dossier.fmt import first_difference, format_text
from dossier.load import entity_files, kind_of_path
from dossier.yamlsafe import read_yaml_file


def difference(rel: str, current: str, canonical: str) -> Problem:
    """Where a file first differs from its canonical form, said so that it can be fixed by hand."""
    line, found, expected = first_difference(current, canonical)
    fix = "run `make format` (or `.venv/bin/python scripts/format_entities.py " + rel + "`) to rewrite the file"
    if "\r" in current:
        return Problem(rel, 1, 1, "the file has Windows line endings (CRLF)", "save it with LF line endings, or " + fix)
    if expected == "" and line > canonical.count("\n"):
        hint = "the file should end before this line"
    elif found == "" and line > current.count("\n"):
        hint = f"the file should go on with `{expected}`"
    else:
        hint = f"this line should read `{expected}`"
    return Problem(rel, line, 1, "not in the canonical format", f"{hint}; {fix}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="entity files (default: every file under entities/)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repository)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not in the canonical format")
    parser.add_argument("--diff", action="store_true", help="with --check, print what formatting would change")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    files = [f.resolve() for f in args.files] if args.files else entity_files(root)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"

    differ: list[Problem] = []
    broken = 0
    rewritten = 0
    for file in files:
        try:
            rel = file.relative_to(root).as_posix()
        except ValueError:
            rel = file.as_posix()
        kind, wrong_place = kind_of_path(rel)
        if wrong_place:
            if args.files:  # named on the command line: say why it is skipped
                print(wrong_place, file=sys.stderr)
                broken += 1
            continue  # otherwise `make check` reports it
        raw = file.read_bytes()
        doc, problems = read_yaml_file(raw, rel)
        try:
            if doc is None:
                raise InputError(problems)
            current = raw.decode("utf-8")
            canonical = format_text(current, kind, path=rel)
        except InputError as err:
            broken += 1
            for problem in err.problems:
                print(f"{problem} (not formatted until this is fixed)", file=sys.stderr)
            continue
        if canonical == current:
            continue
        if args.check:
            differ.append(difference(rel, current, canonical))
            if args.diff:
                sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), canonical.splitlines(True),
                                                           f"a/{rel}", f"b/{rel}"))
        else:
            temp = file.with_name(f".{file.name}.fmt")
            temp.write_bytes(canonical.encode("utf-8"))
            os.replace(temp, file)
            rewritten += 1
            print(printable(f"formatted {rel}"))

    for problem in differ:
        print(problem, file=sys.stderr)
    if annotate:
        for problem in differ:
            print(problem.github_annotation())
    if args.check:
        if differ:
            print(f"\n{len(differ)} file(s) not in the canonical format; `make format` rewrites them "
                  "(see CONTRIBUTING.md, \"The file format\").", file=sys.stderr)
        elif not broken:
            print(f"ok: {len(files)} files in the canonical format")
    elif not broken:
        print(f"ok: {rewritten} file(s) rewritten, {len(files) - rewritten} already canonical")
    return 1 if differ or broken else 0


if __name__ == "__main__":
    sys.exit(main())
