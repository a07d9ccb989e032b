"""Problems found in contributor input, and the one exception that carries them.

Library code never prints or exits: it collects `Problem`s and raises `InputError` once, so the
command line can report every problem of a run at the same time.
"""
from __future__ import annotations

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
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        return f"{where}: {self.message}" + (f" — {self.hint}" if self.hint else "")

    def github_annotation(self) -> str:
        """The `::error` workflow command GitHub shows on the pull request's line.

        Every part is escaped as GitHub's toolkit escapes it (`%`, CR and LF everywhere; `:` and
        `,` in properties too), so no file name or message can end the command and start another
        (a name holding a newline and `::warning …::` would otherwise forge one)."""
        text = _escape_data(self.message + (f" — {self.hint}" if self.hint else ""))
        return (f"::error file={_escape_property(self.path)},line={max(self.line, 1)},col={max(self.col, 1)}"
                f"::{text}")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class InputError(Exception):
    """Raised when the entity files cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
