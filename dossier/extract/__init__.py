"""From a saved document to the text the dossier archives: `extract(data, name)`.

A saved document is an HTML page, a PDF or a plain-text file; each has its own extractor (`html`,
`pdf`, `plain`), and all of them end in the same normalised form (`normalise`). The result is an
`Extraction`: the text, the metadata with where each value was read, and warnings where the text
is likely lossy. Every refusal is an `InputError` naming the file, what is wrong and what to do.
Nothing here uses the network.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError, Problem
from .result import Extraction, Found, Unreadable

__all__ = ["MAX_BYTES", "Extraction", "Found", "extract", "file_type", "read_document"]

MAX_BYTES = 50 * 1024 * 1024  # a saved page or report is far smaller; a bigger file is probably not one
SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".txt": "text", ".text": "text"}
_SAVE_AS = "save it as HTML (“Web Page, HTML only” or “complete”), print or export it to PDF, or copy its text into a .txt file"
_OTHER = {".mhtml": "a single-file web archive", ".mht": "a single-file web archive", ".docx": "a Word document",
          ".doc": "a Word document", ".odt": "an OpenDocument text", ".rtf": "a rich-text document", ".epub": "an e-book",
          ".webarchive": "a Safari web archive"}


def _refuse(path: str, message: str, hint: str) -> InputError:
    return InputError([Problem(path, 0, 0, message, hint)])


def read_document(path: Path, shown: str | None = None) -> bytes:
    """The bytes of a saved document, once it is known to be a readable regular file under MAX_BYTES."""
    shown = shown or str(path)
    try:
        info = os.stat(path)  # follows a symbolic link to what it points at
    except FileNotFoundError:
        raise _refuse(shown, "no such file", "check the path given as FILE=") from None
    except OSError as err:
        raise _refuse(shown, f"cannot be read ({err.strerror})", "check the path and its permissions") from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(shown, "is a folder, not a file", "give the path of the saved document itself")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(shown, "is not a regular file (a device, pipe or socket)", "save the document to a file and give its path")
    if info.st_size > MAX_BYTES:
        raise _refuse(shown, f"is {info.st_size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MiB limit",
                      "a saved article or report is far smaller: save the page as “HTML only”, or the PDF without its images")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as err:
        raise _refuse(shown, f"cannot be read ({err.strerror})", "check the file's permissions") from None
    if len(data) > MAX_BYTES:  # it grew after stat
        raise _refuse(shown, f"is over the {MAX_BYTES // 2**20} MiB limit", "save a smaller copy")
    return data


def file_type(data: bytes, name: str) -> str:
    """html, pdf or text, from the file name's suffix, checked against what the bytes start with."""
    suffix = Path(name).suffix.lower()
    head = data[:1024].lstrip().lower()
    is_pdf = b"%pdf-" in data[:1024].lower()
    is_html = head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        if suffix in _OTHER:
            raise _refuse(name, f"is {_OTHER[suffix]} ({suffix}), which cannot be archived as it is", _SAVE_AS)
        if is_pdf:
            return "pdf"
        if is_html:
            return "html"
        raise _refuse(name, f"unknown type of file ({suffix or 'no suffix'})", "name it .html, .pdf or .txt after what it is; " + _SAVE_AS)
    if kind == "pdf" and not is_pdf:
        raise _refuse(name, "is named .pdf but is not a PDF (it does not start with %PDF-)",
                      "download it again, or name it after what it is (.html, .txt)")
    if kind != "pdf" and is_pdf:
        raise _refuse(name, f"is a PDF named {suffix}", "rename it to .pdf")
    if kind == "text" and is_html:
        raise _refuse(name, "is an HTML page named .txt", "rename it to .html, so that its main text is extracted from the page")
    return kind


def extract(data: bytes, name: str) -> Extraction:
    """The archived text, metadata and warnings of a saved document's bytes; `name` is its file name
    (for its type, and in messages). Raises InputError when it cannot be read or has no text."""
    kind = file_type(data, name)
    try:
        if kind == "html":
            from .html import extract_html
            result = extract_html(data, MAX_BYTES)
        elif kind == "pdf":
            from .pdf import extract_pdf
            result = extract_pdf(data)
        else:
            from .plain import extract_plain
            result = extract_plain(data)
    except Unreadable as err:
        raise _refuse(name, err.message, err.hint) from None
    if not result.text.strip():
        hint = {"pdf": "a scanned PDF has its text only in images: run OCR on it first (e.g. ocrmypdf) and try again",
                "html": "the page may load its text by script: save it from the browser after it has loaded "
                        "(“Web Page, complete”), or copy the article's text into a .txt file",
                "text": "the file is empty: save the document's text into it"}[kind]
        raise _refuse(name, "no text could be extracted", hint)
    return result
