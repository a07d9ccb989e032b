"""dossier/tablewrap.py: Markdown tables come out in the theme's frame, with the class that makes
the theme's script pass them by (it would otherwise move each one after load)."""
from __future__ import annotations

import markdown

EXTENSIONS = ["tables", "dossier.tablewrap", "footnotes", "md_in_html"]

TABLE = "| a | b |\n|---|---|\n| 1 | 2 |\n"


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_a_table_is_framed_and_classed_where_it_stood():
    """Broken: the extension not registered (a bare `<table>`); the frame put at the end of the
    parent rather than in the table's place (the text after it comes first)."""
    html = _html("before\n\n" + TABLE + "\nafter\n")
    assert '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="dossier-grid">' in html
    assert html.index("before") < html.index("<table") < html.index("after")
    assert html.count("<table") == 1 and html.count("md-typeset__scrollwrap") == 1


def test_tables_inside_markdown_blocks_are_framed_too():
    """The sortable tables sit in `<div class="dossier-table" markdown>` (md_in_html). Broken: the
    extension run before md_in_html (those tables bare)."""
    html = _html('<div class="dossier-table" markdown>\n\n' + TABLE + "\n</div>\n\n" + TABLE)
    assert html.count('<table class="dossier-grid">') == 2
    assert html.count("md-typeset__scrollwrap") == 2


def test_a_table_that_has_a_class_is_left_as_it_is():
    """A table another extension made with a class of its own is the theme's business, not ours
    (the theme does not move it either). Broken: every `table` element framed."""
    import xml.etree.ElementTree as etree

    from dossier.tablewrap import FrameTables
    root = etree.fromstring('<div><table class="highlighttable"><tr><td>1</td></tr></table></div>')
    FrameTables(markdown.Markdown()).run(root)
    assert etree.tostring(root, encoding="unicode") == '<div><table class="highlighttable"><tr><td>1</td></tr></table></div>'
