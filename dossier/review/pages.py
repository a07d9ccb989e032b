"""The site's pages that a change alters: both versions generated in memory and compared, or,
when one of them does not validate (and so cannot be generated), estimated from the entities that
changed and those that mention them."""
from __future__ import annotations

from ..link import link
from ..models import FOLDER_OF
from ..pipeline import Snapshot
from ..render import site
from ..render.context import page_path
from .diff import EntityChange
from .report import PageChanges


def changed_pages(base: Snapshot, head: Snapshot, changes: list[EntityChange]) -> PageChanges:
    if base.valid and head.valid:
        old, new = site(base.records, base.texts), site(head.records, head.texts)
        return PageChanges(added=sorted(set(new) - set(old)), removed=sorted(set(old) - set(new)),
                           changed=sorted(p for p in set(old) & set(new) if old[p] != new[p]))
    return estimate(head, changes)


def estimate(head: Snapshot, changes: list[EntityChange]) -> PageChanges:
    """The pages of the entities that changed, of those that mention them, and their kinds' indexes."""
    d = link([r for r in head.records if r.complete], head.texts)
    out = PageChanges(exact=False)
    changed = set()
    for c in changes:
        path = page_path(c.kind, c.id)
        (out.added if c.action == "added" else out.removed if c.action == "removed" else out.changed).append(path)
        if c.old_id:
            out.changed.append(page_path(c.kind, c.old_id))
        changed.add(f"{FOLDER_OF[c.kind]}/index.md")
        changed.update(page_path(m.record.kind, m.record.id) for m in d.mentions.get(c.id, []))
    out.changed = sorted((set(out.changed) | changed) - set(out.added) - set(out.removed))
    out.added.sort()
    out.removed.sort()
    return out
