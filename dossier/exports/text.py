"""Prose as plain text for formats that show text as it is (STIX descriptions, CSL notes)."""
from __future__ import annotations

import re
from typing import Callable

_TOKENS = re.compile(r"\[\[(?P<wid>[a-z0-9-]+)(?:\|(?P<wlabel>[^\]\n]+))?\]\]"
                     r"|\[(?P<label>[^\]\n]+)\]\((?P<url>https?://[^\s)]+(?:\([^\s()]*\))?[^\s)]*)\)"
                     r"|\*\*(?P<bold>[^*\n]+)\*\*|\*(?P<em>[^*\n]+)\*")


def plain_text(text: str | None, name_of: Callable[[str], str]) -> str:
    """The dossier's small Markdown subset read aloud: `[[id]]` becomes the entity's name,
    `[label](url)` "label (url)", emphasis its words; paragraphs stay apart, lines are joined."""
    if not text:
        return ""

    def token(m: re.Match) -> str:
        if m.group("wid"):
            return m.group("wlabel") or name_of(m.group("wid"))
        if m.group("url"):
            return f"{m.group('label')} ({m.group('url')})"
        return m.group("bold") or m.group("em")

    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(_TOKENS.sub(token, p) for p in paragraphs)
