"""Which reader reads which file, and the checks every list file passes first.

>>> parsed = read_list([Path("un-consolidated.xml")])      # format sniffed from content
>>> parsed = read_list([Path("ofac/")], format="ofac")     # a folder with sdn.csv, alt.csv, ...
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from opspoor.errors import InputError
from opspoor.lists.model import DATASETS, ParsedList
from opspoor.settings import DEFAULT_MAX_LIST_BYTES

FORMATS = ("un", "ofac", "eu", "uk", "ftm")

# format -> module whose `read(paths, dataset)` returns a ParsedList
READER_MODULES = {
    "un": "opspoor.lists.un",
    "ofac": "opspoor.lists.ofac",
    "eu": "opspoor.lists.eu",
    "uk": "opspoor.lists.uk",
    "ftm": "opspoor.lists.ftm",
}

OFAC_CSV_FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")


class ListReader(Protocol):
    def __call__(self, paths: Sequence[Path], dataset: str) -> ParsedList: ...


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Folders stand for the list files inside them (an OFAC CSV set is usually a folder)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError("no such file or folder", path=path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                raise InputError("folder holds no files", path=path)
            out.extend(found)
        else:
            out.append(path)
    return out


def check_files(paths: Sequence[Path], max_bytes: int = DEFAULT_MAX_LIST_BYTES) -> None:
    """Refuse empty and oversized files before any parsing."""
    for path in paths:
        size = path.stat().st_size
        if size == 0:
            raise InputError(
                "file is empty", path=path, hint="the download may have failed; fetch it again"
            )
        if size > max_bytes:
            raise InputError(
                f"file is {size / 1e6:.0f} MB, more than the {max_bytes / 1e6:.0f} MB a sanctions list can be",
                path=path,
                hint="check it is the right file, or raise OPSPOOR_MAX_LIST_BYTES",
            )


def sniff_format(paths: Sequence[Path]) -> str:
    """Guess the format from file names and the first bytes."""
    names = {p.name.lower() for p in paths}
    if "sdn.csv" in names or names & set(OFAC_CSV_FILES[1:]) == names:
        return "ofac"
    with paths[0].open("rb") as fh:
        head = fh.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff \r\n\t")
    if text.startswith("<") or text.startswith("<?xml"):
        if "CONSOLIDATED_LIST" in text:
            return "un"
        if "sdnList" in text:
            return "ofac"
        if "fsd/export" in text or "<export" in text:
            return "eu"
        raise InputError(
            "an XML file, but not the UN, OFAC or EU list format",
            path=paths[0],
            hint="pass --format if you know the format",
        )
    if text.startswith("{"):
        return "ftm"
    first_line = text.splitlines()[0] if text else ""
    if "Last Updated" in first_line or "Name 6" in first_line or "Group ID" in text[:2000]:
        return "uk"
    raise InputError(
        "cannot tell which list format this is",
        path=paths[0],
        line=1,
        hint="pass --format un|ofac|eu|uk|ftm",
    )


def get_reader(fmt: str) -> ListReader:
    if fmt not in READER_MODULES:
        raise InputError(f"unknown list format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(READER_MODULES[fmt])
    reader: ListReader = module.read
    return reader


def read_list(
    paths: Sequence[Path],
    format: str = "auto",
    dataset: str | None = None,
    max_bytes: int = DEFAULT_MAX_LIST_BYTES,
) -> ParsedList:
    """Read one list version from its files; raises InputError naming file and line/record."""
    files = expand_paths(paths)
    check_files(files, max_bytes)
    fmt = sniff_format(files) if format == "auto" else format
    return get_reader(fmt)(files, dataset or DATASETS[fmt])
