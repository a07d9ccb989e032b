"""Archived texts first, then the quotes cut out of them: every quote is really there.

Each statement is placed, with a probability of `QUOTED_SHARE` (always, if it is `whole`), in
one of a few archived texts its entity is mostly cited from; a text is those sentences padded
with analysis prose to a bounded size (3–40 KB, as real documents are), shuffled, wrapped and so
hyphenated across lines, with typographic quotes. Only then are the citations made: a quote is
the whole sentence, a clause, or two fragments, as a contributor copies it (a `whole` statement
whole) — kept only if it pins down one passage of the folded text, as the quote checks require.
Statements no text states cite sources without an archived text, with a locator or `via`.
"""
from __future__ import annotations

import random
import textwrap

from dossier.quotes import SourceText

from .dates import words
from .world import World

QUOTED_SHARE = 0.7         # statements stated (and quoted) in an archived text
FILLER = (
    "Analysts caution that the available figures are incomplete and often contested.",
    "The security situation in {place} deteriorated sharply over the following months.",
    "Officials in {place} described the situation as “under control”, a claim residents disputed.",
    "According to local sources, the {group}’s fighters moved between {place} and neighbouring districts.",
    "Much of the group’s propaganda at the time was distributed through encrypted channels.",
    "This assessment draws on interviews with officials, former members and local journalists.",
    "The {group} has repeatedly denied any role in such operations, calling the reports “baseless”.",
    "Several counter-terrorism operations were conducted in {place} during this period.",
    "The relationship between the {group} and its rivals remained fluid and at times openly hostile.",
    "Estimates of the group’s strength vary widely, from a few hundred to several thousand fighters.",
    "Local elders in {place} reported that recruitment had intensified among young men.",
    "It is not clear whether the decision was taken by the central leadership or by local commanders.",
    "The attacks followed a well-established pattern of high-profile, mass-casualty operations.",
    "Reporting from {place} remained difficult because of restrictions on access for journalists.",
)


def write_texts(w: World) -> dict[str, str]:
    """The archived texts (source id → text), stating most facts; sets `Fact.text` for those."""
    rng, archived = w.rng, w.pools.archived
    if not archived:
        return {}
    target = {s.id: int(min(40_000, max(3_000, rng.lognormvariate(9.2, 0.7)))) for s in archived}
    room = dict(target)
    sentences: dict[str, list[str]] = {s.id: [] for s in archived}
    placed: dict[str, set[str]] = {}
    home: dict[str, list[str]] = {}   # entity id → archived sources it is mostly cited from
    for f in w.facts:
        if not f.whole and rng.random() >= QUOTED_SHARE:
            continue
        mine = home.get(f.owner)
        if mine is None:
            mine = home[f.owner] = [s.id for s in w.pools.archives.sample(rng, rng.choice((1, 1, 2, 3)))]
        order = rng.sample(mine, len(mine))
        sid = next((h for h in order if room[h] > 0), order[0] if f.whole else None)
        if sid is None:
            continue
        f.text = sid
        if f.sentence not in placed.setdefault(sid, set()):  # once: a quote must pin down its passage
            placed[sid].add(f.sentence)
            sentences[sid].append(f.sentence)
            room[sid] -= len(f.sentence) + 1
    places = w.by_kind["place"]
    groups = w.by_kind["group"]
    texts = {}
    for s in archived:
        body = sentences[s.id] + [_filler(rng, places, groups) for _ in range(max(0, room[s.id]) // 110)]
        rng.shuffle(body)
        paragraphs, i = [], 0
        while i < len(body):
            k = rng.randint(2, 6)
            paragraphs.append(textwrap.fill(" ".join(body[i:i + k]), width=78, break_long_words=False))
            i += k
        header = f"{s.name}\n\n{w.ents[s.data['publisher']].name}, {words(s.data['date'])}\n"
        texts[s.id] = header + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return texts


def _filler(rng: random.Random, places: list, groups: list) -> str:
    return rng.choice(FILLER).format(place=rng.choice(places).name, group=rng.choice(groups).name)


def quote(rng: random.Random, sentence: str) -> str | list[str]:
    """Words of the sentence as a contributor copies them: whole, a clause, or two fragments."""
    parts = sentence.split()
    r = rng.random()
    if r < 0.5 or len(parts) < 8:
        q: str | list[str] = sentence
    elif r < 0.8:
        i = rng.randint(0, len(parts) // 3)
        j = rng.randint(i + 5, len(parts))
        q = " ".join(parts[i:j])
    else:
        k = rng.randint(3, len(parts) - 3)
        q = [" ".join(parts[:k]), " ".join(parts[k:])]
    if rng.random() < 0.15:  # typed with straight quotes and apostrophes; folding matches them
        fix = lambda s: s.replace("“", '"').replace("”", '"').replace("’", "'")  # noqa: E731
        q = [fix(x) for x in q] if isinstance(q, list) else fix(q)
    return q


def resolve_citations(w: World, texts: dict[str, str]) -> None:
    """Fill every Fact's citations: quoted from its text, or cited to sources without one.

    If no source lacks an archived text (tiny trees), a statement no text states is appended to
    the first archived text and quoted from there, so `texts` may change.
    """
    rng, pools = w.rng, w.pools
    folded = {sid: SourceText(f"{sid}.txt", t) for sid, t in texts.items()}
    archived_ids = [s.id for s in pools.archived]
    for f in w.facts:
        if f.text:
            cite = {"source": f.text, "quote": f.sentence if f.whole else quote(rng, f.sentence)}
            fragments = cite["quote"] if isinstance(cite["quote"], list) else [cite["quote"]]
            if not all(folded[f.text].count(x) == 1 for x in fragments):  # a clause shared with another sentence: each passage must be found once
                cite["quote"], fragments = f.sentence, [f.sentence]
            assert all(folded[f.text].contains(x) for x in fragments), (f.text, cite["quote"])
            if rng.random() < 0.2:
                cite["locator"] = f"p. {rng.randint(1, 60)}"
            f.cites.append(cite)
            if pools.referenced and rng.random() < 0.15:
                f.cites.append({"source": pools.referenced.pick(rng).id, "via": f.text})
        elif pools.referenced:
            for src in pools.referenced.sample(rng, rng.choice((1, 1, 1, 2))):
                cite = {"source": src.id}
                if rng.random() < 0.3:
                    cite["locator"] = rng.choice((f"p. {rng.randint(1, 300)}", "abstract", f"para. {rng.randint(1, 90)}"))
                if rng.random() < 0.1 and archived_ids:
                    cite["via"] = rng.choice(archived_ids)
                f.cites.append(cite)
        else:  # no source without an archived text: state it in one after all
            sid = archived_ids[0]
            texts[sid] += "\n" + textwrap.fill(f.sentence, 78) + "\n"
            folded[sid] = SourceText(f"{sid}.txt", texts[sid])
            f.cites.append({"source": sid, "quote": f.sentence})
