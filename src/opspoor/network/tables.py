"""Network tables: link runs and the groups they found, image hashes, analyst judgements,
scored candidate pairs and the clusters (canonical ids) resolution settles on.

Judgements are append-only: a new judgement on a pair is a new row and the latest one wins.
Nothing a run computes ever writes to `network_judgements`, so a re-run cannot undo an analyst.
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

ID = 255  # entity ids, as in the store's tables

network_runs = Table(
    "network_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # link | resolve
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("params", JSON),
    Column("stats", JSON),
)

# Why two items were linked: one row per link the union-find used (a spanning set, not every pair).
network_links = Table(
    "network_links",
    metadata,
    Column("run_id", Integer, ForeignKey("network_runs.id", ondelete="CASCADE"), nullable=False),
    Column("left_id", String(ID), nullable=False),
    Column("right_id", String(ID), nullable=False),
    Column("kind", String(16), nullable=False),  # phone | email | handle | iban | text | image
    Column("value", Text, nullable=False),  # the shared identifier, or a description of the match
    Column("score", Float, nullable=False),  # 1.0 for identifiers, similarity for text/images
)
Index("ix_network_links_run", network_links.c.run_id)

# Link groups ("personas", operations): every item of the run with its group.
network_groups = Table(
    "network_groups",
    metadata,
    Column("run_id", Integer, ForeignKey("network_runs.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(ID), primary_key=True),
    Column("group_id", String(64), nullable=False),
    Column("group_size", Integer, nullable=False),
)
Index("ix_network_groups_group", network_groups.c.group_id)

# Perceptual hashes of photos seen in ads; the photo itself is only kept when the setting says so.
network_image_hashes = Table(
    "network_image_hashes",
    metadata,
    Column("entity_id", String(ID), primary_key=True),
    Column("image_sha256", String(64), primary_key=True),
    Column("phash", String(16), nullable=False),  # 64-bit DCT hash, hex
    Column("label", Text),  # file name or URL the photo came from
    Column("stored_path", Text),  # set only when photos are kept
    Column("created_at", DateTime(timezone=True), nullable=False),
)

network_judgements = Table(
    "network_judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", String(ID), nullable=False),  # left_id < right_id
    Column("right_id", String(ID), nullable=False),
    Column("judgement", String(16), nullable=False),  # same | not_same | unsure
    Column("analyst", String(128), nullable=False),
    Column("reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_network_judgements_pair", network_judgements.c.left_id, network_judgements.c.right_id)

# Candidate pairs of the latest resolve run with their scores (the review queue comes from here).
network_candidates = Table(
    "network_candidates",
    metadata,
    Column("run_id", Integer, ForeignKey("network_runs.id", ondelete="CASCADE"), primary_key=True),
    Column("left_id", String(ID), primary_key=True),
    Column("right_id", String(ID), primary_key=True),
    Column("matcher_score", Float),
    Column("probability", Float, nullable=False),
    Column("weight", Float, nullable=False),  # Fellegi-Sunter match weight, log2 odds
    Column("comparisons", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # merge | review | blocked | below
)

# entity -> canonical id, for entities merged with at least one other. Absent = its own id.
network_clusters = Table(
    "network_clusters",
    metadata,
    Column("entity_id", String(ID), primary_key=True),
    Column("canonical_id", String(ID), nullable=False),
    Column("run_id", Integer),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_network_clusters_canonical", network_clusters.c.canonical_id)
