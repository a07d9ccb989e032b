"""The text of a PDF in reading order, with pdfminer.six's layout analysis and a column reader.

pdfminer.six gives each line of text with its position, font and size; on its own it orders
a two-column page's lines by height, so a sentence is interleaved with the other column (as in
the CAPS text in seeds/). This module reads a page as a person does:

- a page is in two columns when a vertical gutter near its middle is crossed by no line of the
  body and has a column of text on each side; the left column is read before the right one,
  and a line that crosses the gutter (a title, an abstract across the page) ends the band of
  columns above it;
- a paragraph continues across a column or page break unless the line before it is short or
  the next one starts a new block (indented, another font or size);
- footnotes (smaller type at the foot of a page or column, below all body text, starting with a
  number) are taken out of the body, so that a sentence running on to the next column or page
  stays whole, and put at the end of the text, each starting with its mark as `<sup>N</sup>`;
- a footnote mark in the body (a raised, smaller number) is written `<sup>N</sup>`, as in the
  other archived texts;
- a running header (a line at the top of most pages) is kept once, where it first appears; a
  running footer once, after the body (at the foot of the first page it would cut a sentence
  running on to the next); page numbers are dropped.
"""
from __future__ import annotations

import io
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import accumulate

from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextContainer, LTTextLineHorizontal

from .normalise import archive_text

LITTLE_TEXT = 100  # characters: a page with fewer probably has its text in images
_CID = re.compile(r"\(cid:\d+\)")
_FOOTNOTE_START = re.compile(r"^(?:<sup>(\d{1,3})</sup>|(\d{1,3})[.)]?(?=\s)|[*†‡§])")
_PAGE_NUMBER = re.compile(r"^(?:page|p\.|-)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*-?$", re.I)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


@dataclass
class Line:
    """One line of text as laid out on a page: where, in what type, and what it says."""

    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    size: float  # the size of most of its characters (footnote marks aside)
    bold: bool
    text: str  # footnote marks written <sup>N</sup>
    zone: str = "span"  # "left", "right" or "span" (across the gutter, or a one-column page)
    chars: int = 0

    def __repr__(self) -> str:
        return f"Line(p{self.page} {self.zone} {self.x0:.0f}-{self.x1:.0f} y{self.y0:.0f} {self.size:.1f} {self.text[:30]!r})"


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    gutter: tuple[float, float] | None = None  # the x-range between two columns


@dataclass(frozen=True)
class PdfText:
    """What the reader found: the text, the pages set in columns, the pages with little text."""

    text: str
    pages: int
    columned: tuple[int, ...]
    sparse: tuple[int, ...]
    unmapped: int  # glyphs with no Unicode mapping, dropped


def read_pdf(data: bytes) -> PdfText:
    """Read a PDF's text in reading order. Raises what pdfminer raises on a broken PDF."""
    from pdfminer.high_level import extract_pages

    pages = []
    for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), 1):
        page = Page(number, layout.width, layout.height)
        for box in layout:
            if isinstance(box, LTTextContainer):
                page.lines += [line for item in box if isinstance(item, LTTextLineHorizontal) and (line := _line(item, number))]
        pages.append(page)
    unmapped = sum(len(_CID.findall(line.text)) for page in pages for line in page.lines)
    for page in pages:
        for line in page.lines:
            line.text = _CID.sub("", line.text)
        page.lines = [line for line in page.lines if line.text.strip()]
    footers = _drop_running_lines(pages)
    body_size = _body_size(pages)
    for page in pages:
        page.gutter = _gutter(page, body_size)
        page.lines = _merge_fragments(page.lines, page.gutter)
        for line in page.lines:
            line.zone = _zone(line, page.gutter)
    body, notes = [], []
    for page in pages:
        page_notes = _footnotes(page, body_size)
        notes += page_notes
        taken = {id(line) for line in page_notes}
        body += _reading_order([line for line in page.lines if id(line) not in taken])
    paragraphs = _paragraphs(body) + [[line.text] for line in footers] + _footnote_paragraphs(notes)
    text = archive_text(paragraphs)
    sparse = tuple(p.number for p in pages if sum(len(line.text) for line in p.lines) < LITTLE_TEXT)
    return PdfText(text, len(pages), tuple(p.number for p in pages if p.gutter), sparse, unmapped)


def _line(item: LTTextLineHorizontal, page: int) -> Line | None:
    chars = [c for c in item if isinstance(c, LTChar)]
    if not chars:
        return None
    sizes = Counter(round(c.size, 1) for c in chars)
    size = sizes.most_common(1)[0][0]
    normal = [c for c in chars if round(c.size, 1) == size]
    base = statistics.median(c.y0 for c in normal)
    bold = sum(1 for c in normal if _BOLD.search(c.fontname)) > len(normal) / 2
    out, sup = [], []
    for c in item:
        raised = isinstance(c, LTChar) and c.size < 0.85 * size and c.y0 > base + 0.15 * size
        if raised and c.get_text().isdigit():
            sup.append(c.get_text())
            continue
        if sup:
            out.append(f"<sup>{''.join(sup)}</sup>")
            sup = []
        text = c.get_text()
        out.append(" " if isinstance(c, LTAnno) and text == "\n" else text)
    if sup:
        out.append(f"<sup>{''.join(sup)}</sup>")
    text = "".join(out).strip()
    return Line(page, item.x0, item.x1, item.y0, item.y1, size, bold, text, chars=len(chars))


def _body_size(pages: list[Page]) -> float:
    """The size of the body text: the size of most characters of the document."""
    sizes = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += line.chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _drop_running_lines(pages: list[Page]) -> list[Line]:
    """Drop page numbers, and a header or footer repeated on most pages: a header is kept where it
    first appears; a footer is taken out and returned, to be put after the body."""
    margin = 0.08
    def at_edge(line: Line, page: Page) -> bool:
        return line.y0 > page.height * (1 - margin) or line.y1 < page.height * margin
    shape = lambda text: re.sub(r"\d+", "#", text.lower())  # noqa: E731
    counts = Counter(shape(line.text) for page in pages for line in page.lines if at_edge(line, page))
    repeated = {s for s, n in counts.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2 + 1)}
    seen, footers = set(), []
    for page in pages:
        kept = []
        for line in page.lines:
            if at_edge(line, page):
                if _PAGE_NUMBER.match(line.text):
                    continue
                s = shape(line.text)
                if s in repeated:
                    if s in seen:
                        continue
                    seen.add(s)
                    if line.y1 < page.height * margin:
                        footers.append(line)
                        continue
            kept.append(line)
        page.lines = kept
    return footers


def _gutter(page: Page, body_size: float) -> tuple[float, float] | None:
    """The x-range of the gutter between two columns, or None for a page in one column.

    Only the lines in the body's type count (a title or a footnote may run across the gutter). A
    gutter is the widest run of x positions in the middle half of the page crossed by the fewest
    of them, with a column on each side: at least five lines and a twelfth of those lines'
    characters each, and more lines beside the gutter than across it. Counted by bisection over
    the lines' sorted edges, so a page costs O(width · log lines).
    """
    lines = [line for line in page.lines if abs(line.size - body_size) < 0.5]
    total = sum(line.chars for line in lines)
    if len(lines) < 10 or total < 300:
        return None
    ends, starts = sorted(ln.x1 for ln in lines), sorted(ln.x0 for ln in lines)
    by_end = sorted(lines, key=lambda ln: ln.x1)
    by_start = sorted(lines, key=lambda ln: -ln.x0)
    chars_before = list(accumulate((ln.chars for ln in by_end), initial=0))  # chars of lines ending at or before x
    chars_after = list(accumulate((ln.chars for ln in by_start), initial=0))  # of lines starting at or after x
    runs: list[tuple[int, int, int]] = []  # (lines crossing, first x, last x)
    for x in range(int(page.width * 0.25), int(page.width * 0.75) + 1):
        n_left = bisect_right(ends, x)
        n_right = len(lines) - bisect_left(starts, x)
        crossing = len(lines) - n_left - n_right
        if (n_left < 5 or n_right < 5 or chars_before[n_left] < total / 12 or chars_after[n_right] < total / 12
                or crossing >= min(n_left, n_right)):
            continue
        if runs and runs[-1][0] == crossing and runs[-1][2] == x - 1:
            runs[-1] = (crossing, runs[-1][1], x)
        else:
            runs.append((crossing, x, x))
    if not runs:
        return None
    _, start, end = min(runs, key=lambda r: (r[0], r[1] - r[2]))  # fewest crossings, then the widest
    return (float(start), float(end))


def _zone(line: Line, gutter: tuple[float, float] | None) -> str:
    if gutter is None:
        return "span"
    middle = (gutter[0] + gutter[1]) / 2
    if line.x1 <= middle:
        return "left"
    if line.x0 >= middle:
        return "right"
    return "span"


def _merge_fragments(lines: list[Line], gutter: tuple[float, float] | None) -> list[Line]:
    """Join the pieces of one printed line that pdfminer split at wide (justified) spaces, but never
    across the gutter."""
    middle = (gutter[0] + gutter[1]) / 2 if gutter else None
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (-round(ln.y0, 0), ln.x0)):
        row = rows[-1] if rows else None
        if (row and abs(row[-1].y0 - line.y0) < 0.3 * line.size and abs(row[-1].size - line.size) < 0.5
                and not (middle and row[-1].x1 <= middle <= line.x0)):
            row.append(line)
        else:
            rows.append([line])
    merged = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        first = row[0]
        merged.append(replace(first, x1=max(ln.x1 for ln in row), y0=min(ln.y0 for ln in row), y1=max(ln.y1 for ln in row),
                              text=" ".join(ln.text for ln in row), chars=sum(ln.chars for ln in row),
                              bold=first.bold and all(ln.bold for ln in row)))
    return merged


def _footnotes(page: Page, body_size: float) -> list[Line]:
    """The page's footnote lines: smaller type with body text above it and none below it in the same
    columns, in a block that starts with a footnote mark."""
    def overlaps(a: Line, b: Line) -> bool:
        return a.x0 < b.x1 and b.x0 < a.x1
    body = [line for line in page.lines if abs(line.size - body_size) < 0.5]
    candidates = [line for line in page.lines if line.size < 0.9 * body_size
                  and any(overlaps(b, line) and b.y0 > line.y1 for b in body)
                  and not any(overlaps(b, line) and b.y1 < line.y0 for b in body)]
    notes = _reading_order(candidates)
    return notes if notes and _FOOTNOTE_START.match(notes[0].text) else []


def _reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; in a band of columns, the left column before the right one."""
    ordered, band = [], []
    for line in sorted(lines, key=lambda ln: (-ln.y1, ln.x0)):
        if line.zone == "span":
            ordered += _flush(band) + [line]
            band = []
        else:
            band.append(line)
    return ordered + _flush(band)


def _flush(band: list[Line]) -> list[Line]:
    return [line for zone in ("left", "right") for line in band if line.zone == zone]


def _paragraphs(lines: list[Line]) -> list[list[str]]:
    """Group lines in reading order into paragraphs (lists of lines)."""
    spans: dict[tuple[int, str], list[Line]] = {}
    for line in lines:
        spans.setdefault((line.page, line.zone), []).append(line)
    edges = {}  # (page, zone) → (left edge, right edge) of its text; the right one where most lines end
    for key, members in spans.items():
        ends = sorted(line.x1 for line in members)
        edges[key] = (min(line.x0 for line in members), ends[int(0.8 * (len(ends) - 1))])
    pitch = _usual_pitch(lines)
    paragraphs: list[list[str]] = []
    prev = None
    for line in lines:
        if prev is None or _breaks(prev, line, edges, pitch):
            paragraphs.append([])
        paragraphs[-1].append(line.text)
        prev = line
    return paragraphs


def _usual_pitch(lines: list[Line]) -> dict[float, float]:
    """For each size of type, the most common distance between the baselines of two lines in a row."""
    steps: dict[float, Counter] = {}
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.zone == b.zone and a.size == b.size and a.y0 > b.y0:
            steps.setdefault(a.size, Counter())[round(a.y0 - b.y0, 0)] += 1
    return {size: counter.most_common(1)[0][0] for size, counter in steps.items()}


def _breaks(a: Line, b: Line, edges: dict, pitch: dict) -> bool:
    """Does a new paragraph start at line `b`, after line `a`?"""
    if abs(a.size - b.size) >= 0.5 or a.bold != b.bold:
        return True
    left = edges[b.page, b.zone][0]
    a_right = edges[a.page, a.zone][1]
    short = a.x1 < a_right - 2 * a.size
    if b.x0 > left + 0.8 * b.size:  # indented first line
        return True
    if short and not a.text.endswith((":", ",", ";", "-")) and not b.text[:1].islower():
        return True  # a short line ends its paragraph, unless the sentence visibly goes on
    if (a.page, a.zone) == (b.page, b.zone):
        usual = pitch.get(a.size, a.size * 1.2)
        step = a.y0 - b.y0
        return step <= 0 or step > usual * 1.25 + 0.5
    return False


def _footnote_paragraphs(notes: list[Line]) -> list[list[str]]:
    """Each footnote as a paragraph starting with its mark as `<sup>N</sup>`."""
    paragraphs: list[list[str]] = []
    for line in notes:
        m = _FOOTNOTE_START.match(line.text)
        if m or not paragraphs:
            text = line.text
            if m and m.group(2):  # a plain number: written as a mark
                text = f"<sup>{m.group(2)}</sup>" + text[m.end():]
            paragraphs.append([text])
        else:
            paragraphs[-1].append(line.text)
    return paragraphs
