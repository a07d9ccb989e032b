"""Quotes are matched after folding whitespace, hyphenation and typographic quotes, nothing else."""
from __future__ import annotations

from dossier.quotes import SourceText, fold

TEXT = SourceText("t.txt", "He said “war is over” amid counter-\n  accusations and high–profile\n\nattacks.")


def test_folding_matches_typography_whitespace_and_hyphenation():
    for quote in ['said "war is over"', "counteraccusations", "counter-accusations", "high-profile attacks", "high profile"[:4]]:
        assert TEXT.contains(quote), quote


def test_words_must_match_exactly():
    assert not TEXT.contains("said war is over")
    assert not TEXT.contains("He Said")
    assert not TEXT.contains("")


def test_span_points_at_the_original_text():
    start, end = TEXT.span("counter-accusations")
    assert TEXT.text[start:end] == "counter-\n  accusations"
    start, end = TEXT.span('"war is over"')
    assert TEXT.text[start:end] == "“war is over”"


def test_fold_is_idempotent():
    once = fold(TEXT.text)
    assert fold(once) == once
