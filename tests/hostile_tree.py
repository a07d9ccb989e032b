"""A fixture tree with hostile text in every kind of text field, for the whole-build tests.

For each payload a family of entities (place, person, group, faction, event, source, narrative,
and the subject group's chiefs) carries it in every plain field and every prose field, each
copy followed by a marker that names the payload and the field (`Q07PNXX0Z`). The test then finds
each marker in the built HTML and checks that the text before it is the payload, as typed.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hostile_payloads import ACCEPTED, ACCEPTED_PLAIN_ONLY, ACCEPTED_PROSE_BLOCKS, ACCEPTED_PROSE_ONLY, URLS_ACCEPTED

PLAIN = ACCEPTED + ACCEPTED_PLAIN_ONLY
PROSE = ACCEPTED + ACCEPTED_PROSE_ONLY + ACCEPTED_PROSE_BLOCKS
FAMILIES = max(len(PLAIN), len(PROSE))
SUBJECT = "iskp"  # the group whose profile, leadership and network pages are generated


@dataclass
class Expected:
    """What the test expects of the built site, filled in while the tree is written."""

    texts: dict[str, str] = field(default_factory=dict)  # marker -> the value's text, whitespace collapsed
    blocks: dict[str, list[str]] = field(default_factory=dict)  # first marker -> markers of the same value's paragraphs
    urls: dict[str, str] = field(default_factory=dict)  # source id -> its url
    redirects: dict[str, str] = field(default_factory=dict)  # former id -> marker of the entity's name


def marker_of(i: int, code: str, paragraph: int = 0) -> str:
    """A marker of fixed length, so that no marker is part of another: `Q07PNXX0Z`."""
    return f"Q{i:02d}{code:X<4}{paragraph}Z"


def _collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class _Writer:
    def __init__(self, root: Path, expected: Expected, plain: list[str], prose: list[str]):
        self.root = root
        self.expected = expected
        self.plain_texts, self.prose_texts = plain, prose
        self.schema_lines = {}
        for folder in (root / "entities").iterdir():
            first = next(folder.glob("*.yml")).read_text(encoding="utf-8").splitlines()[0]
            self.schema_lines[folder.name] = first if first.startswith("#") else ""

    def plain(self, i: int, code: str) -> str:
        marker = marker_of(i, code)
        value = f"{self.plain_texts[i % len(self.plain_texts)]} {marker}"
        self.expected.texts[marker] = _collapse(value)
        return value

    def prose(self, i: int, code: str) -> str:
        text = self.prose_texts[i % len(self.prose_texts)]
        paragraphs = [p for p in text.split("\n\n")]
        markers = [marker_of(i, code, k) for k in range(len(paragraphs))]
        value = "\n\n".join(f"{p} {m}" for p, m in zip(paragraphs, markers))
        for p, m in zip(paragraphs, markers):
            self.expected.texts[m] = _collapse(f"{p} {m}")
        self.expected.blocks[markers[0]] = markers
        return value

    def write(self, folder: str, data: dict) -> None:
        path = self.root / "entities" / folder / f"{data['id']}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = yaml.safe_dump(_strings(data), allow_unicode=True, sort_keys=False, default_style='"', width=1_000_000)
        head = self.schema_lines.get(folder, "")
        path.write_text((head + "\n" if head else "") + body, encoding="utf-8")


def _strings(value):
    """Numbers as strings: the loader reads every scalar as text, and `!!int` tags are refused."""
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v) for v in value]
    return value if isinstance(value, str) else str(value)


def write_hostile_tree(root: Path, plain: list[str] = PLAIN, prose: list[str] = PROSE, families: int = FAMILIES) -> Expected:
    """Add the families to the fixture tree at `root`; return what the site must show.

    With benign `plain` and `prose` texts and two families, the same generator makes the reference
    build: the same templates and page kinds, with nothing hostile in them.
    """
    expected = Expected()
    w = _Writer(root, expected, plain, prose)
    chief_years = iter(range(1900, 2100, 2))
    subject_notes = []
    quoted = {"LA", "PA", "PR", "GA", "EA", "ES", "NA"}  # the citations that carry the payload; the rest are short
    for i in range(families):
        h = f"h{i:02d}"

        def cite(code, i=i, h=h):
            if code not in quoted:
                return [{"source": f"{h}-source", "locator": "p. 1"}]
            return [{"source": f"{h}-source", "quote": w.plain(i, f"{code}Q"), "locator": w.plain(i, f"{code}L")}]
        w.write("places", {"id": f"{h}-place", "name": w.plain(i, "LN"), "type": "city",
                           "aliases": [{"name": w.plain(i, "LA"), "note": w.plain(i, "LO"), "sources": cite("LA")}],
                           "notes": [{"text": w.prose(i, "LT"), "sources": cite("LT")}]})
        start = next(chief_years)
        w.write("people", {
            "id": f"{h}-person", "name": w.plain(i, "PN"),
            "aliases": [{"name": w.plain(i, "PA"), "kind": "nom-de-guerre", "note": w.plain(i, "PO"), "sources": cite("PA")}],
            "nationality": [{"place": f"{h}-place", "sources": cite("PC")}],
            "roles": [{"group": SUBJECT, "title": w.plain(i, "PT"), "office": w.plain(i, "PF"), "ordinal": i + 1,
                       "start": str(start), "end": str(start + 1), "ended_by": "killed", "note": w.prose(i, "PR"),
                       "sources": cite("PR"), "disputed_by": [f"{h}-narrative"]},
                      {"group": f"{h}-faction", "title": w.plain(i, "PU"), "sources": cite("PU")}],
            "status": [{"value": "killed", "as_of": str(start + 1), "note": w.prose(i, "PS"), "sources": cite("PS")}],
            "notes": [{"text": w.prose(i, "PB"), "topic": "biography", "date": str(start), "sources": cite("PB")}]})
        w.write("groups", {
            "id": f"{h}-group", "name": w.plain(i, "GN"), "type": "militant-group", "former_ids": [f"{h}-old-group"],
            "aliases": [{"name": w.plain(i, "GA"), "kind": "abbreviation", "note": w.plain(i, "GO"), "sources": cite("GA")}],
            "parent": {"group": SUBJECT, "sources": cite("GP")},
            "founded": {"date": "2015-01", "note": w.prose(i, "GF"), "sources": cite("GF")},
            "relations": [{"type": "rival", "target": "khorasan-province", "alleged_by": [f"{h}-person"], "denied_by": ["ann-analyst"],
                           "note": w.prose(i, "GR"), "sources": cite("GR")}],
            "areas": [{"place": f"{h}-place", "start": "2016", "note": w.prose(i, "GX"), "sources": cite("GX")}],
            "estimates": [{"measure": w.plain(i, "GM"), "low": 1, "high": 2, "text": w.plain(i, "GE"),
                           "date": "2016", "estimated_by": [f"{h}-person"], "sources": cite("GE")}],
            "status": [{"value": "active", "as_of": "2020", "note": w.prose(i, "GS"), "sources": cite("GS")}],
            "notes": [{"text": w.prose(i, "GT"), "topic": "overview", "sources": cite("GT")}]})
        expected.redirects[f"{h}-old-group"] = marker_of(i, "GN")
        w.write("factions", {"id": f"{h}-faction", "name": w.plain(i, "FN"), "type": "militant-faction",
                             "parent": {"group": f"{h}-group", "sources": cite("FP")},
                             "notes": [{"text": w.prose(i, "FT"), "topic": "tactics", "sources": cite("FT")}]})
        w.write("events", {
            "id": f"{h}-event", "name": w.plain(i, "EN"), "type": "attack", "date": f"2017-01-{i % 28 + 1:02d}",
            "date_note": w.prose(i, "ED"), "places": [f"{h}-place"],
            "aliases": [{"name": w.plain(i, "EA"), "sources": cite("EA")}],
            "attributions": [{"group": SUBJECT, "stance": "claimed", "by": [SUBJECT], "note": w.prose(i, "EB"),
                              "sources": cite("EB"), "disputed_by": [f"{h}-narrative"]}],
            "casualties": [{"kind": "killed", "low": 1, "text": w.plain(i, "EC"), "by": [f"{h}-person"], "sources": cite("EC")}],
            "participants": [{"entity": f"{h}-person", "role": w.plain(i, "EP"), "sources": cite("EP")}],
            "sources": cite("ES"), "notes": [{"text": w.prose(i, "ET"), "sources": cite("ET")}]})
        url = URLS_ACCEPTED[i % len(URLS_ACCEPTED)]
        expected.urls[f"{h}-source"] = url
        w.write("sources", {
            "id": f"{h}-source", "name": w.plain(i, "SN"), "kind": "report", "authors": [f"{h}-person"],
            "publisher": f"{h}-group", "date": "2020-05", "url": url, "accessed": "2020-06-01",
            "inferred": [{"field": "title", "reason": w.prose(i, "SR")}],
            "cited_in": [{"source": "sample-report", "locator": w.plain(i, "SC")}],
            "notes": [{"text": w.prose(i, "ST"), "sources": [{"source": "sample-report", "quote": "Khorasan Province (IS-KP)"}]}]})
        w.write("narratives", {
            "id": f"{h}-narrative", "name": w.plain(i, "NN"), "type": "disputed-fact", "question": w.prose(i, "NQ"),
            "about": [f"{h}-event", SUBJECT],
            "versions": [{"claim": w.prose(i, "NA"), "claimants": [f"{h}-person"], "date": "2020", "sources": cite("NA")},
                         {"claim": w.prose(i, "NB"), "stance": "rejects", "claimants": ["ann-analyst"], "sources": cite("NB")}]})
        subject_notes.append({"text": w.prose(i, "IT"), "topic": ["overview", "leadership", "size", "finances", "areas",
                                                                   "tactics", "relationships", "assessment"][i % 8],
                              "sources": cite("IT")})
    # an archived text made of the payloads, quoted by the subject group: its page shows it all
    paragraphs = [f"Archived paragraph {i} reads {w.plain(i, 'TX')}" for i in range(len(plain))]  # quotes need three words
    (root / "seeds" / "hostile.txt").write_text("Hostile archive\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    w.write("sources", {"id": "hostile-archive", "name": "Hostile archive", "kind": "report", "archived_text": "hostile.txt"})
    archive_quotes = [{"source": "hostile-archive", "quote": text} for text in paragraphs[::2]]
    arabic = next((p for p in plain if "\u0627" in p), "داعش")
    w.write("groups", {"id": SUBJECT, "name": _collapse(f"{arabic} QARABICNAMEQ"), "type": "militant-group",
                       "aliases": [{"name": _collapse(f"{arabic} QARABICALIASQ"), "kind": "translation",
                                    "sources": [{"source": "h00-source"}]}],
                       "estimates": [{"measure": "fighters", "text": "about 100", "sources": archive_quotes}],
                       "notes": subject_notes})
    return expected
