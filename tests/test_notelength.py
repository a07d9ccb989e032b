"""dossier/notelength.py: the references' block carries its length, from which the stylesheet
estimates the height that holds its place until the browser renders it."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import unescape

import markdown

from dossier.notelength import note_length

EXTENSIONS = ["footnotes", "dossier.notelength"]


def _length(html: str) -> tuple[int, int]:
    found = re.search(r'<div class="footnote" style="--dossier-notes: (\d+); --dossier-note-chars: (\d+)">', html)
    assert found, html[:300]
    return int(found[1]), int(found[2])


def _text(html: str) -> str:
    """The text a browser shows of the references (what the estimate was measured against)."""
    block = html[html.index('<div class="footnote"'):]
    return unescape(re.sub(r"<[^>]+>", "", block))


def test_the_references_carry_their_number_and_the_length_of_their_text():
    """Broken: the extension run before `footnote` (priority above 50: no block yet, no style);
    placeholders counted as written (an entity or the back-link arrow counted 12-22 characters, the
    length far above the text)."""
    text = ("A claim.[^1] Another.[^2]\n\n[^1]: &#8220;A quoted passage&#8221; &#8594; in the text.\n"
            "[^2]: A second reference, with a list:\n\n    - one\n    - two\n")
    html = markdown.markdown(text, extensions=EXTENSIONS)
    notes, chars = _length(html)
    assert notes == 2
    assert chars == len(_text(html))


def test_a_page_without_references_is_left_as_it_was():
    """Broken: the block looked for by a class containing "footnote" (a contributor's
    `footnote-box` marked as references, with a length of 0)."""
    text = '<div class="footnote-box" markdown>\n\nNo references here.\n\n</div>\n'
    plain = markdown.markdown(text, extensions=["footnotes", "md_in_html"])
    assert markdown.markdown(text, extensions=[*EXTENSIONS, "md_in_html"]) == plain
    assert "--dossier-notes" not in plain


def test_note_length_counts_only_the_references_list():
    """Broken: every `li` of every `ol` in the block counted (a reference holding a numbered list counted as three)."""
    block = etree.fromstring('<div class="footnote"><hr/><ol><li><p>a</p><ol><li>b</li><li>c</li></ol></li></ol></div>')
    assert note_length(block) == (1, 3)
