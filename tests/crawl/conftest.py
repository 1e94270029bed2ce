"""Crawl fixtures: the invented ad site on 127.0.0.1 and crawls of it run as subprocesses
(Scrapy's Twisted reactor starts once per process, so each crawl gets its own)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from opspoor.settings import Settings
from opspoor.store.db import Store
from tests.crawl.site import AdSite

ROOT = Path(__file__).resolve().parents[2]
# Small limits keep the bad endpoints (slow loris, endless stream) quick.
TIMEOUT_SECONDS = 1.5
MAX_PAGE_BYTES = 256 * 1024
MAX_REDIRECTS = 4


def project_data(site: AdSite, name: str = "testsite", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": name,
        "seeds": [site.url("/")],
        # The private targets are listed as allowed *domains* on purpose: what must stop them is
        # the address check, not the domain filter.
        "allowed_domains": ["127.0.0.1", "127.0.0.2", "10.0.0.1", "169.254.169.254"],
        "allow_addresses": ["127.0.0.1/32"],
        "limits": {
            "max_depth": 6,
            "max_pages": 500,
            "max_page_bytes": MAX_PAGE_BYTES,
            "timeout_seconds": TIMEOUT_SECONDS,
            "max_redirects": MAX_REDIRECTS,
            "retries": 0,
        },
        "politeness": {
            "delay_seconds": 0,
            "autothrottle": False,
            "concurrency": 8,
            "concurrency_per_host": 8,
            "contact": "https://example.org/our-ngo",
        },
        "ads": {"url_patterns": [r"/ad/\d+\.html$"]},
        "images": "hash",
        "revisit": {"ad_hours": 24, "page_hours": 6, "gone_hours": 72},
    }
    data.update(overrides)
    return data


def write_project(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def run_cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPSPOOR_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    env.pop("OPSPOOR_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "opspoor", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def crawl(home: Path, project: Path, *args: str) -> dict[str, Any]:
    done = run_cli(home, "crawl", "run", str(project), "--json", *args)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


@dataclass
class Crawled:
    home: Path
    site: AdSite
    report: dict[str, Any]
    store: Store


def open_home_store(home: Path) -> Store:
    return Store(Settings.from_env({}, home=home))


@pytest.fixture(scope="module")
def site() -> Iterator[AdSite]:
    with AdSite() as s:
        yield s


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, site: AdSite) -> Iterator[Crawled]:
    """One full crawl of the test site, shared by the tests of a module."""
    home = tmp_path_factory.mktemp("crawl-home")
    # two extraction processes: their counts are merged and the cross-ad step runs once after both
    project = write_project(
        home.parent / f"{home.name}.yml",
        project_data(site, workers=2, extract={"names": "flagged"}),
    )
    report = crawl(home, project)
    store = open_home_store(home)
    yield Crawled(home, site, report, store)
    store.engine.dispose()
