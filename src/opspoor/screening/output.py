"""Write screening results as JSON lines, CSV or XLSX."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from opspoor.screening.screen import ScreenResult

FLAT_COLUMNS = [
    "id",
    "input_name",
    "error",
    "rank",
    "score",
    "match",
    "match_id",
    "caption",
    "schema",
    "reference",
    "datasets",
    "alert_id",
    "alert_status",
    "why",
]


def flat_rows(result: ScreenResult) -> list[dict[str, Any]]:
    """One row per match (or one empty row when nothing matched), for CSV and XLSX."""
    data = result.as_dict()
    base = {
        "id": data["id"],
        "input_name": result.subject.input.get("name", ""),
        "error": data.get("error", ""),
    }
    if not data["matches"]:
        return [base]
    rows = []
    for rank, m in enumerate(data["matches"], start=1):
        why = "; ".join(
            f"{e['feature']}: {e['why']}" for e in m.get("explanation", []) if e.get("why")
        )
        alert = m.get("alert") or {}
        rows.append(
            dict(
                base,
                rank=rank,
                score=round(m["score"], 4),
                match=m["match"],
                match_id=m["id"],
                caption=m["caption"],
                schema=m["schema"],
                reference=m.get("reference") or "",
                datasets=",".join(m.get("datasets", [])),
                alert_id=alert.get("id", ""),
                alert_status=alert.get("status", ""),
                why=why,
            )
        )
    return rows


def write_jsonl(results: Iterable[ScreenResult], fh: IO[str]) -> int:
    n = 0
    for res in results:
        fh.write(json.dumps(res.as_dict(), ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(results: Iterable[ScreenResult], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for res in results:
        writer.writerows(flat_rows(res))
        n += 1
    return n


def write_xlsx(results: Iterable[ScreenResult], path: str) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("screening")
    ws.append(FLAT_COLUMNS)
    n = 0
    for res in results:
        for row in flat_rows(res):
            ws.append([row.get(c, "") for c in FLAT_COLUMNS])
        n += 1
    wb.save(path)
    return n
