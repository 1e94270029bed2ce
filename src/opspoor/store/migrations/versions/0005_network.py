"""Network: link runs, groups, image hashes, judgements, candidate pairs, clusters.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = ("network",)
depends_on = None

TS = sa.DateTime(timezone=True)
ID = 255


def upgrade() -> None:
    op.create_table(
        "network_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("params", sa.JSON),
        sa.Column("stats", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_network_runs"),
    )
    op.create_table(
        "network_links",
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("left_id", sa.String(ID), nullable=False),
        sa.Column("right_id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["network_runs.id"],
            ondelete="CASCADE",
            name="fk_network_links_run_id_network_runs",
        ),
    )
    op.create_index("ix_network_links_run", "network_links", ["run_id"])
    op.create_table(
        "network_groups",
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String(ID), nullable=False),
        sa.Column("group_id", sa.String(64), nullable=False),
        sa.Column("group_size", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "entity_id", name="pk_network_groups"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["network_runs.id"],
            ondelete="CASCADE",
            name="fk_network_groups_run_id_network_runs",
        ),
    )
    op.create_index("ix_network_groups_group", "network_groups", ["group_id"])
    op.create_table(
        "network_image_hashes",
        sa.Column("entity_id", sa.String(ID), nullable=False),
        sa.Column("image_sha256", sa.String(64), nullable=False),
        sa.Column("phash", sa.String(16), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("stored_path", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "image_sha256", name="pk_network_image_hashes"),
    )
    op.create_table(
        "network_judgements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("left_id", sa.String(ID), nullable=False),
        sa.Column("right_id", sa.String(ID), nullable=False),
        sa.Column("judgement", sa.String(16), nullable=False),
        sa.Column("analyst", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_network_judgements"),
    )
    op.create_index("ix_network_judgements_pair", "network_judgements", ["left_id", "right_id"])
    op.create_table(
        "network_candidates",
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("left_id", sa.String(ID), nullable=False),
        sa.Column("right_id", sa.String(ID), nullable=False),
        sa.Column("matcher_score", sa.Float),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("comparisons", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "left_id", "right_id", name="pk_network_candidates"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["network_runs.id"],
            ondelete="CASCADE",
            name="fk_network_candidates_run_id_network_runs",
        ),
    )
    op.create_table(
        "network_clusters",
        sa.Column("entity_id", sa.String(ID), nullable=False),
        sa.Column("canonical_id", sa.String(ID), nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", name="pk_network_clusters"),
    )
    op.create_index("ix_network_clusters_canonical", "network_clusters", ["canonical_id"])


def downgrade() -> None:
    op.drop_table("network_clusters")
    op.drop_table("network_candidates")
    op.drop_table("network_judgements")
    op.drop_table("network_image_hashes")
    op.drop_table("network_groups")
    op.drop_table("network_links")
    op.drop_table("network_runs")
