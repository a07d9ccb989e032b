#!/usr/bin/env python3
"""Start a new entity file with the schema line, the required fields and the optional ones commented out.

    python scripts/new_entity.py person "Hafiz Saeed Khan"
    python scripts/new_entity.py event "Kabul airport attack" --id 2021-kabul-airport-attack --source shajjan-2021-isk-resurgence
    make new KIND=person NAME="Hafiz Saeed Khan"

Writes entities/<folder>/<id>.yml and prints its path. The id is made from the name (or given
with --id); an existing file or an id already used by any entity (or former id) is refused.
A kind whose required fields need a citation or another entity (event, faction, narrative) gets
`todo-…` placeholders: the script lists them, and `make check` reports each one left.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from dossier import models
from dossier.fmt import key_order, scalar
from dossier.ids import slug
from dossier.load import schema_line, used_ids

PLACEHOLDERS = {
    "todo-source": "the id of a source under entities/sources/ (add the source first if it is new)",
    "todo-parent-group": "the id of the group this is a faction of",
    "todo-subject": "the id of an entity the dispute is about",
    "todo-claimant": "the id of who holds this version (a person, group or source)",
}
TYPE_PLACEHOLDER = "todo-choose-one"
DEFAULT_TYPE = {"group": "militant-group", "faction": "militant-faction", "event": "other", "place": "city",
                "source": "article", "narrative": "contested-narrative"}


def options(enum_or_literal) -> str:
    import typing
    values = [m.value for m in enum_or_literal] if isinstance(enum_or_literal, type) else typing.get_args(enum_or_literal)
    return ", ".join(values)


def _wrap(text: str, width: int = 98) -> list[str]:
    words, lines, line = text.split(), [], "#"
    for word in words:
        if len(line) + 1 + len(word) > width and line != "#":
            lines.append(line)
            line = "#"
        line += " " + word
    return lines + [line]


def _help(text: str) -> str:
    return "\n".join(_wrap(text)) + "\n"


def _commented(yaml_text: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in yaml_text.strip("\n").split("\n"))


def cite(indent: int) -> str:
    """A placeholder citation as a list item at `indent`, with its optional fields commented out."""
    pad = " " * indent
    return (f"{pad}- source: todo-source\n"
            f"{pad}  # locator: p. 12\n"
            f'{pad}  # quote: "words copied exactly from the source (required when its text is in seeds/)"\n')


CITE_EXAMPLE = """    sources:
      - source: source-id
        quote: "words copied exactly from the source"
"""

OPTIONAL = {
    "aliases": ("Other names and spellings, each cited. kind: " + options(models.AliasKind) + ".",
                "aliases:\n  - name: Abu Example\n    kind: nom-de-guerre\n    note: used by the Taliban\n" + CITE_EXAMPLE),
    "former_ids": ("Ids this entity had before a rename (the old address gets a page pointing here); see CONTRIBUTING.md.",
                   "former_ids:\n  - old-id"),
    "notes": ("Sourced statements in your own words; [[entity-id]] links to another entity. topic: "
              + options(models.Topic) + ".",
              "notes:\n  - text: What the sources say about it, in your words.\n    topic: overview\n" + CITE_EXAMPLE),
    "nationality": ("Nationality, as a place id, cited.", "nationality:\n  - place: pakistan\n" + CITE_EXAMPLE),
    "roles": ("Positions held. Dates in EDTF: 2019-04, 2016~ (about), 2018? (uncertain), 2017-22 (summer), .. (still "
              "held). `office` for a single-holder post (tenures must not overlap). ended_by: "
              + options(models.EndedBy) + ".",
              "roles:\n  - group: group-id\n    title: emir\n    office: chief\n    start: 2019-04\n    end: 2020-04\n"
              "    ended_by: arrested\n" + CITE_EXAMPLE),
    "status": ("Situation as of a date. value: alive, killed, dead, detained, at-large, active, defunct, unknown.",
               "status:\n  - value: detained\n    as_of: 2020-05-11\n" + CITE_EXAMPLE),
    "parent": ("The group this is a branch of.", "parent:\n  group: group-id\n  sources:\n    - source: source-id\n"),
    "founded": ("When it was founded, cited.", "founded:\n  date: 2015-01\n  sources:\n    - source: source-id\n"),
    "relations": ("Relations to other groups. type: " + options(models.RelationType) + ". An allegation names "
                  "who makes it (alleged_by) and who rejects it (denied_by); disputed_by links a narrative.",
                  "relations:\n  - type: alleged-sponsor\n    target: group-id\n    alleged_by:\n      - person-id\n"
                  "    denied_by:\n      - group-id\n" + CITE_EXAMPLE),
    "areas": ("Places where it operates.", "areas:\n  - place: place-id\n    start: 2015-06\n" + CITE_EXAMPLE),
    "estimates": ("Numbers as someone estimated them; never averaged. `text` keeps the source's words.",
                  "estimates:\n  - measure: fighters\n    low: 1500\n    high: 3000\n    text: 1,500 to 3,000\n"
                  "    date: 2020-05\n    estimated_by:\n      - group-id\n" + CITE_EXAMPLE),
    "date": ("The date at the source's precision (EDTF): 2020-03-25, 2019-04, 2016~, 2018?, [2015,2016], "
             "2020?-11-02 (year inferred: then say why in date_note). Omit it only when no source dates it.",
             "date: 2020-03-25"),
    "date_note": ("How the date was established, when it is not printed as such.",
                  "date_note: The report gives the day and month; the year is inferred from ..."),
    "end_date": ("For an event that lasted: when it ended.", "end_date: 2020-03-26"),
    "places": ("Where it happened.", "places:\n  - kabul"),
    "attributions": ("Who is said to be behind it, by whom. stance: " + options(models.Stance) + ".",
                     "attributions:\n  - group: group-id\n    stance: claimed\n    by:\n      - group-id\n" + CITE_EXAMPLE),
    "casualties": ("Casualty figures as worded. kind: killed, injured, arrested, captured, surrendered, escaped, affected.",
                   "casualties:\n  - kind: killed\n    low: 25\n    text: at least 25\n" + CITE_EXAMPLE),
    "participants": ("People and groups involved, and in what role.",
                     "participants:\n  - entity: person-id\n    role: arrested\n" + CITE_EXAMPLE),
    "disputed_by": ("Narratives that contest this.", "disputed_by:\n  - narrative-id"),
    "within": ("The larger place it is in, cited; plain geography no document states cites general-knowledge.",
               "within:\n  place: nangarhar\n  sources:\n    - source: general-knowledge\n"),
    "publish": ("How much of the archived text the site shows: passages (the default: each cited passage with a "
                "sentence either side) or full (only when the document's licence allows it).", "publish: passages"),
    "archive": ("How the archived text was made; `make source` writes this.",
                "archive:\n  original_name: saved-page.html\n  original_sha256: " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" + "\n  text_sha256: " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                + "\n  archived_on: 2024-05-01\n  extracted_with: trafilatura 2.0.0\n"),
    "authors": ("Authors, as person ids.", "authors:\n  - person-id"),
    "publisher": ("Publisher, as a group id.", "publisher: group-id"),
    "url": ("Address of the document.", "url: https://example.org/article"),
    "accessed": ("When you read it online.", "accessed: 2024-05-01"),
    "archived_text": ("File name of its text under seeds/; quotes from it are then checked word for word.",
                      "archived_text: author-2020-short-title.txt"),
    "inferred": ("A field the document does not print, with the reason it is inferred.",
                 "inferred:\n  - field: date\n    reason: No date is printed; the latest event it describes is of ..."),
    "cited_in": ("Where a source reaches us through another (a footnote of a report).",
                 "cited_in:\n  - source: source-id\n    locator: footnote 15"),
}

REQUIRED = {
    # A placeholder, not a default: a newspaper scaffolded as a group must not pass as a militant group.
    "type": lambda kind: ("The type, one of: " + options_of_type(kind) + ".", f"type: {TYPE_PLACEHOLDER}\n"),
    "kind": lambda kind: ("The kind of document, one of: " + options(models.SourceKind) + ".", f"kind: {TYPE_PLACEHOLDER}\n"),
    "parent": lambda kind: ("The group this is a faction of, cited.",
                            "parent:\n  group: todo-parent-group\n  sources:\n" + cite(4)),
    "sources": lambda kind: ("The sources that report the event (at least one).", "sources:\n" + cite(2)),
    "question": lambda kind: ("The point in dispute, neutrally worded.", "question: What is disputed, worded neutrally?\n"),
    "about": lambda kind: ("The entities the dispute is about.", "about:\n  - todo-subject\n"),
    "versions": lambda kind: ("Every version, none privileged (at least two). stance: asserts (the default), rejects "
                              "or questions.",
                              "".join(f"  - claim: {claim}\n    claimants:\n      - todo-claimant\n    sources:\n" + cite(6)
                                      for claim in ("What one side says.", "What the other side says."))
                              .join(["versions:\n", ""])),
}


def options_of_type(kind: str) -> str:
    annotation = models.KINDS[kind].model_fields["type"].annotation
    return options(annotation)


def scaffold(kind: str, id_: str, name: str, source: str | None = None, examples: bool = False) -> str:
    """The text of a new entity file of `kind`: the fields in their canonical order, the optional
    ones commented out, so that the file is canonical as written and stays so as they are filled.
    With `examples`, the optional fields' examples are written uncommented (for the tests)."""
    model = models.KINDS[kind]
    out = [schema_line(kind) + "\n", f"id: {id_}\n", "name: " + "\n".join(scalar(name, 6, 2, 100)) + "\n",
           _help("Fill in the fields below. Optional fields are commented out: to use one, delete the '# ' "
                 "at the start of its lines. Every statement cites its sources; see CONTRIBUTING.md.")]
    for field in key_order(model):
        if field in ("id", "name"):
            continue
        if model.model_fields[field].is_required():
            explanation, text = REQUIRED[field](kind)
            out.append("#\n" + _help(explanation) + text)
        else:
            explanation, text = OPTIONAL[field]
            out.append("#\n" + _help(explanation) + (text.rstrip("\n") + "\n" if examples else _commented(text)))
    text = "".join(out)
    if source:
        text = text.replace("todo-source", source)
    return text


def main(argv: list[str] | None = None) -> int:
    kinds = {**{k: k for k in models.KINDS}, **models.FOLDERS}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", help="one of: " + ", ".join(models.KINDS))
    parser.add_argument("name", help="the most common name in the sources")
    parser.add_argument("--id", help="the id (and file name); default: made from the name")
    parser.add_argument("--source", help="id of the source to cite in the required citations")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this repository)")
    args = parser.parse_args(argv)
    kind = kinds.get(args.kind.strip().lower())
    if kind is None:
        print(f"unknown kind `{args.kind}`: use one of {', '.join(models.KINDS)}", file=sys.stderr)
        return 2
    name = " ".join(args.name.split())
    if not name:
        print('give the name: make new KIND=person NAME="Full Name"', file=sys.stderr)
        return 2
    id_ = args.id or slug(name)
    if not re.fullmatch(models.ID_PATTERN, id_ or "") or len(id_) > 80:
        print(f"`{id_}` is not a valid id: give one with ID=... (make new) or --id, in kebab-case ASCII (e.g. hafiz-saeed-khan)", file=sys.stderr)
        return 2
    root = args.root.resolve()
    path = root / "entities" / models.FOLDER_OF[kind] / f"{id_}.yml"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        print(f"{rel} already exists: edit it, or choose another id with ID=... (make new) or --id", file=sys.stderr)
        return 1
    used = used_ids(root)
    if id_ in used:
        print(f"the id `{id_}` is already used by {used[id_]}: every id is unique across all kinds; "
              "choose another with --id", file=sys.stderr)
        return 1
    text = scaffold(kind, id_, name, args.source)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as f:  # "x": never overwrite
        f.write(text)
    print(rel)
    todo = [(n, p) for n, line in enumerate(text.split("\n"), 1) if not line.lstrip().startswith("#")
            for p in PLACEHOLDERS if p in line]
    for number, placeholder in todo:
        print(f"  {rel}:{number}: replace `{placeholder}` with {PLACEHOLDERS[placeholder]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
