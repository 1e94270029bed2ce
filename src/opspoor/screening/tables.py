"""Screening tables: runs, the subjects screened, alerts they raised, and reviewers' decisions.

Subjects are kept so a new list version can be checked against them (delta re-screen);
decisions are kept so a cleared hit stays cleared until the list entry itself changes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from opspoor.store.tables import metadata

screening_runs = Table(
    "screening_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # batch | delta | single
    Column("label", Text),  # input file, or the list version that triggered a delta run
    Column("threshold", Float, nullable=False),
    Column("source_ids", JSON),  # list versions screened against
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("subject_count", Integer, nullable=False, default=0),
    Column("alert_count", Integer, nullable=False, default=0),
)

subjects = Table(
    "screening_subjects",
    metadata,
    Column("id", String(255), primary_key=True),  # the input's own id, or a hash of its fields
    Column("schema", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("properties", JSON, nullable=False),  # the FtM properties screened
    Column("first_screened", DateTime(timezone=True), nullable=False),
    Column("last_screened", DateTime(timezone=True), nullable=False),
    Column("last_run_id", Integer, ForeignKey("screening_runs.id")),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "subject_id",
        String(255),
        ForeignKey("screening_subjects.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("entity_id", String(255), nullable=False),
    Column("dataset", String(128)),
    Column("reference", String(128)),
    Column("caption", Text),
    Column("score", Float, nullable=False),
    Column("status", String(16), nullable=False),  # open | true_match | false_positive
    Column("entity_checksum", String(64), nullable=False),  # the list entry as it was when alerted
    Column("match", JSON, nullable=False),  # the MATCH object, explanation included
    Column("run_id", Integer, ForeignKey("screening_runs.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_alerts_subject_entity", alerts.c.subject_id, alerts.c.entity_id, unique=True)
Index("ix_alerts_status", alerts.c.status)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", String(255), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("decision", String(16), nullable=False),  # true_match | false_positive
    Column("reviewer", String(128), nullable=False),
    Column("reason", Text, nullable=False),
    Column("entity_checksum", String(64), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)
Index("ix_decisions_pair", decisions.c.subject_id, decisions.c.entity_id)
