"""A PDF's text (read in columns by `pdflayout`), its metadata, and where the text is likely lossy."""
from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager
from importlib.metadata import version

from .pdflayout import LITTLE_TEXT, read_pdf
from .result import VERSION, Extraction, Found, Unreadable

# Titles that name the file or the program rather than the document.
_JUNK_TITLE = re.compile(r"^(?:untitled.*|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pdf|indd|qxd|tex|rtf|odt))$", re.I)
_JUNK_AUTHOR = {"anonymous", "unknown", "user", "admin", "administrator", "author", "owner"}


class _Problems(logging.Handler):
    """Counts what pdfminer.six logs while it reads: it repairs a damaged file as it goes, and says so
    only in its log (a broken cross-reference table, a font it cannot read)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.add(record.getMessage())


@contextmanager
def _problems_logged():
    logger = logging.getLogger("pdfminer")
    handler, propagate, level = _Problems(), logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False  # counted here, not printed
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = propagate, level


def extract_pdf(data: bytes) -> Extraction:
    """The text in reading order, with the title, authors and date of the PDF's document information."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    try:
        with _problems_logged() as problems:
            read = read_pdf(data)
    except PDFPasswordIncorrect:
        raise Unreadable("the PDF is protected by a password", "open it with its password and save or print it "
                         "to a PDF without one, then try again") from None
    except Exception as err:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise Unreadable(f"the PDF cannot be read ({type(err).__name__}: {str(err)[:120]})",
                         "check that the download is complete: open it in a PDF viewer, or save it again") from None
    warnings = []
    if read.columned:
        warnings.append(f"{_pages(read.columned, 'is', 'are')} set in two columns: the text was read column by column; check a quote "
                        "that runs across a column or a page")
    if read.sparse and len(read.sparse) * 2 > read.pages:
        warnings.append(f"{len(read.sparse)} of {read.pages} pages have little or no text: the PDF is probably scanned, "
                        "and its text is in images (run OCR, e.g. ocrmypdf, and archive that)")
    elif read.sparse:
        warnings.append(f"{_pages(read.sparse, 'has', 'have')} little or no text (under {LITTLE_TEXT} characters): "
                        "text in images or scans there is not in the archived text")
    if problems.messages:
        warnings.append(f"the PDF is damaged: pdfminer.six repaired {len(problems.messages)} problems while reading it "
                        "(a broken cross-reference table, an unreadable font): text may be missing or garbled")
    if read.unmapped:
        warnings.append(f"{read.unmapped} characters have no Unicode mapping in the PDF's fonts and were left out: "
                        "check the text for missing letters")
    return Extraction(read.text, "pdf", f"pdfminer.six {version('pdfminer.six')}, dossier.extract {VERSION}",
                      _metadata(_info(data)), tuple(warnings), "report")


def _pages(numbers: tuple[int, ...], one: str, many: str) -> str:
    """`page 3 has` / `pages 1–2, 5 have`, for a warning."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"page {text} {one}" if len(numbers) == 1 else f"pages {text} {many}"


def _metadata(info: dict[str, str]) -> dict[str, Found]:
    out = {}
    title = " ".join(info.get("Title", "").split())
    if len(title) >= 3 and not _JUNK_TITLE.match(title):
        out["title"] = Found(title, "the PDF's metadata (Title)")
    authors = tuple(a.strip() for a in re.split(r";|\s+and\s+|\s*&\s*", info.get("Author", "")) if a.strip())
    authors = tuple(a for a in authors if a.lower() not in _JUNK_AUTHOR)
    if authors:
        out["authors"] = Found(authors, "the PDF's metadata (Author)")
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", info.get("CreationDate", ""))
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31 and m.group(1) > "1990":
        out["date"] = Found("-".join(m.groups()), "the PDF's metadata (CreationDate: when the file was made, "
                                                  "which may differ from when it was published)")
    return out


def _info(data: bytes) -> dict[str, str]:
    """The PDF's document information (Title, Author, CreationDate…), decoded; empty if unreadable."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - the metadata is optional; the text was read already
        return {}
    out = {}
    for info in doc.info:
        for key, value in info.items():
            if isinstance(value, bytes):
                out[key] = decode_text(value).strip()
            elif isinstance(value, str):
                out[key] = value.strip()
    return out
