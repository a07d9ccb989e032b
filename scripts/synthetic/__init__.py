"""Synthetic entity trees of any size: valid, realistic, and the same for the same seed.

For the benchmark (`scripts/bench.py`) and the scale tests; not part of the `dossier` package,
which must not import it. `generate(n, seed)` returns the files as data (path relative to the
root → text) and touches nothing; `write(root, n, seed)` writes them under `root/entities/` and
`root/seeds/` and nowhere else. `python scripts/synthetic --root DIR -n N` is the command line.

What makes the data realistic rather than merely valid, and where it is made:

- the kinds are mixed like a grown dossier (`MIX`: 35 % events, 25 % people, 15 % sources…;
  `world.py`);
- references prefer hubs (a Zipf-like choice, `pools.py`), so a few groups, places and sources
  are mentioned by a large share of the entries, as the subject group and the big reports are in
  reality, and their pages grow with the dossier; the subject group has the id `iskp`;
- people hold roles; every militant group and some factions have a succession of chiefs whose
  tenures follow each other without overlapping (`people.py`); factions have parents and groups
  may have parent groups, always earlier in the order, so there is never a cycle (`groups.py`);
- events have places, attributions and casualty ranges (`events.py`); places nest
  (`places.py`); narratives give two or three versions and are linked by `disputed_by`
  (`narratives.py`);
- every statement is cited: the archived texts are written first and every quote is cut out of
  the finished text (`texts.py`); every person, group, place and source is referred to by some
  statement (`links.py`);
- the files are in the canonical format (`dossier/fmt.py`), like the real ones (`files.py`).

Nothing here depends on hash order or the clock: the output is a function of (n, seed). Every
step draws from the one random source in `World`, in the order `generate` calls them, so any
change to what a step draws changes every file after it; tests/test_bench.py pins the output.
"""
from __future__ import annotations

from pathlib import Path

from .events import fill_events, name_events
from .files import check_fresh, render, write_tree
from .groups import fill_groups, name_groups
from .links import link_orphans, link_uncited_sources
from .narratives import fill_narratives
from .people import fill_people, name_people
from .places import fill_places, name_places
from .pools import Pools
from .sources import fill_sources, name_sources
from .texts import resolve_citations, write_texts
from .world import MIN_ENTITIES, MIX, World, counts


def generate(n: int, seed: int = 0) -> dict[str, str]:
    """A tree of n entities (and the archived texts they quote): relative path → file text."""
    w = World.start(n, seed)
    # every entity's id, name and finer type, before any reference (events need the pools)
    name_places(w)
    name_groups(w)
    name_people(w)
    name_sources(w)
    w.pools = Pools.of(w.by_kind)
    name_events(w)
    # then what each says, with the statements to cite
    fill_places(w)
    fill_groups(w)
    fill_people(w)
    fill_sources(w)
    fill_events(w)
    fill_narratives(w)
    link_orphans(w)
    texts = write_texts(w)
    resolve_citations(w, texts)
    link_uncited_sources(w)
    return render(w, texts)


def write(root: Path, n: int, seed: int = 0) -> dict[str, int]:
    """Write a generated tree under root/entities and root/seeds; return counts by kind."""
    check_fresh(root)
    return write_tree(root, generate(n, seed))


__all__ = ["MIN_ENTITIES", "MIX", "counts", "generate", "write"]
