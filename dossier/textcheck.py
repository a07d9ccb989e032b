"""Refuse markup in text fields at validation time, so a contributor hears about it at once.

The defence is escaping: `render/markup.py` turns every character Markdown or HTML could act on
into a character reference, and the front matter is HTML-escaped before the theme (which does not
autoescape) writes it into <title> and <meta>. These checks come first, to turn what escaping would
silently neutralise into a clear `file:line` error: an opening tag, closed or not (`<img src=x
onerror=…` with no `>`), a quote followed by an attribute (`x" onmouseover=…`), attribute lists,
script URLs, snippet includes. No HTML sanitiser is used (nh3 was, only to ask "is this HTML?",
which `<` followed by a letter, `/`, `!` or `?` answers more strictly): nothing here keeps HTML.
"""
from __future__ import annotations

import re
import unicodedata

_MARKDOWN_LINK = re.compile(r"\](?:\(|\s?\[(?!\[))")  # [label](target), [label][ref], ![alt](src)
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{\s*[a-z-]+\s*=", re.I)
# `<` before a letter, `/`, `!` or `?` opens a tag, end tag, comment or declaration in HTML,
# closed or not.
_TAG_OPEN = re.compile(r"<[a-z/!?]", re.I)
# An attribute: a quote closing a value, then `name=`; or an event handler `onxxx=` anywhere.
_ATTRIBUTE = re.compile(r"[\"'`]\s*[a-z_:][-a-z0-9_:.]*\s*=|\bon[a-z]{3,}\s*=", re.I)
_SNIPPET = re.compile(r"-+8<-+")  # pymdownx.snippets includes a file where it sees `--8<--`
_BAD_SCHEME = re.compile(r"\b(?:javascript\s*:|vbscript\s*:|data\s*:\s*[a-z]+/[a-z0-9.+-]+[;,]|file\s*:\s*//)", re.I)


# Letters and symbols that draw nothing: Hangul fillers, the blank Braille pattern, the
# Mongolian vowel separator. A name made only of these (and spaces, marks, format characters)
# would be an empty-looking link.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def visible(text: str) -> bool:
    """Whether the text shows at least one letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK for c in text)


def check_plain(text: str) -> str:
    """Plain-text fields: no HTML, no attribute lists, no script URLs, no Markdown links or images
    (they would show as typed, brackets and all; names also go into SVG charts)."""
    _common(text)
    if "]" in text and _MARKDOWN_LINK.search(text):
        raise ValueError("links are not allowed in a name or short field — write the plain text; "
                         "put links in a note's text")
    return text


def check_prose(text: str) -> str:
    """Prose fields: as plain text, and Markdown links only to http(s) addresses, no images."""
    _common(text)
    if "![" in text:
        raise ValueError("images are not allowed in text — remove the `![...](...)`")
    for m in _LINK_TARGET.finditer(text) if "](" in text else ():
        if not re.match(r"https?://", m.group(1)):
            raise ValueError(f"the link target `{m.group(1)[:40]}` is not allowed — links go to http:// or https:// addresses; "
                             "link to an entity with [[entity-id]]")
    return text


def _common(text: str) -> None:
    if not (text[:1].isascii() and text[:1].isalnum()) and not visible(text):  # most texts start with a letter
        raise ValueError("the text shows nothing: it is made only of spaces or invisible characters — write the text")
    # Each check runs only when the text holds a character its pattern needs: most names and notes
    # hold none, and the checks run for every text field of every file.
    opened = _TAG_OPEN.search(text) if "<" in text else None
    if opened:
        tag = re.search(r"<[^>\s]{0,20}", text[opened.start():])
        raise ValueError(f"HTML is not allowed in text (found `{tag.group(0)}`) — "
                         "write plain text; use **bold**, *italic*, [label](https://…) or [[entity-id]]")
    if "{" in text and _ATTR_LIST.search(text):
        raise ValueError("attribute lists in curly braces (`{: …}`, `{#…}`, `{.…}`) are not allowed — remove the braces")
    attribute = _ATTRIBUTE.search(text) if "=" in text else None
    if attribute:
        raise ValueError(f"text that reads as an HTML attribute (`{attribute.group(0)}`) is not allowed — "
                         "reword it: write `x: y` or `x is y` rather than `x=y`, or leave out the quote")
    if "8<" in text and _SNIPPET.search(text):
        raise ValueError("`--8<--` is not allowed in text — it would include another file into the page; remove it")
    if ":" in text and _BAD_SCHEME.search(text):
        raise ValueError("script or data URLs are not allowed — remove them; links go to http:// or https:// addresses")
