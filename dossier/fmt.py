"""The canonical format of an entity file: `format_text(text, kind)` returns it, and changes nothing else.

Canonical means:

- the first line is the schema line (`# yaml-language-server: $schema=../../schemas/<kind>.schema.json`);
- keys in the order of the model's fields, with a few moves that make a file read as it is
  written: at the top, `type` (or `kind`; and a place's `within`) comes right after `name`, and
  the long `notes` come last;
  in every record `sources` comes after the statement's other fields (`disputed_by` included);
  and a citation gives its `locator` before its `quote`. Unknown keys follow the known ones in
  their original order (the validator reports them);
- 2-space indentation, lists in block style (`- item`, indented under their key), no blank lines;
- strings in plain style, and in double quotes only when needed: when plain text would be read
  differently (`: `, ` #`, a leading `-`, `[`, `"`, …), or read as a number, true/false or null by
  an editor (`"2018"` in a date field; counts such as `low: 12` stay bare); `quote:` values,
  verbatim words from a source, are always in double quotes;
- text longer than the line width (100) is folded at single spaces onto lines indented two more
  than its key; YAML reads the fold back as that one space, so the data is exactly the same;
- empty values are written `key:`, empty lists `[]`.

Comments are kept: a comment on a line of its own stays just above the field or list item that
followed it, indented like it (or deeper, if it was written deeper: a commented-out field at the
end of a block stays where it was); a comment at the end of a line stays at the end of that line.
The formatter works on what `yamlsafe` reads, so a file with a YAML error cannot be formatted.
Parsing the result gives exactly the data of the input, and formatting it again changes nothing
(tests/test_contributing.py checks both, with generated input).
"""
from __future__ import annotations

import re
import types
import typing
from bisect import bisect_left, bisect_right

import yaml
from pydantic import BaseModel

from .errors import InputError
from .load import SCHEMA_COMMENT, schema_line
from .models import KINDS, Citation, Entity
from .yamlsafe import parse_yaml

WIDTH = 100
INDENT = 2
ALWAYS_QUOTED = {"quote"}  # fields whose strings are always double-quoted
_ENTITY_FIRST = ("id", "name", "type", "kind", "within")
_ENTITY_LAST = ("notes",)
# Where the model's order reads badly: a citation says where before the words, so that a long quote
# does not hide its locator (every citation of the dossier was written so).
_ORDER = {Citation: ("source", "locator", "quote", "via")}

# Characters a plain or double-quoted scalar may hold as they are. Everything else is escaped:
# what YAML cannot read raw, what it reads as a line break (U+0085, U+2028, U+2029), and what
# yamlsafe refuses in a file (bidirectional controls, zero-width no-break space).
_RAW = re.compile("[\u0020-\u007e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_REFUSED = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n",
            "\v": "\\v", "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVER = yaml.resolver.Resolver()
# YAML 1.2 core schema (what editors use) on top of PyYAML's YAML 1.1 resolver.
_CORE_NON_STRINGS = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def format_text(text: str, kind: str | None = None, width: int = WIDTH, path: str = "<text>") -> str:
    """The canonical form of one entity file's text; `kind` (person, group, …) sets the schema line
    and the key order. Raises InputError when the text is not YAML that `yamlsafe` accepts."""
    doc, problems = parse_yaml(text, path)
    if doc is None:
        raise InputError(problems)
    # the schema line is written anew (a wrong or misplaced one is dropped); other comments are kept
    comments = [c for c in doc.comments if not (kind and SCHEMA_COMMENT.match(c.text))]
    emitter = _Emitter(doc.positions, comments, width)
    model = KINDS.get(kind) if kind else None
    body = emitter.block(doc.data, (), 0, model)
    lines = [schema_line(kind)] if kind else []
    lines += body + [" " * (c.col - 1) + c.text for c in emitter.orphans()]
    return "\n".join(lines) + "\n"


def first_difference(current: str, canonical: str) -> tuple[int, str, str]:
    """(line number, current line, canonical line) of the first line that differs; (0, "", "") if none."""
    a, b = current.split("\n"), canonical.split("\n")
    for number, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            return number, x, y
    if len(a) == len(b):
        return 0, "", ""
    number = min(len(a), len(b)) + 1
    return number, (a[number - 1] if number <= len(a) else ""), (b[number - 1] if number <= len(b) else "")


# ---------------------------------------------------------------------------------------------
# What the model says about a place in the file.

def _leaves(annotation) -> list:
    """The plain types an annotation allows: Annotated, Optional and Union are looked through."""
    if annotation is None:
        return []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [leaf for arg in typing.get_args(annotation) for leaf in _leaves(arg)]
    return [annotation]


def _model_of(annotation):
    return next((t for t in _leaves(annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)


def _item_of(annotation):
    lists = [t for t in _leaves(annotation) if typing.get_origin(t) is list]
    return typing.get_args(lists[0])[0] if lists else None


def _is_int(annotation) -> bool:
    return int in _leaves(annotation)


def key_order(model) -> list[str]:
    """The canonical order of a model's fields: the model's, with the few moves described above."""
    fields = list(model.model_fields)
    if model in _ORDER:
        assert sorted(_ORDER[model]) == sorted(fields), f"fmt._ORDER[{model.__name__}] is out of date with the model"
        return list(_ORDER[model])
    first = [f for f in _ENTITY_FIRST if f in fields] if issubclass(model, Entity) else []
    last = [f for f in ("sources", *(_ENTITY_LAST if issubclass(model, Entity) else ())) if f in fields]
    return first + [f for f in fields if f not in first and f not in last] + last


# ---------------------------------------------------------------------------------------------
# Scalars.

def _resolves_to_non_string(text: str) -> bool:
    """Would a YAML 1.1 or 1.2 reader (an editor, PyYAML) take this plain text for a non-string?"""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return True  # dates such as 2019-04-11 are strings in YAML 1.2, which editors use
    return bool(_CORE_NON_STRINGS.fullmatch(text))


def _plain_ok(text: str) -> bool:
    return (bool(text) and text == text.strip() and text[0] not in _INDICATORS
            and ": " not in text and " #" not in text and not text.endswith(":")
            and all(_RAW.match(ch) for ch in text) and not _REFUSED.search(text)
            and not _resolves_to_non_string(text))


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _RAW.match(ch) and not _REFUSED.match(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return "".join(out)


def _words(text: str) -> list[str]:
    """The text cut at every single space between two non-spaces: YAML reads a fold there back as
    exactly that space, and no line ends in white space that an editor would trim."""
    words, start = [], 0
    for i in range(1, len(text) - 1):
        if text[i] == " " and not text[i - 1].isspace() and not text[i + 1].isspace():
            words.append(text[start:i])
            start = i + 1
    words.append(text[start:])
    return words


def scalar(value: str | None, first: int, indent: int, width: int, *, is_int: bool = False, quote: bool = False) -> list[str]:
    """The lines of a scalar value: the first goes after a prefix `first` characters wide, the
    others are indented by `indent` spaces."""
    if value is None:
        return [""]
    if is_int and re.fullmatch(r"[0-9]+", value):
        return [value]
    plain = not quote and _plain_ok(value)
    words = _words(value) if plain else [_escape(w) for w in _words(value)]
    if not plain:
        words[0] = '"' + words[0]
        words[-1] += '"'
    lines, line, room = [], words[0], width - first
    for word in words[1:]:
        if len(line) + 1 + len(word) <= room:
            line += " " + word
        else:
            lines.append(line)
            line, room = " " * indent + word, width
    lines.append(line)
    return lines


def _key(key: str) -> str:
    return key if _plain_ok(key) else '"' + _escape(key) + '"'


# ---------------------------------------------------------------------------------------------
# Blocks, with the comments put back where they were.

class _Emitter:
    def __init__(self, positions: dict, comments: list, width: int):
        self.width = width
        spots = sorted(((line, col, len(loc), loc) for loc, (line, col) in positions.items() if loc), key=lambda s: s[:3])
        self._spots = [(line, col) for line, col, _, _ in spots]
        self._locs = [loc for _, _, _, loc in spots]
        self.before: dict[tuple, list[tuple[int | None, str]]] = {}  # (column or None for the node's, text)
        self.after: dict[tuple, list[str]] = {}
        self._orphans = []
        for c in comments:
            if c.own_line:
                # the first key or item below it; of those starting at the same place, the outermost
                i = bisect_left(self._spots, (c.line + 1, 0))
                if i < len(self._locs):
                    self.before.setdefault(self._locs[i], []).append((c.col, c.text))
                else:
                    self._orphans.append(c)
            else:
                # the last key or item that starts before it; of those at the same place, the innermost
                i = bisect_right(self._spots, (c.line, c.col)) - 1
                if i >= 0:
                    while i + 1 < len(self._spots) and self._spots[i + 1] == self._spots[i]:
                        i += 1
                    self.after.setdefault(self._locs[i], []).append(c.text)
                else:
                    self._orphans.append(c)
        for loc in [loc for loc, texts in self.after.items() if len(texts) > 1]:
            # one line holds one end-of-line comment: several (a key split over lines) go above
            self.before.setdefault(loc, []).extend((None, text) for text in self.after.pop(loc))

    def orphans(self):
        return self._orphans

    def _comment_lines(self, loc: tuple, indent: int) -> list[str]:
        # aligned with the node, unless written deeper (the tail of the block above, such as a
        # commented-out field), where it stays
        return [" " * (indent if col is None else max(indent, col - 1)) + text for col, text in self.before.get(loc, [])]

    def _tail(self, loc: tuple) -> str:
        return "".join("  " + text for text in self.after.get(loc, []))

    def block(self, value, loc: tuple, indent: int, annotation) -> list[str]:
        """A mapping or list as block lines at `indent`; a scalar root as its scalar lines."""
        if isinstance(value, dict):
            return self._mapping(value, loc, indent, _model_of(annotation))
        if isinstance(value, list):
            return self._sequence(value, loc, indent, _item_of(annotation))
        return scalar(value, indent, indent, self.width)

    def _mapping(self, value: dict, loc: tuple, indent: int, model) -> list[str]:
        order = key_order(model) if model else []
        rank = {k: i for i, k in enumerate(order)}
        keys = sorted(value, key=lambda k: (rank.get(k, len(order)), 0))  # sorted() is stable: unknown keys keep their order
        lines = []
        for key in keys:
            field = model.model_fields.get(key) if model else None
            annotation = field.annotation if field else None
            lines += self._comment_lines(loc + (key,), indent)
            lines += self._entry(_key(key) + ":", value[key], loc + (key,), indent, annotation, key)
        return lines

    def _entry(self, head: str, value, loc: tuple, indent: int, annotation, key) -> list[str]:
        """`head` (`key:` or `-`) at `indent`, then the value on the same line or below it."""
        pad = " " * indent
        if isinstance(value, (dict, list)) and value:
            if isinstance(value, dict):
                inner = self._mapping(value, loc, indent + INDENT, _model_of(annotation))
            else:
                inner = self._sequence(value, loc, indent + INDENT, _item_of(annotation))
            return [pad + head + self._tail(loc)] + inner
        if isinstance(value, (dict, list)):
            return [pad + head + (" {}" if isinstance(value, dict) else " []") + self._tail(loc)]
        lines = scalar(value, indent + len(head) + 1, indent + INDENT, self.width,
                       is_int=_is_int(annotation), quote=key in ALWAYS_QUOTED)
        lines[0] = pad + head + (" " + lines[0] if lines[0] else "")
        lines[-1] += self._tail(loc)
        return lines

    def _sequence(self, value: list, loc: tuple, indent: int, item) -> list[str]:
        lines = []
        key = loc[-1] if loc else None
        for index, element in enumerate(value):
            here = loc + (index,)
            lines += self._comment_lines(here, indent)
            if isinstance(element, (dict, list)) and element:
                # the first key (or item) goes on the `- ` line; comments that were above it or at
                # the end of that line go above the `- ` line, where they stay on the next run
                lines += [" " * indent + text for text in self.after.pop(here, [])]
                if isinstance(element, dict):
                    inner = self._mapping(element, here, indent + INDENT, _model_of(item))
                else:
                    inner = self._sequence(element, here, indent + INDENT, _item_of(item))
                head = 0
                while inner[head].lstrip().startswith("#"):
                    head += 1
                lines += inner[:head]
                lines.append(" " * indent + "- " + inner[head][indent + INDENT:])
                lines += inner[head + 1:]
            else:
                lines += self._entry("-", element, here, indent, item, key)
        return lines
