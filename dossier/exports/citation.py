"""Citation files: `CITATION.cff` for citing the dossier itself, and its sources as CSL-JSON and
BibTeX for reference managers (Zotero, Mendeley, JabRef, pandoc, LaTeX).

The `general-knowledge` source is not a document, so it is left out of the bibliographies.
Authors are given whole (CSL `literal`; BibTeX splits a name itself) rather than split into
given and family names by a guess that many of the names here would not survive.
"""
from __future__ import annotations

import json
import re

import yaml

from .. import dates
from ..link import Dossier
from ..load import Record
from .meta import TITLE, ExportMeta
from .text import plain_text

CFF, CSL, BIBTEX = "CITATION.cff", "sources.csl.json", "sources.bib"
CSL_TYPES = {"article": "article-magazine", "news-report": "article-newspaper", "wire-report": "article-newspaper",
             "analysis": "report", "report": "report", "un-report": "report", "book": "book", "interview": "interview",
             "video": "motion_picture", "web-page": "webpage"}
IN_A_SERIAL = {"article", "news-report", "wire-report"}  # the publisher is the newspaper or magazine
BIBTEX_TYPES = {"article": "article", "news-report": "article", "wire-report": "article", "analysis": "techreport",
                "report": "techreport", "un-report": "techreport", "book": "book"}  # everything else: misc
ABSTRACT = ("An open, sourced reference work on Islamic State Khorasan Province (ISKP): its people, groups, events, "
            "places and contested claims. Every statement cites its source, with the quoted words where the "
            "source's text is archived; where sources disagree, every version is shown with who holds it.")


def documents(d: Dossier) -> list[Record]:
    """The sources that are documents, in the dossier's order."""
    return [r for r in d.by_kind.get("source", []) if r.entity.kind != "general-knowledge"]


# ---- CITATION.cff

def cff(meta: ExportMeta) -> str:
    """CITATION.cff (format 1.2.0): how to cite the dossier; GitHub shows it as "Cite this repository"."""
    data = {
        "cff-version": "1.2.0",
        "message": "If you use the ISKP Dossier, please cite it as below, with the version you read. Cite each "
                   "statement's own source too: every page gives it, with the quoted words.",
        "type": "dataset",
        "title": TITLE,
        "abstract": ABSTRACT + f" The dossier's text and data are licensed {meta.data_licence}, its code "
                               f"{meta.code_licence}; quoted passages remain their authors'.",
        "authors": [{"name": f"{TITLE} contributors", "website": meta.repo_url}],
        "version": meta.version,
        "date-released": meta.built if meta.released else None,  # an unreleased build has no release date
        "license": meta.data_licence,
        "url": meta.site_url,
        "repository-code": meta.repo_url,
        "keywords": ["ISKP", "Islamic State Khorasan Province", "terrorism", "Afghanistan", "Pakistan", "dataset"],
    }
    return yaml.safe_dump({k: v for k, v in data.items() if v is not None}, sort_keys=False, allow_unicode=True, width=100)


# ---- CSL-JSON

def csl_date(value: str | None) -> dict | None:
    """A CSL date at the value's precision; `circa` for uncertain or approximate ones (CSL has no
    "uncertain"); ranges as two dates. The EDTF string itself goes into `custom`."""
    if not value or value == dates.OPEN:
        return None
    span = dates.span(value)
    y0, m0, d0 = (int(x) for x in span.start.split("-"))
    y1, m1, d1 = (int(x) for x in span.end.split("-"))
    out: dict = {}
    if span.precision == "day":
        out["date-parts"] = [[y0, m0, d0]]
    elif span.precision == "month":
        out["date-parts"] = [[y0, m0]]
    elif span.precision == "year" or (y0 == y1 and span.precision != "season"):
        out["date-parts"] = [[y0]]
    elif span.precision == "season":
        out["date-parts"] = [[y0]]
        season = re.match(r"^[0-9]{4}[~?%]?-(2[1-4])", value)  # spring to winter; hemisphere seasons have no CSL code
        if season:
            out["season"] = int(season.group(1)) - 20
    else:
        out["date-parts"] = [[y0], [y1]]
    if span.uncertain or span.approximate or span.year_inferred:
        out["circa"] = True
    return out


def csl_item(r: Record, d: Dossier, meta: ExportMeta) -> dict:
    e = r.entity
    item = {"id": r.id, "type": CSL_TYPES.get(e.kind, "document"), "title": e.name}
    if e.authors:
        item["author"] = [{"literal": d.name(a)} for a in e.authors]
    if e.publisher:
        item["container-title" if e.kind in IN_A_SERIAL else "publisher"] = d.name(e.publisher)
    for key, value in (("issued", csl_date(e.date)), ("accessed", csl_date(e.accessed))):
        if value:
            item[key] = value
    if e.url:
        item["URL"] = e.url
    if e.inferred:
        item["note"] = " ".join(f"{i.field.capitalize()} inferred by the {TITLE}: {plain_text(i.reason, d.name)}"
                                for i in e.inferred)
    item["custom"] = {k: v for k, v in (("iskp-dossier-id", r.id), ("iskp-dossier-url", meta.page_url("source", r.id)),
                                        ("edtf-issued", e.date)) if v}
    return item


def csl_json(d: Dossier, meta: ExportMeta) -> str:
    """The sources as CSL-JSON (schema 1.0), which Zotero and pandoc read."""
    return json.dumps([csl_item(r, d, meta) for r in documents(d)], ensure_ascii=False, indent=1) + "\n"


# ---- BibTeX

_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
          "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_LATEX_RE = re.compile("[" + re.escape("".join(_LATEX)) + "]")


def latex(text: str) -> str:
    """Text as a BibTeX value: LaTeX's special characters escaped, so braces always balance."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], " ".join(text.split()))


def _name(name: str) -> str:
    """One author: braced whole when BibTeX would misread it (a comma, or the word "and")."""
    return "{" + latex(name) + "}" if "," in name or re.search(r"\band\b", name, re.I) else latex(name)


def bibtex_entry(r: Record, d: Dossier) -> str:
    e = r.entity
    entry_type = BIBTEX_TYPES.get(e.kind, "misc")
    if entry_type == "techreport" and not e.publisher:
        entry_type = "misc"  # a report needs an institution
    fields = [("title", "{" + latex(e.name) + "}")]  # double braces: styles keep the title's capitals
    if e.authors:
        fields.append(("author", " and ".join(_name(d.name(a)) for a in e.authors)))
    if e.publisher:
        key = {"article": "journal", "techreport": "institution"}.get(entry_type, "publisher")
        fields.append((key if entry_type != "misc" else "howpublished", latex(d.name(e.publisher))))
    if e.date:
        span = dates.span(e.date)
        fields.append(("year", span.start[:4] if span.start[:4] == span.end[:4] else f"{span.start[:4]}--{span.end[:4]}"))
        if span.precision in ("month", "day"):
            fields.append(("month", str(int(span.start[5:7]))))
        if span.uncertain or span.approximate or span.year_inferred:
            fields.append(("note", latex(f"Date: {dates.in_words(e.date)}")))
    if e.url:
        # verbatim for the url package: only the characters that would unbalance the entry are encoded
        fields.append(("url", e.url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")))
    if e.accessed and dates.span(e.accessed).precision == "day":
        fields.append(("urldate", e.accessed))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{entry_type}{{{r.id},\n{body}\n}}\n"


def bibtex(d: Dossier, meta: ExportMeta) -> str:
    """The sources as BibTeX, keyed by their dossier ids."""
    return f"% {TITLE} sources, version {meta.version}: {meta.data_url(BIBTEX)}\n\n" + "\n".join(
        bibtex_entry(r, d) for r in documents(d))


def files(d: Dossier, meta: ExportMeta) -> dict[str, str]:
    return {CFF: cff(meta), CSL: csl_json(d, meta), BIBTEX: bibtex(d, meta)}
