"""Core tables: sources, entities, statements.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = ("core",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("dataset", sa.String(128), nullable=False),
        sa.Column("format", sa.String(32)),
        sa.Column("label", sa.Text),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("published_at", sa.String(32)),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity_count", sa.Integer, nullable=False),
        sa.Column("meta", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("kind", "dataset", "sha256", name="uq_sources_kind_dataset_sha256"),
    )
    op.create_index("ix_sources_dataset", "sources", ["dataset"])
    op.create_table(
        "entities",
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("caption", sa.Text),
        sa.Column("reference", sa.String(128)),
        sa.Column("location", sa.Text),
        sa.PrimaryKeyConstraint("source_id", "entity_id", name="pk_entities"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            ondelete="CASCADE",
            name="fk_entities_source_id_sources",
        ),
    )
    op.create_index("ix_entities_entity_id", "entities", ["entity_id"])
    op.create_index("ix_entities_reference", "entities", ["reference"])
    op.create_table(
        "statements",
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("canonical_id", sa.String(255)),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("prop", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("lang", sa.String(16)),
        sa.Column("original_value", sa.Text),
        sa.Column("dataset", sa.String(128), nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.PrimaryKeyConstraint("source_id", "id", name="pk_statements"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            ondelete="CASCADE",
            name="fk_statements_source_id_sources",
        ),
    )
    op.create_index("ix_statements_entity_id", "statements", ["entity_id"])
    op.create_index("ix_statements_canonical_id", "statements", ["canonical_id"])


def downgrade() -> None:
    op.drop_table("statements")
    op.drop_table("entities")
    op.drop_table("sources")
