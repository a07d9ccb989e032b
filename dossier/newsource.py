"""A new source from an extraction: its id, the checks before it is added, its entity file, the next steps.

Pure functions: what the dossier already holds comes in as a `Known` (built by the command line
from the entity files and seeds/), and the entity file comes out as text in the canonical format.
The document's metadata fills what it can; every value so read is listed under `inferred` with
where it was read. Authors and publisher are ids of entities: a name with no entity yet is
written as a commented-out suggestion, and the next steps say how to add it.
"""
from __future__ import annotations

import hashlib
import re
import typing
from dataclasses import dataclass, field
from pathlib import PurePath

from pydantic import TypeAdapter, ValidationError

from . import ids, models
from .checks import alias_key
from .errors import InputError, Problem
from .extract import Extraction
from .fmt import format_text, scalar
from .load import load_file, schema_line
from .quotes import fold

WIDTH = 100
_STOP = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "is", "are", "its", "it", "with", "by", "at",
         "from", "as", "how", "why", "what", "s"}
_CHECK = {name: TypeAdapter(t) for name, t in (("name", models.Name), ("date", models.Edtf), ("url", models.Url))}


@dataclass
class Known:
    """What the dossier already holds that a new source is checked against."""

    ids: dict[str, str] = field(default_factory=dict)  # id or former id → the file that uses it
    seeds: set[str] = field(default_factory=set)  # file names under seeds/
    people: dict[str, str] = field(default_factory=dict)  # alias_key of a name or alias → person id
    groups: dict[str, str] = field(default_factory=dict)  # alias_key of a name or alias → group id
    archived: dict[str, str] = field(default_factory=dict)  # "text:<sha>", "folded:<sha>", "original:<sha>" → where

    def __repr__(self) -> str:
        return f"Known({len(self.ids)} ids, {len(self.seeds)} seeds, {len(self.archived)} hashes)"


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def known(records, seeds: dict[str, bytes], used: dict[str, str]) -> Known:
    """A `Known` from the loaded records, the bytes of each file in seeds/, and the ids in use."""
    out = Known(ids=dict(used), seeds=set(seeds))
    text_of = {}
    for r in records:
        names = [r.entity.name] + [a.name for a in r.entity.aliases]
        if r.kind == "person":
            for n in names:
                out.people.setdefault(alias_key(n), r.id)
        elif r.kind == "group":
            for n in names:
                out.groups.setdefault(alias_key(n), r.id)
        elif r.kind == "source":
            if r.entity.archived_text:
                text_of[r.entity.archived_text] = r.id
    for name, data in sorted(seeds.items()):
        where = f"seeds/{name}" + (f", the text of source `{text_of[name]}`" if name in text_of else "")
        out.archived.setdefault("text:" + sha256(data), where)
        try:
            out.archived.setdefault("folded:" + sha256(fold(data.decode("utf-8"))), where)
        except UnicodeDecodeError:
            pass
    for r in records:  # what `make source` recorded: the saved file, and the text as it was first written
        if r.kind == "source" and r.entity.archive:
            where = f"source `{r.id}` (entities/sources/{r.id}.yml)"
            out.archived.setdefault("original:" + r.entity.archive.original_sha256, where)
            out.archived.setdefault("text:" + r.entity.archive.text_sha256, where)
    return out


def suggest_id(ex: Extraction, file_name: str, archived_on: str = "9999-12-31") -> str:
    """`<author's surname>-<year>-<first words of the title>`, as the dossier's sources are named;
    the publisher or the file name stand in for what the document does not give."""
    parts = []
    authors = ex.metadata.get("authors")
    publisher = ex.metadata.get("publisher")
    if authors:
        parts.append(ids.slug(authors.value[0]).split("-")[-1])
    elif publisher:
        parts.append(ids.slug(str(publisher.value), 24))
    date = ex.metadata.get("date")
    if date and not ("CreationDate" in date.origin and str(date.value) >= archived_on):  # a PDF saved today: no year
        parts.append(str(date.value)[:4])
    title = ex.metadata.get("title")
    words = [w for w in ids.slug(str(title.value) if title else PurePath(file_name).stem, 200).split("-") if w]
    words = [w for w in words if w not in _STOP] or words
    parts += words[:5]
    return ids.slug("-".join(p for p in parts if p), 60) or "source"


def refusals(id_: str, text: str, original: bytes, known_: Known, shown: str) -> list[Problem]:
    """Why the source cannot be added under `id_`: an invalid or taken id, an existing file, or a
    document whose text (or file) is already archived. Empty when it can."""
    target = f"entities/sources/{id_}.yml"
    if not ids.is_valid(id_):
        return [Problem("ID", 0, 0, f"`{id_}` is not a valid id",
                        "give one with ID=..., in kebab-case ASCII letters and digits, at most 80 characters "
                        "(sources are usually <author>-<year>-<short-title>)")]
    problems = []
    if id_ in known_.ids:
        problems.append(Problem(target, 0, 0, f"the id `{id_}` is already used by {known_.ids[id_]}",
                                "every id (and former id) is unique across all kinds: choose another with ID=..."))
    if f"{id_}.txt" in known_.seeds:
        problems.append(Problem(f"seeds/{id_}.txt", 0, 0, "already exists",
                                "choose another id with ID=..., or remove the file if nothing uses it"))
    for key, what in ((f"original:{sha256(original)}", "this very file"), (f"text:{sha256(text)}", "its text"),
                      (f"folded:{sha256(fold(text))}", "its text (the same words, apart from spacing, quotes and hyphens)")):
        if key in known_.archived:
            problems.append(Problem(shown, 0, 0, f"{what} is already archived: {known_.archived[key]}",
                                    "cite that source instead of adding this one; if this is another version of the "
                                    "document, say so in that source's notes"))
            break
    return problems


@dataclass(frozen=True)
class Draft:
    """The new source's entity file, and what the contributor still has to do about it."""

    text: str
    unmatched_authors: tuple[str, ...] = ()
    unmatched_publisher: str | None = None
    todo: tuple[str, ...] = ()  # other checks, in words

    def __repr__(self) -> str:
        return f"Draft({len(self.text.splitlines())} lines, unmatched {list(self.unmatched_authors)}, {self.unmatched_publisher!r})"


def draft(id_: str, ex: Extraction, known_: Known, *, original_name: str, original_sha256: str, archived_on: str,
          url: str | None = None) -> Draft:
    """The entity file of a new source (canonical format, valid as written) from an extraction."""
    meta, todo = {}, []
    for key, found in ex.metadata.items():
        checker = {"title": "name", "date": "date", "url": "url"}.get(key)
        values = found.value if isinstance(found.value, tuple) else (found.value,)
        try:
            for v in values:
                if checker:
                    _CHECK[checker].validate_python(v)
                elif not isinstance(v, str) or "\n" in v or not v.strip():
                    raise ValueError(v)
        except (ValidationError, ValueError):
            todo.append(f"the {key} in the document's metadata (`{str(found.value)[:80]}`) cannot be used as it is: "
                        f"fill in `{'name' if key == 'title' else key}` yourself")
            continue
        meta[key] = found
    if "date" in meta and "CreationDate" in meta["date"].origin and str(meta["date"].value) >= archived_on:
        # A PDF made on the day it is archived was made by saving it (a browser's "print to PDF"): its
        # CreationDate says nothing of when the document was published.
        todo.append(f"the PDF's CreationDate ({meta.pop('date').value}) is the day it was archived, so it is when the file "
                    "was saved, not when the document was published: write the date the document prints in `date`")
    name = str(meta["title"].value) if "title" in meta else _name_from_file(original_name)
    if "title" not in meta:
        todo.append("the document's metadata gives no title: `name` was made from the file name; write the title")
    if url and "url" in meta and meta["url"].value.rstrip("/") != url.rstrip("/"):
        todo.append(f"the page gives its own address as {meta['url'].value}, not the URL given: check which to keep")
    if url:
        meta.pop("url", None)  # given by the contributor, not inferred

    authors = meta["authors"].value if "authors" in meta else ()
    author_ids, seen = [], set()
    for a in authors:  # each person once, however often or however spelt the metadata names them
        i = known_.people.get(alias_key(a))
        if (i or alias_key(a)) not in seen:
            seen.add(i or alias_key(a))
            author_ids.append((a, i))
    unmatched = tuple(a for a, i in author_ids if i is None)
    publisher = str(meta["publisher"].value) if "publisher" in meta else None
    publisher_id = _group_id(publisher, known_) if publisher else None

    out = [schema_line("source"), f"id: {id_}", *_entry("name", name)]
    out += _help("Made by `make source`. Check each field against the document (CONTRIBUTING.md, \"Adding a source "
                 "document\"), then delete these comment lines.")
    out += _help("The kind of document, one of: " + ", ".join(k.value for k in models.SourceKind
                                                                 if k.value != "general-knowledge") + ".")
    out += [f"kind: {ex.kind_hint}"]
    if authors:
        matched = [i for _a, i in author_ids if i]
        if unmatched:
            out += _help("Authors are ids of person entities. No entity exists yet for "
                         + ", ".join(unmatched) + ": add each (make new KIND=person NAME=\"...\"), then delete the "
                         "'# ' before its line below.")
        out += ["authors:" if matched else "# authors:"]
        for a, i in author_ids:
            out += [f"  - {i}"] if i else [f"#   - {ids.slug(a) or 'person-id'}"]
    if publisher:
        if publisher_id:
            out += [f"publisher: {publisher_id}"]
        else:
            out += _help(f"The publisher is the id of a group entity. None exists yet for {publisher}: add it "
                         f"(make new KIND=group NAME=\"{publisher}\", type media-outlet or research-organization), "
                         "then delete the '# ' below.")
            out += [f"# publisher: {ids.slug(publisher) or 'group-id'}"]
    if "date" in meta:
        out += _entry("date", str(meta["date"].value))
    if url or "url" in meta:
        out += _entry("url", url or str(meta["url"].value))
    out += _help("When you read it online (EDTF date), if you did.") + ["# accessed: " + archived_on]
    out += [f"archived_text: {id_}.txt", "publish: passages", "archive:",
            *_entry("original_name", _safe_name(original_name), 2),
            f"  original_sha256: {original_sha256}",
            "  text_sha256: " + sha256(ex.text),
            f"  archived_on: {archived_on}",
            *_entry("extracted_with", ex.tool, 2)]
    if ex.warnings:
        out += ["  warnings:"] + [line for w in ex.warnings for line in _item(w, 4)]
    inferred = [(k, f) for k, f in meta.items() if k in ("title", "date", "url")]
    inferred += [("authors", meta["authors"])] if authors else []
    inferred += [("publisher", meta["publisher"])] if publisher else []
    order = typing.get_args(models.Inferred.model_fields["field"].annotation)
    inferred.sort(key=lambda kf: order.index(kf[0]))
    real = [(k, f) for k, f in inferred if not _commented(k, author_ids, publisher_id)]
    suggested = [(k, f) for k, f in inferred if _commented(k, author_ids, publisher_id)]
    if inferred:
        out += ["inferred:" if real else "# inferred:"]
        for k, f in real:
            out += [f"  - field: {k}", *_entry("reason", f"From {f.origin}.", 4)]
        for k, f in suggested:  # after the real ones, so that the comments stay where they are
            out += [f"  # - field: {k}", *("  # " + line[2:] for line in _entry("reason", f"From {f.origin}.", 4))]
    text = format_text("\n".join(out) + "\n", "source")
    record, problems = load_file(f"entities/sources/{id_}.yml", text.encode("utf-8"))
    if problems:  # a value read from the document that the model refuses; never write an invalid file
        raise InputError(problems)
    return Draft(text, unmatched, publisher if publisher and not publisher_id else None, tuple(todo))


def _commented(field_: str, author_ids, publisher_id) -> bool:
    if field_ == "authors":
        return not any(i for _a, i in author_ids)
    if field_ == "publisher":
        return publisher_id is None
    return False


def _group_id(name: str, known_: Known) -> str | None:
    key = alias_key(name)
    bare = alias_key(re.sub(r"^the\s+", "", name, flags=re.I))
    return known_.groups.get(key) or known_.groups.get(bare) or known_.groups.get(alias_key("The " + name))


def _entry(key: str, value: str, indent: int = 0) -> list[str]:
    lines = scalar(value, indent + len(key) + 2, indent + 2, WIDTH)
    return [" " * indent + f"{key}: {lines[0]}", *lines[1:]]


def _item(value: str, indent: int) -> list[str]:
    lines = scalar(value, indent + 2, indent + 2, WIDTH)
    return [" " * indent + f"- {lines[0]}", *lines[1:]]


def _help(text: str) -> list[str]:
    lines, line = [], "#"
    for word in text.split():
        if len(line) + 1 + len(word) > WIDTH - 2 and line != "#":
            lines.append(line)
            line = "#"
        line += " " + word
    return lines + [line]


def _name_from_file(file_name: str) -> str:
    stem = re.sub(r"[_-]+", " ", PurePath(file_name).stem).strip()
    return _safe_name(stem) or "Untitled document"


def _safe_name(name: str) -> str:
    """A file name as plain text the model accepts: characters that could read as markup replaced."""
    return re.sub(r"[^\w .,()+&'’-]", "_", " ".join(name.split()))[:200].strip() or "document"


def example_quote(text: str) -> str:
    """A sentence of the text to show how a citation quotes it: the first whole one of 6 to 25 words
    in a paragraph of running text (not a heading, a header or a footnote)."""
    for paragraph in text.split("\n\n"):
        if len(paragraph.split()) < 25 or paragraph.startswith("<sup>"):
            continue
        for sentence in re.split(r"(?<=[a-z][.!?])\s+(?=[A-Z])", paragraph):
            if (6 <= len(sentence.split()) <= 25 and sentence.endswith((".", "!", "?")) and sentence[0].isupper()
                    and not re.search(r"[<|]", sentence)):
                return sentence
    return ""


def next_steps(id_: str, ex: Extraction, d: Draft, id_given: bool = True) -> list[str]:
    """What the contributor does next, in order, as lines to print."""
    seed, entity = f"seeds/{id_}.txt", f"entities/sources/{id_}.yml"
    steps = [] if id_given else [
        f"The id `{id_}` was made from the document's {'metadata' if ex.metadata else 'file name'}. Sources are named "
        "<author>-<year>-<short-title>: to choose another, delete the two files and run again with ID=..."]
    steps += [f"Read {seed} beside the document: is the whole text there, in order, without menus or ads?"
             + (" The warnings above say where to look first." if ex.warnings else "")]
    steps.append(f"Check the fields of {entity} against the document: name, kind, date. The ones read from its metadata "
                 "are listed under `inferred` with where they were read; delete the comment lines when done.")
    steps += [t[0].upper() + t[1:] + "." for t in d.todo]
    for a in d.unmatched_authors:
        steps.append(f"{a} has no person entity: make new KIND=person NAME=\"{a}\" (or find them under another "
                     f"spelling), then uncomment their line under `authors:` in {entity}.")
    if d.unmatched_publisher:
        steps.append(f"{d.unmatched_publisher} has no group entity: make new KIND=group NAME=\"{d.unmatched_publisher}\" "
                     f"ID={ids.slug(d.unmatched_publisher)} (type media-outlet or research-organization), then uncomment "
                     f"`publisher:` in {entity}.")
    quote = example_quote(ex.text)
    locator = "\n          locator: p. 1" if ex.file_type == "pdf" else ""
    steps.append("Cite a passage in the entity it supports: copy the words exactly from "
                 f"{seed}{' and give the page of the PDF as locator (the text has no page numbers)' if locator else ''}:\n"
                 f"      sources:\n        - source: {id_}{locator}\n          quote: \"{quote or 'words copied from the text'}\"")
    steps.append("Run `make check` (every quote is checked against the text) and look at the pages with `make serve`.")
    steps.append(f"Open a pull request with both files: git add {seed} {entity} (and the entities you added or cited it in).")
    return steps
