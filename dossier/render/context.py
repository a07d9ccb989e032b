"""What every page renderer needs: the build's settings, where pages live, links relative to the
page, and its numbered references. Shared by every page family; imports none of them."""
from __future__ import annotations

import hashlib
import html
import json
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from .. import dates
from ..link import Dossier
from ..models import FOLDER_OF, Citation
from ..quotes import fold, passages
from .builders import relative_in_raw_html
from .markup import plain, prose, url


@dataclass(frozen=True)
class Settings:
    """What a build needs to know beyond the data: where the data lives for edit links, which group
    the home page profiles, and how the site is built."""

    repo_url: str = "https://github.com/iskp-dossier/iskp-dossier"
    branch: str = "main"
    site_url: str | None = "https://iskp-dossier.github.io/iskp-dossier/"  # the published address; None when unknown
    subject: str = "iskp"          # the group whose profile is the home page
    version: str = "working copy"  # the release tag, or the date and commit the pages were built from
    version_date: str | None = None  # ISO date of that commit (never the clock)
    directory_urls: bool = True    # False for the offline build (file:// needs index.html links)
    builder: str = "mkdocs"        # or "zensical": the two resolve links inside raw HTML differently (`Page.raw_href`)


def bdi(text: str) -> str:
    """A name isolated for bidirectional text, so Arabic-script names read right-to-left."""
    return f"<bdi>{plain(text)}</bdi>"


def front_matter(title: str, description: str, boost: float | None = None, names: list[str] = (), hide: tuple[str, ...] = ()) -> str:
    """YAML front matter; JSON strings are valid YAML, so any text is safely quoted.

    `boost` ranks the page in Material's search above the lists that mention it; `names` (the
    entity's name and aliases) go into `tags`, which Material's search weighs a thousand times
    above a page's title, so that a search for any alias lands on the entity's own page first.
    `hide` names the theme's sidebars a page does without (`toc`: a wide map or table takes its room).
    """
    # MkDocs templates do not autoescape: the title and description reach <title> and
    # <meta content="…"> as they are, so they are HTML-escaped here, then quoted for YAML.
    title, description = html.escape(title, quote=True), html.escape(description[:300], quote=True)
    search = f"search:\n  boost: {boost}\n" if boost else ""
    tags = f"tags: {json.dumps(list(dict.fromkeys(names)), ensure_ascii=False)}\n" if names else ""
    hidden = "hide:\n" + "".join(f"  - {h}\n" for h in hide) if hide else ""
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n{search}{tags}{hidden}---\n\n")


# Kinds of source whose views are their writer's: with no author printed, such a document is
# named as a speaker by "the unnamed author of …", not by its publisher (see Page._speaker).
SIGNED_KINDS = frozenset({"analysis", "article", "book"})


def page_path(kind: str, entity_id: str) -> str:
    """Path of an entity's page inside the generated folder."""
    return f"{FOLDER_OF[kind]}/{entity_id}.md"


def text_path(source_id: str) -> str:
    """Path of a source's archived-text page."""
    return f"texts/{source_id}.md"


def chronology_path(year: int | None) -> str:
    """The chronology page of a year (None: the events whose date is not given)."""
    return f"chronology/{year if year is not None else 'undated'}.md"


def quote_anchor(source_id: str, fragment: str) -> str:
    """Stable anchor of a quoted passage on its source-text page."""
    return "q-" + hashlib.sha1(f"{source_id}\n{fold(fragment)}".encode()).hexdigest()[:10]


GENERATED = "dossier/"  # the generated folder, relative to docs/



def site_url(docs_path: str, directory_urls: bool) -> str:
    """The URL (relative to the site root) MkDocs gives a Markdown file under docs/."""
    stem = docs_path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@lru_cache(maxsize=1 << 16)  # a page links mostly where pages of its folder link (bounded: ~20 MB)
def relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for paths relative to one folder, as a pure function of the strings.

    `posixpath.relpath` makes both paths absolute with `os.getcwd()`, a system call per link
    (several hundred thousand of them at 5,000 entities); paths that climb out of their folder
    (`..` left after normalising) still go through it, since only then does the folder matter.
    """
    to = [part for part in posixpath.normpath(path).split("/") if part != "."]
    base = [part for part in posixpath.normpath(start).split("/") if part != "."]
    if ".." in to or ".." in base or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


class Page:
    """A page being rendered: resolves links relative to itself and numbers its references.

    `path` is the page's path inside the generated folder (`people/x.md`); pages that are
    included elsewhere (the home profile) give `docs_path`, where the text finally lives.
    """

    def __init__(self, d: Dossier, path: str, settings: Settings = Settings(), docs_path: str | None = None):
        self.d = d
        self.path = path
        self.settings = settings
        self.docs_path = docs_path or GENERATED + path
        self._folder = posixpath.dirname(self.docs_path) or "."
        self.directory_urls = settings.directory_urls
        self.builder = settings.builder
        self.compact = False  # brief reference labels (the home page); the full record is a click away
        # One reference per document, not per quoted passage, as plain numbered links to a list of
        # the documents (the network page: 300 quoted references made it a 400 KB page, and 300
        # footnote marks cost Material's script seconds on a phone); each link's own page quotes
        # the passage.
        self.per_document = False
        self.disputes_told: set[str] = set()  # contested claims whose versions this page has given (vocabulary.disputed)
        self._notes: dict[tuple, int] = {}
        self._order: list[tuple[tuple, Citation]] = []

    # -- links ---------------------------------------------------------------------------
    def href(self, target: str) -> str:
        """Relative Markdown link from this page to a generated page (MkDocs rewrites it)."""
        return relpath(GENERATED + target, self._folder)

    def raw_href(self, target: str) -> str:
        """Relative URL for raw HTML (SVG links), as the builder resolves it (see builders.py)."""
        if not relative_in_raw_html(self.builder):
            return self.href(target)
        return self.final_href(target)

    def final_href(self, target: str) -> str:
        """The URL of a generated page relative to this page's final URL, for data that no builder
        rewrites (the JSON a script reads): both builders give a page the same final URL."""
        here = site_url(self.docs_path, self.directory_urls)
        there = site_url(GENERATED + target, self.directory_urls)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        rel = relpath(there or ".", base.rstrip("/") or ".")
        return rel + "/" if there.endswith("/") and not rel.endswith("/") and rel != "." else ("./" if rel == "." else rel)

    def url_of(self, entity_id: str) -> str:
        r = self.d.by_id[entity_id]
        return self.href(page_path(r.kind, entity_id))

    def link(self, entity_id: str, label: str | None = None) -> str:
        """A Markdown link to an entity's page, labelled with its name."""
        r = self.d.by_id.get(entity_id)
        if r is None:
            return bdi(label or entity_id)
        return f"[{bdi(label or r.entity.name)}]({self.url_of(entity_id)})"

    def links(self, ids, sep: str = ", ") -> str:
        return sep.join(self.link(i) for i in ids)

    def who(self, ids, sep: str = ", ") -> str:
        """Links to those who claim, deny or estimate something. A document in that place is named
        by its authors or publisher ("Shishir Gupta", not the article's title), linked to its record."""
        return sep.join(self.link(i, self._speaker(i)) for i in ids)

    def _speaker(self, entity_id: str) -> str | None:
        r = self.d.by_id.get(entity_id)
        if r is None or r.kind != "source":
            return None
        names = [self.d.name(a) for a in r.entity.authors]  # references are resolved before rendering
        if names:
            return " and ".join(names) if len(names) < 3 else f"{names[0]} et al."
        if r.entity.kind in SIGNED_KINDS:
            # An unsigned analysis or article speaks for its unnamed author, not for the body that
            # published it (the CAPS analysis ends with a disclaimer saying exactly that): naming
            # the publisher here would credit it with views it disowns.
            return f"the unnamed author of “{r.entity.name}”"
        return self.d.name(r.entity.publisher) if r.entity.publisher else None

    def prose(self, text: str | None) -> str:
        def link_for(entity_id: str):
            r = self.d.by_id.get(entity_id)
            return (r.entity.name, self.url_of(entity_id)) if r else None
        return prose(text, link_for)

    # -- references -----------------------------------------------------------------------
    def cite(self, citations) -> str:
        """Footnote marks for a statement's citations, numbered in order of first use."""
        marks = []
        for c in citations or []:
            key = self._key(c)
            if key in self._notes and f"[^{self._notes[key]}]" in marks:
                continue
            if key not in self._notes:
                self._notes[key] = len(self._notes) + 1
                self._order.append((key, c))
            marks.append(f"[^{self._notes[key]}]")
        if self.per_document:
            return " ".join(f'<a class="dossier-ref" href="#{self.anchor_prefix}{m[2:-1]}">{m[2:-1]}</a>' for m in marks)
        return "".join(marks)

    @property
    def anchor_prefix(self) -> str:
        """What a reference's number follows in its anchor: `#fn:3` (footnotes) or `#doc-3`."""
        return "doc-" if self.per_document else "fn:"

    def numbers(self, citations) -> list[int]:
        """The footnote numbers this page already gave `citations`, in order, without adding any
        (a number only a script shows would have no marker in the text to link back to)."""
        found = (self._notes.get(self._key(c)) for c in citations or [])
        return list(dict.fromkeys(n for n in found if n))

    def _key(self, c: Citation) -> tuple:
        return (c.source,) if self.per_document else (c.source, tuple(c.fragments), c.locator, c.via)

    def references(self) -> str:
        """The footnote definitions, which the footnotes extension renders as a numbered list."""
        if not self._order:
            return ""
        if self.per_document:
            lines = ["## Documents cited", "", '<div class="dossier-docs" markdown>', ""]
            lines += [f'{self._notes[key]}. <span id="doc-{self._notes[key]}"></span>{self.reference_text(c)}' for key, c in self._order]
            return "\n".join(lines + ["", "</div>"]) + "\n"
        lines = ["## References", "", "///Footnotes Go Here///", ""]
        for key, c in self._order:
            lines.append(f"[^{self._notes[key]}]: {self.reference_text(c)}")
        return "\n".join(lines) + "\n"

    def reference_text(self, c: Citation) -> str:
        src = self.d.by_id[c.source].entity
        if self.per_document:
            archived = f" [Archived text]({self.href(text_path(c.source))})." if src.archived_text else ""
            return f"{self.source_label(c.source)}.{archived} The pages of the entities linked quote the passages."
        if src.kind == "general-knowledge":  # no document says it: the reader must see that at once
            return (f"{self.link(c.source, 'General knowledge')}: not taken from any of the dossier's documents."
                    + (f" {plain(c.locator)}." if c.locator else ""))
        parts = [self.brief_label(c.source) if self.compact else self.source_label(c.source)]
        if c.locator:
            parts.append(plain(c.locator))
        text = ", ".join(parts) + "."
        if c.via:
            text += f" Cited in {self.source_label(c.via, short=True)}."
        archived = self.d.texts.get(src.archived_text) if src.archived_text else None
        quoted = []
        for run in passages(archived, c.fragments):  # pieces far apart are quoted apart, each with its link
            words = f"&#8220;{' … '.join(plain(f) for f in run)}&#8221;"
            if src.archived_text:
                words += f" [&#8594; passage in the archived text]({self.href(text_path(c.source))}#{quote_anchor(c.source, run[0])})"
            quoted.append(words)
        return text + (" " + "; ".join(quoted) if quoted else "")

    def brief_label(self, source_id: str) -> str:
        """Author (or publisher) and date, linked to the source's page with its full record."""
        src = self.d.by_id[source_id].entity
        who = self.d.name(src.authors[0]) if src.authors else self.d.name(src.publisher) if src.publisher else src.name
        when = dates.in_words(src.date, "undated")
        label = f"{who}{' et al.' if len(src.authors) > 1 else ''}"
        return self.link(source_id, label if when in label else f"{label}, {when}")  # "Interview with …, 6 May 2020"

    def source_label(self, source_id: str, short: bool = False) -> str:
        src = self.d.by_id[source_id].entity
        title = self.link(source_id, f"“{src.name}”")
        if short:
            return title
        bits = []
        if src.authors:
            bits.append(", ".join(plain(self.d.name(a)) for a in src.authors))
        bits.append(title)
        if src.publisher:
            bits.append(plain(self.d.name(src.publisher)))
        if src.date and dates.in_words(src.date) not in src.name:  # "Interview with …, 6 May 2020" says it already
            bits.append(plain(dates.in_words(src.date)))
        return ", ".join(bits)

    def external(self, href: str, label: str | None = None) -> str:
        safe = url(href)
        return f"[{plain(label or href)}]({safe})" if safe else plain(label or href)


# -- the colophon every page ends with --------------------------------------------------------------

DOSSIER = "ISKP Dossier"
LICENCES = ("The dossier's own text and data are under CC BY 4.0 and its code under the MIT licence; "
            "quoted passages and archived texts remain their authors'.")
METHOD_PAGE = "method.md"


def stable_address(docs_path: str, settings: Settings) -> str | None:
    """The page's address on the published site (also in the offline bundle: the one to cite)."""
    return settings.site_url + site_url(docs_path, True) if settings.site_url else None


def colophon(page: Page, title: str) -> str:
    """How to cite the page (the dossier's version and the page's stable address), the Method page
    and the licences, at the end of every page; with the citation as COinS, which reference
    managers (Zotero's connector) read from the page."""
    settings = page.settings
    address = stable_address(page.docs_path, settings)
    citation = f"{DOSSIER}, “{title}”, version {settings.version}"
    where = f", [{plain(address)}]({address})" if address else " (this build does not know its published address)"
    kev = urlencode({"ctx_ver": "Z39.88-2004", "rft_val_fmt": "info:ofi/fmt:kev:mtx:dc", "rft.type": "webpage",
                     "rft.title": title, "rft.publisher": DOSSIER, "rft.source": DOSSIER,
                     **({"rft.identifier": address} if address else {}),
                     **({"rft.date": settings.version_date} if settings.version_date else {}),
                     "rft.rights": "CC BY 4.0"})
    return ("\n<div class=\"dossier-colophon\" markdown>\n\n"
            f"**Cite this page:** <span class=\"dossier-citation\">{plain(citation)}{where}, "
            # the reader's date where scripts run (docs/assets/dossier.js), a blank to fill otherwise
            "accessed <span class=\"dossier-accessed\">[date]</span>.</span> "
            f"[Method and scope]({page.href(METHOD_PAGE)}) · {plain(LICENCES)}\n\n"
            f"<span class=\"Z3988\" title=\"{html.escape(kev, quote=True)}\"></span>\n\n</div>\n")
