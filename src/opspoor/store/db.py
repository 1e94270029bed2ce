"""Open, migrate and use the store.

    >>> store = open_store(Settings.from_env(home="/tmp/demo"))
    >>> with store.transaction() as conn:
    ...     source_id = store.add_source(conn, kind="manual", dataset="notes", sha256="0" * 64)

All writes of one import happen in one transaction (`Store.transaction`), so an import lands
whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import Connection, Engine, Table, create_engine, event, func, select
from sqlalchemy.pool import NullPool

from opspoor.settings import Settings
from opspoor.store.records import Record, StoredEntity
from opspoor.store.tables import entities, sources, statements

MIGRATIONS = Path(__file__).parent / "migrations"
LIST_VERSION = "list_version"
ID_PROP = "id"  # FtM's BASE_ID: a statement that says "this entity exists, with this schema"


SMALL_WRITE = 500  # writes of at most this many entities look up earlier statements by entity id
ENTITY_COLUMNS = ("source_id", "entity_id", "schema", "caption", "reference", "location")
STATEMENT_COLUMNS = (
    "source_id",
    "id",
    "entity_id",
    "canonical_id",
    "schema",
    "prop",
    "value",
    "lang",
    "original_value",
    "dataset",
    "location",
    "first_seen",
    "last_seen",
)


def bulk_insert(
    conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert many rows fast: COPY on PostgreSQL, a plain executemany on SQLite.

    Imports write 10^5 statements at a time; SQLAlchemy's per-row dict handling costs
    more than the database itself, so this talks to the driver directly (same transaction).
    """
    if not rows:
        return
    driver = conn.connection.driver_connection
    cols = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        with driver.cursor() as cur, cur.copy(f"COPY {table.name} ({cols}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    if conn.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in columns)
        cur = driver.cursor()  # type: ignore[union-attr]
        cur.executemany(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", rows)
        cur.close()
        return
    conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


@dataclass(frozen=True)
class SourceRow:
    id: int
    kind: str
    dataset: str
    format: str | None
    label: str | None
    sha256: str
    published_at: str | None
    imported_at: dt.datetime
    entity_count: int
    meta: dict[str, Any] | None

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["imported_at"] = self.imported_at.isoformat()
        return data


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MB: imports insert 10^5 rows into B-tree indexes
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def make_engine(url: str, schema: str | None = None) -> Engine:
    """An engine for `url`; for PostgreSQL an optional `schema` sets the search path (tests use it)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, poolclass=NullPool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, Any] = {}
    if schema:
        connect_args["options"] = f"-csearch_path={schema}"
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


class Store:
    """The one source of truth: sources, entities and their statements."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        if engine is None and not settings.db:
            settings.home.mkdir(parents=True, exist_ok=True)
        self.engine = engine or make_engine(settings.database_url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema up to date (every capability's migration branch)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._migration_lock(), self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """Two processes opening a fresh store at once (crawl workers) must not both create it.

        PostgreSQL: an advisory lock; SQLite: a lock file beside the database.
        """
        if self.dialect == "postgresql":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT pg_advisory_lock(4242001)")
                try:
                    yield
                finally:
                    conn.exec_driver_sql("SELECT pg_advisory_unlock(4242001)")
                    conn.commit()
            return
        database = self.engine.url.database
        if self.dialect != "sqlite" or not database or database == ":memory:":
            yield
            return
        import fcntl

        with open(f"{database}.migrate-lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing unit of work."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- sources --------------------------------------------------------------------------
    def add_source(
        self,
        conn: Connection,
        *,
        kind: str,
        dataset: str,
        sha256: str,
        format: str | None = None,
        label: str | None = None,
        published_at: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        result = conn.execute(
            sources.insert().values(
                kind=kind,
                dataset=dataset,
                format=format,
                label=label,
                sha256=sha256,
                published_at=published_at,
                imported_at=dt.datetime.now(dt.UTC),
                entity_count=0,
                meta=meta or {},
            )
        )
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def find_source(
        self, kind: str, dataset: str, sha256: str, conn: Connection | None = None
    ) -> SourceRow | None:
        q = select(sources).where(
            sources.c.kind == kind, sources.c.dataset == dataset, sources.c.sha256 == sha256
        )
        with self._conn(conn) as c:
            row = c.execute(q).first()
        return SourceRow(**row._mapping) if row else None

    def get_source(self, source_id: int, conn: Connection | None = None) -> SourceRow | None:
        with self._conn(conn) as c:
            row = c.execute(select(sources).where(sources.c.id == source_id)).first()
        return SourceRow(**row._mapping) if row else None

    def list_sources(self, kind: str | None = None, dataset: str | None = None) -> list[SourceRow]:
        q = select(sources).order_by(sources.c.dataset, sources.c.published_at, sources.c.id)
        if kind:
            q = q.where(sources.c.kind == kind)
        if dataset:
            q = q.where(sources.c.dataset == dataset)
        with self.connect() as c:
            return [SourceRow(**r._mapping) for r in c.execute(q)]

    def current_source_ids(
        self, datasets: Sequence[str] | None = None, kinds: Sequence[str] | None = None
    ) -> list[int]:
        """The newest version of each list (by publisher date, then import order) and every
        non-list source (documents, captures); `kinds` keeps only those kinds of source."""
        chosen: dict[str, SourceRow] = {}
        others: list[int] = []
        for src in self.list_sources():
            if datasets and src.dataset not in datasets:
                continue
            if kinds and src.kind not in kinds:
                continue
            if src.kind != LIST_VERSION:
                others.append(src.id)
                continue
            best = chosen.get(src.dataset)
            if best is None or (src.published_at or "", src.id) >= (
                best.published_at or "",
                best.id,
            ):
                chosen[src.dataset] = src
        return sorted([s.id for s in chosen.values()] + others)

    # -- writing --------------------------------------------------------------------------
    def write_records(
        self,
        conn: Connection,
        source_id: int,
        dataset: str,
        records: Iterable[Record],
        seen: str | None = None,
    ) -> int:
        """Write records as statements of `source_id`. Returns the number of entities.

        first_seen carries over from earlier sources of the same dataset with the same
        statement; last_seen is `seen` (the publisher's date, or now).
        """
        seen = seen or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
        records = list(records)
        earlier: dict[str, str] = {}
        q = (
            select(statements.c.id, func.min(statements.c.first_seen))
            .where(statements.c.dataset == dataset, statements.c.source_id != source_id)
            .group_by(statements.c.id)
        )
        if len(records) <= SMALL_WRITE:
            # A page or a document: look up only its own entities (statement keys include the
            # entity id), or every write would scan the whole dataset and a crawl grow quadratic.
            q = q.where(statements.c.entity_id.in_(sorted({r.id for r in records})))
        for sid, first in conn.execute(q):
            if first:
                earlier[sid] = first
        entity_rows: list[tuple[Any, ...]] = []
        stmt_rows: dict[str, tuple[Any, ...]] = {}
        for rec in records:
            ent = rec.entity
            eid = rec.id
            schema = ent.schema.name
            entity_rows.append((source_id, eid, schema, ent.caption, rec.reference, rec.location))
            langs, locations, where = rec.langs, rec.locations, rec.location
            prefix = f"{dataset}.{eid}."
            for prop_name, value in _values(ent):
                lang = langs.get((prop_name, value)) if langs else None
                # FtM's statement key (Statement.make_key), inlined: this loop runs 10^5 times per import.
                raw = (
                    f"{prefix}{prop_name}.{value}"
                    if lang is None
                    else f"{prefix}{prop_name}.{value}@{lang}"
                )
                key = sha1(raw.encode("utf-8")).hexdigest()
                first = earlier.get(key)
                stmt_rows[key] = (
                    source_id,
                    key,
                    eid,
                    eid,
                    schema,
                    prop_name,
                    value,
                    lang,
                    None,
                    dataset,
                    locations.get((prop_name, value), where) if locations else where,
                    min(first, seen) if first else seen,
                    seen,
                )
        bulk_insert(conn, entities, ENTITY_COLUMNS, entity_rows)
        bulk_insert(conn, statements, STATEMENT_COLUMNS, list(stmt_rows.values()))
        conn.execute(
            sources.update()
            .where(sources.c.id == source_id)
            .values(entity_count=sources.c.entity_count + len(entity_rows))
        )
        return len(entity_rows)

    def delete_source(self, conn: Connection, source_id: int) -> None:
        conn.execute(statements.delete().where(statements.c.source_id == source_id))
        conn.execute(entities.delete().where(entities.c.source_id == source_id))
        conn.execute(sources.delete().where(sources.c.id == source_id))

    # -- reading --------------------------------------------------------------------------
    def iter_entities(
        self,
        source_ids: Sequence[int] | None = None,
        schemata: Sequence[str] | None = None,
        entity_ids: Sequence[str] | None = None,
    ) -> Iterator[StoredEntity]:
        """Assemble FtM entities from statements of the given (default: current) sources."""
        ids = list(source_ids) if source_ids is not None else self.current_source_ids()
        if not ids:
            return
        refs: dict[str, str] = {}
        q_ref = select(entities.c.entity_id, entities.c.reference).where(
            entities.c.source_id.in_(ids), entities.c.reference.is_not(None)
        )
        q = (
            select(
                statements.c.entity_id,
                statements.c.schema,
                statements.c.prop,
                statements.c.value,
                statements.c.dataset,
                statements.c.source_id,
            )
            .where(statements.c.source_id.in_(ids))
            .order_by(statements.c.entity_id)
        )
        if entity_ids is not None:
            q = q.where(statements.c.entity_id.in_(list(entity_ids)))
            q_ref = q_ref.where(entities.c.entity_id.in_(list(entity_ids)))
        with self.connect() as conn:
            for eid, ref in conn.execute(q_ref):
                refs.setdefault(eid, ref)
            current: list[Any] = []
            for row in conn.execution_options(stream_results=True, yield_per=5000).execute(q):
                if current and row[0] != current[0][0]:
                    built = self._assemble(current, refs, schemata)
                    if built is not None:
                        yield built
                    current = []
                current.append(row)
            if current:
                built = self._assemble(current, refs, schemata)
                if built is not None:
                    yield built

    @staticmethod
    def _assemble(
        rows: list[Any], refs: dict[str, str], schemata: Sequence[str] | None
    ) -> StoredEntity | None:
        entity_id = rows[0][0]
        schema = None
        for r in rows:
            s = model.get(r[1])
            if s is None:
                continue
            if schema is None or s.is_a(schema):
                schema = s
            elif not schema.is_a(s):
                schema = model.common_schema(schema, s)
        if schema is None:
            return None
        if schemata and not any(schema.is_a(name) for name in schemata):
            return None
        proxy = model.make_entity(schema)
        proxy.id = entity_id
        props = schema.properties
        for r in rows:
            prop = props.get(r[2])
            if prop is not None:
                proxy.unsafe_add(prop, r[3], cleaned=True)
        return StoredEntity(
            entity=proxy,
            datasets={r[4] for r in rows},
            reference=refs.get(entity_id),
            source_ids={r[5] for r in rows},
        )

    def get_entity(self, entity_id: str) -> StoredEntity | None:
        for ent in self.iter_entities(entity_ids=[entity_id]):
            return ent
        return None

    def provenance(
        self, entity_id: str, source_ids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """Every statement about an entity with the source it came from: the evidence trail."""
        q = (
            select(statements, sources.c.kind, sources.c.label, sources.c.published_at)
            .join(sources, sources.c.id == statements.c.source_id)
            .where(statements.c.entity_id == entity_id)
            .order_by(statements.c.prop, statements.c.value)
        )
        if source_ids is not None:
            q = q.where(statements.c.source_id.in_(list(source_ids)))
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def count_statements(self, source_id: int | None = None) -> int:
        q = select(func.count()).select_from(statements)
        if source_id is not None:
            q = q.where(statements.c.source_id == source_id)
        with self.connect() as conn:
            return int(conn.execute(q).scalar_one())

    @contextmanager
    def _conn(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self.connect() as c:
                yield c


def open_store(settings: Settings | None = None, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store the settings point at."""
    store = Store(settings or Settings.from_env())
    if migrate:
        store.migrate()
    return store


def _values(entity: EntityProxy) -> Iterator[tuple[str, str]]:
    """(property, value) pairs of an entity, the id first (so property-less entities persist)."""
    assert entity.id is not None
    yield ID_PROP, entity.id
    for prop_name, values in entity.properties.items():
        for value in values:
            yield prop_name, value


def make_entity(schema: str, entity_id: str) -> EntityProxy:
    """A fresh FtM entity with an id (the one way readers create entities)."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    return proxy
