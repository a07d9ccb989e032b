"""Cross-file checks: everything that needs more than one file to be seen.

Each check is a pure function from the records (and archived texts) to a list of problems. All
of them run in time linear in the data: lookups go through dictionaries built once, and each
record's references, links and citations are found in one pass (`Record.refs` and the like).
"""
from __future__ import annotations

import difflib
from bisect import bisect_right
import re
import unicodedata
from collections import defaultdict

from . import dates
from .errors import Problem
from .load import Record, gc_paused
from .models import GENERATED_NAMES
from .quotes import QUOTE_GAP, SourceText, closest_passage, fold, passage_indexes


def run_all(records: list[Record], texts: dict[str, SourceText], broken: set[str] = frozenset(),
            partial: list[Record] = ()) -> list[Problem]:
    """Every cross-file check, in a fixed order. `broken`: ids of files that failed to load;
    `partial`: what validated of those files, checked for unknown ids and quotes as well."""
    by_id = {r.id: r for r in records}
    sources = {**by_id, **{r.id: r for r in partial if r.kind == "source" and r.id and r.id not in by_id}}
    archived = {r.id for r in records if r.kind == "source" and r.entity.archived_text in texts}
    with gc_paused():
        return [
            *check_unique_ids(records),
            *check_references([*records, *partial], by_id, broken),
            *check_alias_collisions(records),
            *check_parent_cycles(records, by_id),
            *check_tenure_overlaps(records),
            *check_quotes([*records, *partial], sources, texts),
            *check_event_years(records, archived),
            *check_event_places(records, by_id, archived),
            *check_unreferenced(records, broken, partial),
        ]


def check_unique_ids(records: list[Record]) -> list[Problem]:
    """Every id and former id names one page: unique across all kinds, never the entity's own id
    twice (a former id equal to the id would replace its page with a redirect), never a page the
    site generates itself (`index`)."""
    problems, first = [], {}
    for r in records:
        for loc, value in [(("id",), r.id)] + [(("former_ids", i), f) for i, f in enumerate(r.entity.former_ids)]:
            if value in GENERATED_NAMES:
                problems.append(r.problem(loc, f"`{value}` is the name of a page the site generates in every folder (the kind's index)",
                                          f"choose another id, e.g. `{r.kind}-{value}`" if loc == ("id",) else "remove it from `former_ids`"))
            elif value in first and first[value][0] is r:
                problems.append(r.problem(loc, f"former id `{value}` is this entity's own id" if first[value][1] == ("id",)
                                          else f"former id `{value}` is listed twice",
                                          "remove it from `former_ids`: an entity's own id is its page, and each former id redirects once"))
            elif value in first:
                other = first[value][0]
                problems.append(r.problem(loc, f"id `{value}` is already used by {other.path}",
                                          "every id (and former id) must be unique across all kinds; rename one of them"))
            else:
                first[value] = (r, loc)
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


# Cyrillic and Greek letters drawn like Latin ones, upper and lower case apart (`Н` looks like `H`,
# its lower case `н` like nothing Latin): "Аslam Farooqi" with a Cyrillic А is "Aslam Farooqi".
_LOOKALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУԚԜаеѕіјорсхуԁһԛԝӏ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "ABESIJKMHOPCTXYQWaesijopcxydhqwl" "ABEZHIKMNOPTYXoiv")


def alias_key(name: str) -> str:
    """Fold case, accents, hyphens, apostrophes, spacing and Cyrillic or Greek letters that look
    Latin, so near-identical names collide."""
    if name.isascii():  # most names: nothing to decompose, no accent to drop
        return _NOT_LETTERS.sub("", name.lower())
    decomposed = unicodedata.normalize("NFKD", name.translate(_LOOKALIKES).casefold())
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
    """Two people cannot certainly hold the same single-holder office at the same time.

    Every pair of tenures of one office is compared (not only neighbours in start order, which let
    a tenure sorted between two others hide their overlap). A tenure is certainly held from the
    latest day its start can mean to the earliest day its end can mean; when that is empty (an end
    not given, or dates too coarse), it is certainly held on some day between its earliest start and
    its latest end, which overlaps another tenure only if that one certainly covers the whole
    stretch. Two tenures disputed by the same narrative may overlap: the narrative records it.
    """
    problems = []
    holders = defaultdict(list)
    ongoing = defaultdict(list)  # tenures still held (`end: ..`), with or without a start
    for r in records:
        for i, role in enumerate(getattr(r.entity, "roles", [])):
            if role.office:
                key = (role.group, office_key(role.office))
                if role.start:
                    holders[key].append(_Tenure(r, i, role))
                if role.end == dates.OPEN:
                    ongoing[key].append((r, i, role))
    for (group, _key), tenures in holders.items():
        covering = sorted((t for t in tenures if t.certain), key=lambda t: (t.first, t.record.path, t.index))
        firsts = [t.first for t in covering]
        active: list[_Tenure] = []  # covering tenures still held on the current one's first certain day
        clashes = {}
        for b in covering:
            active = [t for t in active if t.last > b.first]
            clash = next((a for a in active if a.may_overlap(b)), None)
            if clash:
                clashes[b] = clash
            active.append(b)
        for b in tenures:
            if not b.certain:
                clash = next((a for a in covering[:bisect_right(firsts, b.earliest)]
                              if a.last > b.latest and a.may_overlap(b)), None)
                if clash:
                    clashes[b] = clash
        for b, a in sorted(clashes.items(), key=lambda x: (x[0].record.path, x[0].index)):
            problems.append(b.record.problem(("roles", b.index, "start"),
                                             f"{b.record.id}'s tenure as `{b.role.office}` of `{group}` starting {b.role.start} overlaps "
                                             f"{a.record.id}'s ({a.role.start} to {a.role.end or 'unknown'}, {a.record.path})",
                                             "fix one of the dates, or link both to the narrative that disputes them with `disputed_by`"))
    for (group, _key), held in ongoing.items():
        problems += _both_ongoing(group, held)
    return problems


def office_key(office: str) -> str:
    """What makes two offices the same: their words, whatever the case and spacing."""
    return " ".join(office.split()).casefold()


def _both_ongoing(group: str, held: list[tuple]) -> list:
    """Two people still holding one single-holder office (`end: ..`) overlap today, whatever their
    starts; those with both starts are compared above (each is certainly held from its start on),
    so here only pairs where a start is missing. Reported once, on a tenure with no start (the
    later in file order when neither has one)."""
    problems = []
    for j, (r, i, role) in enumerate(held):
        if role.start:
            continue
        others = held[:j] + [t for t in held[j + 1:] if t[2].start]  # a later one with no start reports this pair itself
        clash = next(((a, other) for a, _k, other in others
                      if a is not r and not set(role.disputed_by) & set(other.disputed_by)), None)
        if clash is None:
            continue
        a, other = clash
        problems.append(r.problem(("roles", i, "end"),
                                  f"{r.id}'s tenure as `{role.office}` of `{group}` is ongoing (end `..`), as is {a.id}'s "
                                  f"({f'{other.start} to ..' if other.start else 'start not given'}, {a.path})",
                                  "a single-holder office has one holder at a time: end one of them (its end date, or no "
                                  "`end` if the sources do not say), or link both to the narrative that disputes them with `disputed_by`"))
    return problems


_FOREVER = (10_000, 1, 1)


class _Tenure:
    """A tenure of a single-holder office with the days it is certainly held."""

    def __init__(self, record: Record, index: int, role):
        self.record, self.index, self.role = record, index, role
        start_low, start_high = dates.bounds(role.start)
        if role.end == dates.OPEN:
            end_low = end_high = _FOREVER
        elif role.end:
            end_low, end_high = dates.bounds(role.end)
        else:
            end_low, end_high = start_high, start_high
        self.first, self.last = start_high, end_low  # certainly held from `first` until `last`
        self.earliest, self.latest = start_low, end_high  # held at some time between these
        self.certain = self.first < self.last

    def may_overlap(self, other: "_Tenure") -> bool:
        """Whether an overlap with `other` is a problem: another person, no shared dispute."""
        return other.record is not self.record and not set(self.role.disputed_by) & set(other.role.disputed_by)


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
            found = []
            for i, fragment in enumerate(cite.fragments):
                qloc = loc + ("quote",) + ((i,) if not isinstance(cite.quote, str) else ())
                if not text.contains(fragment):
                    near = closest_passage(text, fragment)
                    problems.append(r.problem(qloc, f"quote not found in seeds/{text.name}: \"{_cut(fragment)}\"",
                                              f"copy the words exactly from the file in seeds/; the nearest passage there reads: \"{near}\"" if near
                                              else "copy the words exactly from the archived text"))
                else:
                    found.append((qloc, fragment))
            if found and len(found) == len(cite.fragments):
                problems += _indistinct(r, loc, cite, found, text)
    return problems


MIN_QUOTE_WORDS = 3


def _indistinct(r: Record, loc: tuple, cite, found: list[tuple[tuple, str]], text: SourceText) -> list[Problem]:
    """A verified quote must pin down what it quotes: three words or more in all (each fragment is
    whole words of the text, see `SourceText.find`), and in each of its passages (`passage_indexes`:
    fragments far apart, or out of the text's order, are passages apart, each shown with its own
    link) at least one fragment that occurs exactly once in the text (`"the"` is in every text).
    Each passage that does not is a problem of its own, at its least repeated fragment."""
    words = sum(len(fold(f).split()) for _l, f in found)
    if words < MIN_QUOTE_WORDS:
        return [r.problem(found[0][0], f"the quote \"{_cut(' … '.join(f for _l, f in found))}\" has {words} word{'s' if words != 1 else ''}; "
                                       f"a quote needs at least {MIN_QUOTE_WORDS} to show which passage it is",
                          "quote the words around it in the text too")]
    groups = passage_indexes(text, [f for _l, f in found])
    problems = []
    for group in groups:
        counts = [(text.count(found[i][1]), i) for i in group]
        if any(n == 1 for n, _i in counts):
            continue
        _n, i = min(counts)
        qloc, fragment = found[i]
        times = text.count(fragment, most=1_000)
        where = (" (and so does each of the other fragments of its passage)" if len(groups) > 1 else
                 " (and so does each of its other fragments)") if len(group) > 1 else ""
        apart = (f"; its fragments make {len(groups)} passages (fragments over {QUOTE_GAP} characters apart, or out of "
                 "the text's order, are apart), and each must be found only once") if len(groups) > 1 else ""
        problems.append(r.problem(qloc, f"the quote \"{_cut(fragment)}\" occurs {times} times in seeds/{text.name}{where}{apart}",
                                  "lengthen it with the words around the passage you mean, so that it is found only there"))
    return problems


def _cut(text: str, most: int = 80) -> str:
    return text[:most] + ("…" if len(text) > most else "")


def _quoted(r: Record, archived: set[str]) -> list[str]:
    """Every verified quote of a record (its source's text is archived), folded and lower-cased:
    what its sources are shown to say."""
    return [fold(f).lower() for _loc, c in r.citations if c.source in archived for f in c.fragments]




def check_event_years(records: list[Record], archived: set[str]) -> list[Problem]:
    """An event dated to the day whose quotes never print that year has an inferred year: the
    Mantraya report's "25 March" is not "25 March 2020". Its year must be marked (`2020?-03-25`)
    and explained in `date_note`, and a marked year must be explained."""
    problems = []
    for r in records:
        e = r.entity
        if r.kind != "event" or not e.date or not _DAY.match(e.date):
            continue
        year = e.date[:4]
        if e.date[4] == "-":
            quoted = _quoted(r, archived)
            if quoted and not any(year in q for q in quoted):
                problems.append(r.problem(("date",), f"`date: {e.date}` gives a year that none of this event's quotes prints",
                                          f"if the source gives only the day and month, write `{year}?{e.date[4:]}` and say in "
                                          "`date_note` where the year comes from; otherwise quote the words that give the year"))
        elif not e.date_note:
            problems.append(r.problem(("date",), f"`date: {e.date}` marks its year as inferred but does not say how",
                                      "add `date_note:` saying where the year comes from (e.g. the report's date and the events around it)"))
    return problems


_DAY = re.compile(r"^[0-9]{4}[?~%]?-[0-9]{2}-[0-9]{2}\Z")


def check_event_places(records: list[Record], by_id: dict[str, Record], archived: set[str]) -> list[Problem]:
    """An event's places are those its sources tie to it: each must be named (by its name or an
    alias) in one of the event's quotes, or the place is the dossier's guess."""
    problems = []
    for r in records:
        if r.kind != "event" or not r.entity.places:
            continue
        quoted = " \n ".join(_quoted(r, archived))
        if not quoted:
            continue  # no archived text to check against
        for i, place in enumerate(r.entity.places):
            target = by_id.get(place)
            if target is None:
                continue
            names = [target.entity.name, *(a.name for a in target.entity.aliases)]
            if not any(fold(n).lower() in quoted for n in names):
                problems.append(r.problem(("places", i), f"none of this event's quotes names `{target.entity.name}`",
                                          "quote the words that place the event there, or remove the place if the sources do not give it"))
    return problems


# Events and contested claims are statements: they are listed in the chronology and on the contested
# claims page, and appear on the page of everything they name. The other kinds are what statements
# are about, and are found only through them.
NEEDS_A_REFERENCE = ("person", "group", "faction", "place", "source")


def check_unreferenced(records: list[Record], broken: set[str] = frozenset(), partial: list[Record] = ()) -> list[Problem]:
    """Every person, group, place and source is named by some statement: one nothing refers to says
    nothing a reader can find from anywhere else (and is usually what remains of a dropped statement).
    What validated of a file with a problem (`partial`) counts: a misspelled field in one file must
    not make the entities it names look unreferenced. When a file could not be read at all (a YAML
    syntax error, a link, a file too large), what it names is unknown: nothing is reported until it
    is fixed, rather than "remove the file" for entities that file may well refer to."""
    salvaged = {r.path.rpartition("/")[2].removesuffix(".yml") for r in partial}
    if set(broken) - salvaged:
        return []
    reached = set(broken)
    for r in [*records, *partial]:
        reached.update(ref for _loc, ref, _kinds in r.refs if ref != r.id)
        reached.update(ref for _loc, ref in r.wikilinks if ref != r.id)
    return [r.problem(("id",), f"nothing in the dossier refers to `{r.id}`",
                      f"link it from the statements it belongs to (an id field, or [[{r.id}]] in a note), or remove the file")
            for r in records if r.complete and r.kind in NEEDS_A_REFERENCE and r.id not in reached
            and not (r.kind == "source" and r.entity.kind == "general-knowledge")]  # there to be cited, if need be
