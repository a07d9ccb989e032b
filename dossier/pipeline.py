"""The build as a checklist: load → validate → link → render; each a named call.

`validate` reads the entity files and archived texts (the only reads of the pipeline) and raises
`InputError` with every problem found. Rendering and writing live in `render` and `write`.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from . import checks
from .errors import InputError, Problem
from .load import Record, load_tree
from .quotes import SourceText


def read_texts(root: Path) -> tuple[dict[str, SourceText], list[Problem]]:
    """The archived source texts under seeds/, by file name."""
    texts, problems = {}, []
    for file in sorted((root / "seeds").glob("*.txt")):
        try:
            # NFC, like every value of the entity files, so that a quote matches however its
            # accents were encoded (`é` or `e` + U+0301)
            texts[file.name] = SourceText(file.name, unicodedata.normalize("NFC", file.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            problems.append(Problem(f"seeds/{file.name}", 1, 1, "archived text is not UTF-8", "convert it to UTF-8"))
    return texts, problems


def validate(root: Path) -> tuple[list[Record], dict[str, SourceText]]:
    """Load and check everything; raise InputError listing every problem."""
    records, problems, broken = load_tree(root)
    texts, text_problems = read_texts(root)
    problems += text_problems
    problems += checks.run_all(records, texts, broken)
    if problems:
        raise InputError(problems)
    return records, texts
