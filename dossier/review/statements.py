"""An entity as the statements it makes, each with the identities that pair it with its other
versions.

A statement is one thing an entity file says: a role, a relation, an alias, a note, an
attribution, a scalar field such as `name` or `date`, one item of a list of ids such as an event's
`places`. Two versions of an entity (before and after a commit, at two releases) are compared
statement by statement: a statement is paired with its other version by its first key ("the role
of emir of ISKP"), then by a looser one ("a role in ISKP"), then, for prose, by likeness, so that
an edited end date reads as that role's end changing, not as one role removed and another added.

Works on what `salvage` makes of a file that does not validate (fields and items may be None), so
that an old schema is still compared as far as it can be.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from ..models import Citation

# The fields of a list item that identify it, strongest first. An item of a field not listed
# here is identified by its field alone (it is the field's only item, or the items pair in order).
KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "aliases": (("name",),),
    "nationality": (("place",),),
    "roles": (("group", "title"), ("group",)),
    "status": (("value", "as_of"), ("as_of",), ("value",)),
    "relations": (("type", "target"), ("target",)),
    "areas": (("place",),),
    "estimates": (("measure", "date"), ("measure",)),
    "notes": (("text",),),
    "attributions": (("group", "stance"), ("group",)),
    "casualties": (("kind", "text"), ("kind",)),
    "participants": (("entity", "role"), ("entity",)),
    "versions": (("claim",), ("short",)),
    "inferred": (("field",),),
    "cited_in": (("source",),),
}
# Prose that pairs by likeness when no key pairs it (a note reworded is the same note).
LIKENESS = {"notes": "text", "versions": "claim"}
LIKE_ENOUGH = 0.6
LAST_ONE_LIKE_ENOUGH = 0.3  # the only item removed and the only one added need less to be one edit
SKIPPED = frozenset({"id"})
ITEM = "item"  # the value of an item of a list of ids (a place of an event, a former id)


@dataclass(frozen=True)
class Statement:
    """One statement of an entity: the field it is in, its identities (strongest first), its own
    values (sources left out; lists as tuples), and its citations."""

    field: str
    keys: tuple[tuple, ...]
    values: tuple[tuple[str, object], ...]
    citations: tuple[Citation, ...]
    scalar: bool = False  # a field holding one value (`name`, `date`): its value is the statement

    def value(self, name: str):
        return dict(self.values).get(name)

    @cached_property
    def whole(self) -> tuple:
        """Everything the statement says, hashable: two statements with the same `whole` are the same."""
        return (self.field, self.keys[0], self.values, tuple(cite_key(c) for c in self.citations))

    @property
    def text(self) -> str | None:
        found = self.value(LIKENESS.get(self.field, ""))
        return found if isinstance(found, str) else None

    def __repr__(self) -> str:
        return f"Statement({self.field}, {self.keys[0]!r})"


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, (list, tuple)):
        return tuple(_norm(v) for v in value)
    return value


def _plain(value):
    """A value as a comparable, hashable thing: lists as tuples, models as tuples of their fields."""
    if isinstance(value, BaseModel):
        return tuple((name, _plain(getattr(value, name, None))) for name in type(value).model_fields)
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    return value


def cite_key(c: Citation) -> tuple:
    """A citation as a hashable value: its source, quote fragments, locator and `via`."""
    return (c.source, tuple(c.fragments), c.locator, c.via)


def _citations(value) -> tuple[Citation, ...]:
    return tuple(c for c in (value or ()) if isinstance(c, Citation))


def _item(field: str, model: BaseModel) -> Statement:
    values = tuple((name, _plain(getattr(model, name, None))) for name in type(model).model_fields if name != "sources")
    found = dict(values)
    keys = tuple(tuple(_norm(found.get(k)) for k in key) for key in KEYS.get(field, ((),)))
    return Statement(field, keys, values, _citations(getattr(model, "sources", None)))


def statements(entity: BaseModel | None) -> list[Statement]:
    """Every statement of an entity, in the order of its fields and items."""
    if entity is None:
        return []
    out = []
    for name in type(entity).model_fields:
        value = getattr(entity, name, None)
        if name in SKIPPED or value is None or value == [] or value == ():
            continue
        if isinstance(value, BaseModel):
            out.append(_item(name, value))
        elif isinstance(value, list):
            if any(isinstance(v, Citation) for v in value):  # an event's own sources: the event is reported
                out.append(Statement(name, ((),), (), _citations(value)))
                continue
            for v in value:
                if isinstance(v, BaseModel):
                    out.append(_item(name, v))
                elif v is not None:  # a list of ids (places, about, authors, former ids): the id is the statement
                    out.append(Statement(name, ((_norm(v),),), ((ITEM, v),), ()))
        else:
            out.append(Statement(name, ((),), ((name, _plain(value)),), (), scalar=True))
    return out


def pair(old: list[Statement], new: list[Statement]) -> tuple[list[tuple[Statement, Statement]], list[Statement], list[Statement]]:
    """Pair the statements of two versions of an entity: (pairs, removed, added).

    Within each field: identical statements first, then by each key in turn (items with the same
    key pair in order), then prose by likeness. What is left was removed or added.
    """
    pairs: list[tuple[Statement, Statement]] = []
    removed: list[Statement] = []
    added: list[Statement] = []
    # Identical statements first, all fields at once: most of a version is what it was.
    waiting: dict[tuple, list[Statement]] = {}
    for s in new:
        waiting.setdefault(s.whole, []).append(s)
    rest_old = []
    for s in old:
        same = waiting.get(s.whole)
        if same:
            pairs.append((s, same.pop(0)))
        else:
            rest_old.append(s)
    taken = {id(b) for _a, b in pairs}
    rest_new = [s for s in new if id(s) not in taken]
    fields = list(dict.fromkeys([s.field for s in rest_old] + [s.field for s in rest_new]))
    for field in fields:
        left = [s for s in rest_old if s.field == field]
        right = [s for s in rest_new if s.field == field]
        for level in range(max((len(s.keys) for s in left + right), default=0)):
            _match(left, right, pairs, lambda s, level=level: s.keys[level] if level < len(s.keys) else None)
        if field in LIKENESS:
            _match_alike(left, right, pairs)
            if len(left) == len(right) == 1 and _likeness(left[0], right[0]) >= LAST_ONE_LIKE_ENOUGH:
                pairs.append((left.pop(), right.pop()))  # the one note removed and the one added: an edit
        removed += left
        added += right
    order = {id(s): i for i, s in enumerate(new)}
    pairs.sort(key=lambda p: order[id(p[1])])
    return pairs, removed, added


def _match(left: list[Statement], right: list[Statement], pairs: list, key) -> None:
    """Pair items of `left` and `right` with equal keys, in order; remove them from both lists."""
    waiting: dict = {}
    for s in right:
        k = key(s)
        if k is not None:
            waiting.setdefault(k, []).append(s)
    for s in list(left):
        k = key(s)
        if k is not None and waiting.get(k):
            other = waiting[k].pop(0)
            pairs.append((s, other))
            left.remove(s)
            right.remove(other)


def _match_alike(left: list[Statement], right: list[Statement], pairs: list) -> None:
    """Pair prose by likeness, the most alike first, each at least `LIKE_ENOUGH` alike."""
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if a.text and b.text:
                ratio = _likeness(a, b)
                if ratio >= LIKE_ENOUGH:
                    scored.append((-ratio, i, j))
    used_left, used_right = set(), set()
    for _r, i, j in sorted(scored):
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((left[i], right[j]))
    for i in sorted(used_left, reverse=True):
        del left[i]
    for j in sorted(used_right, reverse=True):
        del right[j]


def _likeness(a: Statement, b: Statement) -> float:
    if not (a.text and b.text):
        return 0.0
    matcher = difflib.SequenceMatcher(None, a.text.split(), b.text.split(), autojunk=False)
    if matcher.real_quick_ratio() < LAST_ONE_LIKE_ENOUGH or matcher.quick_ratio() < LAST_ONE_LIKE_ENOUGH:
        return 0.0  # (upper bounds of the ratio, much cheaper)
    return matcher.ratio()
