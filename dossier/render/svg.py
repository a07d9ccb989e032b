"""Charts drawn at build time as inline SVG: the leadership timeline and network graphs.

No JavaScript and no CDN: the same SVG works on GitHub Pages and from file://. Every chart has
a table next to it with the same facts (its text equivalent). Layouts are deterministic.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from html import escape

from .. import dates

KIND_COLOUR = {"group": "#1565c0", "faction": "#6a1b9a", "person": "#2e7d32", "event": "#c62828", "place": "#6d4c41"}


def attr(value) -> str:
    return escape(str(value), quote=True)


def _year_fraction(ymd: tuple[int, int, int]) -> float:
    y, m, d = ymd
    return y + ((m - 1) * 30.5 + (d - 1)) / 366


MAX_TICKS = 12


def tick_step(years: int) -> int:
    """Years between labelled grid lines: 1, 2, 5, 10, 20, 50… so that at most MAX_TICKS are drawn."""
    step = 1
    while years / step > MAX_TICKS:
        step *= 2.5 if str(step).startswith("2") else 2
        step = int(step)
    return step


@dataclass(frozen=True)
class Bar:
    label: str
    sublabel: str
    href: str
    start: str | None
    end: str | None
    tooltip: str


def timeline(bars: list[Bar], title: str) -> str:
    """A horizontal bar per tenure; unknown ends fade out, approximate ends are hatched."""
    known = [b for b in bars if b.start or b.end]
    if not known:
        return ""
    lows, highs = [], []
    for b in known:
        for v in (b.start, b.end):
            if v and v != dates.OPEN:
                lo, hi = dates.bounds(v)
                lows.append(_year_fraction(lo))
                highs.append(_year_fraction(hi) + 1 / 366)
    first, last = math.floor(min(lows)) - (1 if any(not b.start for b in known) else 0), math.ceil(max(highs)) + 1
    left, width, row, top = 200, 560, 34, 30
    scale = width / max(1, last - first)
    x = lambda year: left + (year - first) * scale  # noqa: E731
    height = top + row * len(known) + 10
    out = [f'<svg class="dossier-timeline" viewBox="0 0 {left + width + 20} {height}" role="group" '
           f'aria-labelledby="tl-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="tl-title">{attr(title)}</title>',
           '<defs><linearGradient id="tl-fade"><stop offset="0" stop-color="currentColor" stop-opacity=".55"/>'
           '<stop offset="1" stop-color="currentColor" stop-opacity="0"/></linearGradient>'
           '<linearGradient id="tl-fade-in"><stop offset="0" stop-color="currentColor" stop-opacity="0"/>'
           '<stop offset="1" stop-color="currentColor" stop-opacity=".55"/></linearGradient></defs>']
    step = tick_step(last - first)
    for year in range(first - first % step, last + 1, step):  # a dozen labels at most, however wide the dates
        if year < first:
            continue
        out.append(f'<line x1="{x(year):.1f}" y1="{top - 8}" x2="{x(year):.1f}" y2="{height - 6}" class="tl-grid"/>')
        if year < last:
            out.append(f'<text x="{x(year) + 2:.1f}" y="{top - 12}" class="tl-year">{year}</text>')
    for i, b in enumerate(known):
        y = top + i * row
        start_lo = _year_fraction(dates.bounds(b.start)[0]) if b.start else None
        start_hi = _year_fraction(dates.bounds(b.start)[1]) + 1 / 366 if b.start else None
        end_open = b.end == dates.OPEN
        end_lo = _year_fraction(dates.bounds(b.end)[0]) if b.end and not end_open else None
        end_hi = _year_fraction(dates.bounds(b.end)[1]) + 1 / 366 if b.end and not end_open else None
        parts = [f'<a href="{attr(b.href)}"><title>{attr(b.tooltip)}</title>',
                 f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" class="tl-label">{attr(b.label)}</text>',
                 f'<text x="{left - 8}" y="{y + 26}" text-anchor="end" class="tl-sub">{attr(b.sublabel)}</text>']
        # Solid only between dates the sources give: a missing start is a fade-in that ends at the
        # known end, a missing end a fade-out from the known start (never a solid stretch the
        # sources do not support).
        if start_lo is None and not end_open:
            parts.append(_span(x(end_lo - 1), y, scale, 'fill="url(#tl-fade-in)" class="tl-unknown"'))
        elif end_lo is None and not end_open:
            parts.append(_span(x(start_hi), y, scale, 'fill="url(#tl-fade)" class="tl-unknown"'))
        else:
            solid_from = start_hi if start_hi is not None else first + 0.5
            solid_to = max(end_lo if end_lo is not None else last, solid_from + 0.08)
            if start_lo is None:  # start not given, still in post: fade in over the first half year drawn
                parts.append(_span(x(first), y, 0.5 * scale, 'fill="url(#tl-fade-in)" class="tl-unknown"'))
            parts.append(_span(x(solid_from), y, (solid_to - solid_from) * scale, 'class="tl-bar"'))
        if start_lo is not None and start_hi - start_lo > 0.01:  # imprecise start: hatched span
            parts.append(_span(x(start_lo), y, (start_hi - start_lo) * scale, 'class="tl-uncertain"'))
        if end_lo is not None and end_hi - end_lo > 0.01:  # imprecise end: hatched span
            parts.append(_span(x(end_lo), y, (end_hi - end_lo) * scale, 'class="tl-uncertain"'))
        parts.append("</a>")
        out.append("".join(parts))
    out.append("</svg>")
    return "\n".join(out)


def _span(left: float, y: int, width: float, attributes: str) -> str:
    return f'<rect x="{left:.1f}" y="{y + 6}" width="{width:.1f}" height="16" {attributes}/>'


# -- networks ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str
    href: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    alleged: bool = False


def _seed(node_id: str) -> tuple[float, float]:
    h = hashlib.sha1(node_id.encode()).digest()
    return h[0] / 255 - 0.5, h[1] / 255 - 0.5


def _components(ids: list[str], edges: list[Edge]) -> list[list[str]]:
    links = {i: set() for i in ids}
    for e in edges:
        if e.source in links and e.target in links:
            links[e.source].add(e.target)
            links[e.target].add(e.source)
    seen, comps = set(), []
    for i in ids:
        if i in seen:
            continue
        stack, comp = [i], []
        seen.add(i)
        while stack:
            n = stack.pop()
            comp.append(n)
            for m in sorted(links[n]):
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        comps.append(sorted(comp))
    return sorted(comps, key=lambda c: (-len(c), c[0]))


def _fr(ids: list[str], edges: list[Edge], iterations: int) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold in the unit square from hash-seeded positions (deterministic).

    Nodes are numbered and their coordinates kept in lists (the pairwise loop is quadratic and
    ran on dictionaries of tuples); every sum is taken in the same order as before, so the
    layout is the same to the last bit."""
    if len(ids) == 1:
        return {ids[0]: (0.5, 0.5)}
    n = len(ids)
    seeds = [_seed(i) for i in ids]
    x, y = [p[0] for p in seeds], [p[1] for p in seeds]
    k = 1 / math.sqrt(n)
    kk = k * k
    temp = 0.3
    number = {i: a for a, i in enumerate(ids)}
    pairs = [(number[e.source], number[e.target]) for e in edges
             if e.source in number and e.target in number and e.source != e.target]
    for _ in range(iterations):
        disp_x, disp_y = [0.0] * n, [0.0] * n
        for a in range(n):
            ax, ay = x[a], y[a]
            sum_x, sum_y = disp_x[a], disp_y[a]
            for b in range(a + 1, n):
                dx, dy = ax - x[b], ay - y[b]
                dist2 = dx * dx + dy * dy or 1e-6
                f = kk / dist2
                sum_x += dx * f; sum_y += dy * f  # noqa: E702
                disp_x[b] -= dx * f; disp_y[b] -= dy * f  # noqa: E702
            disp_x[a], disp_y[a] = sum_x, sum_y
        for a, b in pairs:
            dx, dy = x[a] - x[b], y[a] - y[b]
            dist = math.sqrt(dx * dx + dy * dy) or 1e-6
            f = dist / k
            disp_x[a] -= dx * f; disp_y[a] -= dy * f  # noqa: E702
            disp_x[b] += dx * f; disp_y[b] += dy * f  # noqa: E702
        for a in range(n):
            dx, dy = disp_x[a] - x[a] * 0.05, disp_y[a] - y[a] * 0.05  # weak gravity to the centre
            length = math.sqrt(dx * dx + dy * dy) or 1e-6
            step = min(length, temp)
            x[a], y[a] = x[a] + dx / length * step, y[a] + dy / length * step
        temp = max(temp * 0.97, 0.002)
    w, h = (max(x) - min(x)) or 1, (max(y) - min(y)) or 1
    side = max(w, h)
    return {i: ((x[a] - min(x)) / side, (y[a] - min(y)) / side) for a, i in enumerate(ids)}


def force_layout(nodes: list[Node], edges: list[Edge], iterations: int = 200) -> dict[str, tuple[float, float]]:
    """Lay out each connected component on its own, then pack the components on shelves."""
    comps = _components([n.id for n in nodes], edges)
    total = sum(len(c) for c in comps) or 1
    row_width = max(1.0, math.sqrt(total) * 1.15)
    pos, x, y, row_h = {}, 0.0, 0.0, 0.0
    for comp in comps:
        size = max(0.6, math.sqrt(len(comp)))
        if x > 0 and x + size > row_width:
            x, y, row_h = 0.0, y + row_h + 0.6, 0.0
        for i, (px, py) in _fr(comp, edges, iterations).items():
            pos[i] = (x + px * size, y + py * size)
        x += size + 0.6
        row_h = max(row_h, size)
    return pos


def radial_layout(center: str, nodes: list[Node]) -> dict[str, tuple[float, float]]:
    others = [n.id for n in nodes if n.id != center]
    pos = {center: (0.0, 0.0)}
    for i, nid in enumerate(others):
        angle = 2 * math.pi * i / max(1, len(others)) - math.pi / 2
        pos[nid] = (math.cos(angle), math.sin(angle))
    return pos


def network(nodes: list[Node], edges: list[Edge], pos: dict[str, tuple[float, float]], title: str,
            width: int = 760, height: int | None = None, center: str | None = None, svg_id: str = "net",
            max_labels: int = 40) -> str:
    """Nodes as links with their labels; the height follows the layout's aspect ratio."""
    if not nodes:
        return ""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    pad = 40
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    if height is None:
        height = int(min(1400, max(260, (width - 2 * pad) * span_y / span_x + 2 * pad + 30)))
    sx = (width - 2 * pad - 120) / span_x
    sy = (height - 2 * pad - 20) / span_y
    at = {i: (pad + (p[0] - min(xs)) * sx, pad + (p[1] - min(ys)) * sy) for i, p in pos.items()}
    out = [f'<svg class="dossier-network" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{svg_id}-title" '
           f'xmlns="http://www.w3.org/2000/svg">', f'<title id="{svg_id}-title">{attr(title)}</title>']
    for e in edges:
        if e.source in at and e.target in at:
            (x1, y1), (x2, y2) = at[e.source], at[e.target]
            dash = ' stroke-dasharray="5 4"' if e.alleged else ""
            out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="net-edge"{dash}>'
                       f'<title>{attr(e.label)}</title></line>')
    degree = {n.id: 0 for n in nodes}
    for e in edges:
        for end in (e.source, e.target):
            if end in degree:
                degree[end] += 1
    labelled = {i for i, _d in sorted(degree.items(), key=lambda x: (-x[1], x[0]))[:max_labels]}
    for n in nodes:
        if n.id not in at:
            continue
        x, y = at[n.id]
        r = 9 if n.id == center else min(12, 4 + degree[n.id] // 3)
        label = (f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}" class="net-label">{attr(n.label[:40])}</text>'
                 if n.id in labelled else "")
        out.append(f'<a href="{attr(n.href)}"><title>{attr(n.label)} ({n.kind})</title>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{KIND_COLOUR.get(n.kind, "#555")}"/>{label}</a>')
    legend_y = height - 14
    for i, (kind, colour) in enumerate(k for k in KIND_COLOUR.items() if k[0] in {n.kind for n in nodes}):
        out.append(f'<circle cx="{14 + i * 110}" cy="{legend_y - 4}" r="6" fill="{colour}"/>'
                   f'<text x="{24 + i * 110}" y="{legend_y}" class="net-label">{kind}</text>')
    out.append("</svg>")
    return "\n".join(out)
