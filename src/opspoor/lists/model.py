"""What every list reader returns: one parsed list version, ready to store or diff."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from opspoor.store.records import Record

# Dataset names follow OpenSanctions' where one exists, so exports line up with theirs.
DATASETS = {
    "un": "un_sc_sanctions",
    "ofac": "us_ofac_sdn",
    "eu": "eu_fsf",
    "uk": "gb_hmt_sanctions",
    "ftm": "ftm",
}


@dataclass
class ParsedList:
    """A whole list version as read from its files, nothing stored yet."""

    format: str  # un | ofac | eu | uk | ftm
    dataset: str
    files: list[Path]
    sha256: str
    published_at: str | None  # the publisher's own date (ISO 8601), if the file carries one
    records: list[Record] = field(default_factory=list)
    # Counts the file states about itself or that a reader counted from its raw records
    # (e.g. {"individuals": 730, "entities": 273}), used to check nothing was dropped.
    source_counts: dict[str, int] = field(default_factory=dict)

    def schema_counts(self) -> dict[str, int]:
        return dict(Counter(r.entity.schema.name for r in self.records))

    def main_records(self) -> list[Record]:
        """The listed parties themselves (records with the publisher's reference)."""
        return [r for r in self.records if r.reference is not None]


def files_sha256(paths: Iterable[Path]) -> str:
    """One SHA-256 over the files' bytes, in name order (a multi-file list like OFAC's CSV set)."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        file_hash = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                file_hash.update(chunk)
        digest.update(path.name.encode() + b"\0" + file_hash.digest())
    return digest.hexdigest()
