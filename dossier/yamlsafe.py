"""Read one YAML file into plain data, refusing everything YAML does implicitly.

PyYAML keeps the last of two duplicate keys, turns `2019-04-01` into a date and `no` into False,
expands alias bombs and runs tags. We compose nodes only and convert them ourselves: every scalar
stays a string (a bare `null`, `~` or empty value is None), duplicate keys, anchors, aliases and
tags are refused, and the line and column of every key and list item are kept so that later
stages can point at them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .errors import Problem
from .textcheck import HIDDEN_HINT, first_refused

MAX_FILE_BYTES = 256 * 1024  # = files.MAX_ENTITY_BYTES, for text that does not come from a file
MAX_DEPTH = 16
Path_ = tuple  # a location inside a document: keys and list indexes

_NULLS = {"", "~", "null", "Null", "NULL"}
# Bidirectional controls can make text read differently from what it is; zero-width, format and
# control characters hide content. None belongs in an entity file: the one policy is
# `textcheck.refused_character`, applied to each line of the file and to each value as decoded (an
# escape, `"\u202E"` or `"\x07"`, writes them without their being in the file). YAML also breaks
# lines at U+0085, U+2028, U+2029 and a lone carriage return, which most editors show as one line,
# so a field could hide on the line of another: those are refused too (a carriage return ending a
# line is the format check's). A line break inside a value is text; a tab is white space.


def _hidden(value: str) -> tuple[int, str] | None:
    """(index, description) of the first refused character of a decoded value, or None."""
    return first_refused(value)


def _hidden_in_line(line: str) -> tuple[int, str] | None:
    return first_refused(line[:-1] if line.endswith("\r") else line)


class _Hidden(Exception):
    """A decoded value holds a forbidden character: the Python path reports it with its position."""


_SYNTAX_HINTS = [
    ("found character '\\t'", "YAML indents with spaces only; replace each tab with two spaces"),
    ("mapping values are not allowed", "a value that contains ': ' must be put in double quotes"),
    ("could not find expected ':'", "each line needs `field: value`; check the indentation and quotes on this line"),
    ("found undefined alias", "anchors and aliases are not used in entity files; write the value out"),
    ("expected <block end>", "check that this line is indented like its siblings"),
    ("found unexpected end of stream", "a quote is probably not closed"),
    ("while scanning a quoted scalar", "a quote is not closed; close it or escape the inner quote"),
    ("but found another document", "an entity file holds one document; remove the `---` line"),
]


@dataclass(frozen=True)
class Comment:
    """A `# ...` comment: where it starts, its text, and what precedes it on its line."""

    line: int
    col: int
    text: str  # from the `#` to the end of the line, trailing spaces removed
    own_line: bool  # nothing but spaces before it on its line
    after_plain: bool = False  # it directly follows an unquoted value on the same line


@dataclass(eq=False)
class Document:
    """A YAML file as plain data, with the position of every key and list item, and its comments.

    A file read by libyaml keeps its `text` instead of its positions, and finds them when they are
    first asked for: only a problem in the file needs them, and on large trees recording them for
    every file took a sixth of the reading (and more memory than the text).
    """

    data: object
    comments: list = field(default_factory=list)
    text: str | None = field(default=None, repr=False)
    _positions: dict | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict:
        """(line, column) of every key and list item, by location."""
        if self._positions is None:
            self._positions = _positions(self.text) if self.text is not None else {}
        return self._positions

    def __eq__(self, other) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (self.data, self.positions, self.comments) == (other.data, other.positions, other.comments)

    def where(self, loc: tuple) -> tuple[int, int]:
        """The (line, column) of the nearest known position for a location path."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


class _Refused(yaml.MarkedYAMLError):
    """A construct we refuse although YAML allows it."""


class _TooDeep(_Refused):
    """Nesting deeper than MAX_DEPTH, stopped while composing (deep flow nesting would otherwise
    exhaust Python's recursion limit before the data is converted)."""


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; refuses aliases, anchors and explicit tags where they appear."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        self._nesting = getattr(self, "_nesting", 0) + 1
        try:
            if self._nesting > MAX_DEPTH + 1:
                raise _TooDeep(None, None, "too deep", event.start_mark)
            return self._compose_checked(event, parent, index)
        finally:
            self._nesting -= 1

    def _compose_checked(self, event, parent, index):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(None, None, "aliases (`*name`) are not allowed — write the value out in full", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused(None, None, "anchors (`&name`) are not allowed — write the value out in full", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(None, None, f"the tag `{tag}` is not allowed — remove it; values are plain text", event.start_mark)
        return super().compose_node(parent, index)

    def scan_to_next_token(self):
        """PyYAML's own loop over spaces, line breaks and comments, keeping the comments."""
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " ":
                self.forward()
            if self.peek() == "#":
                line, col, chars = self.line, self.column, []
                while self.peek() not in "\0\r\n\x85\u2028\u2029":
                    chars.append(self.peek())
                    self.forward()
                self.comments.append((line + 1, col + 1, "".join(chars).rstrip()))
            if self.scan_line_break():
                if not self.flow_level:
                    self.allow_simple_key = True
            else:
                return


def parse_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or return the problems that stop it."""
    problems: list[Problem] = []
    if not text.strip():
        return None, [Problem(path, 1, 1, "the file is empty", "an entity file needs at least `id:` and `name:` (see CONTRIBUTING.md)")]
    # line by line only when the whole text has something to find (saves most of the time on large trees)
    suspect = "\t" in text or first_refused(text.replace("\r\n", "\n")) is not None
    for lineno, line in enumerate(text.split("\n") if suspect else (), 1):  # not splitlines(): it breaks at U+2028 and more
        indent = re.match(r"[ \t]*", line).group(0)
        if "\t" in indent:
            problems.append(Problem(path, lineno, indent.index("\t") + 1, "a tab is used for indentation", "YAML indents with spaces only; replace each tab with two spaces"))
        bad = _hidden_in_line(line)
        if bad:
            problems.append(Problem(path, lineno, bad[0] + 1, f"invisible or control character {bad[1]}", f"delete it; {HIDDEN_HINT}"))
    if problems:
        return None, problems
    doc = _read_fast(text)
    if doc is not None:
        return doc, []
    loader = _StrictLoader(text)
    loader.comments = []
    try:
        node = loader.get_single_node()
    except _TooDeep as err:
        mark = err.problem_mark
        return None, [Problem(path, mark.line + 1, mark.column + 1, f"the data is nested more than {MAX_DEPTH} levels deep",
                              "entity files are shallow; check the indentation")]
    except yaml.MarkedYAMLError as err:
        # An unclosed quote is found at the end of the file; point at where the quote opened.
        unclosed = "quoted scalar" in str(err.context or "")
        mark = (err.context_mark if unclosed else None) or err.problem_mark or err.context_mark
        message = (err.problem or err.context or "invalid YAML").strip()
        hint = next((h for key, h in _SYNTAX_HINTS if key in str(err)), "check the quotes and indentation on this line")
        if isinstance(err, _Refused):
            message, _, hint = message.partition(" — ")
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(path, line, col, f"YAML syntax error: {message}", hint)]
    except yaml.YAMLError as err:  # reader errors without a mark
        return None, [Problem(path, 1, 1, f"YAML error: {err}", "check the file's encoding and syntax")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(path, 1, 1, "the file holds no data", "an entity file needs at least `id:` and `name:`")]
    doc = Document(data=None, _positions={})
    doc.data = _convert(node, (), doc, path, problems, depth=0)
    doc.comments = _comments(loader.comments, text, node)
    return (None if problems else doc), problems


# libyaml's parser (when PyYAML was built with it) reads a file ten times faster than PyYAML's
# Python scanner, parser and composer, which dominated the validation of large trees. It is used
# only for files in a subset both parsers read alike, and it builds the Document's data straight
# from the parser's events, exactly as `_convert` builds it from nodes: a value per scalar (NFC,
# plain empty/`~`/`null` as None); `_positions` finds the position of every key and list item
# the same way, when asked. The subset: no comment except a whole line 1 (the schema line; only
# the Python scanner reports comments), no tab, no anchor, alias or tag, one document, nesting
# within MAX_DEPTH, no duplicate or non-text key. Anything else, every syntax error included,
# takes the Python path, which gives the messages. tests/test_bench.py checks that both paths
# give the same Documents; a change to `_convert` or `_comments` must be made here too.
_CParser = getattr(yaml, "CSafeLoader", None)
_SCALAR, _SEQ_START, _MAP_START = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
_SEQ_END, _MAP_END = yaml.SequenceEndEvent, yaml.MappingEndEvent
_STARTS = frozenset((_SCALAR, _SEQ_START, _MAP_START))


def _read_fast(text: str) -> Document | None:
    """The Document of `text` by libyaml, or None to take the Python path."""
    if _CParser is None:
        return None
    first, _, rest = text.partition("\n")
    if "#" in rest or ("#" in first and not first.startswith("#")) or "\t" in text:
        return None  # comments, and tabs (libyaml takes some as spaces where PyYAML refuses them)
    parser = _CParser(text)
    try:
        found = _events_to_data(parser)
    except (yaml.YAMLError, _Hidden):
        return None
    finally:
        parser.dispose()
    if found is None:
        return None
    comments = [(1, 1, first.rstrip())] if first.startswith("#") else []
    return Document(data=found[0], comments=_comments(comments, text, None), text=text)


def _events_to_data(parser) -> tuple[object] | None:
    """(data,) of the document, or None when it is outside the subset."""
    get = parser.get_event
    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        return None
    event = get()
    kind = type(event)
    if kind not in _STARTS or event.anchor is not None or event.tag is not None:
        return None
    if kind is _SCALAR:
        root = _scalar(event)
    else:
        root = {} if kind is _MAP_START else []
        if not (_fill_mapping if kind is _MAP_START else _fill_sequence)(get, root, 1):
            return None
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        return None
    return (root,)


def _scalar(event) -> str | None:
    value = event.value
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    if not event.style and value in _NULLS:  # libyaml's plain style is '' (PyYAML's None)
        return None
    if _hidden(value):
        raise _Hidden
    return value


def _fill_mapping(get, mapping: dict, depth: int) -> bool:
    """Read key/value events into `mapping` up to its end; False when the Python path must read the file."""
    while True:
        key = get()
        kind = type(key)
        if kind is _MAP_END:
            return True
        if kind is not _SCALAR or key.anchor is not None or key.tag is not None or key.value in mapping:
            return False  # a non-text or duplicate key, an anchor or a tag: the Python path reports it
        event = get()
        kind = type(event)
        if kind not in _STARTS or event.anchor is not None or event.tag is not None:
            return False
        if kind is _SCALAR:
            mapping[key.value] = _scalar(event)
        elif depth >= MAX_DEPTH:
            return False
        elif kind is _MAP_START:
            child = mapping[key.value] = {}
            if not _fill_mapping(get, child, depth + 1):
                return False
        else:
            child = mapping[key.value] = []
            if not _fill_sequence(get, child, depth + 1):
                return False


def _fill_sequence(get, items: list, depth: int) -> bool:
    """Read item events into `items` up to the sequence's end; False when the Python path must read the file."""
    while True:
        event = get()
        kind = type(event)
        if kind is _SEQ_END:
            return True
        if kind not in _STARTS or event.anchor is not None or event.tag is not None:
            return False
        if kind is _SCALAR:
            items.append(_scalar(event))
        elif depth >= MAX_DEPTH:
            return False
        elif kind is _MAP_START:
            child = {}
            items.append(child)
            if not _fill_mapping(get, child, depth + 1):
                return False
        else:
            child = []
            items.append(child)
            if not _fill_sequence(get, child, depth + 1):
                return False


def _positions(text: str) -> dict:
    """The positions `_convert` records, for a text `_read_fast` has read: the start of the
    root, of every key (a value's position is its key's) and of every list item."""
    parser = _CParser(text)
    try:
        get = parser.get_event
        get(), get()  # stream and document start
        event = get()
        mark = event.start_mark
        positions = {(): (mark.line + 1, mark.column + 1)}
        # per open collection: its location and, for a list, the index of its next item
        stack = [((), 0 if type(event) is _SEQ_START else None)] if type(event) is not _SCALAR else []
        while stack:
            loc, index = stack[-1]
            event = get()
            kind = type(event)
            if kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
                continue
            if index is None:  # a key, then its value
                here = loc + (event.value,)
                mark = event.start_mark
                event = get()
                kind = type(event)
            else:
                here = loc + (index,)
                stack[-1] = (loc, index + 1)
                mark = event.start_mark
            positions[here] = (mark.line + 1, mark.column + 1)
            if kind is _MAP_START:
                stack.append((here, None))
            elif kind is _SEQ_START:
                stack.append((here, 0))
        return positions
    finally:
        parser.dispose()


def _comments(found: list[tuple[int, int, str]], text: str, root) -> list[Comment]:
    """The comments in file order, each knowing whether it ends a line that holds an unquoted value."""
    if not found:
        return []
    lines = text.splitlines()
    plain_ends: set[int] = set()  # lines where a non-empty unquoted value ends
    own_lines = all(line <= len(lines) and not lines[line - 1][: col - 1].strip() for line, col, _body in found)
    stack = [] if own_lines else [root]  # only a comment after something needs the walk
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value:
                plain_ends.add(node.end_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(value for _key, value in node.value)  # keys are field names, not values
    out = []
    for line, col, body in found:
        own = line > len(lines) or not lines[line - 1][: col - 1].strip()
        out.append(Comment(line, col, body, own, after_plain=not own and line in plain_ends))
    return out


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node, loc, doc: Document, path: str, problems: list[Problem], depth: int):
    if depth > MAX_DEPTH:
        problems.append(Problem(path, *_pos(node), f"the data is nested more than {MAX_DEPTH} levels deep", "entity files are shallow; check the indentation"))
        return None
    doc.positions.setdefault(loc, _pos(node))
    if isinstance(node, yaml.ScalarNode):
        value = unicodedata.normalize("NFC", node.value)
        bad = _hidden(value)
        if bad:
            problems.append(Problem(path, *_pos(node), f"invisible or control character {bad[1]} in this value "
                                    "(written as an escape)", f"delete the escape; {HIDDEN_HINT}"))
        return None if node.style is None and value in _NULLS else value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.positions[loc + (index,)] = _pos(item)
            items.append(_convert(item, loc + (index,), doc, path, problems, depth + 1))
        return items
    result: dict = {}
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(path, *_pos(key_node), "a field name must be plain text", "write `name: value`"))
            continue
        key = key_node.value
        if key in first_seen:
            problems.append(Problem(path, *_pos(key_node), f"duplicate field `{key}` (first given on line {first_seen[key]})", "keep one of the two; YAML would silently drop the first"))
            continue
        first_seen[key] = key_node.start_mark.line + 1
        doc.positions[loc + (key,)] = _pos(key_node)
        result[key] = _convert(value_node, loc + (key,), doc, path, problems, depth + 1)
    return result


def read_yaml_file(raw: bytes, path: str) -> tuple[Document | None, list[Problem]]:
    """Decode and parse a file's bytes, refusing oversized files, byte-order marks and non-UTF-8."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"the file is {len(raw) // 1024} KB, over the {MAX_FILE_BYTES // 1024} KB limit", "split the entity or move long text into a source's archived text in seeds/")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(path, 1, 1, "the file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM (most editors: 'UTF-8' rather than 'UTF-8 with BOM')")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem(path, line, col, f"the byte 0x{raw[err.start]:02x} is not valid UTF-8", "save the file as UTF-8; retype the character at this position")]
    return parse_yaml(text, path)
