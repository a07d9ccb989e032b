#!/usr/bin/env python3
"""Summarise a change to the dossier by what it means: entities and statements, not lines.

    python scripts/review.py --base origin/main          # Markdown on standard output
    python scripts/review.py --base v1.0 --output notes.md
    python scripts/review.py --base v1.0 --exact --head v1.1    # between two commits
    make review BASE=origin/main

Compares the validated dossier at BASE (its merge base with HEAD, as a pull request does; `--exact`
for BASE itself) with the working tree: entities added, removed, renamed; each statement added,
removed or changed, with old → new values; citations added or removed, each quote verified; what
deserves a second look; the pages that change. BASE is read with `git archive` into a temporary
folder, never touching the working tree. A side that does not validate (an old schema) is compared
as far as it can be read, and the summary says so. Exit status: 0 (even when things are flagged),
2 when BASE cannot be read.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier import history, pipeline
from dossier.errors import printable
from dossier.review import diff, report
from dossier.review.pages import changed_pages

MAX_BYTES = 1_000_000  # GitHub's job summary takes up to 1 MiB per step


def review(root: Path, base: str, exact: bool = False, pages: bool = True, head: str | None = None) -> str:
    """The review of the working tree (or of commit `head`) against `base`, as Markdown."""
    sha, how = history.resolve(root, base, merge_base=not exact)
    with tempfile.TemporaryDirectory(prefix="dossier-review-") as tmp:
        history.export(root, sha, Path(tmp) / "base")
        old = pipeline.snapshot(Path(tmp) / "base")
        if head:
            head_sha, head_how = history.resolve(root, head, merge_base=False)
            history.export(root, head_sha, Path(tmp) / "head")
            new = pipeline.snapshot(Path(tmp) / "head")
        else:
            head_how, new = "the working tree", pipeline.snapshot(root)
    changes = diff.compare(old.records, new.records, diff.quote_checker(new.records, new.texts),
                           diff.names_of(new.records, old.records))
    changed = changed_pages(old, new, changes) if pages else None
    return report.markdown(changes, how, head_how, [str(p) for p in old.problems],
                           [str(p) for p in new.problems], changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="origin/main", help="the git ref to compare with (default: origin/main)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repository)")
    parser.add_argument("--exact", action="store_true", help="compare with BASE itself, not its merge base with HEAD")
    parser.add_argument("--head", help="compare with this commit instead of the working tree (e.g. a release tag)")
    parser.add_argument("--no-pages", action="store_true", help="do not generate both sites to list the pages that change")
    parser.add_argument("--output", type=Path, help="also append the summary to this file (e.g. $GITHUB_STEP_SUMMARY)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        text = review(args.root.resolve(), args.base, args.exact, not args.no_pages, args.head)
    except history.GitError as err:
        print(printable(f"cannot read {args.base}{' or ' + args.head if args.head else ''}: {err} — give a commit, branch or tag "
                        "that exists here (in CI, check out with fetch-depth: 0)"), file=sys.stderr)
        return 2
    if len(text.encode()) > MAX_BYTES:
        text = text.encode()[:MAX_BYTES].decode("utf-8", "ignore") + "\n\n… (cut: the summary is longer than 1 MB)\n"
    text = text if text.endswith("\n") else text + "\n"  # the timing line below starts a line of its own
    print(text, end="")
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write(text)
    print(f"(reviewed in {time.monotonic() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
