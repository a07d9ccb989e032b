#!/usr/bin/env python3
"""Archive a saved document's text in seeds/ and start its source entity.

    python scripts/add_source.py path/to/saved.html [--url https://…] [--id some-id]
    make source FILE=path/to/saved.pdf [URL=https://…] [ID=some-id]

Extracts the document's main text (trafilatura for a web page, pdfminer.six and a column reader
for a PDF, UTF-8 for a .txt), normalises it as quotes are matched, and writes seeds/<id>.txt and
entities/sources/<id>.yml (its metadata filled from the document, each value marked as inferred,
with `archive:` saying how the text was made), both or neither. Prints the warnings (where the
text is likely incomplete) and the next steps. Uses no network.

Refuses, writing nothing, with `path: what is wrong — how to fix it` and exit status 1: a file
that is missing, unreadable, not a regular file, too large or of an unknown type; a document with
no text; an id that is invalid or in use (former ids included); a text already archived.
"""
from __future__ import annotations

import argparse
import datetime
import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier import models, newsource
from dossier.errors import InputError, Problem, printable
from dossier.files import MAX_TEXT_BYTES, UnsafeFile, list_files, read_bytes, unsafe_target
from dossier.extract import extract, read_document
from dossier.load import load_tree, used_ids
from dossier.write import create_together


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the saved document: .html, .pdf or .txt")
    parser.add_argument("--url", default="", help="the document's address, when it is online")
    parser.add_argument("--id", default="", help="the source's id (default: <author>-<year>-<title words>)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repository)")
    parser.add_argument("--archived-on", default="", help=argparse.SUPPRESS)  # a fixed date, for tests
    args = parser.parse_args(argv)
    for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):  # pdfminer's are counted as warnings
        logging.getLogger(name).setLevel(logging.ERROR)  # their notes on odd input are not for contributors
    root = args.root.resolve()
    path = Path(args.file).expanduser()  # `FILE=~/Downloads/x.pdf`: zsh leaves the ~ to us
    shown = args.file if args.file.isprintable() else ascii(args.file)  # a name with control characters, visibly
    try:
        if not args.file.strip():
            raise InputError([Problem("FILE", 0, 0, "no document given", "make source FILE=path/to/saved.html (or .pdf, .txt)")])
        if args.url and not re.fullmatch(r"https?://[^\s<>\"'`]+", args.url):
            raise InputError([Problem("URL", 0, 0, f"`{args.url}` is not an http or https address",
                                      "give the document's address as it is in the browser, starting with https://")])
        data = read_document(path, shown)
        ex = extract(data, shown)
        records = load_tree(root).records  # files with problems are left out; `make check` reports them
        # the archived texts as the build reads them: no link followed, sizes checked first
        try:
            seeds = {f.name: read_bytes(f, MAX_TEXT_BYTES) for f in list_files(root, "seeds")[0]
                     if f.rel.count("/") == 1 and f.name.endswith(".txt")}
        except UnsafeFile as err:
            raise InputError([err.problem]) from None
        known = newsource.known(records, seeds, used_ids(root))
        archived_on = args.archived_on or datetime.date.today().isoformat()
        id_ = args.id.strip() or newsource.suggest_id(ex, path.name, archived_on)
        problems = newsource.refusals(id_, ex.text, data, known, shown)
        if problems:
            raise InputError(problems)
        draft = newsource.draft(id_, ex, known, original_name=path.name,
                                original_sha256=newsource.sha256(data), url=args.url or None,
                                archived_on=archived_on)
        seed, entity = root / "seeds" / f"{id_}.txt", root / "entities" / models.FOLDER_OF["source"] / f"{id_}.yml"
        refused = [p for p in (unsafe_target(root, seed, "file"), unsafe_target(root, entity, "file")) if p]
        if refused:  # a linked seeds/ or entities/sources/ would take the new files outside the project
            raise InputError(refused)
        try:
            create_together({seed: ex.text.encode("utf-8"), entity: draft.text.encode("utf-8")})
        except FileExistsError as err:  # made since the checks above (os.link names the target second)
            where = Path(err.filename2 or err.filename)
            raise InputError([Problem(where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where), 0, 0,
                                      "already exists", "choose another id with ID=...")]) from None
        except OSError as err:
            raise InputError([Problem(str(err.filename2 or err.filename or root), 0, 0, f"could not be written ({err.strerror})",
                                      "check the free space and permissions")]) from None
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print("nothing was written.", file=sys.stderr)
        return 1
    print(f"wrote seeds/{id_}.txt ({len(ex.text.split())} words, extracted with {ex.tool})")
    print(f"wrote entities/sources/{id_}.yml")
    if ex.warnings:
        print("\nwarnings — the text may be incomplete here:")
        for warning in ex.warnings:
            print(printable(f"  - {warning}"))
    print("\nnext steps:")
    for n, step in enumerate(newsource.next_steps(id_, ex, draft, id_given=bool(args.id.strip())), 1):
        # a step may hold a YAML snippet to paste: its own line breaks kept, each line's data escaped
        print("\n".join(printable(line) for line in f"  {n}. {step}".split("\n")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
