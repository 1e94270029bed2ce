"""Distributed mode: two crawler processes share one scheduler and dupe filter in the real Redis
server on 127.0.0.1:6379 (scripts/ensure-redis.sh), and between them fetch every page once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from sqlalchemy import func, select

from opspoor.crawl.tables import crawl_pages, crawl_runs
from tests.crawl.conftest import ROOT, open_home_store, project_data, write_project
from tests.crawl.site import AdSite

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_client() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError as exc:  # make test starts it; say so rather than skip silently
        raise AssertionError(
            "no Redis on 127.0.0.1:6379: run `bash scripts/ensure-redis.sh`"
        ) from exc
    return client


def test_two_workers_fetch_each_page_once(tmp_path: Path, redis_client: redis.Redis) -> None:
    job = f"test-{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home"
    # The site holds ad pages until both workers have fetched robots.txt: the first worker's
    # requests wait in the shared Redis queue until the second one takes some.
    with AdSite(extra_ads=20, hold_ads_until_robots=2) as site:
        data = project_data(
            site,
            name="shared",
            follow={"deny": ["/bad/", "/go/", "/about"]},
            images="none",
            # generous: under load a worker may wait a while before the other fills the queue
            distributed={"redis_url": REDIS_URL, "idle_seconds": 8},
            extract={"names": "none"},
        )
        data["politeness"].update(concurrency=2, concurrency_per_host=2)
        data["limits"]["timeout_seconds"] = 30  # held pages wait for the second worker
        project = write_project(tmp_path / "shared.yml", data)
        env = {**os.environ, "OPSPOOR_HOME": str(home)}
        env.pop("OPSPOOR_DB", None)
        # create the tables once (as `opspoor db upgrade` does) before the workers start
        open_home_store(home).migrate()
        args = [
            sys.executable,
            "-m",
            "opspoor",
            "crawl",
            "run",
            str(project),
            "--job",
            job,
            "--json",
        ]
        try:
            # Output goes to files, not pipes: a hung worker can then be killed and read.
            logs = [(tmp_path / f"worker{i}.out", tmp_path / f"worker{i}.err") for i in range(2)]
            workers = [
                subprocess.Popen(
                    args,
                    cwd=ROOT,
                    env=env,
                    stdout=out.open("w"),
                    stderr=err.open("w"),
                    text=True,
                )
                for out, err in logs
            ]
            for w in workers:
                try:
                    w.wait(timeout=180)
                except subprocess.TimeoutExpired:
                    for other in workers:
                        other.kill()
                    tails = [err.read_text()[-3000:] for _, err in logs]
                    raise AssertionError(f"a crawl worker hung; stderr tails: {tails}") from None
            outputs = [(out.read_text(), err.read_text()) for out, err in logs]
        finally:
            for key in redis_client.scan_iter(f"opspoor:shared:{job}:*"):
                redis_client.delete(key)
        for w, (_out, err) in zip(workers, outputs, strict=True):
            assert w.returncode == 0, err[-2000:]
        reports = [json.loads(out) for out, _ in outputs]
        fetched = site.paths_fetched()
        expected = {p for p in site.allowed_pages() if not p.startswith(("/bad/", "/about"))}
        for path in sorted(expected):
            assert fetched[path] == 1, f"{path} fetched {fetched[path]} times"
    assert {r["job"] for r in reports} == {job}
    # both took part through the shared Redis queue, and together they fetched every page once
    assert all(r["stats"].get("scheduler/dequeued/redis", 0) > 0 for r in reports)
    pages_by_worker = [r["stats"].get("opspoor/captures/page", 0) for r in reports]
    assert min(pages_by_worker) > 0 and sum(pages_by_worker) == len(expected)
    store = open_home_store(home)
    with store.connect() as conn:
        runs = conn.execute(select(crawl_runs.c.job, crawl_runs.c.status)).all()
        ads = conn.execute(
            select(func.count()).where(crawl_pages.c.kind == "ad", crawl_pages.c.status == "online")
        ).scalar_one()
    store.engine.dispose()
    assert sorted(runs) == [(job, "finished"), (job, "finished")]
    assert ads == len(site.state.ads)
