"""Check that quotes really are in the archived source texts, and find where.

Quotes and texts are compared in a folded form: typographic quotes and dashes become ASCII,
hyphens are dropped (so line-break hyphenation, `counter-\naccusations`, matches either way)
except between two digits (`1-67` is not `167`: numbers, dates and ranges keep their hyphen, and
lose only a line break after it), and runs of whitespace become one space. Case and words are
compared exactly, and a quote matches whole words only: it may not start or end inside a word of
the text (`e attack` is not in "the attack", `said` is not in "unsaid").
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

_CHAR_FOLDS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": "", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
# A run of hyphens and the spaces and one line break after it: dropped, but for the first hyphen
# when the run stands between two digits (group `keep`). Atomic groups: the run is taken whole,
# so that "1- 67" is not read as a hyphen dropped before a space.
_HYPHEN = re.compile(r"(?<=\d)(?P<keep>-)(?>-*[ \t]*(?:\r?\n[ \t]*)?)(?=\d)|(?>-+[ \t]*(?:\r?\n[ \t]*)?)")
_SPACE = re.compile(r"\s+")


_FOLDABLE = re.compile("[" + re.escape("".join(map(chr, _CHAR_FOLDS))) + "]")
_DROPPED = re.compile("[" + re.escape("".join(chr(c) for c, v in _CHAR_FOLDS.items() if not v)) + "]")
_MULTI_SPACE = re.compile(r"\s{2,}")


def _fold_chars(text: str) -> str:
    """`text.translate(_CHAR_FOLDS)`, several times faster on long texts: only the few characters
    to fold are looked up (every key but the backtick is non-ASCII)."""
    if text.isascii() and "`" not in text:
        return text
    return _FOLDABLE.sub(lambda m: _CHAR_FOLDS[ord(m.group())] or "", text)


def fold(text: str) -> str:
    """The comparison form of a text or quote."""
    text = _fold_chars(text)
    if "-" in text:
        text = _HYPHEN.sub(r"\g<keep>", text)
    return " ".join(text.split())  # = _SPACE.sub(" ", text).strip(): both split at str.isspace()


class _Offsets:
    """The offset in the original text of each character of a folded text, as a read-only
    sequence. Folding only deletes characters, so the folded text is a few runs of the original
    (one per deletion); a lookup follows each step's runs back by bisection."""

    __slots__ = ("_steps", "_len")

    def __init__(self, steps: list[tuple[list[int], list[int]]], length: int):
        self._steps = steps  # last step first: (start of each run in its output, start in its input)
        self._len = length

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("folded offset out of range")
        for new_starts, old_starts in self._steps:
            k = bisect_right(new_starts, i) - 1
            i = old_starts[k] + i - new_starts[k]
        return i

    def __iter__(self):
        return (self[i] for i in range(self._len))


def _drop(text: str, spans) -> tuple[str, tuple[list[int], list[int]]]:
    """`text` without the (start, end) spans (sorted, disjoint), and its runs back into `text`."""
    pieces, new_starts, old_starts, pos, n = [], [0], [0], 0, 0
    for start, end in spans:
        pieces.append(text[pos:start])
        n += start - pos
        pos = end
        new_starts.append(n)
        old_starts.append(end)
    pieces.append(text[pos:])
    return "".join(pieces), (new_starts, old_starts)


def _fold_with_offsets(text: str) -> tuple[str, _Offsets]:
    """Fold `text` exactly like `fold`, also returning each folded character's offset in `text`.

    The same three steps as `fold`, each only deleting characters (a whitespace run keeps its
    first character, which becomes a space), so the offsets are kept as runs rather than one
    number per character: linear in the text, with the work done by regular expressions.
    """
    steps = []
    folded = _fold_chars(text)
    if len(folded) != len(text):  # soft hyphens removed
        _same, step = _drop(text, (m.span() for m in _DROPPED.finditer(text)))
        steps.append(step)
    if "-" in folded:
        folded, step = _drop(folded, [(m.start() + (1 if m.group("keep") else 0), m.end()) for m in _HYPHEN.finditer(folded)
                                      if m.end() - m.start() > (1 if m.group("keep") else 0)])
        steps.append(step)
    stripped = folded.strip()
    lead = len(folded) - len(folded.lstrip())
    spans = ([(0, lead)] if lead else []) + [(m.start() + 1, m.end()) for m in _MULTI_SPACE.finditer(folded, lead, lead + len(stripped))]
    if lead + len(stripped) < len(folded) and stripped:
        spans.append((lead + len(stripped), len(folded)))
    kept, step = _drop(folded, spans)
    steps.append(step)
    folded = " ".join(stripped.split())
    assert len(folded) == len(kept)
    return folded, _Offsets(steps[::-1], len(folded))


# -- whole words ---------------------------------------------------------------------------------
# A character that is part of a word: a letter, digit or underscore (`\w`), a combining mark (the
# vowel signs of Indic scripts, Arabic harakat) or a zero-width (non-)joiner, which Persian writes
# inside words. A match that starts just after one, or ends just before one, where the quote itself
# starts or ends with one, starts or ends inside a word of the text and does not count.
_JOINERS = "\u200c\u200d"


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch in _JOINERS or unicodedata.category(ch)[0] == "M"


@dataclass
class SourceText:
    """An archived source text, folded once for every quote checked against it. A fragment is
    found where its folded form is, as whole words (`find`): `contains`, `count`, `span` and
    `passages` all find it there and nowhere else."""

    name: str
    text: str
    _found: dict = field(default_factory=dict, repr=False)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    def find(self, needle: str, start: int = 0) -> int:
        """Where the folded `needle` first occurs in the folded text at `start` or after, as whole
        words; -1 when it does not."""
        if not needle:
            return -1
        # (`str.find`, then the characters on either side: a regular expression with the class of
        # word characters took milliseconds to compile for each quote, seconds for a dossier)
        text, size = self.folded, len(needle)
        before, after = _is_word(needle[0]), _is_word(needle[-1])
        at = text.find(needle, start)
        while at >= 0:
            if not (before and at > 0 and _is_word(text[at - 1])) and not (after and at + size < len(text) and _is_word(text[at + size])):
                return at
            at = text.find(needle, at + 1)
        return -1

    def contains(self, fragment: str) -> bool:
        return self.find(fold(fragment)) >= 0

    def count(self, fragment: str, most: int = 2) -> int:
        """How many times the fragment occurs in the text (overlaps included), counting no further
        than `most`: a quote pins down a passage only when it occurs once."""
        needle, found, at = fold(fragment), 0, -1
        while found < most:
            at = self.find(needle, at + 1)
            if at < 0:
                break
            found += 1
        return found

    @cached_property
    def _mapped(self) -> tuple[str, _Offsets]:
        return _fold_with_offsets(self.text)

    def span(self, fragment: str) -> tuple[int, int] | None:
        """The (start, end) offsets of the fragment's first occurrence in the original text."""
        needle = fold(fragment)
        at = self.find(needle)
        if at < 0:
            return None
        _folded, offsets = self._mapped
        return offsets[at], offsets[at + len(needle) - 1] + 1


# Characters between two pieces of one passage: about a page of extracted text, since a sentence may
# be cut by another column's lines or by a page break's footnotes (1,900 characters in one report).
QUOTE_GAP = 3000


def passages(text: SourceText | None, fragments: list[str], gap: int = QUOTE_GAP) -> list[list[str]]:
    """The quote's fragments grouped into passages: a fragment joins the one before it when it
    follows it in the text within `gap` characters; any other starts a new passage. "A … B" then
    always means B comes soon after A, and pieces from different places are quoted apart."""
    return [[fragments[i] for i in group] for group in passage_indexes(text, fragments, gap)]


def passage_indexes(text: SourceText | None, fragments: list[str], gap: int = QUOTE_GAP) -> list[list[int]]:
    """`passages`, as the indexes of the fragments in `fragments`."""
    if text is None or len(fragments) < 2:
        return [list(range(len(fragments)))] if fragments else []
    out, end = [], None
    for i, fragment in enumerate(fragments):
        needle = fold(fragment)
        at = text.find(needle, end) if end is not None else -1
        if at >= 0 and at - end <= gap:
            out[-1].append(i)
        else:
            out.append([i])
            at = text.find(needle)
        end = at + len(needle) if at >= 0 else None
    return out


# The hint's search is bounded whatever the text and the quote: the first words of the quote that
# are searched for, how many of each one's occurrences are examined, and how many of the quote's
# words each window is scored on. (Unbounded, a common word of a repetitive 4 MB text took 29 s.)
HINT_WORDS, HINT_OCCURRENCES, HINT_SCORED = 8, 300, 64


def closest_passage(text: SourceText, fragment: str) -> str:
    """A short excerpt of the text that shares the most words with the fragment, for the hint."""
    words = [w for w in re.findall(r"\w+", fragment) if len(w) > 3][:HINT_SCORED]
    if not words:
        return ""
    folded, offsets = text._mapped  # search the folded text, show the passage as written
    best, best_at = 0, -1
    for w in words[:HINT_WORDS]:
        at, seen = folded.find(w), 0
        while at >= 0 and seen < HINT_OCCURRENCES:
            window = folded[max(0, at - 80): at + 120]
            score = sum(1 for x in words if x in window)
            if score > best:
                best, best_at = score, at
            if best == len(words):
                break
            at, seen = folded.find(w, at + 1), seen + 1
    if best_at < 0 or best < max(1, len(words) // 3):
        return ""
    start = offsets[max(0, best_at - 40)]
    end = offsets[min(len(offsets) - 1, best_at + 100)]
    return " ".join(text.text[start:end].split())
