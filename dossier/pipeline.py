"""The build as a checklist: load → validate → link → render; each a named call.

`validate` reads the entity files and archived texts (the only reads of the pipeline) and raises
`InputError` with every problem found. Rendering and writing live in `render` and `write`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import checks
from .errors import InputError, Problem
from .files import MAX_TEXT_BYTES, TEXT_FOLDER, UnsafeFile, list_files, read_bytes
from .load import Record, load_tree
from .quotes import SourceText
from .textcheck import first_refused


def read_texts(root: Path) -> tuple[dict[str, SourceText], list[Problem]]:
    """The archived source texts: the `*.txt` files directly under seeds/, by file name. Files
    that must not be read (links, folders, devices, oversized files) are problems, anywhere there,
    and so is a text holding a character no entity file may hold (`seed_text`)."""
    texts = {}
    files, problems = list_files(root, TEXT_FOLDER)
    for file in files:
        if "/" in file.rel[len(TEXT_FOLDER) + 1:] or not file.name.endswith(".txt"):
            continue  # READMEs and notes beside the texts
        try:
            raw = read_bytes(file, MAX_TEXT_BYTES)
            text = seed_text(raw.decode("utf-8"))
            refused = first_refused(text)
            if refused:
                at, why = refused
                line = text.count("\n", 0, at) + 1
                col = at - (text.rfind("\n", 0, at) + 1) + 1
                problems.append(Problem(file.rel, line, col, f"the archived text holds {why}",
                                        "delete it: an archived text is the document's visible words, and an invisible "
                                        "character can hide or reorder them, or make a quote match words that read "
                                        "otherwise (ZWNJ and ZWJ are allowed inside words; `make source` drops the others)"))
            texts[file.name] = SourceText(file.name, text)
        except UnsafeFile as err:
            problems.append(err.problem)
        except UnicodeDecodeError:
            problems.append(Problem(file.rel, 1, 1, "archived text is not UTF-8", "convert it to UTF-8"))
    return texts, problems


def seed_text(decoded: str) -> str:
    """An archived text as it is checked and shown: NFC, like every value of the entity files, so
    that a quote matches however its accents were encoded (`é` or `e` + U+0301); line ends
    (CR LF, a lone CR) as LF, so that a quote runs across a line break and the offsets of
    the cited passages are those of one text; a leading byte-order mark (as Windows editors save
    UTF-8) dropped. Any other byte-order mark is refused with the other invisible characters."""
    text = decoded.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def validate(root: Path) -> tuple[list[Record], dict[str, SourceText]]:
    """Load and check everything; raise InputError listing every problem."""
    loaded = load_tree(root)
    texts, text_problems = read_texts(root)
    problems = loaded.problems + text_problems
    problems += checks.run_all(loaded.records, texts, loaded.broken, loaded.partial)
    if problems:
        raise InputError(problems)
    return loaded.records, texts


@dataclass
class Snapshot:
    """Everything that could be read of a tree, valid or not: the records that validated, what
    validated of the others (salvaged, `complete` False), the archived texts and every problem.
    For comparing two versions of the dossier (`make review`), where an old schema must still be
    read as far as it can be; the site is only ever built from `validate`."""

    records: list[Record]
    texts: dict[str, SourceText]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.problems

    def __repr__(self) -> str:
        return f"Snapshot({len(self.records)} records, {len(self.texts)} texts, {len(self.problems)} problems)"


def snapshot(root: Path) -> Snapshot:
    """Load and check everything, keeping what does not validate instead of raising."""
    loaded = load_tree(root)
    texts, text_problems = read_texts(root)
    problems = loaded.problems + text_problems
    problems += checks.run_all(loaded.records, texts, loaded.broken, loaded.partial)
    kept = {r.id for r in loaded.records}
    salvaged = [r for r in loaded.partial if r.entity is not None and r.id and r.id not in kept]
    return Snapshot(loaded.records + salvaged, texts, sorted(set(problems)))
