"""Sources: reports, articles and books, some with an archived text under seeds/, most without.

About 40 % have an archived text (`archived_text`), which the statements are quoted from; the
others are cited with a locator or `via` an archived one, as a dossier cites what it has read
only through another document. Their titles are not names, so they may repeat; their ids may not.
"""
from __future__ import annotations

from .names import TOPICS, slug
from .world import World

ARCHIVED_SHARE = 0.4       # sources with an archived text under seeds/


def name_sources(w: World) -> None:
    """Every source's title and id; the first ones are the archived."""
    rng, word = w.rng, w.names.word
    n_archived = max(2, round(w.want["source"] * ARCHIVED_SHARE))
    for i in range(w.want["source"]):
        title = rng.choice((f"{rng.choice(TOPICS)}: the Case of {word()}", f"The Khorasan Province and {rng.choice(TOPICS)}",
                            f"{rng.choice(TOPICS)} in {word()}", f"Report on {rng.choice(TOPICS)}"))
        w.add("source", title, id_base=f"{word(1, 2)}-{rng.randint(2010, 2024)}-{slug(title, 40)}",
              sub="archived" if i < n_archived else "referenced")


def fill_sources(w: World) -> None:
    """Kind, authors (analysts), publisher (an outlet), dates, URL, and where a source is cited in."""
    rng, pools = w.rng, w.pools
    archived = pools.archived
    for s in w.by_kind["source"]:
        d = s.data
        kind = rng.choice(("report", "analysis", "article", "news-report", "wire-report", "book", "un-report", "interview", "web-page"))
        d["kind"] = kind
        authors = pools.analysts.sample(rng, rng.choice((0, 1, 1, 1, 2, 3)))
        if authors:
            d["authors"] = [a.id for a in authors]
        publisher = pools.outlets.pick(rng)
        d["publisher"] = publisher.id
        y = rng.randint(2012, 2024)
        d["date"] = f"{y}-{rng.randint(1, 12):02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.6 else "")
        d["url"] = f"https://{slug(publisher.name, 30)}.example.org/{y}/{slug(s.name, 50)}"
        d["accessed"] = f"{rng.randint(max(y, 2020), 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if s.sub == "archived":
            d["archived_text"] = f"{s.id}.txt"
        if rng.random() < 0.1:
            d["inferred"] = [{"field": "date", "reason": "The document is undated; the date is inferred from the latest events it reports."}]
        if s.sub != "archived" and archived and rng.random() < 0.3:
            d["cited_in"] = [{"source": rng.choice(archived).id, "locator": f"footnote {rng.randint(1, 80)}"}]
