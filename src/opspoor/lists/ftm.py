"""FollowTheMoney JSON lines in and out (OpenSanctions' `entities.ftm.json` exports).

Each line is one entity: `{"id", "schema", "properties": {...}}`. OpenSanctions adds
`datasets`, `referents`, `first_seen` ... which we keep where FtM has a place for them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

import orjson
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from opspoor.errors import InputError
from opspoor.lists.model import ParsedList, files_sha256
from opspoor.store.records import Record


def read(paths: Sequence[Path], dataset: str) -> ParsedList:
    records: list[Record] = []
    for path in paths:
        records.extend(read_file(path))
    return ParsedList(
        format="ftm",
        dataset=dataset,
        files=list(paths),
        sha256=files_sha256(paths),
        published_at=None,
        records=records,
        source_counts={"lines": len(records)},
    )


def read_file(path: Path) -> list[Record]:
    records: list[Record] = []
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise InputError(f"not valid JSON: {exc}", path=path, line=lineno) from exc
            if not isinstance(data, dict):
                raise InputError(
                    "each line must be a JSON object (an FtM entity)", path=path, line=lineno
                )
            if not data.get("id"):
                raise InputError("entity has no id", path=path, line=lineno, field="id")
            if model.get(data.get("schema") or "") is None:
                raise InputError(
                    f"unknown FtM schema {data.get('schema')!r}",
                    path=path,
                    line=lineno,
                    field="schema",
                )
            try:
                entity = model.get_proxy(
                    {
                        "id": data["id"],
                        "schema": data["schema"],
                        "properties": data.get("properties") or {},
                    },
                    cleaned=False,
                )
            except (InvalidData, TypeError, ValueError) as exc:
                raise InputError(
                    f"invalid entity: {exc}", path=path, line=lineno, field="properties"
                ) from exc
            records.append(
                Record(
                    entity=entity, reference=_reference(data), location=f"{path.name} line {lineno}"
                )
            )
    return records


def _reference(data: dict) -> str | None:
    ref = data.get("reference") or data.get("id")
    return str(ref) if ref else None


def write_entities(entities: Iterable[EntityProxy], fh: IO[bytes]) -> int:
    """Write FtM JSON lines; returns how many entities were written."""
    count = 0
    for entity in entities:
        fh.write(orjson.dumps(entity.to_dict(), option=orjson.OPT_SORT_KEYS) + b"\n")
        count += 1
    return count


def entity_checksum(entity: EntityProxy) -> str:
    return hashlib.sha1(orjson.dumps(entity.to_dict(), option=orjson.OPT_SORT_KEYS)).hexdigest()
