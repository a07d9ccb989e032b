"""Problems found in contributor input, and the one exception that carries them.

Library code never prints or exits: it collects `Problem`s and raises `InputError` once, so the
command line can report every problem of a run at the same time.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """The problem as printed, on one line: messages quote values, and a value may hold anything."""
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return printable(f"{where}: {self.message}" + (f" — {self.hint}" if self.hint else ""))

    def github_annotation(self) -> str:
        """The `::error` workflow command GitHub shows on the pull request's line.

        Every part is escaped as GitHub's toolkit escapes it (`%`, CR and LF everywhere; `:` and
        `,` in properties too), so no file name or message can end the command and start another
        (a name holding a newline and `::warning …::` would otherwise forge one)."""
        text = printable(_escape_data(self.message + (f" — {self.hint}" if self.hint else "")))
        return (f"::error file={printable(_escape_property(self.path))},line={max(self.line, 1)},col={max(self.col, 1)}"
                f"::{text}")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_KEPT = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner: part of Persian and Indic words
_ESCAPED_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs", "Cn"))


def printable(text: str) -> str:
    """`text` as it may be printed to a terminal or a CI log: every line break (LF, CR, NEL, U+2028,
    U+2029) and every other control, format (bidirectional overrides, zero-width characters),
    surrogate or unassigned character shown as a visible escape (`\\n`, `\\x85`, `\\u202e`).

    Every script prints what it reports through this (`Problem.__str__` uses it), so no line of
    output can start with data: a value holding a newline and `::warning …::` or `::add-mask::`
    would otherwise be run by GitHub Actions as a workflow command, and an override would reorder
    what the reader sees."""
    if text.isprintable():  # most messages: nothing to escape
        return text
    return "".join(_escape_char(c) for c in text)


def _escape_char(c: str) -> str:
    if c in _NAMED:
        return _NAMED[c]
    if c in _KEPT or unicodedata.category(c) not in _ESCAPED_CATEGORIES:
        return c  # a space, letter or mark that isprintable() merely counts as unprintable (NBSP, U+3000)
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class InputError(Exception):
    """Raised when the entity files cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
