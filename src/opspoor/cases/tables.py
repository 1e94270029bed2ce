"""Cases tables: teams and users, sessions and API tokens, cases with their items, notes and
reviewer decisions, the append-only audit log, and retention policies.

Case items point at store ids (alerts, entities, sources) rather than copying data, so a
dossier is always built from the store's statements and their provenance.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from opspoor.store.tables import metadata

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name", name="uq_teams_name"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("display_name", Text),
    Column("password_hash", Text, nullable=False),  # argon2id, PHC string
    Column("role", String(16), nullable=False),  # viewer | analyst | admin
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_changed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("username", name="uq_users_username"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column(
        "token_hash", String(64), nullable=False
    ),  # sha256 of the token; the token itself is shown once
    Column("label", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the cookie's random token
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("summary", Text),
    Column("status", String(16), nullable=False),  # open | review | referred | closed
    Column("team_id", Integer, ForeignKey("teams.id"), nullable=False),
    Column("owner_id", Integer, ForeignKey("users.id"), nullable=True),
    Column("created_by", Integer, ForeignKey("users.id"), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("pseudonymised_at", DateTime(timezone=True)),
)
Index("ix_cases_team_id", cases.c.team_id)

case_items = Table(
    "case_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    # alert | entity | document | mention | capture | flagged_ad | network_group | list_entry
    Column("kind", String(32), nullable=False),
    Column(
        "ref", String(255), nullable=False
    ),  # the store id: alert id, entity id, source id, group id
    Column("entity_id", String(255)),  # the store entity the item stands for, when there is one
    Column("source_id", Integer),  # the source it came from, when there is one
    Column("label", Text),  # a caption for people (kept so a list of items reads without lookups)
    Column("note", Text),  # why it was attached
    Column("added_by", Integer, ForeignKey("users.id"), nullable=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("case_id", "kind", "ref", name="uq_case_items_case_id"),
)

case_notes = Table(
    "case_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("author_id", Integer, ForeignKey("users.id"), nullable=True),
    Column("body", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_case_notes_case_id", case_notes.c.case_id)

case_decisions = Table(
    "case_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("item_id", Integer, ForeignKey("case_items.id", ondelete="SET NULL"), nullable=True),
    # on an item: confirmed | rejected; on the case: approve_referral | close | reopen
    Column("decision", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("reviewer_id", Integer, ForeignKey("users.id"), nullable=True),
    Column("reviewer", String(64), nullable=False),  # kept as text: the trail outlives accounts
    Column("decided_at", DateTime(timezone=True), nullable=False),
)
Index("ix_case_decisions_case_id", case_decisions.c.case_id)

# Append-only: the migration installs triggers that refuse UPDATE and DELETE on this table.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", Integer),  # no foreign key: entries outlive accounts
    Column("actor", String(64), nullable=False),
    Column(
        "action", String(64), nullable=False
    ),  # case.read, case.item.add, alert.decide, login ...
    Column("outcome", String(16), nullable=False),  # ok | denied | failed
    Column("object_type", String(32)),
    Column("object_id", String(255)),
    Column("case_id", Integer),  # no foreign key: entries outlive deleted cases
    Column("detail", JSON),  # ids and counts only, never case text
    Column("client", String(64)),  # the client address for web requests, "cli" otherwise
)
Index("ix_audit_log_case_id", audit_log.c.case_id)
Index("ix_audit_log_at", audit_log.c.at)

retention_policies = Table(
    "retention_policies",
    metadata,
    Column("scope", String(32), primary_key=True),  # closed_cases
    Column("days", Integer, nullable=False),
    Column("action", String(16), nullable=False),  # delete | pseudonymise
    Column("updated_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
