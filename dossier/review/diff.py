"""Two versions of the dossier compared by entity and statement: what was added, removed, renamed
and changed, and what deserves a second look.

Pure functions from two sets of records to a list of changes; the words are plain text
(`wording`). `make review` prints them (`review.report`), the site's History sections and
Changes page show them (`changelog`, `render/pages/changes.py`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from .. import dates
from ..load import Record
from ..models import KINDS, Citation
from ..quotes import SourceText, fold
from .statements import ITEM, KEYS, LIKENESS, Statement, cite_key, pair, statements
from .wording import DATE_FIELDS, field_words, label, list_change, name_of, value_words

# Who says it: a change to one of these changes whose statement it is.
WHO = {"attributions": {"group", "stance", "by"}, "relations": {"alleged_by", "denied_by"},
       "estimates": {"estimated_by"}, "casualties": {"by"}, "versions": {"claimants", "stance"}}
KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_QUALIFIER = re.compile(r"[?~%]")
# Words by which a statement keeps its distance from what it reports: one that goes while the
# statement stays makes it say more than its source (CONTRIBUTING, "How strong a statement may be").
_HEDGE = re.compile(r"\b(?:reportedly|reported|allegedly|alleged|claimed|claims?|presumed|presumably|purportedly|"
                    r"according to|said to|believed|suspected|apparently|possibly|probably|likely|unconfirmed|"
                    r"unverified|estimated|about|around|some|at least|up to)\b", re.I)


def hedges_lost(old: str, new: str) -> list[str]:
    """The hedging words of `old` that `new` no longer has ("reportedly", "at least"), in order."""
    kept = {m.group().lower() for m in _HEDGE.finditer(new)}
    return list(dict.fromkeys(w for w in (m.group().lower() for m in _HEDGE.finditer(old)) if w not in kept))

# (verified, what the check found): True found once, False a problem, None not checked
Check = Callable[[Citation], tuple[bool | None, str]]


@dataclass(frozen=True)
class ValueChange:
    """One value of a statement, before and after, raw and in words; for a list of ids, `delta`
    says what joined and left it ("added X; removed Y")."""

    name: str
    old: object
    new: object
    old_words: str
    new_words: str
    delta: str | None = None


@dataclass(frozen=True)
class CitationChange:
    """A citation added to, removed from or changed in a statement."""

    action: str  # "added", "removed", "changed" (same source, another quote or locator)
    source: str
    source_name: str
    quote: tuple[str, ...]
    locator: str | None
    via: str | None = None
    old_quote: tuple[str, ...] = ()
    old_locator: str | None = None
    verified: bool | None = None  # True: every fragment found once; False: a problem; None: not checked
    check: str = ""


@dataclass(frozen=True)
class StatementChange:
    """A statement added, removed or changed; `values` holds what changed, `flags` what deserves a
    second look."""

    action: str  # "added", "removed", "changed"
    field: str
    label: str
    scalar: bool = False
    values: tuple[ValueChange, ...] = ()
    citations: tuple[CitationChange, ...] = ()
    flags: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"StatementChange({self.action} {self.label!r}{', flagged' if self.flags else ''})"


@dataclass(frozen=True)
class EntityChange:
    """An entity added, removed, renamed (`old_id`) or changed, with its statements' changes."""

    action: str  # "added", "removed", "renamed", "changed"
    kind: str
    id: str
    name: str
    old_id: str | None = None
    statements: tuple[StatementChange, ...] = ()
    flags: tuple[str, ...] = ()  # about the entity as a whole (a contested claim opened, a rename without former id)
    path: str = ""

    @property
    def all_flags(self) -> list[tuple[str | None, str]]:
        """(statement label or None for the entity, flag) of every second look."""
        return [(None, f) for f in self.flags] + [(s.label, f) for s in self.statements for f in s.flags]

    def __repr__(self) -> str:
        return f"EntityChange({self.action} {self.kind}:{self.id}, {len(self.statements)} statements)"


def names_of(*record_sets: Iterable[Record]) -> dict[str, str]:
    """id → name, the first set winning (the newer names first)."""
    names: dict[str, str] = {}
    for records in reversed(record_sets):
        for r in records:
            if r.id and getattr(r.entity, "name", None):
                names[r.id] = r.entity.name
    return names


def compare(old: Iterable[Record], new: Iterable[Record], check: Check | None = None,
            names: Mapping[str, str] | None = None) -> list[EntityChange]:
    """Every entity added, removed, renamed or changed from `old` to `new`, in the order of kinds
    and names. `check` verifies the quotes of the citations added (None: not checked)."""
    old, new = [r for r in old if r.id], [r for r in new if r.id]
    old_by, new_by = {r.id: r for r in old}, {r.id: r for r in new}
    names = names if names is not None else names_of(new, old)
    renamed_from = {}
    for r in new:
        for former in getattr(r.entity, "former_ids", None) or []:
            if former in old_by and former not in new_by:
                renamed_from[r.id] = former
    gone = {renamed_from[i] for i in renamed_from}
    out: list[EntityChange] = []
    for r in new:
        before = old_by.get(r.id) or old_by.get(renamed_from.get(r.id, ""))
        if before is None:
            out.append(_whole("added", r, names, check))
            continue
        changes = diff_entity(before.entity, r.entity, names, check)
        action = "renamed" if r.id not in old_by else "changed"
        if changes or action == "renamed" or before.kind != r.kind:
            flags = (f"kind changed: {before.kind} → {r.kind}",) if before.kind != r.kind else ()
            out.append(EntityChange(action, r.kind, r.id, r.entity.name or r.id, before.id if action == "renamed" else None,
                                    changes, flags, r.path))
    removed = [r for r in old if r.id not in new_by and r.id not in gone]
    for r in removed:
        out.append(_whole("removed", r, names, None))
    _flag_lost_renames(out)
    return sorted(out, key=lambda c: (KIND_ORDER.get(c.kind, 99), c.name.casefold(), c.id))


def _whole(action: str, r: Record, names, check) -> EntityChange:
    """An entity added or removed whole: each of its statements added or removed."""
    changes = tuple(_added(s, names, check) if action == "added" else _removed(s, names) for s in statements(r.entity))
    flags = ()
    if r.kind == "narrative":
        flags = (f"contested claim {'opened' if action == 'added' else 'closed'}: {r.entity.name}",)
    archive = getattr(r.entity, "archive", None)
    if action == "added" and archive and archive.warnings:  # read the passages cited from it against the original
        flags += tuple(f"the extraction of its archived text may be lossy: {w}" for w in archive.warnings)
    return EntityChange(action, r.kind, r.id, getattr(r.entity, "name", None) or r.id, None, changes, flags, r.path)


def _flag_lost_renames(out: list[EntityChange]) -> None:
    """An entity removed and another of the same kind and name added: a rename whose old id was
    not kept in `former_ids`, so links to the old page break."""
    removed = {(c.kind, c.name.casefold()): c for c in out if c.action == "removed"}
    for i, c in enumerate(out):
        gone = removed.get((c.kind, c.name.casefold())) if c.action == "added" else None
        if gone:
            out[i] = EntityChange(c.action, c.kind, c.id, c.name, c.old_id, c.statements,
                                  c.flags + (f"looks like a rename of {gone.id} (same name): keep the old id under "
                                             "former_ids, or links to its page break",), c.path)


def diff_entity(old_entity, new_entity, names: Mapping[str, str], check: Check | None = None,
                found: Callable[[object], list[Statement]] = statements) -> tuple[StatementChange, ...]:
    """The statement changes from one version of an entity to another (either may be None).
    `found` gives an entity's statements (a caller comparing many versions caches them)."""
    pairs, removed, added = pair(found(old_entity), found(new_entity))
    out = []
    for a, b in pairs:
        change = _changed(a, b, names, check)
        if change:
            out.append(change)
    out += [_removed(s, names) for s in removed]
    out += [_added(s, names, check) for s in added]
    return tuple(out)


def _own_values(s: Statement, names, side: str) -> tuple[ValueChange, ...]:
    """The values of a statement added or removed whole, but those its label already says (a
    note's text is said in full: the label shortens it)."""
    said = set(KEYS.get(s.field, ((),))[0]) - {LIKENESS.get(s.field)} | {ITEM}
    out = []
    for k, v in s.values:
        if k in said or v is None or v == ():
            continue
        words = value_words(k, v, names)
        out.append(ValueChange(k, None, v, "", words) if side == "new" else ValueChange(k, v, None, words, ""))
    return tuple(out)


def _added(s: Statement, names, check) -> StatementChange:
    return StatementChange("added", s.field, label(s.field, dict(s.values), names), s.scalar, _own_values(s, names, "new"),
                           tuple(_cite("added", c, names, check) for c in s.citations), _new_statement_flags(s, names, check))


def _removed(s: Statement, names) -> StatementChange:
    flags = ("a version of a contested claim removed",) if s.field == "versions" else \
        (f"dispute closed: {name_of(s.value(ITEM), names)}",) if s.field == "disputed_by" else \
        (f"attribution removed: {_who(s, names)}",) if s.field == "attributions" else ()
    return StatementChange("removed", s.field, label(s.field, dict(s.values), names), s.scalar, _own_values(s, names, "old"),
                           flags=flags)


def _new_statement_flags(s: Statement, names, check) -> tuple[str, ...]:
    flags = []
    if s.field == "versions":
        flags.append("a version of a contested claim added")
    if s.field == "disputed_by":  # an event's own `disputed_by`: each narrative is a statement
        flags.append(f"dispute opened: {name_of(s.value(ITEM), names)}")
    if s.field == "attributions":
        flags.append(f"attribution added: {_who(s, names)}")
    for c in s.citations:
        flags += _check_flags(c, check)
    return tuple(flags)


def _who(s: Statement, names) -> str:
    """An attribution in words: "claimed, Islamic State Khorasan Province, according to …"."""
    by = s.value("by")
    return (f"{value_words('stance', s.value('stance'), names)}, {name_of(s.value('group'), names)}"
            + (f", according to {value_words('by', by, names)}" if by else ""))


def _changed(a: Statement, b: Statement, names, check) -> StatementChange | None:
    if a.whole == b.whole:
        return None
    old_values, new_values = dict(a.values), dict(b.values)
    values = tuple(ValueChange(k, old_values.get(k), new_values.get(k), value_words(k, old_values.get(k), names),
                               value_words(k, new_values.get(k), names), list_change(k, old_values.get(k), new_values.get(k), names))
                   for k in dict.fromkeys([*old_values, *new_values]) if old_values.get(k) != new_values.get(k))
    citations, flags = _citation_changes(a.citations, b.citations, names, check)
    if not values and not citations:
        return None
    flags = _value_flags(b.field, values, names) + flags
    return StatementChange("changed", b.field, label(b.field, new_values, names), b.scalar, values, tuple(citations), tuple(flags))


def more_precise(old: str | None, new: str | None) -> bool:
    """Whether `new` says more than `old`: a narrower span inside it, or the same without its
    uncertainty (`2018?` → `2018`)."""
    if not old or not new or new == dates.OPEN or old == dates.OPEN:
        return False
    try:
        (lo, hi), (new_lo, new_hi) = dates.bounds(old), dates.bounds(new)
    except Exception:  # noqa: BLE001 - an old schema's date that no longer parses: nothing to compare
        return False
    inside = lo <= new_lo and new_hi <= hi
    return inside and ((new_lo, new_hi) != (lo, hi) or bool(_QUALIFIER.search(old)) and not _QUALIFIER.search(new))


def _value_flags(field: str, values: tuple[ValueChange, ...], names) -> list[str]:
    flags = []
    for v in values:
        if v.name in DATE_FIELDS and isinstance(v.new, str) and (more_precise(v.old, v.new) or v.old is None):
            what = "made more precise" if v.old else "given where none was"
            flags.append(f"{field_words(v.name)} {what}: {v.old_words} → {v.new_words} — does the source say so?")
        elif v.name == "ended_by":
            flags.append(f"how it ended changed: {v.old_words} → {v.new_words}")
        elif v.name in WHO.get(field, ()):
            flags.append(f"who says it changed: {field_words(v.name)} {v.old_words} → {v.new_words}")
        elif isinstance(v.old, str) and isinstance(v.new, str) and hedges_lost(v.old, v.new):
            lost = ", ".join(f"“{w}”" for w in hedges_lost(v.old, v.new))
            flags.append(f"{field_words(v.name)} lost its hedge ({lost}) — does the source now say it without one?")
        elif _number(v.old) and _number(v.new):
            flags.append(f"a number changed: {field_words(v.name)} {v.old_words} → {v.new_words} — does the quoted "
                         "text give the new number (and does the statement's own text say it)?")
        elif v.name == "disputed_by":
            old, new = set(v.old or ()), set(v.new or ())
            flags += [f"dispute opened: {name_of(n, names)}" for n in sorted(new - old)]
            flags += [f"dispute closed: {name_of(n, names)}" for n in sorted(old - new)]
    return flags


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _citation_changes(old: tuple[Citation, ...], new: tuple[Citation, ...], names, check) -> tuple[list[CitationChange], list[str]]:
    left, right = list(old), list(new)
    for c in list(left):  # unchanged citations
        same = next((d for d in right if cite_key(d) == cite_key(c)), None)
        if same is not None:
            left.remove(c)
            right.remove(same)
    out, flags = [], []
    for c in list(left):  # the same source quoted otherwise, or at another place
        other = next((d for d in right if (d.source, d.via) == (c.source, c.via)), None)
        if other is None:
            continue
        left.remove(c)
        right.remove(other)
        change = _cite("changed", other, names, check, before=c)
        out.append(change)
        flags += _check_flags(other, check)
        was, now = fold(" ".join(c.fragments)), fold(" ".join(other.fragments))
        if was and not now:
            flags.append(f"quote removed from a statement that keeps its claim: “{' … '.join(c.fragments)}”")
        elif was and now and len(now) < len(was) and all(fold(f) in was for f in other.fragments):
            flags.append(f"quote shortened: “{' … '.join(c.fragments)}” → “{' … '.join(other.fragments)}” — does it still "
                         "carry the statement, and its hedge?")
    for c in left:
        out.append(_cite("removed", c, names, None))
        if c.fragments:
            flags.append(f"quote removed from a statement that keeps its claim: “{' … '.join(c.fragments)}”")
    for c in right:
        out.append(_cite("added", c, names, check))
        flags += _check_flags(c, check)
    return out, flags


def _check_flags(c: Citation, check) -> list[str]:
    if check is None:
        return []
    verified, words = check(c)
    return [f"quote not verified: {words}"] if verified is False else []


def _cite(action: str, c: Citation, names, check, before: Citation | None = None) -> CitationChange:
    verified, words = check(c) if check and action != "removed" else (None, "")
    return CitationChange(action, c.source, name_of(c.source, names), tuple(c.fragments), c.locator, c.via,
                          tuple(before.fragments) if before else (), before.locator if before else None, verified, words)


def quote_checker(records: Iterable[Record], texts: Mapping[str, SourceText]) -> Check:
    """Verify a citation's quote against the archived texts of `records`' sources, as the build
    does: every fragment found, and at least one found only once."""
    sources = {r.id: r.entity for r in records if r.kind == "source" and r.id}

    def check(c: Citation) -> tuple[bool | None, str]:
        src = sources.get(c.source)
        if src is None:
            return False, f"unknown source `{c.source}`"
        if getattr(src, "kind", None) == "general-knowledge":
            return None, "general knowledge: no document to check"
        text = texts.get(src.archived_text) if getattr(src, "archived_text", None) else None
        if text is None:
            return None, "not checked: the source's text is not archived" if c.fragments else "no quote; the source's text is not archived"
        if not c.fragments:
            return False, f"no quote, though the text is archived in seeds/{src.archived_text}"
        counts = [text.count(f) for f in c.fragments]
        missing = [f for f, n in zip(c.fragments, counts) if n == 0]
        if missing:
            return False, f"not found in seeds/{src.archived_text}: “{missing[0]}”"
        if all(n > 1 for n in counts):
            return False, f"occurs more than once in seeds/{src.archived_text}: lengthen it"
        return True, "quote found" if len(counts) == 1 else f"quote found ({len(counts)} fragments)"
    return check
