"""Entity ids: made from a name, and checked, the same way by every tool that starts a file."""
from __future__ import annotations

import re
import unicodedata

from .models import ID_PATTERN

MAX_LENGTH = 80


def slug(name: str, max_length: int = MAX_LENGTH) -> str:
    """A kebab-case ASCII id from a name: "Hafiz Sa'eed Khān" → hafiz-saeed-khan (cut at a hyphen)."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_ = re.sub(r"['’]", "", ascii_)
    made = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if len(made) > max_length:
        made = made[:max_length + 1].rsplit("-", 1)[0] if "-" in made[:max_length + 1] else made[:max_length]
    return made.strip("-")


def is_valid(id_: str) -> bool:
    """Whether `id_` can be an entity's id (and so a file name): kebab-case ASCII, at most 80 characters."""
    return bool(id_) and len(id_) <= MAX_LENGTH and re.fullmatch(ID_PATTERN, id_) is not None
