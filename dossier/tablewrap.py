"""A Python-Markdown extension: every table arrives in the frame the theme would have put it in.

Material (and Zensical) wrap each `table:not([class])` in `div.md-typeset__scrollwrap >
div.md-typeset__table` when the page loads. Moving a table re-inserts it, so the browser styles
and lays out every cell again: on the network page (a 1,390-element links table) that was one
task of 0.3 s, over a second on Lighthouse's slowed-down phone. Written at build time, with the
class `dossier-grid` that makes the theme's script pass the table by, nothing moves;
`docs/assets/dossier.css` gives `table.dossier-grid` the theme's table style.

Registered in `mkdocs.yml` (`markdown_extensions: - dossier.tablewrap`), which Zensical reads too.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

TABLE_CLASS = "dossier-grid"


class FrameTables(Treeprocessor):
    """Each class-less `table` replaced, where it stands, by the theme's frame holding it, classed."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for i, child in enumerate(list(parent)):
                if child.tag != "table" or "class" in child.attrib:
                    continue
                outer = etree.Element("div", {"class": "md-typeset__scrollwrap"})
                inner = etree.SubElement(outer, "div", {"class": "md-typeset__table"})
                outer.tail, child.tail = child.tail, None
                parent.remove(child)
                child.set("class", TABLE_CLASS)
                inner.append(child)
                parent.insert(i, outer)


class TableWrapExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(FrameTables(md), "dossier_tablewrap", 0)  # after `tables` and `md_in_html`


def makeExtension(**kwargs) -> TableWrapExtension:  # noqa: N802 (Python-Markdown's entry point)
    return TableWrapExtension(**kwargs)
