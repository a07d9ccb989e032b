"""The contested claims page: every disputed fact and contested narrative, each version side by side."""
from __future__ import annotations

from ...link import Dossier
from ..context import Page, Settings, front_matter, page_path
from ..markup import plain


def render_contested(d: Dossier, settings: Settings) -> str:
    page = Page(d, "narratives/index.md", settings)
    narratives = sorted(d.by_kind.get("narrative", []), key=lambda r: (r.entity.type, r.entity.name.casefold()))
    out = ["# Contested claims", "",
           "Every point on which the sources disagree, with each version and who holds it, side by side. "
           "The dossier records the disagreement; it does not pick a winner.", ""]
    for kind, heading in (("disputed-fact", "Disputed facts"), ("contested-narrative", "Contested narratives")):
        items = [n for n in narratives if n.entity.type == kind]
        if not items:
            continue
        out += [f"## {heading}", ""]
        for n in items:
            e = n.entity
            out += [f"### {plain(e.name)}", "", f"{page.prose(e.question)} — [full page]({page.href(page_path('narrative', n.id))}); about {page.links(e.about)}.", "",
                    "| Who | Stance | What they say | Sources |", "|---|---|---|---|"]
            out += [f"| {page.who(v.claimants)} | {plain(v.stance)} | {page.prose(v.claim)} | {page.cite(v.sources)} |" for v in e.versions]
            out.append("")
    return front_matter("Contested claims", "Every disputed fact and contested narrative about ISKP, each version with its claimants and sources.") \
        + "\n".join(out) + "\n" + page.references()
