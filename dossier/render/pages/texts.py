"""Archived source texts as pages, every cited passage highlighted, anchored and linked back."""
from __future__ import annotations

import re

from ...link import Dossier
from ...load import Record
from ..context import Page, Settings, front_matter, page_path, quote_anchor, text_path
from ..markup import escape


def render_text(source: Record, d: Dossier, settings: Settings) -> str:
    page = Page(d, text_path(source.id), settings)
    text = d.texts[source.entity.archived_text]
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
    used = sum(e - s for s, e, _a, _r in marks)
    out = [f"# Archived text: {escape(source.entity.name)}", "",
           f"The text of [{escape(source.entity.name)}]({page.href(page_path('source', source.id))}) as archived in "
           f"`seeds/{source.entity.archived_text}`. Passages cited by the dossier are highlighted; each links to the "
           f"entries that cite it. {len(marks)} passages cited, covering {100 * used // max(1, len(text.text))}% of the text.", ""]
    if source.entity.notes:  # how the copy was made (a two-column extraction, lost footnotes) matters to the reader
        out += ["## About this document", ""]
        out += [f"- {page.prose(n.text)}{page.cite(n.sources)}" for n in source.entity.notes]
        out += ["", "## Text", ""]
    else:
        out += ["---", ""]
    out += _paragraphs(text.text, marks, page)
    return (front_matter(f"Archived text: {source.entity.name}", f"Archived text of {source.entity.name}, with cited passages highlighted.")
            + "\n".join(out) + "\n" + page.references())


def _merge(spans: dict) -> list[tuple[int, int, dict[str, int], list[Record]]]:
    """Merge overlapping highlighted spans so that marks never nest.

    Each anchor keeps the offset where its own quote starts, which inside a merged mark may lie
    well after the mark's start: a reference must land on its words, not on a neighbour's.
    """
    merged = []
    for (start, end), entry in sorted(spans.items()):
        own = {a: start for a in entry["anchors"]}
        if merged and start < merged[-1][1]:
            s, e, anchors, records = merged[-1]
            merged[-1] = (s, max(e, end), {**own, **anchors}, {**records, **entry["records"]})
        else:
            merged.append((start, end, own, dict(entry["records"])))
    return [(s, e, a, sorted(r.values(), key=lambda x: x.id)) for s, e, a, r in merged]


def _paragraphs(text: str, marks, page: Page) -> list[str]:
    """Escape the text paragraph by paragraph, opening and closing marks inside each one."""
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text)]
    out = []
    opened_anchor = set()
    for p_start, p_end in bounds:
        pieces, pos = [], p_start
        for m_start, m_end, anchors, records in marks:
            if m_end <= p_start or m_start >= p_end:
                continue
            s, e = max(m_start, p_start), min(m_end, p_end)
            pieces.append(escape(" ".join(text[pos:s].split(" "))))
            # The mark is cut where a quote inside it starts, and that quote's anchor put there.
            due = {a: max(at, s) for a, at in anchors.items() if a not in opened_anchor and at < e}
            opened_anchor.update(due)
            cuts = sorted({s, *due.values()}) + [e]
            for a_start, a_end in zip(cuts, cuts[1:]):
                ids = "".join(f'<span id="{a}"></span>' for a in sorted(due) if due[a] == a_start)
                pieces.append(f"{ids}<mark>{escape(text[a_start:a_end])}</mark>")
            if e == m_end:
                pieces.append('<sup class="dossier-citedby">' + " ".join(
                    f"[{escape(r.entity.name)}]({page.href(page_path(r.kind, r.id))})" for r in records) + "</sup>")
            pos = e
        pieces.append(escape(text[pos:p_end]))
        para = "".join(pieces).replace("\n", " ").strip()
        if para:
            out += [_readable(re.sub(r"^(\d+)\.", r"\1&#46;", para)), ""]
    return out


_SUP = re.compile(r"&#60;sup&#62;(\d{1,3})&#60;(?:/|&#47;)sup&#62;")  # the escaped form of a footnote mark <sup>12</sup>
_HEADING = re.compile(r"^(?:<span id=\"q-[0-9a-f]+\"></span>)*(?:<mark>)?(?:&#35;){1,6} ")


def _readable(para: str) -> str:
    """Show the archived text's footnote marks as superscripts and its Markdown headings in bold.

    Works on the escaped paragraph: only these two exact shapes are turned back into markup, so
    nothing else in the text can become HTML.
    """
    para = _SUP.sub(r"<sup>\1</sup>", para)
    if _HEADING.match(para):  # the marks stay: the text is shown as archived
        para = f"<strong>{para}</strong>"
    return para
