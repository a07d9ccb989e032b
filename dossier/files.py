"""The input files of a build, listed and read as untrusted: a pull request chooses them.

Only regular files inside the project are read, reached through real folders: a symbolic link
(to `/proc/self/environ`, to `/dev/zero`, to a folder elsewhere) anywhere under `entities/` or
`seeds/` is refused, not followed; so is anything that is not a regular file (a folder named
`x.txt`, a device, a pipe). A file's size is checked before it is read, and the check is made again
on the open file, so a file cannot grow or be swapped for a link in between. A name holding
control characters is refused (it would forge lines in logs and CI annotations) and shown escaped.

The folders other tools read as they like (MkDocs, Zensical and their extensions follow links and
read dot-files: `docs/`, `overrides/`, `offline/`) are checked whole by `unsafe_entries`, and each
path a build writes, replaces or deletes by `unsafe_target`: writing through a link, or cleaning a
linked output folder, would happen outside the project.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem

ENTITY_FOLDER = "entities"
TEXT_FOLDER = "seeds"
MAX_ENTITY_BYTES = 256 * 1024
FILE_SUFFIXES = (".yml", ".yaml", ".txt")
MAX_TEXT_BYTES = 4 * 1024 * 1024  # the longest archived text today is 30 KB; a book is about 1 MB


class UnsafeFile(Exception):
    """A file that must not be read; `problem` says why and what to do."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def shown(name: str) -> str:
    """A file name as it may be printed: control and invisible characters escaped (`\\n`, `\\u202e`)."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in name)


@dataclass(frozen=True)
class InputFile:
    """A regular file of the project: `rel` is its path from the project root, with `/`."""

    rel: str
    path: Path
    size: int

    @property
    def name(self) -> str:
        return self.rel.rpartition("/")[2]

    @property
    def stem(self) -> str:
        return self.name.rpartition(".")[0] or self.name


def list_files(root: Path, folder: str) -> tuple[list[InputFile], list[Problem]]:
    """Every regular file under `root/folder` (dot-files skipped), sorted by path, and a problem for
    each entry that must not be read. A missing folder holds no files."""
    files, problems = _list(root, folder, hidden=False, suffixes=FILE_SUFFIXES)
    files.sort(key=lambda f: f.rel.split("/"))
    return files, sorted(problems)


def unsafe_entries(root: Path, folder: str) -> list[Problem]:
    """A problem for each link, device, pipe or socket anywhere under `root/folder`, dot-named ones
    included, and each name with control characters: for folders read by tools that follow links
    and read dot-files (MkDocs' pages, snippets and theme templates), checked before they run."""
    return sorted(_list(root, folder, hidden=True, suffixes=())[1])


def _list(root: Path, folder: str, hidden: bool, suffixes: tuple[str, ...]) -> tuple[list[InputFile], list[Problem]]:
    files: list[InputFile] = []
    problems: list[Problem] = []
    base = root / folder
    try:
        info = os.lstat(base)
    except FileNotFoundError:
        return [], []
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return [], [_refusal(folder, info)]
    _walk(base, folder, files, problems, hidden, suffixes)
    return files, problems


def _walk(path: Path, rel: str, files: list[InputFile], problems: list[Problem], hidden: bool, suffixes: tuple[str, ...]) -> None:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as err:
        problems.append(Problem(shown(rel), 0, 0, f"cannot list this folder ({err.strerror})", "check its permissions"))
        return
    for entry in entries:
        if entry.name.startswith(".") and not hidden:
            continue
        here = f"{rel}/{entry.name}"
        if not entry.name.isprintable():
            problems.append(Problem(shown(here), 0, 0, "the file name holds control or invisible characters",
                                    "rename it to lower-case letters, digits and hyphens"))
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as err:
            problems.append(Problem(here, 0, 0, f"cannot read this entry ({err.strerror})", "check its permissions"))
            continue
        if stat.S_ISREG(info.st_mode):
            files.append(InputFile(here, Path(entry.path), info.st_size))
        elif stat.S_ISDIR(info.st_mode) and not entry.name.endswith(suffixes):
            _walk(Path(entry.path), here, files, problems, hidden, suffixes)
        else:  # a link, a device, or a folder named like an input file (`x.txt`)
            problems.append(_refusal(here, info))


def _refusal(rel: str, info: os.stat_result) -> Problem:
    if stat.S_ISLNK(info.st_mode):
        return Problem(rel, 0, 0, "is a symbolic link; links are never followed, so nothing outside the project is read",
                       "replace the link with the file itself (or the folder with real files)")
    what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
    return Problem(rel, 0, 0, f"is {what}, where a file is expected", "replace it with a regular text file, or remove it")


def unsafe_target(root: Path, path: Path, kind: str) -> Problem | None:
    """Why a build may not write, replace or delete `path` (a "file" or a "folder"), or None.
    Inside `root`, neither `path` nor a folder on the way to it may be a symbolic link (what is
    written there, or what MkDocs cleans out of its output folder, would be wherever the link
    points), and what is there must be a `kind`. A path outside the project (given on the command
    line) is checked itself only."""
    for here, shown_as, info in _steps(root, path):
        want = kind if here == path else "folder"
        if stat.S_ISLNK(info.st_mode):
            return Problem(shown_as, 0, 0, "is a symbolic link; the build never writes through a link, so nothing outside the project "
                           "is written or deleted", f"put a real {want} in place of the link, or delete it")
        if not (stat.S_ISDIR if want == "folder" else stat.S_ISREG)(info.st_mode):
            return Problem(shown_as, 0, 0, f"is {_what(info)}, where the build keeps a {want}", "move it away or delete it")
    return None


def _steps(root: Path, path: Path):
    """(path, shown path, lstat) of each step from `root` down to `path` that exists, links not
    followed; outside `root`, `path` alone."""
    try:
        parts = path.relative_to(root).parts
        steps = [(root.joinpath(*parts[:i]), "/".join(parts[:i])) for i in range(1, len(parts) + 1)]
    except ValueError:
        steps = [(path, str(path))]
    for here, shown_as in steps:
        try:
            info = os.lstat(here)
        except (FileNotFoundError, NotADirectoryError):
            return
        yield here, shown(shown_as), info


def _what(info: os.stat_result) -> str:
    return "a folder" if stat.S_ISDIR(info.st_mode) else "a file" if stat.S_ISREG(info.st_mode) else "a device, pipe or socket"


def read_bytes(file: InputFile, limit: int) -> bytes:
    """The file's bytes, read without following a link, or UnsafeFile when it is too large or has
    changed into something other than a regular file since it was listed."""
    if file.size > limit:
        raise UnsafeFile(_too_large(file.rel, file.size, limit))
    try:
        fd = os.open(file.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise UnsafeFile(Problem(file.rel, 0, 0, f"cannot be opened ({err.strerror}); it may have become a link",
                                 "replace it with a regular file")) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(_refusal(file.rel, info))
        data = handle.read(limit + 1)  # never more than the limit, whatever the file has become
    if len(data) > limit:
        raise UnsafeFile(_too_large(file.rel, len(data), limit))
    return data


def _too_large(rel: str, size: int, limit: int) -> Problem:
    return Problem(rel, 1, 1, f"the file is {size // 1024} KB, over the {limit // 1024} KB limit",
                   "split the entity or move long text into a source's archived text in seeds/" if rel.startswith(ENTITY_FOLDER)
                   else "archive only the document's text (make source extracts it from the saved page or PDF)")
