"""Run linking over the ads and documents in the store and keep the groups it finds.

>>> add_photos(store, "ad-17", [Path("photo1.jpg")])   # hashes kept, photos not (default)
>>> run = link_store(store)
>>> [g["size"] for g in stored_groups(store)][:3]
[41, 17, 9]
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update

from opspoor.errors import InputError
from opspoor.network.images import hash_file, hash_from_hex, hash_hex
from opspoor.network.linking import (
    ITEM_SCHEMATA,
    LinkConfig,
    LinkResult,
    items_from_entities,
    link_items,
)
from opspoor.network.tables import network_groups, network_image_hashes, network_links, network_runs
from opspoor.settings import Settings
from opspoor.store.db import Store

KEEP_PHOTOS_ENV = "OPSPOOR_KEEP_PHOTOS"


def keep_photos(env: dict[str, str] | None = None) -> bool:
    """Whether photos are kept next to their hashes: off unless OPSPOOR_KEEP_PHOTOS says so.

    Linking needs only the hashes; a store of photos of (often exploited) people is a risk
    to them and a burden to whoever keeps it, so the default is not to.
    """
    value = (env if env is not None else os.environ).get(KEEP_PHOTOS_ENV, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def photo_dir(settings: Settings) -> Path:
    return settings.home / "photos"


def add_photos(
    store: Store, entity_id: str, paths: Sequence[Path], keep: bool | None = None
) -> list[dict[str, Any]]:
    """Hash photos seen in an ad or document and record the hashes against it.

    With `keep` (default: the OPSPOOR_KEEP_PHOTOS setting) a copy of each photo is kept
    under the home folder, named by its SHA-256; otherwise only the hash is stored.
    """
    keep = keep_photos() if keep is None else keep
    rows = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise InputError("no such photo file", path=path)
        sha, phash = hash_file(path)
        stored_path = None
        if keep:
            folder = photo_dir(store.settings)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{sha}{path.suffix.lower()}"
            if not target.exists():
                shutil.copyfile(path, target)
            stored_path = str(target)
        rows.append(
            {
                "entity_id": entity_id,
                "image_sha256": sha,
                "phash": hash_hex(phash),
                "label": path.name,
                "stored_path": stored_path,
                "created_at": dt.datetime.now(dt.UTC),
            }
        )
    save_image_hashes(store, rows)
    return rows


def save_image_hashes(store: Store, rows: Sequence[dict[str, Any]]) -> None:
    """Store image-hash rows (entity_id, image_sha256, phash, label, stored_path, created_at);
    a photo seen again on the same entity replaces its row."""
    with store.transaction() as conn:
        for row in rows:
            conn.execute(
                delete(network_image_hashes).where(
                    network_image_hashes.c.entity_id == row["entity_id"],
                    network_image_hashes.c.image_sha256 == row["image_sha256"],
                )
            )
        for i in range(0, len(rows), 5000):
            conn.execute(insert(network_image_hashes), list(rows[i : i + 5000]))


def read_photo_manifest(path: Path) -> list[tuple[str, Path]]:
    """(entity_id, photo path) rows of a CSV with columns entity_id,path (paths relative to it)."""
    import csv

    out: list[tuple[str, Path]] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = {"entity_id", "path"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(
                    f"missing column(s) {', '.join(sorted(missing))}",
                    path=path,
                    line=1,
                    field=sorted(missing)[0],
                )
            for lineno, row in enumerate(reader, start=2):
                entity_id = (row.get("entity_id") or "").strip()
                photo = (row.get("path") or "").strip()
                if not entity_id or not photo:
                    raise InputError(
                        "entity_id and path are both needed",
                        path=path,
                        line=lineno,
                        field="entity_id" if not entity_id else "path",
                    )
                photo_path = Path(photo)
                if not photo_path.is_absolute():
                    photo_path = path.parent / photo_path
                if not photo_path.is_file():
                    raise InputError(
                        f"no such photo file {photo}", path=path, line=lineno, field="path"
                    )
                out.append((entity_id, photo_path))
    except OSError as exc:
        raise InputError(f"cannot read photo list: {exc}", path=path) from exc
    return out


def image_hashes(store: Store) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    with store.connect() as conn:
        for entity_id, phash in conn.execute(
            select(network_image_hashes.c.entity_id, network_image_hashes.c.phash)
        ):
            out[entity_id].append(hash_from_hex(phash))
    return out


@dataclass
class LinkRun:
    run_id: int
    result: LinkResult

    def as_dict(self, min_size: int = 2, with_groups: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"run_id": self.run_id, **self.result.stats()}
        data["ignored_as_common"] = self.result.ignored
        if with_groups:
            data["groups"] = groups_summary(self.result, min_size)
        return data


def groups_summary(result: LinkResult, min_size: int = 2) -> list[dict[str, Any]]:
    by_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in result.links:
        by_group[result.group_of[link.left]].append(link.as_dict())
    out: list[dict[str, Any]] = []
    for gid, members in result.groups.items():
        if len(members) < min_size:
            continue
        links = by_group.get(gid, [])
        shared: dict[str, set[str]] = defaultdict(set)
        for lk in links:
            if lk["kind"] not in ("text", "image"):
                shared[lk["kind"]].add(lk["value"])
        out.append(
            {
                "group": gid,
                "size": len(members),
                "members": members,
                "shared": {k: sorted(v) for k, v in sorted(shared.items())},
                "links": links,
            }
        )
    out.sort(key=lambda g: (-g["size"], g["group"]))
    return out


def link_store(
    store: Store,
    config: LinkConfig | None = None,
    source_ids: Sequence[int] | None = None,
    scan_phones: bool = False,
) -> LinkRun:
    """Link every ad and document of the current sources; store the run, links and groups."""
    config = config or LinkConfig()
    started = dt.datetime.now(dt.UTC)
    entities = store.iter_entities(source_ids=source_ids, schemata=list(ITEM_SCHEMATA))
    items = items_from_entities(
        (s.entity for s in entities), image_hashes(store), scan_phones=scan_phones
    )
    result = link_items(items, config)
    save_link_result(store, result, {**config.as_dict(), "scan_phones": scan_phones}, started)
    run = latest_link_run_id(store)
    assert run is not None
    return LinkRun(run, result)


def save_link_result(
    store: Store, result: LinkResult, params: dict[str, Any], started: dt.datetime
) -> int:
    with store.transaction() as conn:
        res = conn.execute(
            insert(network_runs).values(kind="link", started_at=started, params=params)
        )
        assert res.inserted_primary_key is not None
        run_id = int(res.inserted_primary_key[0])
        # Keep only the latest run's groups and links; older runs stay listed in network_runs.
        conn.execute(delete(network_links).where(network_links.c.run_id != run_id))
        conn.execute(delete(network_groups).where(network_groups.c.run_id != run_id))
        link_rows = [
            {
                "run_id": run_id,
                "left_id": lk.left,
                "right_id": lk.right,
                "kind": lk.kind,
                "value": lk.value,
                "score": lk.score,
            }
            for lk in result.links
        ]
        group_rows = [
            {"run_id": run_id, "entity_id": m, "group_id": gid, "group_size": len(members)}
            for gid, members in result.groups.items()
            if len(members) > 1
            for m in members
        ]
        for rows, table in ((link_rows, network_links), (group_rows, network_groups)):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i : i + 5000])
        stats = result.stats()
        conn.execute(
            update(network_runs)
            .where(network_runs.c.id == run_id)
            .values(finished_at=dt.datetime.now(dt.UTC), stats={**stats, "ignored": result.ignored})
        )
    return run_id


def latest_link_run_id(store: Store) -> int | None:
    q = (
        select(network_runs.c.id)
        .where(network_runs.c.kind == "link")
        .order_by(network_runs.c.id.desc())
        .limit(1)
    )
    with store.connect() as conn:
        row = conn.execute(q).first()
    return int(row[0]) if row else None


def stored_groups(store: Store, min_size: int = 2) -> list[dict[str, Any]]:
    """The latest link run's groups with their members and the links that made them."""
    run_id = latest_link_run_id(store)
    if run_id is None:
        return []
    members: dict[str, list[str]] = defaultdict(list)
    group_of: dict[str, str] = {}
    with store.connect() as conn:
        for entity_id, gid in conn.execute(
            select(network_groups.c.entity_id, network_groups.c.group_id).where(
                network_groups.c.run_id == run_id
            )
        ):
            members[gid].append(entity_id)
            group_of[entity_id] = gid
        links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in conn.execute(select(network_links).where(network_links.c.run_id == run_id)):
            gid = group_of.get(row.left_id)
            if gid is not None:
                links[gid].append(
                    {
                        "left": row.left_id,
                        "right": row.right_id,
                        "kind": row.kind,
                        "value": row.value,
                        "score": row.score,
                    }
                )
    out: list[dict[str, Any]] = [
        {"group": gid, "size": len(ms), "members": sorted(ms), "links": links.get(gid, [])}
        for gid, ms in members.items()
        if len(ms) >= min_size
    ]
    out.sort(key=lambda g: (-g["size"], g["group"]))
    return out
