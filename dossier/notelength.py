"""A Python-Markdown extension: the references' block says how long it is.

The browser renders the references only when the reader comes near them (`content-visibility:
auto`, `docs/assets/dossier.css`: on the home and ISKP pages they are 1,800 of 4,500 elements).
Until then it holds their place with an estimated height, and whoever measures the unrendered text
(axe-core, so Lighthouse: axe-core issue 2768) finds it where the estimate ends. An estimate short of
the real height put the last references over the dark footer, a contrast failure that is not there.
The stylesheet turns the two numbers written here, the number of references and the length of
their text, into an estimate that is never short at any width (measured on all 258 pages with
references at 320, 412, 700 and 1280 px: at most 0.80 of it is used).

Registered in `mkdocs.yml` (`markdown_extensions: - dossier.notelength`), which Zensical reads too.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

# What the postprocessors fill in later (stashed raw HTML, entities, the back-link's arrow).
PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")


def note_length(block: etree.Element) -> tuple[int, int]:
    """The references in a footnotes block and the characters of their text, each piece left for
    the postprocessors (an entity, a raw HTML tag, the back-link's arrow) counted as one."""
    notes = sum(1 for ol in block.findall("ol") for li in ol if li.tag == "li")
    text = PLACEHOLDER.sub("x", "".join(block.itertext()))
    return notes, len(text)


class MarkNoteLength(Treeprocessor):
    """The footnotes block given its length as two CSS custom properties."""

    def run(self, root: etree.Element) -> None:
        for block in root.iter("div"):
            if "footnote" in block.get("class", "").split():
                notes, chars = note_length(block)
                block.set("style", f"--dossier-notes: {notes}; --dossier-note-chars: {chars}")


class NoteLengthExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(MarkNoteLength(md), "dossier_notelength", 1)  # after `footnote` (50) and `inline` (20)


def makeExtension(**kwargs) -> NoteLengthExtension:  # noqa: N802 (Python-Markdown's entry point)
    return NoteLengthExtension(**kwargs)
