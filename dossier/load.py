"""Stage 1 and 2: read entity files and validate them into typed models.

`load_tree` is the only function of the pipeline that reads entity files. It returns every record
it could build and every problem it found, so the command line can report all problems at once.
"""
from __future__ import annotations

import difflib
import gc
import re
import typing
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .files import ENTITY_FOLDER, MAX_ENTITY_BYTES, UnsafeFile, list_files, read_bytes
from .models import FOLDERS, ID_PATTERN, KINDS, Entity
from .salvage import salvage
from .walk import scan
from .yamlsafe import Document, read_yaml_file

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:.*\$schema=(\S*)")


def schema_line(kind: str) -> str:
    """The first line of every entity file of `kind`: editors validate the file against this schema."""
    return SCHEMA_LINE.format(kind=kind)


@dataclass(frozen=True)
class Record:
    """One validated entity with the file it came from and the positions of its fields."""

    kind: str
    path: str  # relative to the project root, e.g. entities/people/aslam-farooqi.yml
    entity: Entity
    doc: Document
    complete: bool = True  # False: the file did not validate, and `entity` holds only its valid parts (see salvage)

    @cached_property  # read millions of times when the pages are rendered; the entity never changes
    def id(self) -> str:
        return self.entity.id

    @cached_property  # the preview keeps its records between saves: an unchanged one is not dumped again
    def data(self) -> dict:
        """The entity as JSON data, as the downloads hold it (made once; do not change it)."""
        return self.entity.model_dump(mode="json", exclude_none=True)

    @cached_property
    def _scanned(self) -> tuple[list, list, list]:
        return scan(self.entity)

    @property
    def refs(self) -> list[tuple[tuple, str, tuple[str, ...]]]:
        """(location, id, allowed kinds) of every reference, found once (walk.scan)."""
        return self._scanned[0]

    @property
    def wikilinks(self) -> list[tuple[tuple, str]]:
        """(location, id) of every `[[id]]` link, found once (walk.scan)."""
        return self._scanned[1]

    @property
    def citations(self) -> list:
        """(location, citation) of every citation, found once (walk.scan)."""
        return self._scanned[2]

    def where(self, loc: tuple) -> tuple[int, int]:
        return self.doc.where(loc)

    def problem(self, loc: tuple, message: str, hint: str = "") -> Problem:
        return Problem(self.path, *self.where(loc), message, hint)

    def __repr__(self) -> str:
        return f"Record({self.kind}:{self.id})"


def entity_files(root: Path) -> list[Path]:
    """Every regular entity file under entities/, sorted, so that runs are reproducible (links and
    anything else that must not be read are left out; `load_tree` reports them)."""
    return [f.path for f in list_files(root, ENTITY_FOLDER)[0]]


@dataclass
class Loaded:
    """What `load_tree` found: the valid records, every problem, and for the files that did not
    validate their stems (`broken`: references to them are not reported again as unknown ids)
    and what of them did validate (`partial`: checked for unknown ids and quotes, never rendered)."""

    records: list[Record]
    problems: list[Problem]
    broken: set[str]
    partial: list[Record]

    def add(self, stem: str, record: Record | None, problems: list[Problem]) -> None:
        """Take in what one file gave (`stem`: its name without `.yml`), in the order of the files."""
        self.problems.extend(problems)
        if record and record.complete:
            self.records.append(record)
        else:
            self.broken.add(stem)
            if record:
                self.partial.append(record)


def used_ids(root: Path) -> dict[str, str]:
    """Every id and former id in use → the file that uses it (for tools that start a new file;
    a file that cannot be read still claims its name)."""
    used = {}
    for file in list_files(root, ENTITY_FOLDER)[0]:
        used.setdefault(file.stem, file.rel)
        try:
            raw = read_bytes(file, MAX_ENTITY_BYTES)
        except UnsafeFile:
            continue
        if b"former_ids" in raw:
            doc, _ = read_yaml_file(raw, file.rel)
            if doc and isinstance(doc.data, dict) and isinstance(doc.data.get("former_ids"), list):
                for old in doc.data["former_ids"]:
                    used.setdefault(str(old), file.rel)
    return used


def load_tree(root: Path) -> Loaded:
    """Read and validate every entity file under `root/entities`."""
    files, problems = list_files(root, ENTITY_FOLDER)
    out = Loaded([], problems, set(), [])
    with gc_paused():
        for file in files:
            try:
                raw = read_bytes(file, MAX_ENTITY_BYTES)
            except UnsafeFile as err:
                out.add(file.stem, None, [err.problem])
                continue
            out.add(file.stem, *load_file(file.rel, raw))
    return out


@contextmanager
def gc_paused():
    """Pause Python's cycle collector while many objects are built.

    Loading keeps every record, and each collection would scan all the records loaded so far
    again: about a quarter of the validation time at 5,000 entities. Nothing built here forms a
    reference cycle (the YAML loaders are disposed of; tests/test_bench.py checks it), so the
    collector has nothing to find until the records are dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def kind_of_path(rel: str) -> tuple[str | None, Problem | None]:
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != "entities":
        return None, Problem(rel, 0, 0, "entity files live one folder deep: entities/<kind folder>/<id>.yml",
                             f"move it into one of: {', '.join('entities/' + f for f in FOLDERS)}")
    if parts[1] not in FOLDERS:
        hint = _did_you_mean(parts[1], FOLDERS) or f"use one of: {', '.join(FOLDERS)}"
        return None, Problem(rel, 0, 0, f"unknown folder `{parts[1]}`", hint)
    if not parts[2].endswith(".yml"):
        return None, Problem(rel, 0, 0, "entity files end in `.yml`", f"rename it to {Path(parts[2]).stem}.yml")
    return FOLDERS[parts[1]], None


def load_file(rel: str, raw: bytes) -> tuple[Record | None, list[Problem]]:
    """Parse and validate one file's bytes; `rel` is its path for messages."""
    kind, problem = kind_of_path(rel)
    if problem:
        return None, [problem]
    doc, problems = read_yaml_file(raw, rel)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [Problem(rel, 1, 1, "the file must be a mapping of fields (`name: value` lines)", "start with `id: <file name>` and `name: ...`")]
    model = KINDS[kind]
    problems = check_comments(doc, rel, kind)
    complete = True
    try:
        entity = model.model_validate(doc.data)
    except ValidationError as err:
        problems += explain(err, model, doc, rel)
        entity, complete = salvage(model, doc.data), False  # what validates of it still gets the cross-file checks
    stem = _stem(rel)
    if entity.id is not None and entity.id != stem:
        problems.append(Problem(rel, *doc.where(("id",)), f"id `{entity.id}` does not match the file name `{stem}.yml`",
                                f"rename the file to {entity.id}.yml or set `id: {stem}`"))
        complete = False
    return Record(kind, rel, entity, doc, complete), problems


def _stem(rel: str) -> str:
    """`Path(rel).stem` of a path ending in `.yml` (as `kind_of_path` requires), without a Path."""
    name = rel.rpartition("/")[2]
    return name[:-4] if len(name) > 4 else name


def check_comments(doc: Document, rel: str, kind: str) -> list[Problem]:
    """The schema line must open the file; a `#` after an unquoted value must not eat part of it."""
    problems = []
    expected = schema_line(kind)
    schema_comments = [c for c in doc.comments if SCHEMA_COMMENT.match(c.text)]
    first = next((c for c in schema_comments if c.line == 1 and c.own_line), None)
    if first is None and schema_comments:
        problems.append(Problem(rel, schema_comments[0].line, schema_comments[0].col, "the schema line is not the first line of the file",
                                f"move it to line 1 as: {expected}"))
    elif first is None:
        problems.append(Problem(rel, 1, 1, "the schema line is missing",
                                f"add this as the first line (editors check the file against it as you type): {expected}"))
    elif first.text != expected:
        named = SCHEMA_COMMENT.match(first.text).group(1) or "nothing"
        problems.append(Problem(rel, 1, 1, f"the schema line names `{named}`, not the {kind} schema of files in {Path(rel).parent.as_posix()}/",
                                f"replace line 1 with: {expected}"))
    for c in doc.comments:
        if c.after_plain:
            problems.append(Problem(rel, c.line, c.col, "` #` starts a comment: the words from `#` on are not part of the value",
                                    "if the `#` belongs to the text (as in `Report #20`), put the whole value in double quotes; "
                                    "if it is a note, move it onto a line of its own"))
    return problems


# ---------------------------------------------------------------------------------------------
# Pydantic's errors, said so that a contributor knows what to type.

_TYPE_WORDS = {
    "string_type": "text", "list_type": "a list (lines starting with `- `)", "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields", "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "bool_parsing": "true or false", "bool_type": "true or false",
}


def explain(err: ValidationError, model: type[BaseModel], doc: Document, path: str) -> list[Problem]:
    """Turn pydantic errors into file:line problems with a hint each."""
    problems, seen = [], set()
    for e in err.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if isinstance(p, int) or ("[" not in p and "-" not in p or p in _field_names(model)))
        loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
        if loc in seen:
            continue
        seen.add(loc)
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        where = doc.where(loc)
        kind, value = e["type"], e.get("input")
        dotted = ".".join(str(p) for p in loc) or "(file)"
        if kind == "extra_forbidden":
            allowed = sorted(_fields_at(model, loc[:-1]))
            hint = _did_you_mean(field, allowed) or f"allowed here: {', '.join(allowed)}"
            problems.append(Problem(path, *where, f"unknown field `{field}`", hint))
        elif kind == "missing":
            problems.append(Problem(path, *where, f"missing required field `{dotted}`", f"add `{field}:` here (see schemas/{_kind_name(model)}.schema.json)"))
        elif kind in ("enum", "literal_error"):
            options = [str(o) for o in _options_at(model, loc)]
            hint = _did_you_mean(str(value), options) or f"use one of: {', '.join(options)}"
            problems.append(Problem(path, *where, f"`{dotted}` cannot be `{value}`", hint))
        elif kind == "string_pattern_mismatch" and _looks_like_ref(e):
            suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
            problems.append(Problem(path, *where, f"`{dotted}`: `{value}` is not a valid id",
                                    f"ids are kebab-case ASCII letters and digits, e.g. `{suggestion or 'hafiz-saeed-khan'}`"))
        elif kind == "string_pattern_mismatch" and field == "url":
            problems.append(Problem(path, *where, f"`{dotted}`: `{value}` is not an http(s) address", "write the full address starting with https:// or http://"))
        elif kind == "string_pattern_mismatch":
            problems.append(Problem(path, *where, f"`{dotted}`: `{value}` is not allowed here", "names are one line of text; archived texts are lower-case *.txt file names"))
        elif kind in _TYPE_WORDS:
            got = "nothing" if value is None else f"`{value}`" if not isinstance(value, (dict, list)) else type(value).__name__.replace("dict", "a mapping").replace("list", "a list")
            problems.append(Problem(path, *where, f"`{dotted}` must be {_TYPE_WORDS[kind]}, not {got}", _type_hint(kind)))
        elif kind in ("too_short", "string_too_short"):
            problems.append(Problem(path, *where, f"`{dotted}` is empty", "give at least one entry" if kind == "too_short" else "write the text or remove the field"))
        elif kind == "string_too_long":
            problems.append(Problem(path, *where, f"`{dotted}` is too long ({len(str(value))} characters)", f"keep it under {e['ctx']['max_length']} characters"))
        elif kind in ("greater_than_equal", "less_than_equal"):
            problems.append(Problem(path, *where, f"`{dotted}`: {value} is out of range", "numbers are counts from 0 up"))
        else:
            message = e["msg"].removeprefix("Value error, ")
            text, _, hint = message.partition(" — ")
            problems.append(Problem(path, *where, f"`{dotted}`: {text}", hint or "see CONTRIBUTING.md"))
    return problems


def _type_hint(kind: str) -> str:
    if kind.startswith("list"):
        return "write each entry on its own line starting with `- `"
    if kind.startswith(("dict", "model")):
        return "indent the fields under this one"
    if kind.startswith("int"):
        return "write digits only, e.g. 24; keep the wording in `text`"
    if kind.startswith("string"):
        return "put the value in double quotes"
    return ""


def _looks_like_ref(e) -> bool:
    return e.get("ctx", {}).get("pattern") == ID_PATTERN


def _kind_name(model) -> str:
    return next((k for k, m in KINDS.items() if m is model), "entity")


def _did_you_mean(word: str, options) -> str:
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else ""


def _field_names(model) -> set[str]:
    return set(model.model_fields)


def _models_in(annotation) -> list:
    """The model classes and enum/literal options reachable from a type annotation."""
    out = []
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, Enum)):
        return [annotation]
    if origin is typing.Literal:
        return [annotation]
    for arg in typing.get_args(annotation):
        out.extend(_models_in(arg))
    return out


def _annotation_at(model, loc):
    current = model
    annotation = None
    for part in loc:
        if isinstance(part, int):
            continue
        classes = [c for c in _models_in(annotation) if isinstance(c, type) and issubclass(c, BaseModel)] if annotation is not None else [current]
        cls = classes[0] if classes else None
        if cls is None or part not in cls.model_fields:
            return None
        annotation = cls.model_fields[part].annotation
    return annotation


def _fields_at(model, loc) -> set[str]:
    annotation = _annotation_at(model, loc) if loc else model
    classes = [c for c in _models_in(annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
    return set(classes[0].model_fields) if classes else set()


def _options_at(model, loc) -> list:
    for c in _models_in(_annotation_at(model, loc)):
        if isinstance(c, type) and issubclass(c, Enum):
            return [m.value for m in c]
        if typing.get_origin(c) is typing.Literal:
            return list(typing.get_args(c))
    return []
