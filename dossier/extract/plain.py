"""A plain-text document: UTF-8, as saved. It declares no metadata; a first line that stands alone
as a heading is taken for its title, and said to be so."""
from __future__ import annotations

from .normalise import archive_text, split_paragraphs
from .result import VERSION, Extraction, Found, Unreadable

TITLE_LENGTH = 150  # characters: a longer first line is a sentence, not a headline


def extract_plain(data: bytes) -> Extraction:
    """The text of a UTF-8 file (a byte-order mark is dropped), paragraphs at blank lines."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise Unreadable(f"is not UTF-8 text (the byte 0x{data[err.start]:02x} on line {line} is not UTF-8)",
                         "convert it to UTF-8 first, e.g. `iconv -f windows-1252 -t utf-8 in.txt > out.txt`") from None
    archived = archive_text(split_paragraphs(text))
    paragraphs = archived.split("\n\n")
    first = paragraphs[0].strip()
    metadata = {}
    if len(paragraphs) > 1 and 0 < len(first) <= TITLE_LENGTH and not first.endswith((".", ",", ";", ":")):
        metadata["title"] = Found(first, "the first line of the text, which stands alone as a heading")
    return Extraction(archived, "text", f"dossier.extract {VERSION} (UTF-8 text)", metadata)
