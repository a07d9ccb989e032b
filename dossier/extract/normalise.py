"""The archived text's one form: what every extractor's output is turned into before it is written.

Quotes are matched against archived texts after `quotes.fold` (typographic quotes, dashes and
hyphens, whitespace). The archived text itself is written so that a reader sees what a quote is
matched against, and so that the same document always gives the same bytes (and SHA-256):

- Unicode NFC, as the entity files are read, so `é` matches however it was encoded; the Latin
  ligatures of PDF fonts (`ﬁ`, `ﬂ`…) as their letters, as a reader copying a quote types them;
- characters that only steer display and that the entity files refuse (bidirectional controls,
  zero-width space, byte-order mark, and every other character `textcheck.refused_character`
  names) are dropped: a quote could not contain them, and the build refuses a text holding one;
- every kind of space becomes a plain space, runs of spaces one space, no space at a line's ends;
- a paragraph is one line, its lines joined with a space; a word hyphenated across a line end is
  joined again (`govern-` + `ment` → `government`), keeping the hyphen where the document itself
  writes the word with one (`counter-` + `terrorism` → `counter-terrorism`);
- paragraphs are separated by one blank line; the text ends with one newline.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..textcheck import first_refused, refused_character

# Display controls: bidirectional embeddings and isolates, marks, zero-width space and joiner
# word, byte-order mark. (U+200C/U+200D are kept: they change how Persian and Arabic are spelt.)
_DROPPED = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"))
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but a line break (tabs, NBSP, thin spaces, …)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# A hyphen (or soft hyphen) that ends a line after a letter, before a lower-case letter.
_HYPHEN_END = re.compile(r"(\w+)[-\u00ad\u2010]$")
_WORD_START = re.compile(r"\w+")


def clean_line(line: str) -> str:
    """One line in the archive's form: NFC, no display controls, single plain spaces, trimmed.
    (Soft hyphens stay until `join_lines` has read them at line ends.)"""
    line = unicodedata.normalize("NFC", line).translate(_DROPPED).translate(_LIGATURES)
    line = _CONTROLS.sub("", line)
    if first_refused(line.replace("\u00ad", "")):  # invisible operators, tag characters, variation selectors…
        line = "".join(c for c in line if c in "\u00ad\t" or not refused_character(c))
    return _SPACES.sub(" ", line).strip()


def split_paragraphs(text: str) -> list[list[str]]:
    """Plain text as paragraphs (runs of non-blank lines), each a list of lines."""
    paragraphs, current = [], []
    for line in _LINE_BREAKS.sub("\n", text).split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def join_lines(lines: list[str], hyphenated: frozenset[str] = frozenset()) -> str:
    """A paragraph's lines as one line. A word split by a hyphen at a line end is joined: before a
    lower-case letter without the hyphen, unless `hyphenated` (the words the document writes with
    a hyphen, lower case) holds it with one; before a capital or a digit with it (`Inter-` +
    `Services`, `2019-` + `2020`). Soft hyphens (U+00AD) are dropped."""
    out = ""
    for line in (clean_line(x) for x in lines):
        if not line:
            continue
        end = _HYPHEN_END.search(out) if out else None
        start = _WORD_START.match(line)
        if end and start:
            whole = f"{end.group(1)}-{start.group(0)}".lower()
            hyphen = out.endswith(("-", "\u2010"))
            keep = hyphen and (not line[0].islower() or whole in hyphenated)
            out = out[:-1] + ("-" if keep else "") + line
        else:
            out = f"{out} {line}" if out else line
    return out.replace("\u00ad", "")


def hyphenated_words(lines: Iterable[str]) -> frozenset[str]:
    """The words a document writes with a hyphen inside a line (`counter-terrorism`), lower case."""
    return frozenset(m.group(0).lower() for line in lines for m in re.finditer(r"\w+(?:-\w+)+", line))


def archive_text(paragraphs: Iterable[list[str] | str]) -> str:
    """The archived text from paragraphs (each a list of lines, or one string): joined, cleaned,
    separated by blank lines, ending with a newline; empty paragraphs are left out."""
    paragraphs = [[p] if isinstance(p, str) else list(p) for p in paragraphs]
    hyphenated = hyphenated_words(line for p in paragraphs for line in p)
    joined = [join_lines(p, hyphenated) for p in paragraphs]
    joined = [p for p in joined if p]
    return "\n\n".join(joined) + "\n" if joined else ""
