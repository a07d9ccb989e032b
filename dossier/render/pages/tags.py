"""Tag pages: the dossier browsed by kind, type, region and nationality."""
from __future__ import annotations

from ...link import Dossier
from ...load import Record
from ..context import Page, Settings, front_matter
from ..markup import plain
from ..vocabulary import KIND_LABEL, table_wrapper, tag_path, tags_of


def tag_index(d: Dossier) -> dict[str, tuple[str, list[Record]]]:
    index: dict[str, tuple[str, list[Record]]] = {}
    for r in d.records:
        for slug, label in tags_of(r, d):
            index.setdefault(slug, (label, []))[1].append(r)
    return dict(sorted(index.items()))


def render_tag_pages(d: Dossier, settings: Settings) -> dict[str, str]:
    index = tag_index(d)
    pages = {}
    top = Page(d, "tags/index.md", settings)
    out = ["# Tags", "", "Browse the dossier by kind, type, region and nationality.", ""]
    for group, title in (("kind", "Kinds"), ("type", "Types"), ("region", "Regions"), ("nationality", "Nationalities")):
        items = [(slug, label, recs) for slug, (label, recs) in index.items() if slug.startswith(group + "-")]
        if items:
            out += [f"## {title}", ""] + [f"- [{plain(label)}]({top.href(tag_path(slug))}) ({len(recs)})" for slug, label, recs in items] + [""]
    pages["tags/index.md"] = front_matter("Tags", "Browse the ISKP dossier by kind, type, region and nationality.") + "\n".join(out) + "\n"
    for slug, (label, recs) in index.items():
        page = Page(d, tag_path(slug), settings)
        rows = ["| Name | Kind |", "|---|---|"]
        rows += [f"| {page.link(r.id)} | {KIND_LABEL[r.kind]} |" for r in sorted(recs, key=lambda x: x.entity.name.casefold())]
        lines = [f"# {plain(label)}", "", f"[All tags]({page.href('tags/index.md')}) · {len(recs)} entries", "",
                 *table_wrapper("tagged", "entries", rows)]
        pages[tag_path(slug)] = front_matter(f"Tag: {label}", f"Entries of the ISKP dossier tagged {label}.", boost=0.2) + "\n".join(lines) + "\n"
    return pages
