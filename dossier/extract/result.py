"""What an extraction gives: the archived text, the metadata with where each value came from, and
the warnings; shared by the extractors of each file type."""
from __future__ import annotations

from dataclasses import dataclass, field

VERSION = "1"  # of the reading order and normalisation done here: a change gives other bytes for the same document


@dataclass(frozen=True)
class Found:
    """A bibliographic value read from the document, and where it was read (for `inferred`)."""

    value: str | tuple[str, ...]
    origin: str  # completes "From …": "the page's meta tag `og:title`"


@dataclass(frozen=True)
class Extraction:
    """A document's text in the archive's form, with its metadata and what may have been lost."""

    text: str
    file_type: str  # html, pdf or text
    tool: str  # e.g. "trafilatura 2.3.1, dossier.extract 1"
    metadata: dict[str, Found] = field(default_factory=dict)  # title, authors, publisher, date, url
    warnings: tuple[str, ...] = ()
    kind_hint: str = "article"  # the SourceKind it most likely is

    def __repr__(self) -> str:
        return (f"Extraction({self.file_type}, {len(self.text)} chars, {sorted(self.metadata)}, "
                f"{len(self.warnings)} warnings)")


class Unreadable(Exception):
    """The document cannot be read as the type it claims; says what is wrong and what to do."""

    def __init__(self, message: str, hint: str):
        self.message, self.hint = message, hint
        super().__init__(message)
