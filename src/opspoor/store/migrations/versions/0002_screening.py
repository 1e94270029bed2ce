"""Screening: runs, subjects, alerts, decisions.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("screening",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "screening_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("threshold", sa.Float, nullable=False),
        sa.Column("source_ids", sa.JSON),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("subject_count", sa.Integer, nullable=False),
        sa.Column("alert_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screening_runs"),
    )
    op.create_table(
        "screening_subjects",
        sa.Column("id", sa.String(255), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("properties", sa.JSON, nullable=False),
        sa.Column("first_screened", TS, nullable=False),
        sa.Column("last_screened", TS, nullable=False),
        sa.Column("last_run_id", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_screening_subjects"),
        sa.ForeignKeyConstraint(
            ["last_run_id"],
            ["screening_runs.id"],
            name="fk_screening_subjects_last_run_id_screening_runs",
        ),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("subject_id", sa.String(255), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("dataset", sa.String(128)),
        sa.Column("reference", sa.String(128)),
        sa.Column("caption", sa.Text),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("entity_checksum", sa.String(64), nullable=False),
        sa.Column("match", sa.JSON, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["screening_subjects.id"],
            ondelete="CASCADE",
            name="fk_alerts_subject_id_screening_subjects",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["screening_runs.id"], name="fk_alerts_run_id_screening_runs"
        ),
    )
    op.create_index("ix_alerts_subject_entity", "alerts", ["subject_id", "entity_id"], unique=True)
    op.create_index("ix_alerts_status", "alerts", ["status"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_id", sa.Integer, nullable=False),
        sa.Column("subject_id", sa.String(255), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("entity_checksum", sa.String(64), nullable=False),
        sa.Column("decided_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], ondelete="CASCADE", name="fk_decisions_alert_id_alerts"
        ),
    )
    op.create_index("ix_decisions_pair", "decisions", ["subject_id", "entity_id"])


def downgrade() -> None:
    op.drop_table("decisions")
    op.drop_table("alerts")
    op.drop_table("screening_subjects")
    op.drop_table("screening_runs")
