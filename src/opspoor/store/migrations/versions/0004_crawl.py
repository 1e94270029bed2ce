"""Crawl: projects, runs, pages (first/last seen online, next visit), captures (WARC file,
offset, SHA-256, fetch time) and signal flags.

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = ("crawl",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "crawl_projects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("config", sa.JSON),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_projects"),
        sa.UniqueConstraint("name", name="uq_crawl_projects_name"),
    )
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("job", sa.String(64)),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("warc_file", sa.Text),
        sa.Column("stats", sa.JSON),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_runs"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["crawl_projects.id"],
            ondelete="CASCADE",
            name="fk_crawl_runs_project_id_crawl_projects",
        ),
    )
    op.create_index("ix_crawl_runs_project", "crawl_runs", ["project_id"])
    op.create_table(
        "crawl_pages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("url_key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("http_status", sa.Integer),
        sa.Column("first_seen_online", TS),
        sa.Column("last_seen_online", TS),
        sa.Column("gone_since", TS),
        sa.Column("gone_count", sa.Integer, nullable=False),
        sa.Column("last_fetched_at", TS),
        sa.Column("next_visit_at", TS),
        sa.Column("interval_hours", sa.Float),
        sa.Column("fetch_count", sa.Integer, nullable=False),
        sa.Column("change_count", sa.Integer, nullable=False),
        sa.Column("content_sha256", sa.String(64)),
        sa.Column("content_capture_id", sa.Integer),
        sa.Column("entity_id", sa.String(255)),
        sa.Column("score", sa.Float),
        sa.Column("depth", sa.Integer),
        sa.Column("error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_pages"),
        sa.UniqueConstraint("project_id", "url_key", name="uq_crawl_pages_project_id"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["crawl_projects.id"],
            ondelete="CASCADE",
            name="fk_crawl_pages_project_id_crawl_projects",
        ),
    )
    op.create_index("ix_crawl_pages_next_visit", "crawl_pages", ["project_id", "next_visit_at"])
    op.create_index("ix_crawl_pages_entity", "crawl_pages", ["entity_id"])
    op.create_table(
        "crawl_captures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("page_id", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("http_status", sa.Integer),
        sa.Column("content_type", sa.String(128)),
        sa.Column("size", sa.Integer),
        sa.Column("sha256", sa.String(64)),
        sa.Column("warc_file", sa.Text),
        sa.Column("warc_offset", sa.BigInteger),
        sa.Column("warc_length", sa.Integer),
        sa.Column("warc_record_id", sa.String(64)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("source_id", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text),
        sa.Column("language", sa.String(8)),
        sa.Column("score", sa.Float),
        sa.Column("phash", sa.String(16)),
        sa.Column("referer", sa.Text),
        sa.Column("images", sa.JSON),
        sa.Column("error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_captures"),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["crawl_pages.id"],
            ondelete="CASCADE",
            name="fk_crawl_captures_page_id_crawl_pages",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_runs.id"],
            ondelete="SET NULL",
            name="fk_crawl_captures_run_id_crawl_runs",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            ondelete="SET NULL",
            name="fk_crawl_captures_source_id_sources",
        ),
    )
    op.create_index("ix_crawl_captures_page", "crawl_captures", ["page_id"])
    op.create_index("ix_crawl_captures_sha256", "crawl_captures", ["sha256"])
    op.create_table(
        "crawl_flags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("capture_id", sa.Integer, nullable=False),
        sa.Column("page_id", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(96), nullable=False),
        sa.Column("indicator", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("cross_ad", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_flags"),
        sa.ForeignKeyConstraint(
            ["capture_id"],
            ["crawl_captures.id"],
            ondelete="CASCADE",
            name="fk_crawl_flags_capture_id_crawl_captures",
        ),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["crawl_pages.id"],
            ondelete="CASCADE",
            name="fk_crawl_flags_page_id_crawl_pages",
        ),
    )
    op.create_index("ix_crawl_flags_capture", "crawl_flags", ["capture_id"])
    op.create_index("ix_crawl_flags_page", "crawl_flags", ["page_id"])


def downgrade() -> None:
    op.drop_table("crawl_flags")
    op.drop_table("crawl_captures")
    op.drop_table("crawl_pages")
    op.drop_table("crawl_runs")
    op.drop_table("crawl_projects")
