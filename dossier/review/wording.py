"""Statements and their values in words, as plain text ("governor of ISKP", "April 2020").

Plain text only: whoever prints it escapes it for where it goes (the review's Markdown, a page of
the site). `names` maps ids to names; an id with no name is shown as it is.
"""
from __future__ import annotations

import difflib
import re
from typing import Mapping

from .. import dates

DATE_FIELDS = frozenset({"start", "end", "date", "as_of", "end_date", "accessed", "archived_on"})
REF_FIELDS = frozenset({"group", "target", "place", "entity", "publisher", "source", "by", "alleged_by", "denied_by",
                        "estimated_by", "claimants", "disputed_by", "authors", "about", "places"})
FIELD_WORDS = {
    "name": "name", "type": "type", "kind": "kind", "date": "date", "date_note": "date note", "end_date": "end date",
    "question": "question", "publisher": "publisher", "url": "address", "accessed": "accessed",
    "archived_text": "archived text", "publish": "shown on the site", "sources": "sources of the event",
    "parent": "parent", "founded": "founded", "within": "within", "archive": "how the text was archived",
    "former_ids": "former id", "places": "place", "about": "about", "authors": "author",
    "as_of": "as of", "ended_by": "how it ended", "alleged_by": "alleged by", "denied_by": "denied by",
    "estimated_by": "estimated by", "disputed_by": "disputed by", "low": "low", "high": "high", "by": "according to",
}
RELATION_WORDS = {
    "branch-of": "branch of", "faction-of": "faction of", "split-from": "split from",
    "pledged-allegiance": "pledged allegiance to", "supported": "supported", "opposed": "opposed", "ally": "ally of",
    "collaborates-with": "collaborates with", "rival": "rival of", "fought": "fought", "recruits-from": "recruits from",
    "alleged-sponsor": "alleged sponsor:", "alleged-links": "alleged links with", "part-of": "part of",
}
KIND_WORDS = {"person": "person", "group": "group", "faction": "faction", "event": "event", "place": "place",
              "source": "source", "narrative": "contested claim"}
SHORT = 70  # characters of prose kept in a label
_WIKILINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]\n]+))?\]\]")


def readable(text: str | None, names: Mapping[str, str]) -> str:
    """Prose with its `[[id]]` links as the names they show."""
    return _WIKILINK.sub(lambda m: m.group(2) or names.get(m.group(1), m.group(1)), str(text or ""))


def shorten(text: str | None, limit: int = SHORT) -> str:
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit].rstrip(",;:") + "…"


def field_words(name: str) -> str:
    return FIELD_WORDS.get(name, name.replace("_", " "))


def name_of(entity_id, names: Mapping[str, str]) -> str:
    return names.get(entity_id, str(entity_id)) if entity_id is not None else "not given"


def value_words(name: str, value, names: Mapping[str, str]) -> str:
    """A value in words: dates at their precision, ids as names, lists joined, nothing as "not given"."""
    if value is None or value == ():
        return "none" if name in REF_FIELDS and value == () else "not given"
    if name in DATE_FIELDS and isinstance(value, str):
        return dates.in_words(value)
    if name in REF_FIELDS:
        items = value if isinstance(value, tuple) else (value,)
        return ", ".join(name_of(v, names) for v in items)
    if isinstance(value, tuple):
        return "; ".join(value_words(name, v, names) if not isinstance(v, tuple) else _pairs(v, names) for v in value)
    if name in ("ended_by", "stance", "kind", "type", "value"):
        return str(value).replace("-", " ")
    return readable(str(value), names) if isinstance(value, str) and "[[" in value else str(value)


def _pairs(value: tuple, names) -> str:
    """A nested record (a `parent`, an `archive`) as `field value` pairs."""
    return ", ".join(f"{field_words(k)} {value_words(k, v, names)}" for k, v in value if v not in (None, ()))


def label(field: str, values: Mapping[str, object], names: Mapping[str, str]) -> str:
    """What a statement is about, in a few words: "governor of ISKP", "alias “LeT”"."""
    v = values.get
    n = lambda key: name_of(v(key), names)  # noqa: E731
    if field == "aliases":
        return f"{str(v('kind') or 'alias').replace('-', ' ')} “{v('name')}”"
    if field == "nationality":
        return f"nationality {n('place')}"
    if field == "roles":
        return f"{v('title')} of {n('group')}"
    if field == "status":
        return f"status {value_words('value', v('value'), names)} as of {value_words('as_of', v('as_of'), names)}"
    if field == "relations":
        return f"{RELATION_WORDS.get(v('type'), str(v('type')))} {n('target')}"
    if field == "areas":
        return f"area {n('place')}"
    if field == "estimates":
        return f"estimate of {v('measure')}" + (f" ({dates.in_words(v('date'))})" if v("date") else "")
    if field == "notes":
        return f"note “{shorten(readable(v('text'), names))}”"
    if field == "attributions":
        return f"responsibility of {n('group')} ({str(v('stance') or 'no stance')})"
    if field == "casualties":
        return f"casualties: {v('text')} {v('kind')}" if v("text") else f"casualties ({v('kind')})"
    if field == "participants":
        return f"{n('entity')} ({v('role')})"
    if field == "versions":
        return f"version “{shorten(readable(v('short') or v('claim'), names))}”"
    if field == "inferred":
        return f"inferred {v('field')}"
    if field == "cited_in":
        return f"cited in {n('source')}"
    if field in ("places", "about", "authors", "disputed_by"):
        return f"{field_words(field)} {n('item')}"
    if field == "former_ids":
        return f"former id {v('item')}"
    return field_words(field)


def text_change(old: str, new: str, context: int = 6) -> list[tuple[str, str]]:
    """A prose edit as pieces: ("=", words kept), ("-", words removed), ("+", words added), with
    at most `context` words kept around each change ("…" for the rest)."""
    a, b = old.split(), new.split()
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            kept = a[i1:i2]
            first, last = i1 == 0, i2 == len(a)
            if first and len(kept) > context:
                kept = ["…", *kept[-context:]]
            elif last and len(kept) > context:
                kept = [*kept[:context], "…"]
            elif not first and not last and len(kept) > 2 * context + 1:
                kept = [*kept[:context], "…", *kept[-context:]]
            text = " ".join(kept)
            pieces.append(("=", text))
            continue
        if i2 > i1:
            pieces.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("+", " ".join(b[j1:j2])))
    return pieces


def list_change(name: str, old, new, names: Mapping[str, str]) -> str | None:
    """A change to a list of ids as what joined and what left it ("added X; removed Y"), or None
    when the value is not such a list."""
    if name not in REF_FIELDS or not isinstance(old or (), tuple) or not isinstance(new or (), tuple):
        return None
    before, after = list(old or ()), list(new or ())
    joined = [x for x in after if x not in before]
    left = [x for x in before if x not in after]
    parts = ([f"added {', '.join(name_of(x, names) for x in joined)}"] if joined else []) + \
            ([f"removed {', '.join(name_of(x, names) for x in left)}"] if left else [])
    return "; ".join(parts) or "reordered"
