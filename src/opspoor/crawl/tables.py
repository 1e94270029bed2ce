"""Crawl tables: projects, runs, pages (what was online when), captures (each fetch, with its
WARC record and SHA-256) and the signal flags raised on them.

A *page* is one URL of a project and its history: first and last seen online, gone since,
when to visit next. A *capture* is one fetch of it: status, time, the WARC file and offset
of the response record and the SHA-256 of its payload. Ad captures whose content is new are
also store sources (kind "capture") holding the ad's FtM HyperText entity.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from opspoor.store.tables import metadata

TS = DateTime(timezone=True)

crawl_projects = Table(
    "crawl_projects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False),
    Column("config", JSON),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    UniqueConstraint("name", name="uq_crawl_projects_name"),
)

crawl_runs = Table(
    "crawl_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "project_id", Integer, ForeignKey("crawl_projects.id", ondelete="CASCADE"), nullable=False
    ),
    Column("job", String(64)),  # shared by the workers of one distributed crawl
    Column("started_at", TS, nullable=False),
    Column("finished_at", TS),
    Column("status", String(16), nullable=False),  # running | finished | failed
    Column("warc_file", Text),  # relative to OPSPOOR_HOME
    Column("stats", JSON),
)
Index("ix_crawl_runs_project", crawl_runs.c.project_id)

crawl_pages = Table(
    "crawl_pages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "project_id", Integer, ForeignKey("crawl_projects.id", ondelete="CASCADE"), nullable=False
    ),
    Column("url", Text, nullable=False),
    Column("url_key", String(64), nullable=False),  # SHA-256 of the URL
    Column("kind", String(8), nullable=False),  # page | ad | image
    # online | gone | redirect | error | refused (address) | disallowed (robots.txt) | skipped (type)
    Column("status", String(16), nullable=False),
    Column("http_status", Integer),
    Column("first_seen_online", TS),
    Column("last_seen_online", TS),
    Column("gone_since", TS),
    Column("gone_count", Integer, nullable=False, default=0),
    Column("last_fetched_at", TS),
    Column("next_visit_at", TS),
    Column("interval_hours", Float),
    Column("fetch_count", Integer, nullable=False, default=0),
    Column("change_count", Integer, nullable=False, default=0),
    Column("content_sha256", String(64)),
    Column("content_capture_id", Integer),  # the capture whose content is current
    Column("entity_id", String(255)),  # the ad's FtM entity
    Column("score", Float),
    Column("depth", Integer),
    Column("error", Text),
    UniqueConstraint("project_id", "url_key", name="uq_crawl_pages_project_id"),
)
Index("ix_crawl_pages_next_visit", crawl_pages.c.project_id, crawl_pages.c.next_visit_at)
Index("ix_crawl_pages_entity", crawl_pages.c.entity_id)

crawl_captures = Table(
    "crawl_captures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("page_id", Integer, ForeignKey("crawl_pages.id", ondelete="CASCADE"), nullable=False),
    Column("run_id", Integer, ForeignKey("crawl_runs.id", ondelete="SET NULL")),
    Column("url", Text, nullable=False),
    Column("fetched_at", TS, nullable=False),
    Column("http_status", Integer),
    Column("content_type", String(128)),
    Column("size", Integer),
    Column("sha256", String(64)),  # of the payload as stored in the WARC record
    Column("warc_file", Text),  # relative to OPSPOOR_HOME
    Column("warc_offset", BigInteger),  # where the response record starts in the file
    Column("warc_length", Integer),
    Column("warc_record_id", String(64)),
    Column("outcome", String(16), nullable=False),  # new | changed | unchanged | gone | error ...
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("title", Text),
    Column("text", Text),  # the main text that flag spans index (ads only)
    Column("language", String(8)),
    Column("score", Float),
    Column("phash", String(16)),  # perceptual hash (images)
    Column("referer", Text),  # the page an image was first found on
    Column("images", JSON),  # ads: URLs of the photos shown (hashed as their own captures)
    Column("error", Text),
)
Index("ix_crawl_captures_page", crawl_captures.c.page_id)
Index("ix_crawl_captures_sha256", crawl_captures.c.sha256)

crawl_flags = Table(
    "crawl_flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "capture_id", Integer, ForeignKey("crawl_captures.id", ondelete="CASCADE"), nullable=False
    ),
    Column("page_id", Integer, ForeignKey("crawl_pages.id", ondelete="CASCADE"), nullable=False),
    Column("rule", String(96), nullable=False),
    Column("indicator", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("weight", Float, nullable=False),
    Column("cross_ad", Boolean, nullable=False, default=False),
)
Index("ix_crawl_flags_capture", crawl_flags.c.capture_id)
Index("ix_crawl_flags_page", crawl_flags.c.page_id)
