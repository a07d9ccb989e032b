"""The dossier in the formats analysts and reference managers already use: STIX 2.1,
a Frictionless Data Package over the CSV tables, CITATION.cff, CSL-JSON and BibTeX.

Each module is a pure function from the linked `Dossier` (and the CSV tables' columns) and an
explicit `ExportMeta` to `{file name: text}`; nothing reads the clock or a global, so two builds
of one commit give the same bytes.
"""
from __future__ import annotations

from typing import Collection

from ..link import Dossier
from . import citation, datapackage, stix
from .meta import ExportMeta

__all__ = ["ABOUT", "ExportMeta", "files"]

# file name -> (what it is for, what opens it), for the Data page
ABOUT: dict[str, tuple[str, str]] = {
    stix.FILE: ("The dossier as threat intelligence (STIX 2.1 bundle): militant groups and their members as threat actors, "
                "other organisations and people as identities, places as locations, attacks and arrests as incidents, "
                "sources as reports, dated relationships, contested claims as notes; every statement with its quoted "
                "source in its external references", "OpenCTI, MISP, any STIX 2.1 tool; the `stix2` Python library"),
    datapackage.FILE: ("Describes every CSV table: column types, keys between the tables, licence (Frictionless Data Package)",
                       "`frictionless validate`, `frictionless.Package`, pandas; R's `frictionless`"),
    citation.CFF: ("How to cite the dossier itself, with its version (Citation File Format)",
                   "GitHub's \"Cite this repository\", `cffconvert`, Zotero"),
    citation.CSL: ("The documents the dossier cites, as CSL-JSON", "Zotero, Mendeley, pandoc and other reference managers"),
    citation.BIBTEX: ("The documents the dossier cites, as BibTeX, keyed by their ids", "LaTeX (BibTeX, biber), JabRef, Zotero"),
}


# the files each module makes, so that a caller wanting one file runs only its module
MADE_BY = {stix.FILE: stix, datapackage.FILE: datapackage, citation.CFF: citation, citation.CSL: citation,
           citation.BIBTEX: citation}


def files(d: Dossier, columns: dict[str, list[str]], meta: ExportMeta, only: Collection[str] | None = None) -> dict[str, str]:
    """Every export file by name (they sit beside the CSV tables, which `columns` describes); with
    `only`, the named ones among them (each made exactly as in the full set)."""
    out = {}
    for module in dict.fromkeys(MADE_BY.values()):
        if only is not None and not any(MADE_BY.get(name) is module for name in only):
            continue
        made = module.files(columns, meta) if module is datapackage else module.files(d, meta)
        out.update(made if only is None else {name: text for name, text in made.items() if name in only})
    return dict(sorted(out.items()))
