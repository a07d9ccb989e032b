"""Turn untrusted text into Markdown that MkDocs cannot interpret as anything but text.

`plain` is for names and short fields: every character Markdown, HTML or attribute lists could
act on becomes a numeric character reference. `prose` does the same and then re-enables only
what we generate ourselves: **bold**, *italic*, [label](http(s) URL) and [[entity-id]] links.
No character of the input ever reaches the page as markup.
"""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import quote

_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>&\"'|~^=#$!:+"}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")
_LEADING = re.compile(r"^(\d+)\.")
_TOKENS = re.compile(
    r"\[\[(?P<wid>[a-z0-9-]+)(?:\|(?P<wlabel>[^\]\n]+))?\]\]"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>https?://[^\s)]+)\)"
    r"|\*\*(?P<bold>[^*\n]+)\*\*"
    r"|\*(?P<em>[^*\n]+)\*"
)

LinkFor = Callable[[str], tuple[str, str] | None]  # id -> (label, relative url) or None


def plain(text: str | None) -> str:
    """Escape a plain-text value for a Markdown page, on one line."""
    if not text:
        return ""
    return _LEADING.sub(r"\1&#46;", _escape(" ".join(str(text).split())))


def _escape(text: str) -> str:
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text)


def url(href: str) -> str:
    """An http(s) URL made safe for a Markdown link target (no spaces, quotes or brackets)."""
    if not re.match(r"^https?://", href):
        return ""
    return quote(href, safe=":/?#[]@!$&*+,;=%~.-_")


def prose(text: str | None, link_for: LinkFor) -> str:
    """Escape prose, keeping our small Markdown subset; paragraphs are separated by blank lines."""
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(_inline(" ".join(p.split()), link_for) for p in paragraphs)


def _inline(text: str, link_for: LinkFor) -> str:
    out, pos = [], 0
    for m in _TOKENS.finditer(text):
        out.append(_escape(text[pos:m.start()]))
        if m.group("wid"):
            target = link_for(m.group("wid"))
            label = m.group("wlabel") or (target[0] if target else m.group("wid"))
            out.append(f"[{_escape(label)}]({target[1]})" if target else _escape(label))
        elif m.group("url"):
            out.append(f"[{_escape(m.group('label'))}]({url(m.group('url'))})")
        elif m.group("bold"):
            out.append(f"<strong>{_escape(m.group('bold'))}</strong>")
        else:
            out.append(f"<em>{_escape(m.group('em'))}</em>")
        pos = m.end()
    out.append(_escape(text[pos:]))
    return _LEADING.sub(r"\1&#46;", "".join(out))
