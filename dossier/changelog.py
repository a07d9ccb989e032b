"""The dossier's history as changes: each entity's commits, the latest commits, and per release
what was added, changed and removed. Pure: from the plain data `history.read` gives (commits,
file changes, file contents) and the same engine as `make review` (`review.diff`).

Every file version is parsed once (`load.load_file`, which reads an old schema as far as it can)
and compared with the one before it; nothing here reads a file or runs git.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .history import Commit, FileChange, GitHistory
from .load import Record, load_file
from .review.diff import EntityChange, compare, diff_entity
from .review.statements import statements

RECENT = 20  # commits on the Changes page


@dataclass(frozen=True)
class EntityCommit:
    """What one commit did to one entity."""

    commit: Commit
    change: EntityChange


@dataclass(frozen=True)
class CommitChanges:
    """What one commit did to the dossier, entity by entity."""

    commit: Commit
    changes: tuple[EntityChange, ...]


@dataclass(frozen=True)
class ReleaseNotes:
    """What a release added, changed and removed since the release before it (`previous`; None:
    since the dossier began). `name` is the tag, or None for what is not released yet."""

    name: str | None
    commit: Commit
    previous: str | None
    changes: tuple[EntityChange, ...]

    def of(self, action: str) -> list[EntityChange]:
        return [c for c in self.changes if c.action == action]


@dataclass
class Changelog:
    """The history as the site shows it; `available` False (with the reason) when the build has
    no git history, so that pages can say so."""

    available: bool
    reason: str = ""
    entities: dict[str, list[EntityCommit]] = field(default_factory=dict)  # current id → newest first
    recent: list[CommitChanges] = field(default_factory=list)  # newest first
    releases: list[ReleaseNotes] = field(default_factory=list)  # newest first
    unreleased: ReleaseNotes | None = None  # since the last release (or since the beginning)
    first: Commit | None = None  # the oldest commit that touched an entity: when the dossier began
    last: Commit | None = None  # the newest

    @classmethod
    def unavailable(cls, reason: str) -> "Changelog":
        return cls(False, reason)

    def __repr__(self) -> str:
        if not self.available:
            return f"Changelog(unavailable: {self.reason})"
        return (f"Changelog({len(self.entities)} entities, {len(self.recent)} recent commits, "
                f"{len(self.releases)} releases)")


class _Versions:
    """Each file version parsed once, by (path, blob)."""

    def __init__(self, blobs: Mapping[str, bytes]):
        self.blobs = blobs
        self.parsed: dict[tuple[str, str], Record | None] = {}
        self.found: dict[int, tuple[object, list]] = {}  # id(entity) → (entity, its statements)

    def statements(self, entity) -> list:
        """An entity's statements, found once: each version is compared with the one before and after."""
        if entity is None:
            return []
        cached = self.found.get(id(entity))
        if cached is None or cached[0] is not entity:
            cached = self.found[id(entity)] = (entity, statements(entity))
        return cached[1]

    def record(self, path: str | None, blob: str | None) -> Record | None:
        if not path or not blob:
            return None
        key = (path, blob)
        if key not in self.parsed:
            raw = self.blobs.get(blob)
            record = load_file(path, raw)[0] if raw is not None else None
            self.parsed[key] = record if record is not None and record.entity is not None and record.id else None
        return self.parsed[key]


def _stem(path: str | None) -> str:
    name = (path or "").rpartition("/")[2]
    return name.rpartition(".")[0] or name


def build(h: GitHistory, current: list[Record], recent: int = RECENT) -> Changelog:
    """The changelog of a history, for the entities of `current` (the dossier being built)."""
    if not h.available:
        return Changelog.unavailable(h.reason)
    names = {r.id: r.entity.name for r in current}
    versions = _Versions(h.blobs)
    commits = {c.sha: c for c in h.commits}
    per_change = [(fc, _change(fc, versions, names)) for fc in h.changes]

    # Which current entity a file name stands for: its id, its former ids, and the names a file
    # had before git saw it renamed (newest first, so a rename is known before the older changes).
    owner = {r.id: r.id for r in current}
    for r in current:
        for former in r.entity.former_ids:
            owner.setdefault(former, r.id)
    for fc in h.changes:
        if fc.status == "R" and _stem(fc.path) in owner:
            owner.setdefault(_stem(fc.old_path), owner[_stem(fc.path)])

    entities: dict[str, list[EntityCommit]] = {}
    by_commit: dict[str, list[EntityChange]] = {}
    for fc, change in per_change:
        if change is None:
            continue
        by_commit.setdefault(fc.commit, []).append(change)
        who = owner.get(_stem(fc.path)) or owner.get(_stem(fc.old_path))
        if who and fc.commit in commits:
            entities.setdefault(who, []).append(EntityCommit(commits[fc.commit], change))

    latest = [CommitChanges(c, tuple(sorted(by_commit[c.sha], key=lambda x: (x.kind, x.name.casefold()))))
              for c in h.commits if c.sha in by_commit][:recent]
    notes = []
    previous = None
    for release in h.releases:
        notes.append(ReleaseNotes(release.name, release.commit, previous.name if previous else None,
                                  _between(previous.files if previous else {}, release.files, versions, names)))
        previous = release
    unreleased = None
    if h.head is not None:
        unreleased = ReleaseNotes(None, h.head.commit, previous.name if previous else None,
                                  _between(previous.files if previous else {}, h.head.files, versions, names))
    return Changelog(True, "", entities, latest, notes[::-1], unreleased,
                     h.commits[-1] if h.commits else None, h.commits[0] if h.commits else None)


def _change(fc: FileChange, versions: _Versions, names: Mapping[str, str]) -> EntityChange | None:
    """What a commit did to one entity file, in statements (no quote is checked: the history says
    what changed; the build checks what is)."""
    old = versions.record(fc.old_path or fc.path, fc.old_blob)
    new = versions.record(fc.path, fc.new_blob)
    if old is None and new is None:
        return None
    if old is None or new is None:
        found = compare([old] if old else [], [new] if new else [], names=names)
        return found[0] if found else None
    changes = diff_entity(old.entity, new.entity, names, found=versions.statements)
    action = "renamed" if old.id != new.id else "changed"
    return EntityChange(action, new.kind, new.id, new.entity.name or new.id, old.id if action == "renamed" else None,
                        changes, path=new.path)


def _between(old_files: Mapping[str, str], new_files: Mapping[str, str], versions: _Versions,
             names: Mapping[str, str]) -> tuple[EntityChange, ...]:
    """The changes between two trees of entity files; only the files that differ are read."""
    differ = {p for p in set(old_files) | set(new_files) if old_files.get(p) != new_files.get(p)}
    old = [versions.record(p, old_files.get(p)) for p in sorted(differ)]
    new = [versions.record(p, new_files.get(p)) for p in sorted(differ)]
    return tuple(compare([r for r in old if r], [r for r in new if r], names=names))
