"""MkDocs hook for the preview only (`mkdocs-preview.yml`, used by `scripts/serve.py`): keeps
Material's search index whole when `mkdocs serve --dirty` rebuilds several pages at once.

Under `--dirty`, Material's search plugin (9.8.1) indexes only the pages rebuilt, then merges them
into the previous index by dropping the previous entries whose location starts with the *first*
rebuilt entry's location. It assumes one page per rebuild. With more (a changed name rebuilds
every page naming the entity), the other pages' old entries stay beside their new ones, so a
search finds the old text; and when the first is the home page, whose location is "" and so the
start of every location, every other page drops out of the index. Before the plugin merges, this
hook removes the previous entries of every rebuilt page, and puts first a rebuilt entry whose
location starts no other entry's, so that the plugin's own removal takes nothing else.

It reads two attributes of the plugin (`search_index_prev`, `search_index`, each with `entries`);
if a later Material has neither, it does nothing. Not used for `make site`, which builds every page.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority


def _page(location: str) -> str:
    return location.partition("#")[0]


@event_priority(100)  # before the search plugin's own on_post_build, which merges and writes the index
def on_post_build(config, **_kwargs) -> None:
    search = next((p for name, p in config.plugins.items() if name.endswith("search")), None)
    previous, current = getattr(search, "search_index_prev", None), getattr(search, "search_index", None)
    kept, new = getattr(previous, "entries", None), getattr(current, "entries", None)
    if not kept or not new:
        return  # the first build, or one that rebuilt no page: nothing to merge
    rebuilt = {_page(e["location"]) for e in new}
    previous.entries = kept = [e for e in kept if _page(e["location"]) not in rebuilt]
    for i, entry in enumerate(new):
        if not any(e["location"].startswith(entry["location"]) for e in kept):
            new.insert(0, new.pop(i))
            return
