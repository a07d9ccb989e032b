"""Archived source texts as pages, every cited passage highlighted, anchored and linked back.

A source says how much of its text the public site shows (`publish`). `full`: the whole text.
`passages` (the default: most documents are under copyright): only each cited passage with a
sentence of context either side, excerpts that touch merged into one, "…" where text is left out,
and a note saying what is shown and why. The quotes are checked against the whole text either way
(`checks.check_quotes`); only what the page shows differs. Every quote's anchor (`q-…`) is on the
page in both cases, at the words it quotes, so every reference link lands on its passage.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ...link import Dossier
from ...load import Record
from ..context import Page, Settings, front_matter, page_path, quote_anchor, text_path
from ..markup import escape

CONTEXT_LIMIT = 400  # characters of context shown at most on either side of a passage
GAP = '<p class="dossier-gap">…</p>'  # text left out between two excerpts


def render_text(source: Record, d: Dossier, settings: Settings) -> str:
    page = Page(d, text_path(source.id), settings)
    e = source.entity
    text = d.texts[e.archived_text]
    spans: dict[tuple[int, int], dict] = {}
    for citing in d.citations.get(source.id, []):
        if citing.citation.source != source.id:
            continue
        for fragment in citing.citation.fragments:
            span = text.span(fragment)
            if span is None:
                continue
            entry = spans.setdefault(span, {"anchors": set(), "records": {}})
            entry["anchors"].add(quote_anchor(source.id, fragment))  # where the quote starts: span[0]
            entry["records"][citing.record.id] = citing.record
    marks = _merge(spans)
    used = sum(end - start for start, end, _a, _r in marks)
    whole = max(1, len(text.text))
    record_link = f"[{escape(e.name)}]({page.href(page_path('source', source.id))})"
    if e.publish == "full":
        title = f"Archived text: {e.name}"
        windows = [Window(0, len(text.text))]
        intro = [f"The text of {record_link} as archived in `seeds/{e.archived_text}`. Passages cited by the dossier are "
                 f"highlighted; each links to the entries that cite it. {len(marks)} passages cited, covering "
                 f"{100 * used // whole}% of the text.", ""]
    else:
        title = f"Cited passages: {e.name}"
        windows = excerpts(text.text, [(start, end) for start, end, _a, _r in marks])
        shown = sum(w.end - w.start for w in windows)
        original = (f"Read the whole document at its original address: {page.external(e.url)}." if e.url else
                    "The dossier records no address for the original.")
        share = 100 * shown // whole
        heading = ("The cited passages and their context" if share < 85 else
                   f"The cited passages and their context: {share}% of the text")
        intro = [f'!!! info "{heading}"', "",
                 f"    The dossier knows of no licence that would let it republish {record_link}, so this page shows only "
                 f"the {len(marks)} passages the dossier cites, highlighted and linked to the entries that cite them, each "
                 f"with a sentence of context either side (… marks what is left out). "
                 + ("Because the dossier cites most of this document, that is most of its text. " if share >= 85 else "")
                 + f"The whole text is kept in the dossier's repository as `seeds/{e.archived_text}`, and every quote is "
                 f"checked against all of it. {original}", ""]
    out = [f"# {title.partition(': ')[0]}: {escape(e.name)}", "", *intro]
    if e.notes:  # how the copy was made (a two-column extraction, lost footnotes) matters to the reader
        out += ["## About this document", ""]
        out += [f"- {page.prose(n.text)}{page.cite(n.sources)}" for n in e.notes]
        out += ["", "## Text" if e.publish == "full" else "## Passages", ""]
    else:
        out += ["---", ""]
    opened: set[str] = set()
    for i, w in enumerate(windows):
        if i or w.start > _first_word(text.text):
            out += [GAP, ""]
        out += _paragraphs(text.text, marks, page, w, opened)
    if windows and windows[-1].end < _last_word(text.text):
        out += [GAP, ""]
    description = (f"Archived text of {e.name}, with cited passages highlighted." if e.publish == "full"
                   else f"The passages of {e.name} that the ISKP dossier cites, each with its context.")
    return front_matter(title, description) + "\n".join(out) + "\n" + page.references()


class Window:
    """A stretch of the text shown on the page: [start, end), and whether its ends cut a sentence
    short (its context was longer than `CONTEXT_LIMIT`)."""

    __slots__ = ("start", "end", "cut_start", "cut_end")

    def __init__(self, start: int, end: int, cut_start: bool = False, cut_end: bool = False):
        self.start, self.end, self.cut_start, self.cut_end = start, end, cut_start, cut_end

    def __repr__(self) -> str:
        return f"Window({self.start}, {self.end}{', cut' if self.cut_start or self.cut_end else ''})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Window) and (self.start, self.end, self.cut_start, self.cut_end) == \
            (other.start, other.end, other.cut_start, other.cut_end)


# A sentence ends at . ! ? or … (with any closing quotes or brackets) before white space and a
# capital, a digit or an opening quote ("the U.S. troops" goes on; "in May. The NDS" ends), and at
# a blank line (a paragraph, a heading, a footnote).
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n[ \t]*\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the text, without the white space around it."""
    out, start = [], 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.end() if m else len(text)
        piece = text[start:end]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
        start = end
    return out


def excerpts(text: str, marks: list[tuple[int, int]], limit: int = CONTEXT_LIMIT) -> list[Window]:
    """The stretches of `text` to show for the cited spans `marks`: each span with the rest of its
    sentences and one sentence before and after (at most `limit` characters of context each way,
    cut at a word), merged where they overlap or touch (only white space between them)."""
    found = sentences(text)
    starts = [s for s, _e in found]
    windows: list[Window] = []
    for start, end in sorted(marks):
        lo, hi = start, end
        i = bisect_right(starts, start) - 1  # the sentence the span starts in, or the last one before it
        if i >= 0:
            first = i if found[i][1] > start else i + 1  # the span's own first sentence
            if first - 1 >= 0:
                lo = min(lo, found[first - 1][0])
            elif first < len(found):
                lo = min(lo, found[first][0])
        j = bisect_right(starts, end - 1) - 1  # the sentence the span ends in (or the last before it)
        if j + 1 < len(found):
            hi = max(hi, found[j + 1][1])
        elif j >= 0:
            hi = max(hi, found[j][1])
        cut_start = cut_end = False
        if start - lo > limit:
            space = text.find(" ", start - limit, start)
            lo, cut_start = (space + 1 if space >= 0 else start), True
        if hi - end > limit:
            space = text.rfind(" ", end, end + limit)
            hi, cut_end = (space if space >= 0 else end), True
        if windows and (lo <= windows[-1].end or not text[windows[-1].end:lo].strip()):
            last = windows[-1]
            if hi > last.end:
                last.end, last.cut_end = hi, cut_end
        else:
            windows.append(Window(lo, hi, cut_start, cut_end))
    return windows


def _first_word(text: str) -> int:
    return len(text) - len(text.lstrip())


def _last_word(text: str) -> int:
    return len(text.rstrip())


def _merge(spans: dict) -> list[tuple[int, int, dict[str, int], list[Record]]]:
    """Merge overlapping highlighted spans so that marks never nest.

    Each anchor keeps the offset where its own quote starts, which inside a merged mark may lie
    well after the mark's start: a reference must land on its words, not on a neighbour's.
    """
    merged = []
    for (start, end), entry in sorted(spans.items()):
        own = {a: (start, end) for a in entry["anchors"]}
        if merged and start < merged[-1][1]:
            s, e, anchors, records = merged[-1]
            merged[-1] = (s, max(e, end), {**own, **anchors}, {**records, **entry["records"]})
        else:
            merged.append((start, end, own, dict(entry["records"])))
    return [(s, e, a, sorted(r.values(), key=lambda x: x.id)) for s, e, a, r in merged]


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


def _paragraphs(text: str, marks, page: Page, window: Window, opened_anchor: set[str]) -> list[str]:
    """Escape the window's text paragraph by paragraph, opening and closing marks inside each one.
    (A window holds whole marks: `excerpts` widens it to its passages' sentences.)"""
    out = []
    for m in _PARAGRAPH.finditer(text, window.start, window.end):
        p_start, p_end = m.start(), m.end()
        pieces, pos = [], p_start
        for m_start, m_end, anchors, records in marks:
            if m_end <= p_start or m_start >= p_end:
                continue
            s, e = max(m_start, p_start), min(m_end, p_end)
            pieces.append(escape(" ".join(text[pos:s].split(" "))))
            # The mark is cut where a quote inside it starts, and that quote's anchor put there;
            # each piece names the quotes it belongs to (`data-q`), so that the one a reference
            # points to is outlined whole, however many pieces it spans (docs/assets/dossier.js).
            due = {a: max(at[0], s) for a, at in anchors.items() if a not in opened_anchor and at[0] < e}
            opened_anchor.update(due)
            cuts = sorted({s, *due.values()}) + [e]
            for a_start, a_end in zip(cuts, cuts[1:]):
                ids = "".join(f'<span id="{a}"></span>' for a in sorted(due) if due[a] == a_start)
                quotes = " ".join(sorted(a for a, (q_start, q_end) in anchors.items() if q_start < a_end and a_start < q_end))
                pieces.append(f'{ids}<mark data-q="{quotes}">{escape(text[a_start:a_end])}</mark>')
            if e == m_end:
                pieces.append('<sup class="dossier-citedby">&#91;cited by ' + ", ".join(  # set apart from the document's words
                    f"[{escape(r.entity.name)}]({page.href(page_path(r.kind, r.id))})" for r in records) + "&#93;</sup>")
            pos = e
        pieces.append(escape(text[pos:p_end]))
        para = "".join(pieces).replace("\n", " ").strip()
        if not para:
            continue
        if p_start == window.start and window.cut_start:
            para = "…" + para
        if p_end == window.end and window.cut_end:
            para += "…"
        out += [_readable(re.sub(r"^(\d+)\.", r"\1&#46;", para)), ""]
    return out


_SUP = re.compile(r"&#60;sup&#62;(\d{1,3})&#60;(?:/|&#47;)sup&#62;")  # the escaped form of a footnote mark <sup>12</sup>
_ANCHORS = r"(?:<span id=\"q-[0-9a-f]+\"></span>)*(?:<mark>)?"
_HEADING = re.compile(rf"^({_ANCHORS})((?:&#35;){{1,6}}) ")
_RULE = re.compile(r"^(?:&#45;|&#42;|_){3,}$")  # a `---` (or `***`) line between sections
_LINK = re.compile(r"&#91;([^<\]]*?)&#93;&#40;(?:(?!&#41;)[^<])*&#41;")  # a Markdown link `[label](target)`: its label
# A run of one to three asterisks exactly (not part of a longer run, not escaped by a backslash)
# opening before a non-space and closed by the same run after one, with no asterisk between: a
# stray `*` never pairs with another far along the paragraph.
_EMPHASIS = re.compile(r"(?<![\w&;])((?:&#42;){1,3})(?!&#42;)(?=\S)((?:(?!&#42;).)+?)(?<=\S)(?<!&#92;)\1(?![\w&])")


def _readable(para: str) -> str:
    """The archived text read as a document, not as the Markdown its extraction left: footnote
    marks as superscripts, `## Heading` as a heading in bold (marks dropped), `---` as a rule,
    `*emphasis*`, `**bold**` as italic and bold (the asterisks dropped where they pair up), and a
    link `[label](target)` as its label (the extraction's links lead nowhere useful: `(#)`).

    Works on the escaped paragraph: only these exact shapes become markup, so nothing else in the
    text can become HTML; the offsets of the cited passages (in the text as archived) are not
    touched, and the quotes are still checked against the text with its marks.
    """
    para = _SUP.sub(r"<sup>\1</sup>", para)
    if _RULE.match(para):
        return "<hr>"
    heading = _HEADING.match(para)
    if heading:
        para = f"<strong>{heading.group(1)}{_EMPHASIS.sub(lambda m: m.group(2), para[heading.end():])}</strong>"
        return para
    para = _LINK.sub(r"\1", para)
    return _EMPHASIS.sub(_emphasis, para)


_EMPHASIS_TAGS = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>"), 3: ("<strong><em>", "</em></strong>")}


def _emphasis(m: re.Match) -> str:
    """`*x*`, `**x**`, `***x***` as italic, bold, both; only the asterisks where the words hold
    markup of their own (a cited passage's mark must not be cut by a tag)."""
    if "<" in m.group(2):
        return m.group(2)
    opening, closing = _EMPHASIS_TAGS[len(m.group(1)) // len("&#42;")]
    return f"{opening}{m.group(2)}{closing}"
