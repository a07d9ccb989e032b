"""The dossier's history, read from git: the one module that runs git.

Reading git is input, like reading the entity files: it happens here, once, and what it finds is
plain data (`GitHistory`: commits, the entity files each changed, the files' contents at each
version, the release tags) that the pure stages turn into changes (`changelog`) and the renderers
show. Nothing here parses YAML or compares entities.

A few git calls whatever the size of the history: one `git log --raw` for every commit that
touched `entities/` and the files it changed, one `git for-each-ref` for the release tags, one
`git log --no-walk` for their dates, one `git ls-tree` per release and for HEAD, and one
`git cat-file --batch` for the contents of every file version needed. Each call has a timeout.
Outside a git repository, in a shallow clone (whose oldest commit would seem to add everything),
or when git fails, the history is `unavailable`, with the reason: the build goes on without it.

`export` and `resolve` serve `make review`: they read a commit's entities and archived texts
into a folder (with `git archive`), never touching the working tree.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT = 60  # seconds for any one git call
ENTITIES = "entities"
RELEASE_TAGS = "refs/tags/v*"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: a base with nothing in it


class GitError(Exception):
    """git is missing, failed, or took too long; the message says which, in words."""


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # the committer's date, YYYY-MM-DD: reproducible, unlike the clock
    time: int  # the committer's time, seconds since the epoch (orders commits of one day)
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    def __repr__(self) -> str:
        return f"Commit({self.short} {self.date} {self.subject[:40]!r})"


@dataclass(frozen=True)
class FileChange:
    """An entity file added (A), modified (M), deleted (D) or renamed (R) by a commit; the blobs
    are the file's contents before and after (None: it did not exist)."""

    commit: str
    status: str
    path: str
    old_path: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None


@dataclass(frozen=True)
class Release:
    name: str  # the tag, e.g. v1.0
    commit: Commit
    files: dict[str, str] = field(default_factory=dict, hash=False, repr=False)  # entity file path → blob at the release


@dataclass
class GitHistory:
    """Everything the site shows of the history, as plain data (`available` False: why in `reason`)."""

    available: bool
    reason: str = ""
    commits: list[Commit] = field(default_factory=list)  # newest first, those that changed an entity file
    changes: list[FileChange] = field(default_factory=list)  # in the order of `commits`
    blobs: dict[str, bytes] = field(default_factory=dict, repr=False)  # blob id → content
    releases: list[Release] = field(default_factory=list)  # oldest first
    head: Release | None = None  # HEAD as a release named "HEAD": the files of the last commit

    @classmethod
    def unavailable(cls, reason: str) -> "GitHistory":
        return cls(False, reason)

    def __repr__(self) -> str:
        if not self.available:
            return f"GitHistory(unavailable: {self.reason})"
        return f"GitHistory({len(self.commits)} commits, {len(self.changes)} file changes, {len(self.releases)} releases)"


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args], input=stdin,
                              capture_output=True, timeout=TIMEOUT, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"`git {args[0]}` took more than {TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[0] if message else f"`git {args[0]}` failed")
    return done.stdout


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def read(root: Path, folder: str = ENTITIES) -> GitHistory:
    """The history of `root/folder` (entity files), or an unavailable history saying why."""
    try:
        state = _text(_git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")).split()
    except GitError as err:
        reason = "not a git repository" if "not a git repository" in str(err).lower() else str(err)
        return GitHistory.unavailable(reason)
    if state[:1] != ["true"]:
        return GitHistory.unavailable("not a git work tree")
    if state[1:2] == ["true"]:
        return GitHistory.unavailable("a shallow clone (fetch the whole history: `git fetch --unshallow`)")
    try:
        commits, changes = _log(root, folder)
        releases = _releases(root, folder)
        head_commit = _commits(root, ["HEAD"])
        head = Release("HEAD", head_commit[0], _files(root, "HEAD", folder)) if head_commit else None
        wanted = {b for c in changes for b in (c.old_blob, c.new_blob) if b}
        for r in releases + ([head] if head else []):
            wanted |= set(r.files.values())
        blobs = _cat(root, sorted(wanted))
    except GitError as err:
        return GitHistory.unavailable(f"git failed: {err}")
    return GitHistory(True, "", commits, changes, blobs, releases, head)


def _log(root: Path, folder: str) -> tuple[list[Commit], list[FileChange]]:
    """One pass of `git log --raw` over the folder: every commit (merges left out: their changes are
    their parents') and the files it added, modified, deleted or renamed, with their blobs."""
    raw = _git(root, "log", "--no-merges", "--raw", "--no-abbrev", "-M", "-z", "--relative",
               "--format=%H%x1f%cs%x1f%ct%x1f%s", "--", folder)
    tokens = raw.split(b"\0")
    commits, changes = [], []
    current = None
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if not token:
            continue
        if token.startswith(b":"):  # :old_mode new_mode old_blob new_blob STATUS, then its path(s)
            meta = _text(token[1:]).split()
            status = meta[4][:1]
            paths = [_text(tokens[i])]
            i += 1
            if status in "RC":
                paths.append(_text(tokens[i]))
                i += 1
            old_blob = None if set(meta[2]) == {"0"} else meta[2]
            new_blob = None if set(meta[3]) == {"0"} else meta[3]
            if current is not None:
                changes.append(FileChange(current.sha, "R" if status == "R" else status, paths[-1],
                                          paths[0] if status in "RC" else None, old_blob, new_blob))
            continue
        sha, date, time, subject = (_text(token).split("\x1f", 3) + ["", "", ""])[:4]
        current = Commit(sha, date, int(time) if time.isdigit() else 0, " ".join(subject.split()))
        commits.append(current)
    return commits, changes


def _commits(root: Path, refs: list[str]) -> list[Commit]:
    if not refs:
        return []
    out = []
    for line in _text(_git(root, "log", "--no-walk=unsorted", "--format=%H%x1f%cs%x1f%ct%x1f%s", *refs, "--")).splitlines():
        sha, date, time, subject = (line.split("\x1f", 3) + ["", "", ""])[:4]
        out.append(Commit(sha, date, int(time) if time.isdigit() else 0, " ".join(subject.split())))
    return out


def _releases(root: Path, folder: str) -> list[Release]:
    """The `v*` tags, oldest commit first, each with the entity files at it."""
    refs = []
    for line in _text(_git(root, "for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)",
                           RELEASE_TAGS)).splitlines():
        name, obj, peeled = (line.split("\0") + ["", ""])[:3]
        refs.append((name, peeled or obj))
    if not refs:
        return []
    by_sha = {c.sha: c for c in _commits(root, sorted({sha for _n, sha in refs}))}
    releases = [Release(name, by_sha[sha], _files(root, sha, folder)) for name, sha in refs if sha in by_sha]
    return sorted(releases, key=lambda r: (r.commit.time, r.name))


def _files(root: Path, ref: str, folder: str) -> dict[str, str]:
    """Entity file path → blob id at a commit."""
    out = {}
    for entry in _git(root, "ls-tree", "-r", "-z", ref, "--", folder).split(b"\0"):
        if entry:
            meta, _tab, path = entry.partition(b"\t")
            kind_sha = meta.split()
            if len(kind_sha) == 3 and kind_sha[1] == b"blob":
                out[_text(path)] = _text(kind_sha[2])
    return out


def _cat(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The contents of many blobs in one `git cat-file --batch`."""
    if not blobs:
        return {}
    raw = _git(root, "cat-file", "--batch", stdin=("\n".join(blobs) + "\n").encode())
    out, pos = {}, 0
    while pos < len(raw):
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if len(header) == 3:
            size = int(header[2])
            out[_text(header[0])] = raw[pos:pos + size]
            pos += size + 1
    return out


# -- make review: another commit's data, read into a folder ---------------------------------------

def resolve(root: Path, ref: str, merge_base: bool = True) -> tuple[str, str]:
    """(commit to compare with, how it was chosen): `ref`'s merge base with HEAD, as a pull request
    compares (changes made on the base branch since are not the pull request's), or `ref` itself."""
    if ref == EMPTY_TREE:
        return EMPTY_TREE, "the empty tree (everything is new)"
    sha = _text(_git(root, "rev-parse", "--verify", "--end-of-options", ref + "^{commit}")).strip()
    if merge_base:
        try:
            base = _text(_git(root, "merge-base", sha, "HEAD")).strip()
        except GitError:
            return sha, f"{ref} ({sha[:7]}; no common ancestor with HEAD)"
        if base and base != sha:
            return base, f"{ref} at its merge base with HEAD ({base[:7]})"
    return sha, ref if sha.startswith(ref) else f"{ref} ({sha[:7]})"


def export(root: Path, commit: str, dest: Path, folders: tuple[str, ...] = (ENTITIES, "seeds")) -> list[str]:
    """Write the `folders` of `commit` (as they are under `root`) into `dest` with `git archive`;
    return those that existed there. Links and paths leaving `dest` are refused by tarfile's data
    filter; the files are then read as any others, as untrusted."""
    dest.mkdir(parents=True, exist_ok=True)
    if commit == EMPTY_TREE:
        return []
    top = Path(_text(_git(root, "rev-parse", "--show-toplevel")).strip())  # paths below are the repository's
    prefix = _text(_git(root, "rev-parse", "--show-prefix")).strip()
    present = [f for f in folders if _git(top, "ls-tree", "--name-only", commit, "--", prefix + f).strip()]
    if present:
        data = _git(top, "archive", "--format=tar", f"{commit}:{prefix}", "--", *present)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")
    return present
