"""Benchmark-only: the store fix proposed to the lead, applied by monkeypatch.

`Store.write_records` looks up earlier first_seen dates with a query over every statement of
the dataset, so each write gets slower as the dataset grows (quadratic for a crawl that adds
one source per page). Restricting that query to the entity ids being written gives the same
answer (a statement key includes the entity id) through the entity_id index. This module
applies exactly that change so `bench_crawl` can show the crawler's throughput with and
without it; the real fix belongs in src/opspoor/store/db.py.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from opspoor.store import db
from opspoor.store.tables import statements

_original = db.Store.write_records


def _write_records(
    self: db.Store, conn: Any, source_id: int, dataset: str, records: Any, seen: str | None = None
) -> int:
    records = list(records)
    ids = sorted({r.id for r in records})
    real_execute = conn.execute

    def execute(statement: Any, *args: Any, **kwargs: Any) -> Any:
        # Narrow only the "earlier first_seen" lookup: select(id, min(first_seen)) ... group by id
        if getattr(statement, "is_select", False) and len(statement.selected_columns) == 2:
            cols = list(statement.selected_columns)
            if cols[0] is statements.c.id and "min" in str(cols[1]).lower():
                statement = (
                    select(statements.c.id, func.min(statements.c.first_seen))
                    .where(
                        statements.c.dataset == dataset,
                        statements.c.source_id != source_id,
                        statements.c.entity_id.in_(ids),
                    )
                    .group_by(statements.c.id)
                )
        return real_execute(statement, *args, **kwargs)

    conn.execute = execute
    try:
        return _original(self, conn, source_id, dataset, records, seen)
    finally:
        del conn.execute


db.Store.write_records = _write_records  # type: ignore[method-assign]
