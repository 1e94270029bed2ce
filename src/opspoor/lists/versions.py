"""Store list versions: all-or-nothing, and a no-op when the same file comes again."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opspoor.lists.formats import check_files, expand_paths, read_list, sniff_format
from opspoor.lists.model import DATASETS, ParsedList, files_sha256
from opspoor.store.db import LIST_VERSION, SourceRow, Store
from opspoor.store.records import Record

# Hooks run once a new version is committed, e.g. the delta re-screen. Each gets
# (store, new_source_id, previous_source_id_or_None) and may return a dict for the report.
# They run after the commit so they see the new version; each can be re-run on its own.
ImportHook = Callable[[Store, int, int | None], Any]
IMPORT_HOOKS: list[str] = ["opspoor.screening.delta:rescreen_after_import"]


def _load_hook(spec: str) -> ImportHook:
    module_name, func = spec.split(":")
    hook: ImportHook = getattr(importlib.import_module(module_name), func)
    return hook


@dataclass
class ImportResult:
    source: SourceRow
    created: bool  # False: this exact file was already stored, nothing changed
    parsed: ParsedList | None = None
    previous: SourceRow | None = None
    hook_results: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = {"created": self.created, "version": self.source.as_dict()}
        if self.parsed is not None:
            data["schemata"] = self.parsed.schema_counts()
            data["source_counts"] = self.parsed.source_counts
        if self.previous is not None:
            data["previous_version"] = self.previous.id
        data.update(self.hook_results)
        return data


def previous_version(store: Store, dataset: str) -> SourceRow | None:
    """The current stored version of a list, before a new one lands."""
    ids = store.current_source_ids(datasets=[dataset], kinds=[LIST_VERSION])
    return store.get_source(ids[0]) if ids else None


def store_parsed(store: Store, parsed: ParsedList, run_hooks: bool = True) -> ImportResult:
    """Write a parsed list as a new version in one transaction."""
    existing = store.find_source(LIST_VERSION, parsed.dataset, parsed.sha256)
    if existing is not None:
        return ImportResult(source=existing, created=False, parsed=parsed)
    previous = previous_version(store, parsed.dataset)
    hook_results: dict[str, Any] = {}
    with store.transaction() as conn:
        source_id = store.add_source(
            conn,
            kind=LIST_VERSION,
            dataset=parsed.dataset,
            sha256=parsed.sha256,
            format=parsed.format,
            label=", ".join(p.name for p in parsed.files),
            published_at=parsed.published_at,
            meta={"files": [str(p) for p in parsed.files], "source_counts": parsed.source_counts},
        )
        store.write_records(
            conn, source_id, parsed.dataset, parsed.records, seen=parsed.published_at
        )
        source = store.get_source(source_id, conn)
    if run_hooks:
        for spec in IMPORT_HOOKS:
            out = _load_hook(spec)(store, source_id, previous.id if previous else None)
            if isinstance(out, dict):
                hook_results.update(out)
    assert source is not None
    return ImportResult(
        source=source, created=True, parsed=parsed, previous=previous, hook_results=hook_results
    )


def import_list(
    store: Store,
    paths: Sequence[Path],
    format: str = "auto",
    dataset: str | None = None,
    run_hooks: bool = True,
) -> ImportResult:
    """Read and store one list version. Raises InputError (store unchanged) on bad input."""
    files = expand_paths(paths)
    check_files(files, store.settings.max_list_bytes)
    fmt = sniff_format(files) if format == "auto" else format
    name = dataset or DATASETS.get(fmt)
    if name is not None:
        # The same bytes again (a daily fetch of an unchanged list): answer without parsing.
        existing = store.find_source(LIST_VERSION, name, files_sha256(files))
        if existing is not None:
            return ImportResult(source=existing, created=False)
    parsed = read_list(files, format=fmt, dataset=dataset, max_bytes=store.settings.max_list_bytes)
    return store_parsed(store, parsed, run_hooks=run_hooks)


def records_of_version(store: Store, source_id: int) -> list[Record]:
    """The records of one stored version, for diffing against another version or a file."""
    return [
        Record(entity=se.entity, reference=se.reference)
        for se in store.iter_entities(source_ids=[source_id])
    ]
