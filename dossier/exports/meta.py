"""What every export says about itself: version, build date, addresses, licences.

Passed in explicitly (never read from the clock or a global), so that two builds of one commit
give the same bytes and a test can build an export for any version it likes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import FOLDER_OF

TITLE = "ISKP Dossier"
LICENCE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/", "MIT": "https://opensource.org/licenses/MIT"}
LICENCE_TITLES = {"CC-BY-4.0": "Creative Commons Attribution 4.0 International", "MIT": "MIT License"}


@dataclass(frozen=True)
class ExportMeta:
    """The dossier's release as the exports describe it."""

    version: str = "unreleased"
    """The release tag or version the files were built from; "unreleased" for a working copy."""
    built: str = "1970-01-01"
    """ISO date of the build (the commit's or release's date, never the clock): every STIX
    timestamp and the citation's release date. The default, the Unix epoch, says "not given"."""
    site_url: str = "https://iskp-dossier.github.io/iskp-dossier/"
    repo_url: str = "https://github.com/iskp-dossier/iskp-dossier"
    data_licence: str = "CC-BY-4.0"
    """SPDX id of the licence of the dossier's own text and data (quoted passages stay their authors')."""
    code_licence: str = "MIT"

    def __post_init__(self):
        dt.date.fromisoformat(self.built)  # a ValueError here names the bad date
        for licence in (self.data_licence, self.code_licence):
            if licence not in LICENCE_URLS:
                raise ValueError(f"unknown licence {licence!r}: one of {', '.join(LICENCE_URLS)}")

    @property
    def timestamp(self) -> str:
        """The build date as a STIX timestamp (midnight UTC)."""
        return f"{self.built}T00:00:00Z"

    @property
    def released(self) -> bool:
        return self.version != "unreleased"

    def url(self, path: str = "") -> str:
        """An address on the published site, `path` relative to its root."""
        return self.site_url.rstrip("/") + "/" + path

    def page_url(self, kind: str, entity_id: str) -> str:
        """The address of an entity's page (the generated pages live under dossier/)."""
        return self.url(f"dossier/{FOLDER_OF[kind]}/{entity_id}/")

    def data_url(self, name: str = "") -> str:
        return self.url(f"dossier/data/{name}")
