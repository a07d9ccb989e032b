"""Archived texts on the site: `publish: passages` shows each cited passage with a sentence of
context either side, merged where they touch, "…" between; `publish: full` the whole text. Every
reference link's anchor lands on its passage either way. In-process, no MkDocs build.

Each test names, in a comment, the broken implementation that makes it fail (each was checked by
breaking the code that way).
"""
from __future__ import annotations

import re

import pytest

from dossier import pipeline, render
from dossier.render.context import quote_anchor
from dossier.render.pages.texts import GAP, Window, excerpts, sentences

SOURCE = "entities/sources/sample-report.yml"
TEXT = "texts/sample-report.md"


def pages_of(tree):
    records, texts = pipeline.validate(tree)
    return render.site(records, texts)


def body(page: str) -> str:
    """The text part of the page, marks and links taken out."""
    text = page.split("\n---\n\n", 2)[-1] if "\n---\n\n" in page else page
    text = re.sub(r'<span id="q-[0-9a-f]+"></span>|<mark(?: data-q="[^"]*")?>|</mark>|<sup class="dossier-citedby">.*?</sup>', "", text)
    return text.replace("&#39;", "'").replace("&#40;", "(").replace("&#41;", ")")


def test_passages_show_each_cited_passage_with_a_sentence_either_side(tree):
    # Broken: the whole text shown whatever `publish` says, or no context (only the quoted words),
    # or context running on past one sentence.
    page = pages_of(tree)[TEXT]
    text = body(page)
    assert "The northern faction broke away in the summer of 2017 under its commander." in text
    assert "A note on method." in text and "The authors thank their reviewers." in text  # the sentence after, before
    assert "interviews held in 2019" not in text and "rounded to the nearest ten" not in text  # two sentences away
    assert text.count(GAP) == 1


def test_the_passages_page_says_what_it_shows_and_why_and_links_the_original(tree):
    # Broken: no note (a reader takes the excerpts for the whole text), or the original not linked.
    src = tree / SOURCE
    src.write_text(src.read_text() + "url: https://example.org/report\n")
    page = pages_of(tree)[TEXT]
    assert page.startswith('---\ntitle: "Cited passages: Sample Report on the Khorasan Province"')
    assert '!!! info "The cited passages and their context"' in page
    assert "this page shows only the 9 passages the dossier cites" in page
    assert "knows of no licence that would let it republish" in page and "`seeds/sample-report.txt`" in page
    assert "every quote is checked against all of it" in page
    assert "Read the whole document at its original address: [https&#58;//example.org/report](https://example.org/report)." in page
    source_page = pages_of(tree)["sources/sample-report.md"]
    assert "[Read the cited passages in context](../texts/sample-report.md)" in source_page


def test_full_keeps_the_whole_text(tree):
    # Broken: `full` ignored (every text cut to its passages).
    src = tree / SOURCE
    src.write_text(src.read_text() + "publish: full\n")
    page = pages_of(tree)[TEXT]
    assert "# Archived text: Sample Report on the Khorasan Province" in page
    text = body(page)
    assert "None of the people interviewed is named." in text and "rounded to the nearest ten" in text
    assert GAP not in page and "The cited passages and their context" not in page


@pytest.mark.parametrize("publish", ["passages", "full"])
def test_every_reference_lands_on_its_passage(tree, publish):
    # Broken: an anchor dropped with the text around it, or put where its merged mark or its
    # excerpt starts rather than where its own quote starts.
    src = tree / SOURCE
    src.write_text(src.read_text() + f"publish: {publish}\n")
    records, texts = pipeline.validate(tree)
    pages = render.site(records, texts)
    text_page = pages[TEXT]
    quotes = {quote_anchor("sample-report", f): f for r in records for _loc, c in r.citations
              if c.source == "sample-report" for f in c.fragments[:1]}
    links = {a for path, page in pages.items() if path.endswith(".md")
             for a in re.findall(r"texts/sample-report\.md#(q-[0-9a-f]{10})", page)}
    assert len(links) >= 9 and links <= set(quotes)
    for anchor in links:
        assert text_page.count(f'<span id="{anchor}"></span>') == 1, anchor
        after = body(text_page.split(f'<span id="{anchor}"></span>', 1)[1])
        words = quotes[anchor].replace("\"", "“").split()[:3]
        assert after.lstrip().startswith(" ".join(words)) or after.lstrip().startswith(" ".join(quotes[anchor].split()[:3])), \
            (anchor, quotes[anchor], after[:60])


def test_sentences_end_at_stops_before_a_capital_and_at_blank_lines():
    # Broken: a sentence cut at every full stop ("the U.S. troops" read as two sentences).
    text = "The U.S. troops left in 2021. Then the group grew.\n\nA heading\nand its line. “Quoted.” Next one"
    found = [text[s:e] for s, e in sentences(text)]
    assert found == ["The U.S. troops left in 2021.", "Then the group grew.", "A heading\nand its line.", "“Quoted.”", "Next one"]


def test_excerpts_merge_where_they_touch_and_cut_long_context():
    # Broken: overlapping windows shown twice, or a very long sentence of context shown whole.
    text = "One. Two has the first quote. Three. Four has the second. Five. Six. Seven. Eight has a third. Nine."
    first, second, third = (text.index(w) for w in ("first quote", "second", "third"))
    windows = excerpts(text, [(first, first + 11), (second, second + 6), (third, third + 5)])
    assert [text[w.start:w.end] for w in windows] == [
        "One. Two has the first quote. Three. Four has the second. Five.", "Seven. Eight has a third. Nine."]
    long = "Start. " + "word " * 200 + "quoted here. End."
    at = long.index("quoted here")
    (window,) = excerpts(long, [(at, at + 11)], limit=50)
    assert window.cut_start and not window.cut_end and at - window.start <= 50
    assert window == Window(window.start, len(long), True, False)


def test_an_archived_text_reads_as_a_document_not_as_markdown():
    """The extraction's Markdown marks are rendered or dropped, never shown raw: headings without
    their #, a rule for ---, emphasis without its asterisks, a link as its label. Each fails if its
    rule is taken out of `_readable` (the page then shows `&#35;&#35; Abstract` or `&#42;Khaama&#42;`)."""
    from dossier.render.pages.texts import _readable
    assert _readable("&#35;&#35; Abstract") == "<strong>Abstract</strong>"
    assert _readable("&#35;&#35;&#35; &#42;&#42;Leadership Battles&#42;&#42;") == "<strong>Leadership Battles</strong>"
    assert _readable("&#45;&#45;&#45;") == "<hr>"
    assert _readable("in &#42;Khaama Press&#42;, 11 May") == "in <em>Khaama Press</em>, 11 May"
    assert _readable("Photo Courtesy&#58; &#91;Khaama Press&#93;&#40;&#35;&#41;") == "Photo Courtesy&#58; Khaama Press"
    # a mark opened inside the emphasis: the asterisks go, no tag is opened across it
    assert _readable("<mark>&#42;Khaama</mark> Press&#42;") == "<mark>Khaama</mark> Press"
    assert _readable("5 &#42; 3") == "5 &#42; 3"  # a lone asterisk is text
