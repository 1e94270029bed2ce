"""OFAC's SDN list, in either of its published forms: the legacy CSV set or sdn.xml.

    >>> parsed = read([Path("ofac-sdn-2021/sdn.csv"), ...], "us_ofac_sdn")   # after formats.expand_paths
    >>> parsed = read([Path("sdn.xml")], "us_ofac_sdn")

Both give the same entities (ids `ofac-<ent_num>`), so versions can be diffed across forms.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from opspoor.errors import InputError
from opspoor.lists.model import DATASETS, ParsedList
from opspoor.lists.ofac_csv import read_csv_set
from opspoor.lists.ofac_xml import read_xml_files


def read(paths: Sequence[Path], dataset: str = DATASETS["ofac"]) -> ParsedList:
    """Read one OFAC SDN list version (reader registry entry point)."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no OFAC files given")
    xml = [p for p in paths if p.suffix.lower() == ".xml"]
    with gc_paused():
        if xml:
            if len(paths) > 1:
                raise InputError(
                    "give either sdn.xml or the CSV set (sdn.csv, alt.csv, add.csv, sdn_comments.csv), not both",
                    path=xml[0],
                )
            return read_xml_files(paths, dataset)
        return read_csv_set(paths, dataset)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a list is read.

    Reading the SDN list allocates millions of small objects that all stay alive; the collector
    would rescan them again and again as the heap grows (some 40% of the read time). The reader
    makes no reference cycles, and plain reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
