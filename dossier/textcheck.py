"""Refuse markup in text fields at validation time, so a contributor hears about it at once.

Rendering escapes everything anyway (see `render/markup.py`); these checks turn what would be a
silently neutralised payload into a clear `file:line` error.
"""
from __future__ import annotations

import re

import nh3

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{\s*[a-z-]+\s*=", re.I)
_BAD_SCHEME = re.compile(r"\b(?:javascript\s*:|vbscript\s*:|data\s*:\s*[a-z]+/[a-z0-9.+-]+[;,]|file\s*:\s*//)", re.I)


def check_plain(text: str) -> str:
    """Plain-text fields: no HTML, no attribute lists, no script URLs."""
    _common(text)
    return text


def check_prose(text: str) -> str:
    """Prose fields: as plain text, and Markdown links only to http(s) addresses, no images."""
    _common(text)
    if "![" in text:
        raise ValueError("images are not allowed in text — remove the `![...](...)`")
    for m in _LINK_TARGET.finditer(text):
        if not re.match(r"https?://", m.group(1)):
            raise ValueError(f"the link target `{m.group(1)[:40]}` is not allowed — links go to http:// or https:// addresses; "
                             "link to an entity with [[entity-id]]")
    return text


def _common(text: str) -> None:
    if nh3.is_html(text):
        tag = re.search(r"<[^>\s]{0,20}", text)
        raise ValueError(f"HTML is not allowed in text (found `{tag.group(0) if tag else '<'}`) — "
                         "write plain text; use **bold**, *italic*, [label](https://…) or [[entity-id]]")
    if _ATTR_LIST.search(text):
        raise ValueError("attribute lists in curly braces (`{: …}`, `{#…}`, `{.…}`) are not allowed — remove the braces")
    if _BAD_SCHEME.search(text):
        raise ValueError("script or data URLs are not allowed — remove them; links go to http:// or https:// addresses")
