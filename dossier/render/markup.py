"""Turn untrusted text into Markdown that MkDocs cannot interpret as anything but text.

`plain` is for names and short fields: every character Markdown, HTML or attribute lists could
act on becomes a numeric character reference. `prose` does the same and then re-enables only
what we generate ourselves: **bold**, *italic*, [label](http(s) URL) and [[entity-id]] links.
No character of the input ever reaches the page as markup.

Besides single characters, a few sequences mean something to Markdown at the start of a line
(`-` lists and rules, `1.` lists) or anywhere (`///Footnotes Go Here///`, where the footnotes
extension moves the references, replacing the paragraph that holds it); those are broken up too:
no escaped text starts with `-` or `1.`, so any escaped piece may start a line. Control
characters, which Python-Markdown uses for its own placeholders, become U+FFFD.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable
from urllib.parse import quote

_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>&\"'|~^=#$!:+"}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLASHES = re.compile("/(?=//)")  # "///Footnotes Go Here///" is the footnotes extension's marker
_LEADING = re.compile(r"^(\s*)(?:(\d+)\.|-)")
_TOKENS = re.compile(
    r"\[\[(?P<wid>[a-z0-9-]+)(?:\|(?P<wlabel>[^\[\]\n]+))?\]\]"
    r"|\[(?P<label>[^\[\]\n]+)\]\((?P<url>https?://(?:[^\s()]|\([^\s()]*\))+)\)"  # (balanced parentheses, one deep)
    r"|\*\*(?P<bold>[^*\n]+)\*\*"
    r"|\*(?P<em>[^*\n]+)\*"
)

# No `[` inside a label: each `[` then scans only to the next one, so a value of 20 000 `[`
# costs linear time, not quadratic (a try from every `[` to the line's end).
LinkFor = Callable[[str], tuple[str, str] | None]  # id -> (label, relative url) or None


@lru_cache(maxsize=1 << 16)  # names, dates and types come back on page after page (93 % of the calls)
def plain(text: str | None) -> str:
    """Escape a plain-text value for a Markdown page, on one line."""
    if not text:
        return ""
    return escape(" ".join(str(text).split()))


def escape(text: str) -> str:
    """Every character Markdown or HTML could act on as a numeric reference; safe at a line start."""
    text = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], _CONTROL.sub("\ufffd", text))
    return block_safe(_SLASHES.sub("&#47;", text))


def block_safe(line: str) -> str:
    """Escaped text that may start a line: no `-` (list, rule) or `1.` (numbered list) at its start."""
    return _LEADING.sub(lambda m: m.group(1) + (f"{m.group(2)}&#46;" if m.group(2) else "&#45;"), line)


def url(href: str) -> str:
    """An http(s) URL made safe for a Markdown link target (no spaces, quotes or brackets)."""
    if not re.match(r"^https?://", href):
        return ""
    return quote(href, safe=":/?#[]@!$&*+,;=%~.-_")


PARAGRAPH_BREAK = "<br><br>"


def prose(text: str | None, link_for: LinkFor) -> str:
    """Escape prose, keeping our small Markdown subset, on one line.

    Prose goes into table cells, list items and the infobox as well as into paragraphs, and a
    blank line would end the cell or item (the rest of the text, and the cells after it, would
    spill out of the table). So paragraphs are joined with `<br><br>`: safe in every context.
    `prose_blocks` gives real paragraphs, for callers that put the text in a block of its own.
    """
    return PARAGRAPH_BREAK.join(_paragraphs(text, link_for))


def prose_blocks(text: str | None, link_for: LinkFor) -> str:
    """Escape prose as Markdown paragraphs separated by blank lines; only for a block context."""
    return "\n\n".join(_paragraphs(text, link_for))


def _paragraphs(text: str | None, link_for: LinkFor) -> list[str]:
    if not text:
        return []
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [_inline(" ".join(p.split()), link_for) for p in paragraphs]


def _inline(text: str, link_for: LinkFor) -> str:
    out, pos = [], 0
    for m in _TOKENS.finditer(text):
        out.append(escape(text[pos:m.start()]))
        if m.group("wid"):
            target = link_for(m.group("wid"))
            label = m.group("wlabel") or (target[0] if target else m.group("wid"))
            out.append(f"[{escape(label)}]({target[1]})" if target else escape(label))
        elif m.group("url"):
            out.append(f"[{escape(m.group('label'))}]({url(m.group('url'))})")
        elif m.group("bold"):
            out.append(f"<strong>{escape(m.group('bold'))}</strong>")
        else:
            out.append(f"<em>{escape(m.group('em'))}</em>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def anchor(heading: str) -> str:
    """The id Python-Markdown's toc extension gives a heading, to link to a section."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())
