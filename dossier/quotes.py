"""Check that quotes really are in the archived source texts, and find where.

Quotes and texts are compared in a folded form: typographic quotes and dashes become ASCII,
hyphens are dropped (so line-break hyphenation, `counter-\naccusations`, matches either way),
and runs of whitespace become one space. Case and words are compared exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_CHAR_FOLDS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": "", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
_HYPHEN = re.compile(r"-[ \t]*(?:\r?\n[ \t]*)?")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The comparison form of a text or quote."""
    return _SPACE.sub(" ", _HYPHEN.sub("", text.translate(_CHAR_FOLDS))).strip()


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` like `fold`, also returning each folded character's offset in `text`."""
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i].translate(_CHAR_FOLDS)
        if ch == "-":
            m = _HYPHEN.match(text, i) if text[i] == "-" else None
            i = m.end() if m else i + 1
            continue
        if not ch:
            i += 1
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                offsets.append(i)
            i += 1
            continue
        out.append(ch)
        offsets.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


@dataclass
class SourceText:
    """An archived source text, folded once for every quote checked against it."""

    name: str
    text: str
    _found: dict = field(default_factory=dict, repr=False)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def contains(self, fragment: str) -> bool:
        needle = fold(fragment)
        return bool(needle) and needle in self.folded

    @cached_property
    def _mapped(self) -> tuple[str, list[int]]:
        return _fold_with_offsets(self.text)

    def span(self, fragment: str) -> tuple[int, int] | None:
        """The (start, end) offsets of the fragment's first occurrence in the original text."""
        needle = fold(fragment)
        folded, offsets = self._mapped
        at = folded.find(needle) if needle else -1
        if at < 0:
            return None
        return offsets[at], offsets[at + len(needle) - 1] + 1


def closest_passage(text: SourceText, fragment: str) -> str:
    """A short excerpt of the text that shares the most words with the fragment, for the hint."""
    words = [w for w in re.findall(r"\w+", fragment) if len(w) > 3]
    if not words:
        return ""
    folded, offsets = text._mapped  # search the folded text, show the passage as written
    best, best_at = 0, -1
    for w in words[:8]:
        at = folded.find(w)
        while at >= 0:
            window = folded[max(0, at - 80): at + 120]
            score = sum(1 for x in words if x in window)
            if score > best:
                best, best_at = score, at
            at = folded.find(w, at + 1)
            if best == len(words):
                break
    if best_at < 0 or best < max(1, len(words) // 3):
        return ""
    start = offsets[max(0, best_at - 40)]
    end = offsets[min(len(offsets) - 1, best_at + 100)]
    return " ".join(text.text[start:end].split())
