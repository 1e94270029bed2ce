"""Read the people and companies to screen from CSV or XLSX into FtM query entities.

Columns: `id, name, birth_date, nationality, schema` (only `name` is required;
`full_name` and `date_of_birth` are accepted as aliases, case and spaces ignored).

    >>> rows = read_subjects(Path("people.csv"))
    >>> rows[0].entity.get("name")
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from opspoor.errors import InputError

COLUMN_ALIASES = {
    "id": "id",
    "name": "name",
    "full_name": "name",
    "fullname": "name",
    "birth_date": "birth_date",
    "date_of_birth": "birth_date",
    "dob": "birth_date",
    "birthdate": "birth_date",
    "nationality": "nationality",
    "country": "nationality",
    "schema": "schema",
    "type": "schema",
}
SCHEMA_ALIASES = {
    "person": "Person",
    "individual": "Person",
    "organization": "Organization",
    "organisation": "Organization",
    "company": "Company",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "legalentity": "LegalEntity",
}
MAX_NAME_CHARS = 1000  # longer cells are cut: no real name is this long, and it bounds work per row


@dataclass
class Subject:
    """One row to screen: its id, the FtM entity built from it, and where it came from."""

    id: str
    entity: EntityProxy
    input: dict[str, str]
    line: int
    error: str | None = None


def _norm_header(name: str) -> str:
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def subject_from_fields(
    fields: dict[str, str], line: int = 0, row_id: str | None = None
) -> Subject:
    """Build a query entity from one row's fields (pure; errors kept on the Subject)."""
    name = " ".join((fields.get("name") or "").split())[:MAX_NAME_CHARS]
    schema_name = (fields.get("schema") or "").strip()
    schema = (
        model.get(SCHEMA_ALIASES.get(schema_name.lower(), schema_name)) if schema_name else None
    )
    error = None
    if schema_name and schema is None:
        error = f"unknown schema {schema_name!r} (use Person, Organization, Company, Vessel or LegalEntity)"
    schema = schema or model.get("Person" if fields.get("birth_date") else "LegalEntity")
    assert schema is not None
    entity = model.make_entity(schema)
    sid = (fields.get("id") or "").strip() or row_id or _row_hash(fields)
    entity.id = f"subject-{hashlib.sha1(sid.encode()).hexdigest()[:16]}"
    if not name:
        error = error or "empty name"
    else:
        entity.add("name", name, quiet=True)
        if not entity.get("name"):
            error = error or "empty name"  # nothing left after cleaning (control characters only)
    dob = (fields.get("birth_date") or "").strip()
    if dob and schema.get("birthDate") is not None:
        cleaned = registry.date.clean(dob)
        if cleaned is None:
            cleaned = _loose_date(dob)
        if cleaned:
            entity.add("birthDate", cleaned, cleaned=True)
    nat = (fields.get("nationality") or "").strip()
    if nat:
        prop = "nationality" if schema.get("nationality") is not None else "country"
        for part in nat.replace(";", ",").split(","):
            code = registry.country.clean(part.strip())
            if code:
                entity.add(prop, code, cleaned=True, quiet=True)
    return Subject(id=sid, entity=entity, input=dict(fields), line=line, error=error)


def _loose_date(text: str) -> str | None:
    """Day-first dates as lists and forms write them: 12/12/1985, 12-12-1985, 12.12.1985."""
    for sep in "/-.":
        parts = text.split(sep)
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            d, m, y = (int(p) for p in parts)
            if 1 <= m <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _row_hash(fields: dict[str, str]) -> str:
    text = "|".join(
        f"{k}={fields.get(k, '')}" for k in ("name", "birth_date", "nationality", "schema")
    )
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def _map_header(header: list[str], path: Path) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for idx, col in enumerate(header):
        key = COLUMN_ALIASES.get(_norm_header(col))
        if key and key not in mapping.values():
            mapping[idx] = key
    if "name" not in mapping.values():
        raise InputError(
            f"no name column (found: {', '.join(repr(h) for h in header) or 'no header'})",
            path=path,
            line=1,
            field="name",
            hint="add a column called name or full_name",
        )
    return mapping


def iter_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of a CSV or XLSX file, header first."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise InputError(f"cannot read as an Excel workbook: {exc}", path=path) from exc
        ws = wb.worksheets[0]
        for lineno, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield lineno, ["" if v is None else _cell(v) for v in row]
        wb.close()
        return
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError("file is empty", path=path)
    if b"\0" in raw[:4096]:
        raise InputError(
            "this is a binary file, not CSV text", path=path, hint="save it as CSV or XLSX"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(f"broken CSV: {exc}", path=path, line=reader.line_num) from exc


def _cell(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def read_subjects(path: Path) -> Iterator[Subject]:
    """Subjects from a CSV/XLSX file; a missing name column is an error, a bad row is kept with its error."""
    rows = iter_rows(Path(path))
    try:
        _, header = next(rows)
    except StopIteration:
        raise InputError("file is empty", path=path) from None
    mapping = _map_header(header, Path(path))
    for lineno, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        fields = {key: (cells[idx] if idx < len(cells) else "") for idx, key in mapping.items()}
        yield subject_from_fields(fields, line=lineno, row_id=f"{Path(path).name}:{lineno}")
