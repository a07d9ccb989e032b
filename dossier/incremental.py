"""The preview's state between saves, and the rule that says which pages one save touches.

A long-running preview (`scripts/serve.py`) keeps what it read and made: every entity file's
record and problems by path, the archived texts, and the pages of its last good generation. On a
change it is given the changed files' bytes (it reads nothing itself: the script watches and
reads), re-loads only those (`load.load_file`), re-runs the cross-file checks (they are global),
and asks `plan` which pages to make again:

- an entity whose change is **in its notes only** (same fields otherwise, and its notes link,
  cite and dispute exactly what they did) is shown differently only where its notes are shown:
  its own page, its JSON document, the page of its archived text ("About this document"), the
  home page's profile if it is the subject group, and the downloads that carry every note
  (`dossier.json`, the STIX bundle, and the Data page, which states their sizes). Those are made
  again; nothing else is;
- any other change (a name, a date, a relation, a citation, a file added, removed or renamed, an
  archived text) makes everything again, as `scripts/build_pages.py` does.

Either way the slowest files (`LATER`: the STIX bundle, and the Data page that states its size)
are made after the others: `Update.later` names them and `Preview.render_later` makes them, so the
page being edited is written first. A change that does not validate changes nothing: the problems
are returned and the last good pages stay as they are, all of them.

Every file made here is the text a full build makes (`render.Site` makes each the same way
whichever way it is asked for); tests/test_incremental.py checks it against `render.site`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Mapping

from . import checks
from .changelog import Changelog, build as build_changelog
from .errors import Problem
from .exports import ExportMeta
from .exports.stix import FILE as STIX_FILE
from .history import GitHistory
from .load import Loaded, Record, gc_paused, load_file
from .quotes import SourceText
from .render import DATA_PAGE, Settings, Site

ALL_NOTES = ("data/dossier.json",)  # downloads holding every entity's notes, made at once
LATER = (f"data/{STIX_FILE}", DATA_PAGE)  # the slowest, made after the rest: the STIX bundle, and the Data page (its size)


@dataclass(frozen=True)
class Plan:
    """Which generated files a change touches. `full`: all of them (`reason` says why); otherwise
    the own files of `entities` (`Site.of_entity`), the home page's profile if `profile`, the
    `downloads` at once, and `later` after them."""

    full: bool
    reason: str = ""
    entities: tuple[str, ...] = ()
    profile: bool = False
    downloads: tuple[str, ...] = ()
    later: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.full or self.entities or self.profile or self.downloads or self.later)

    def __str__(self) -> str:
        if self.full:
            return f"everything ({self.reason})"
        if self.empty:
            return "nothing (no entity changed)"
        return f"the notes of {', '.join(self.entities)}"


EVERYTHING = Plan(True, "the first generation")


def notes_only(old: Record, new: Record) -> bool:
    """True when `new` differs from `old` at most in what its notes say: every other field is the
    same, and its notes link, cite and dispute exactly what they did (so no other page's backlinks,
    citations or disputes change)."""
    if (old.kind, old.path) != (new.kind, new.path) or type(old.entity) is not type(new.entity):
        return False
    fields = [name for name in type(new.entity).model_fields if name != "notes"]
    if any(getattr(old.entity, name) != getattr(new.entity, name) for name in fields):
        return False
    return old.refs == new.refs and old.wikilinks == new.wikilinks and old.citations == new.citations


def plan(old: Mapping[str, Record], new: Mapping[str, Record], subject: str, texts_changed: bool = False) -> Plan:
    """The files to make again when the dossier's records go from `old` to `new` (both by id).

    `subject` is the group the home page profiles (`Settings.subject`); `texts_changed`: an
    archived text under seeds/ was added, changed or removed.
    """
    if texts_changed:
        return Plan(True, "an archived text changed")
    if old.keys() != new.keys():
        added, removed = sorted(new.keys() - old.keys()), sorted(old.keys() - new.keys())
        return Plan(True, "; ".join(filter(None, [f"added {', '.join(added[:3])}" if added else "",
                                                  f"removed {', '.join(removed[:3])}" if removed else ""])))
    touched = []
    for entity_id, record in new.items():
        before = old[entity_id]
        if before is record or (before.kind, before.path, before.entity) == (record.kind, record.path, record.entity):
            continue
        if not notes_only(before, record):
            return Plan(True, f"{entity_id}: {_what_changed(before, record)} changed")
        touched.append(entity_id)
    if not touched:
        return Plan(False)
    return Plan(False, entities=tuple(sorted(touched)), profile=subject in touched, downloads=ALL_NOTES, later=LATER)


def _what_changed(old: Record, new: Record) -> str:
    if (old.kind, old.path) != (new.kind, new.path):
        return "its file"
    changed = [name for name in type(new.entity).model_fields if getattr(old.entity, name, None) != getattr(new.entity, name, None)]
    if changed == ["notes"]:
        return "what its notes link, cite or dispute"
    return ", ".join(f"`{name}`" for name in changed[:3]) or "its record"


@dataclass
class Update:
    """What one change did. With `problems` nothing else happened: no file is to be written, and
    the preview still holds the last good pages. Otherwise `write` (path → text) and `remove` make
    the generated folder what the dossier now says, but for the files named in `later`, which
    `Preview.render_later` makes afterwards; `sync` when the folder must be made exactly `pages`
    (the first generation: the folder may hold anything from before)."""

    problems: list[Problem]
    plan: Plan | None = None
    write: dict[str, str] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)
    later: tuple[str, ...] = ()
    sync: bool = False
    timings: dict[str, float] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict, repr=False)  # the whole folder after it
    site: Site | None = field(default=None, repr=False)
    records: dict[str, Record] = field(default_factory=dict, repr=False)
    changelog: Changelog | None = field(default=None, repr=False)
    generation: int | None = None  # set by `Preview.accept`

    def __repr__(self) -> str:
        if self.problems:
            return f"Update({len(self.problems)} problems)"
        return f"Update({self.plan}: {len(self.write)} to write, {len(self.remove)} to remove, later {list(self.later)})"


class Preview:
    """The preview's state: the entity files as last read, the archived texts, and the records
    and pages of the last good generation (what the generated folder holds).

    `update` takes what changed on disk and returns an `Update`; the caller writes it and calls
    `accept`, then makes `update.later` with `render_later` (in the background if it likes) and
    writes that and calls `accept_later`, which refuses a result a newer update has overtaken.
    """

    def __init__(self, settings: Settings = Settings(), history: GitHistory | None = None, meta: ExportMeta | None = None):
        self.settings = settings
        self.history = history
        self.meta = meta
        self.files: dict[str, tuple[str, Record | None, list[Problem]]] = {}  # path → (stem, record, problems)
        self.listing_problems: list[Problem] = []
        self.texts: dict[str, SourceText] = {}
        self.text_problems: list[Problem] = []
        self.records: dict[str, Record] | None = None  # of the last good generation, by id
        self.pages: dict[str, str] = {}  # what the generated folder holds
        self.changelog: Changelog | None = None
        self.owed: set[str] = set()  # files of `LATER` that the folder holds out of date
        self.generation = 0  # counts accepted updates

    def __repr__(self) -> str:
        return f"Preview({len(self.files)} files, {len(self.pages)} pages, generation {self.generation})"

    def update(self, changes: Mapping[str, bytes | Problem | None], listing_problems: list[Problem] | None = None,
               texts: tuple[dict[str, SourceText], list[Problem]] | None = None) -> Update:
        """Take in what changed: entity files by path (their bytes; a `Problem` when the file could
        not be read; None when it is gone), the problems of listing the folder (all of them, when
        given), and the archived texts with their problems (when any of them changed)."""
        with gc_paused():  # (each collection would scan the whole dossier the preview holds: seconds at 5,000)
            return self._update(changes, listing_problems, texts)

    def _update(self, changes, listing_problems, texts) -> Update:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        for rel, content in changes.items():
            name = rel.rpartition("/")[2]
            stem = name.rpartition(".")[0] or name  # as `files.InputFile.stem`
            if content is None:
                self.files.pop(rel, None)
            elif isinstance(content, Problem):
                self.files[rel] = (stem, None, [content])
            else:
                self.files[rel] = (stem, *load_file(rel, content))
        if listing_problems is not None:
            self.listing_problems = list(listing_problems)
        texts_changed = texts is not None and self.records is not None
        if texts is not None:
            self.texts, self.text_problems = texts
        loaded = Loaded([], list(self.listing_problems), set(), [])
        for rel in sorted(self.files, key=lambda rel: rel.split("/")):  # the order of `load_tree`
            loaded.add(*self.files[rel])
        timings["load_s"] = time.perf_counter() - started

        started = time.perf_counter()
        problems = loaded.problems + self.text_problems
        problems += checks.run_all(loaded.records, self.texts, loaded.broken, loaded.partial)
        timings["checks_s"] = time.perf_counter() - started
        if problems:
            return Update(sorted(set(problems)), timings=timings)

        started = time.perf_counter()
        records = {r.id: r for r in loaded.records}
        the_plan = EVERYTHING if self.records is None else plan(self.records, records, self.settings.subject, texts_changed)
        timings["plan_s"] = time.perf_counter() - started
        if the_plan.empty and not self.owed:
            return Update([], the_plan, timings=timings, pages=self.pages, records=records)

        started = time.perf_counter()
        changelog = self.changelog
        if the_plan.full or changelog is None:
            # a name or an id may have changed: the history's names are the current ones
            changelog = build_changelog(self.history, loaded.records) if self.history is not None else None
        site = Site(loaded.records, self.texts, self.settings, self.meta, changelog)
        timings["link_s"] = time.perf_counter() - started

        started = time.perf_counter()
        later: tuple[str, ...] = ()
        if self.records is None:  # the first generation: everything at once
            pages = site.everything()
        elif the_plan.full:
            later = tuple(p for p in LATER if p in self.pages)  # kept as they were until `render_later`
            pages = {**site.everything(without=later), **{p: self.pages[p] for p in later}}
        else:
            made: dict[str, str] = {}
            for entity_id in the_plan.entities:
                made.update(site.of_entity(entity_id))
            if the_plan.profile:
                made.update(site.profile())
            made.update(site.downloads(the_plan.downloads))
            pages = {**self.pages, **made}
            later = the_plan.later
        later = tuple(p for p in LATER if p in later or p in self.owed)
        timings["render_s"] = time.perf_counter() - started
        write = {p: text for p, text in pages.items() if self.pages.get(p) != text}
        remove = sorted(self.pages.keys() - pages.keys())
        return Update([], the_plan, write, remove, later, sync=self.records is None, timings=timings,
                      pages=pages, site=site, records=records, changelog=changelog)

    def accept(self, update: Update) -> None:
        """The update's files are written: they are now the preview's pages."""
        if update.problems:
            return
        if update.plan is not None and update.plan.empty and not (update.write or update.remove or update.later):
            return
        self.records = update.records
        self.pages = update.pages
        self.changelog = update.changelog
        self.owed = set(update.later)
        self.generation += 1
        update.generation = self.generation

    def render_later(self, update: Update) -> dict[str, str]:
        """The files `update.later` names, made for the dossier of that update (slow: run it in the
        background; it reads the update only)."""
        made = update.site.downloads([p for p in update.later if p != DATA_PAGE])
        if DATA_PAGE in update.later:
            downloads = {p: t for p, t in update.pages.items() if p.startswith("data/") and p != DATA_PAGE}
            made.update(update.site.data_page({**downloads, **made}))
        return made

    def is_current(self, update: Update) -> bool:
        """Whether `update` is the last one accepted (its `later` files are still wanted)."""
        return update.generation is not None and update.generation == self.generation

    def accept_later(self, update: Update, made: Mapping[str, str]) -> None:
        """`render_later`'s files for `update` are written (call only while `is_current(update)`)."""
        if not self.is_current(update):
            raise ValueError("a newer update was accepted since: its files would be out of date")
        self.pages = {**self.pages, **made}
        self.owed -= set(made)


