"""Cases: teams, users, sessions, API tokens, cases, items, notes, decisions, audit log, retention.

The audit log is append-only: triggers refuse UPDATE and DELETE on it (SQLite and PostgreSQL).

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0001"
branch_labels = ("cases",)
depends_on = None

TS = sa.DateTime(timezone=True)


def _fk(
    table: str, column: str, referred: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], ondelete=ondelete, name=f"fk_{table}_{column}_{referred}"
    )


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
        sa.UniqueConstraint("name", name="uq_teams_name"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.Text),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("team_id", sa.Integer),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("password_changed_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        _fk("users", "team_id", "teams"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
        _fk("api_tokens", "user_id", "users", "CASCADE"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_sessions"),
        _fk("web_sessions", "user_id", "users", "CASCADE"),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("team_id", sa.Integer, nullable=False),
        sa.Column("owner_id", sa.Integer),
        sa.Column("created_by", sa.Integer),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("closed_at", TS),
        sa.Column("pseudonymised_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        _fk("cases", "team_id", "teams"),
        _fk("cases", "owner_id", "users"),
        _fk("cases", "created_by", "users"),
    )
    op.create_index("ix_cases_team_id", "cases", ["team_id"])
    op.create_table(
        "case_items",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("ref", sa.String(255), nullable=False),
        sa.Column("entity_id", sa.String(255)),
        sa.Column("source_id", sa.Integer),
        sa.Column("label", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("added_by", sa.Integer),
        sa.Column("added_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_case_items"),
        sa.UniqueConstraint("case_id", "kind", "ref", name="uq_case_items_case_id"),
        _fk("case_items", "case_id", "cases", "CASCADE"),
        _fk("case_items", "added_by", "users"),
    )
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("author_id", sa.Integer),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_case_notes"),
        _fk("case_notes", "case_id", "cases", "CASCADE"),
        _fk("case_notes", "author_id", "users"),
    )
    op.create_index("ix_case_notes_case_id", "case_notes", ["case_id"])
    op.create_table(
        "case_decisions",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("case_id", sa.Integer, nullable=False),
        sa.Column("item_id", sa.Integer),
        sa.Column("decision", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("reviewer_id", sa.Integer),
        sa.Column("reviewer", sa.String(64), nullable=False),
        sa.Column("decided_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_case_decisions"),
        _fk("case_decisions", "case_id", "cases", "CASCADE"),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["case_items.id"],
            ondelete="SET NULL",
            name="fk_case_decisions_item_id_case_items",
        ),
        _fk("case_decisions", "reviewer_id", "users"),
    )
    op.create_index("ix_case_decisions_case_id", "case_decisions", ["case_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor_id", sa.Integer),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("object_type", sa.String(32)),
        sa.Column("object_id", sa.String(255)),
        sa.Column("case_id", sa.Integer),
        sa.Column("detail", sa.JSON),
        sa.Column("client", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "retention_policies",
        sa.Column("scope", sa.String(32), nullable=False),
        sa.Column("days", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("scope", name="pk_retention_policies"),
    )
    _audit_append_only()


def _audit_append_only() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in (
        "retention_policies",
        "audit_log",
        "case_decisions",
        "case_notes",
        "case_items",
        "cases",
        "web_sessions",
        "api_tokens",
        "users",
        "teams",
    ):
        op.drop_table(table)
