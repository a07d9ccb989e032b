"""The Method and scope page: what the dossier counts as a source, how it checks quotes, what its
date words mean, how it shows disputes, what it leaves out, and the period its sources cover
(computed from the sources' own dates). Linked from every page's colophon."""
from __future__ import annotations

from ... import dates
from ...link import Dossier
from ..context import Page, Settings, front_matter, text_path
from ..markup import plain
from ..vocabulary import coverage, coverage_words


def render_method(d: Dossier, settings: Settings) -> str:
    page = Page(d, "method.md", settings)
    first, last, undated = coverage(d)
    archived = [r for r in d.by_kind.get("source", []) if r.entity.archived_text]
    latest = page.link(last.id) if last else "none"
    out = ["# Method and scope", "",
           "The ISKP Dossier is a reference work on Islamic State Khorasan Province built from a small, stated set of "
           "documents. Everything on it is a statement with at least one citation; where a document's text is archived "
           "with the dossier, the citation quotes it word for word and the build checks that the words are there.", "",
           "## Coverage", "",
           f"The dossier cites {plain(coverage_words(d))}. The latest is {latest}: **events after "
           f"{plain(dates.in_words(last.entity.date) if last else 'that')} are not covered**, and a status, a leader or a "
           "number given here is the last the sources report, not the situation today.", "",
           f"{len(archived)} documents are archived: " + ", ".join(f"[{plain(r.entity.name)}]({page.href(text_path(r.id))})"
                                                               for r in sorted(archived, key=lambda r: r.entity.name.casefold())) + ".", "",
           "## What counts as a source", "",
           "- **Archived documents** (their text kept with the dossier): every statement citing one quotes it, and the quote "
           "must occur in the text (after folding line breaks, hyphenation and typographic quotes; nothing else). A quote has "
           "at least three words and names one passage: the reference links to it, highlighted in the archived text. A quote "
           "in pieces (the lines of a column that the extraction interleaved with another, or words on either side of an "
           "aside) is shown with … between pieces that follow one another in the text within about a page (a sentence may be cut by "
           "a page's footnotes); pieces from different places are quoted separately, each with its own link to the archived text.",
           "- **Documents reached through an archived one** (a report's footnotes): cited with the archived document that cites "
           "them (\"cited in\"); the dossier has not read them itself.",
           "- **General knowledge** — which province a district lies in, what an acronym stands for — is stated only where no "
           "document says it, and its reference says so: *General knowledge: not taken from any of the dossier's documents*. "
           "Nothing dated, contested or about a person or an event rests on it.", "",
           "## How strong a statement is", "",
           "A statement says what its source says and no more: the source's verb, its hedges (\"reportedly\", \"claimed\", "
           "\"presumed\"), and who says it. A claim of responsibility is \"claimed by\" a group only where the source says the "
           "group claimed it; what a source or an official ascribes is \"attributed to\", with who attributes it.", "",
           "## Dates", "",
           "Dates keep the precision of the source (Extended Date/Time Format):", "",
           "| On the page | Means |", "|---|---|",
           "| April 2019 | the source gives the month, not the day |",
           "| about 2016 | the source says \"around\", \"roughly\" |",
           "| 2018 (uncertain) | the source hedges, or the date is inferred from it |",
           "| 25 March 2020 (year inferred) | the source gives the day and month; the year is worked out (the event's page says from what, e.g. the document's own date) |",
           "| November 2021 (uncertain) | the whole date is worked out from the source (\"last week\" in an article of 15 November 2021) |",
           "| some time between July 2018 and April 2019 | one date the sources place only within that range |",
           "| not given | the sources do not give it (a bar fades out on the leadership chart) |", "",
           "## Disagreements", "",
           "Where documents disagree — who carried out an attack, how a leader was taken, who led the group — every version "
           "is recorded with who holds it and its sources, side by side on a [contested claim's page]"
           f"({page.href('narratives/index.md')}). A disputed statement says so where it stands, with each version in a "
           "short clause and who holds it. The dossier does not pick a winner.", "",
           "## What is left out", "",
           "- Propaganda material is described, never reproduced; no operational detail (weapons handling, methods) is given.",
           "- Statements no document supports; a place, date, sequence or actor a document does not give.",
           "- Events after the latest document (see Coverage).", "",
           "## Licences", "",
           "The dossier's own text and data: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). Its code: "
           "[MIT](https://opensource.org/licenses/MIT). Quoted passages and archived texts remain their authors' and are "
           "shown as quotations for verification.", ""]
    return front_matter("Method and scope", "How the ISKP dossier is made: sources, quote checks, dates, disputes, coverage, "
                        "licences.") + "\n".join(out) + "\n"
