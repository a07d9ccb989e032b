"""Cross-file checks: everything that needs more than one file to be seen.

Each check is a pure function from the records (and archived texts) to a list of problems. All
of them run in time linear in the data: lookups go through dictionaries built once, and each
record's references, links and citations are found in one pass (`Record.refs` and the like).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from . import dates
from .errors import Problem
from .load import Record, gc_paused
from .quotes import SourceText, closest_passage


def run_all(records: list[Record], texts: dict[str, SourceText], broken: set[str] = frozenset()) -> list[Problem]:
    """Every cross-file check, in a fixed order. `broken`: ids of files that failed to load."""
    by_id = {r.id: r for r in records}
    with gc_paused():
        return [
            *check_unique_ids(records),
            *check_references(records, by_id, broken),
            *check_alias_collisions(records),
            *check_parent_cycles(records, by_id),
            *check_tenure_overlaps(records),
            *check_quotes(records, by_id, texts),
        ]


def check_unique_ids(records: list[Record]) -> list[Problem]:
    problems, first = [], {}
    for r in records:
        for loc, value in [(("id",), r.id)] + [(("former_ids", i), f) for i, f in enumerate(r.entity.former_ids)]:
            if value in first and first[value] is not r:
                other = first[value]
                problems.append(r.problem(loc, f"id `{value}` is already used by {other.path}",
                                          "every id (and former id) must be unique across all kinds; rename one of them"))
            else:
                first[value] = r
    return problems


def check_references(records: list[Record], by_id: dict[str, Record], broken: set[str] = frozenset()) -> list[Problem]:
    problems = []
    ids = sorted(by_id)
    suggest = _Suggestions(ids, by_id)
    for r in records:
        for loc, ref, kinds in r.refs:
            target = by_id.get(ref)
            if target is None and ref in broken:
                continue  # its own file's problems are reported already
            if target is None:
                problems.append(r.problem(loc, f"unknown id `{ref}`", suggest(ref, kinds)))
            elif target.kind not in kinds:
                problems.append(r.problem(loc, f"`{ref}` is a {target.kind}, but a {' or '.join(kinds)} is expected here",
                                          "point to an entity of the right kind"))
            elif ref == r.id and loc[0] in ("parent", "relations"):
                problems.append(r.problem(loc, f"`{ref}` refers to itself", "point to another entity"))
        for loc, ref in r.wikilinks:
            if ref not in by_id and ref not in broken:
                problems.append(r.problem(loc, f"the link [[{ref}]] points to an unknown id", suggest(ref, None)))
    return problems


class _Suggestions:
    """`_suggest`, remembered: a deleted or renamed entity is often referenced from hundreds of
    files, and each fuzzy match scans every id (which made broken trees quadratic to check)."""

    def __init__(self, ids: list[str], by_id: dict[str, Record]):
        self.ids, self.by_id, self.pools, self.done = ids, by_id, {}, {}

    def __call__(self, ref: str, kinds) -> str:
        if (ref, kinds) not in self.done:
            if kinds not in self.pools:  # the ids of the right kinds, filtered once per kinds
                self.pools[kinds] = [i for i in self.ids if kinds is None or self.by_id[i].kind in kinds] or self.ids
            self.done[ref, kinds] = _suggest(ref, self.pools[kinds], self.by_id, kinds)
        return self.done[ref, kinds]


def _suggest(ref: str, ids: list[str], by_id: dict[str, Record], kinds) -> str:
    if ref.startswith("todo-"):  # a placeholder written by scripts/new_entity.py
        wanted = " or ".join(kinds) if kinds else "entity"
        return f"replace this placeholder with the id of a {wanted}"
    pool = [i for i in ids if kinds is None or by_id[i].kind in kinds] or ids
    match = difflib.get_close_matches(ref, pool, n=1, cutoff=0.75)
    if match:
        return f"did you mean `{match[0]}`?"
    return "create the entity under entities/ first, or fix the id"


_NOT_LETTERS = re.compile(r"[\W_]+")


def alias_key(name: str) -> str:
    """Fold case, accents, hyphens, apostrophes and spacing, so near-identical names collide."""
    if name.isascii():  # most names: nothing to decompose, no accent to drop
        return _NOT_LETTERS.sub("", name.lower())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return _NOT_LETTERS.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


def check_alias_collisions(records: list[Record]) -> list[Problem]:
    problems, owner = [], {}
    for r in records:
        if r.kind == "source":
            continue  # titles of documents are not names of actors
        names = [(("name",), r.entity.name)] + [(("aliases", i, "name"), a.name) for i, a in enumerate(r.entity.aliases)]
        for loc, name in names:
            key = alias_key(name)
            if not key:
                continue
            if key in owner and owner[key][0] is not r:
                other, other_name = owner[key]
                problems.append(r.problem(loc, f"the name `{name}` collides with `{other_name}` of {other.path}",
                                          "two entities cannot share a name or alias; if they are one entity, merge the files "
                                          "(keep the old id in `former_ids`); if not, qualify the name"))
            else:
                owner.setdefault(key, (r, name))
    return problems


def check_parent_cycles(records: list[Record], by_id: dict[str, Record]) -> list[Problem]:
    problems, reported = [], set()
    parent = {r.id: r.entity.parent.group for r in records if getattr(r.entity, "parent", None)}
    for start in sorted(parent):
        seen, node = [], start
        while node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node == start and start not in reported:
            reported.update(seen)
            chain = " → ".join(seen + [start])
            problems.append(by_id[start].problem(("parent", "group"), f"parent groups form a cycle: {chain}",
                                                 "a group cannot be (indirectly) its own parent; remove one `parent`"))
    return problems


def check_tenure_overlaps(records: list[Record]) -> list[Problem]:
    """Two different people cannot certainly hold the same single-holder office at the same time."""
    problems = []
    holders = defaultdict(list)
    for r in records:
        for i, role in enumerate(getattr(r.entity, "roles", [])):
            if role.office and role.start:
                holders[(role.group, role.office)].append((r, i, role))
    for (group, office), tenures in holders.items():
        tenures.sort(key=lambda t: dates.sort_key(t[2].start))
        for (ra, ia, a), (rb, ib, b) in zip(tenures, tenures[1:]):
            if ra is rb or a.disputed_by or b.disputed_by:
                continue
            a_end = a.end or a.start
            if a_end == dates.OPEN or dates.bounds(b.start)[1] < dates.bounds(a_end)[0]:
                problems.append(rb.problem(("roles", ib, "start"),
                                           f"{rb.id}'s tenure as `{office}` of `{group}` starting {b.start} overlaps "
                                           f"{ra.id}'s ({a.start} to {a.end or 'unknown'}, {ra.path})",
                                           "fix one of the dates, or link the narrative that disputes it with `disputed_by`"))
    return problems


def check_quotes(records: list[Record], by_id: dict[str, Record], texts: dict[str, SourceText]) -> list[Problem]:
    problems = []
    archived = {r.id: texts[r.entity.archived_text] for r in by_id.values()  # by source id, looked up per citation
                if r.kind == "source" and r.entity.archived_text in texts}
    for r in records:
        if r.kind == "source" and r.entity.archived_text and r.entity.archived_text not in texts:
            problems.append(r.problem(("archived_text",), f"seeds/{r.entity.archived_text} does not exist",
                                      "add the text file under seeds/ or correct the file name"))
        for loc, cite in r.citations:
            text = archived.get(cite.source)
            if text is None:
                continue
            if not cite.fragments:
                problems.append(r.problem(loc, f"the citation of `{cite.source}` has no quote",
                                          f"its text is archived in seeds/{text.name}: add `quote:` with the words copied from it"))
            for i, fragment in enumerate(cite.fragments):
                if not text.contains(fragment):
                    near = closest_passage(text, fragment)
                    qloc = loc + ("quote",) + ((i,) if not isinstance(cite.quote, str) else ())
                    problems.append(r.problem(qloc, f"quote not found in seeds/{text.name}: \"{fragment[:80]}{'…' if len(fragment) > 80 else ''}\"",
                                              f"copy the words exactly from the file in seeds/; the nearest passage there reads: \"{near}\"" if near
                                              else "copy the words exactly from the archived text"))
    return problems
