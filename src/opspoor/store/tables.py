"""The store's tables. Statements are the one truth; `sources` and `entities` index them.

A *source* is anything a value came from: a list version, a document, a crawl capture.
Every statement row says which source it came from and where in it (`location`).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),  # list_version | document | capture | manual
    Column("dataset", String(128), nullable=False),
    Column("format", String(32)),
    Column("label", Text),  # file names or URL, for people
    Column("sha256", String(64), nullable=False),
    Column("published_at", String(32)),  # the publisher's own date, ISO 8601
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("entity_count", Integer, nullable=False, default=0),
    Column("meta", JSON),
    UniqueConstraint("kind", "dataset", "sha256", name="uq_sources_kind_dataset_sha256"),
)
Index("ix_sources_dataset", sources.c.dataset)

entities = Table(
    "entities",
    metadata,
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(255), primary_key=True),
    Column("schema", String(64), nullable=False),
    Column("caption", Text),
    Column("reference", String(128)),  # the publisher's own id: UN reference, OFAC ent_num, ...
    Column("location", Text),  # where in the source the record starts
)
Index("ix_entities_entity_id", entities.c.entity_id)
Index("ix_entities_reference", entities.c.reference)

statements = Table(
    "statements",
    metadata,
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "id", String(40), primary_key=True
    ),  # FtM statement key: sha1(dataset.entity.prop.value)
    Column("entity_id", String(255), nullable=False),
    Column("canonical_id", String(255)),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("value", Text, nullable=False),
    Column("lang", String(16)),
    Column("original_value", Text),
    Column("dataset", String(128), nullable=False),
    Column("location", Text),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
)
Index("ix_statements_entity_id", statements.c.entity_id)
Index("ix_statements_canonical_id", statements.c.canonical_id)
