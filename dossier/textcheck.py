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
HIDDEN_HINT = "entity files hold plain visible text (ZWNJ and ZWJ are allowed inside words)"
_BAD_SCHEME = re.compile(r"\b(?:javascript\s*:|vbscript\s*:|data\s*:\s*[a-z]+/[a-z0-9.+-]+[;,]|file\s*:\s*//)", re.I)


# -- characters no value may hold -----------------------------------------------------------------
# One policy, for every value of an entity file (yamlsafe.py applies it to the file and to each
# value as decoded, so an escape such as "\u200F" is caught too) and for any text checked here:
# control characters but tab and line feed; every format character (Unicode category Cf: bidi
# marks, overrides and isolates, zero-width spaces, joiners and tags, invisible operators, the
# soft hyphen…) except ZWNJ and ZWJ, which Persian and Indic scripts need inside words; line and
# paragraph separators; the combining grapheme joiner and variation selectors, which draw
# nothing; lone surrogates and noncharacters. They reorder or hide text in <title>, the search
# index and the CSVs, and make two names that look the same differ. No-break and other spaces
# are text.
_JOINERS = frozenset("\u200c\u200d")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = frozenset("\t\n")
# the refused characters Python counts as printable (combining marks): found with one search
_PRINTABLE_REFUSED = re.compile("[\u034f\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_REASONS = {"Cc": "a control character", "Zl": "a line separator", "Zp": "a paragraph separator",
            "Cs": "a lone surrogate", "Cf": "an invisible format character"}


def refused_character(ch: str) -> str | None:
    """Why the character `ch` may not appear in a value, as "U+XXXX NAME (what it is)", or None
    when it may. The one definition of the characters the dossier refuses; `first_refused` finds
    the first in a text."""
    code = ord(ch)
    category = unicodedata.category(ch)
    if category == "Cf":
        if ch in _JOINERS:
            return None
        reason = "a bidirectional control" if ch in _BIDI else _REASONS["Cf"]
    elif category in _REASONS:
        if ch in _ALLOWED_CONTROLS:
            return None
        reason = _REASONS[category]
    elif code == 0x034F:
        reason = "an invisible combining character"
    elif _PRINTABLE_REFUSED.match(ch):
        reason = "a variation selector"
    elif 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        reason = "a noncharacter"
    else:
        return None
    name = unicodedata.name(ch, "")
    return f"U+{code:04X} {name} ({reason})" if name else f"U+{code:04X} ({reason})"


def first_refused(text: str) -> tuple[int, str] | None:
    """(index, `refused_character`'s description) of the first refused character of `text`, or None.

    Most texts are printable but for their line breaks: those are told apart in a few passes in C,
    and only a text holding some other unprintable character is read character by character."""
    rest = text if text.isprintable() else text.replace("\n", "").replace("\t", "")
    if rest.isprintable():
        found = None if rest.isascii() else _PRINTABLE_REFUSED.search(text)
        return (found.start(), refused_character(found.group())) if found else None
    for i, ch in enumerate(text):
        why = refused_character(ch)
        if why:
            return i, why
    return None


# Letters and symbols that draw nothing: Hangul fillers (the only letters Unicode lists as default
# ignorable), the blank Braille pattern, the musical null notehead. A name made only of these (and
# spaces and marks) would be an empty-looking link.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\U0001d159")


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
    refused = first_refused(text)
    if refused:
        raise ValueError(f"invisible or control character {refused[1]} — delete it; {HIDDEN_HINT}")
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
