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

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
Path_ = tuple  # a location inside a document: keys and list indexes

_NULLS = {"", "~", "null", "Null", "NULL"}
# Bidirectional overrides can make text read differently from what it is; zero-width and
# control characters hide content. None belongs in an entity file.
_FORBIDDEN_CHARS = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufeff]")

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


@dataclass
class Document:
    """A YAML file as plain data, with the position of every key and list item."""

    data: object
    positions: dict = field(default_factory=dict)

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


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; refuses aliases, anchors and explicit tags where they appear."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(None, None, "aliases (`*name`) are not allowed — write the value out in full", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused(None, None, "anchors (`&name`) are not allowed — write the value out in full", event.start_mark)
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(None, None, f"the tag `{tag}` is not allowed — remove it; values are plain text", event.start_mark)
        return super().compose_node(parent, index)


def parse_yaml(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or return the problems that stop it."""
    problems: list[Problem] = []
    if not text.strip():
        return None, [Problem(path, 1, 1, "the file is empty", "an entity file needs at least `id:` and `name:` (see CONTRIBUTING.md)")]
    for lineno, line in enumerate(text.splitlines(), 1):
        indent = re.match(r"[ \t]*", line).group(0)
        if "\t" in indent:
            problems.append(Problem(path, lineno, indent.index("\t") + 1, "a tab is used for indentation", "YAML indents with spaces only; replace each tab with two spaces"))
        bad = _FORBIDDEN_CHARS.search(line)
        if bad:
            problems.append(Problem(path, lineno, bad.start() + 1, f"invisible or control character U+{ord(bad.group()):04X}", "delete it; entity files hold plain visible text"))
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
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
    if node is None:
        return None, [Problem(path, 1, 1, "the file holds no data", "an entity file needs at least `id:` and `name:`")]
    doc = Document(data=None)
    doc.data = _convert(node, (), doc, path, problems, depth=0)
    return (None if problems else doc), problems


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node, loc, doc: Document, path: str, problems: list[Problem], depth: int):
    if depth > MAX_DEPTH:
        problems.append(Problem(path, *_pos(node), f"the data is nested more than {MAX_DEPTH} levels deep", "entity files are shallow; check the indentation"))
        return None
    doc.positions.setdefault(loc, _pos(node))
    if isinstance(node, yaml.ScalarNode):
        value = unicodedata.normalize("NFC", node.value)
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
