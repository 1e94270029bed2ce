"""Re-crawling: changed ads get a new capture and source, vanished ads (404, 410) keep their
"last seen online", unchanged ones are not stored again, and every page gets a next visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from opspoor.crawl.persist import as_utc
from opspoor.crawl.tables import crawl_captures, crawl_pages
from opspoor.store.db import Store
from tests.crawl.conftest import crawl, open_home_store, project_data, write_project
from tests.crawl.site import AdSite


@dataclass
class Recrawled:
    site: AdSite
    store: Store
    first: dict[str, Any]
    second: dict[str, Any]
    before: dict[str, dict[str, Any]]


def _pages(store: Store) -> dict[str, dict[str, Any]]:
    with store.connect() as conn:
        return {r.url: dict(r._mapping) for r in conn.execute(select(crawl_pages))}


@pytest.fixture(scope="module")
def recrawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recrawled]:
    home = tmp_path_factory.mktemp("recrawl-home")
    with AdSite() as site:
        # extraction inside the crawler process (workers: 0): the other tests use the separate one
        data = project_data(
            site,
            name="revisits",
            follow={"deny": ["/bad/", "/go/", "/about"]},
            images="none",
            workers=0,
            extract={"names": "none"},
        )
        project = write_project(home.parent / f"{home.name}.yml", data)
        first = crawl(home, project)
        store = open_home_store(home)
        before = _pages(store)
        site.set_version("v2")
        second = crawl(home, project, "--revisit", "all")
        yield Recrawled(site, store, first, second, before)
        store.engine.dispose()


def test_second_run_revisits_known_pages(recrawled: Recrawled) -> None:
    assert recrawled.first["revisited"] == 0
    assert recrawled.second["revisited"] == len(
        [p for p in recrawled.before.values() if p["status"] == "online"]
    )
    fetched = recrawled.site.paths_fetched()
    assert fetched["/ad/1.html"] == 2 and fetched["/ad/3.html"] == 2


def test_changed_ad_gets_a_new_capture_and_source(recrawled: Recrawled) -> None:
    url = recrawled.site.url("/ad/2.html")
    page = _pages(recrawled.store)[url]
    assert page["change_count"] == 1 and page["status"] == "online" and page["fetch_count"] == 2
    with recrawled.store.connect() as conn:
        caps = conn.execute(
            select(crawl_captures)
            .where(crawl_captures.c.page_id == page["id"])
            .order_by(crawl_captures.c.id)
        ).all()
    assert [c.outcome for c in caps] == ["new", "changed"] and caps[0].sha256 != caps[1].sha256
    assert page["content_capture_id"] == caps[1].id and "this week only" in caps[1].text
    sources = [s for s in recrawled.store.list_sources(kind="capture") if s.label == url]
    assert len(sources) == 2
    # changed content: reached sooner next time (24 h halved)
    assert page["interval_hours"] == 12


@pytest.mark.parametrize(("ad", "status"), [(3, 404), (8, 410)])
def test_vanished_ad_keeps_last_seen_online(recrawled: Recrawled, ad: int, status: int) -> None:
    url = recrawled.site.url(f"/ad/{ad}.html")
    before, after = recrawled.before[url], _pages(recrawled.store)[url]
    assert after["status"] == "gone" and after["http_status"] == status
    assert after["last_seen_online"] == before["last_seen_online"]
    assert after["first_seen_online"] == before["first_seen_online"]
    assert after["gone_since"] == after["last_fetched_at"] > before["last_fetched_at"]
    assert after["content_capture_id"] == before["content_capture_id"]  # the evidence stays
    gone_at, next_visit = as_utc(after["gone_since"]), as_utc(after["next_visit_at"])
    assert gone_at is not None and next_visit is not None
    assert next_visit - gone_at == dt.timedelta(hours=72)


def test_unchanged_ad_is_seen_again_but_not_stored_again(recrawled: Recrawled) -> None:
    url = recrawled.site.url("/ad/1.html")
    before, after = recrawled.before[url], _pages(recrawled.store)[url]
    assert after["last_seen_online"] > before["last_seen_online"]
    assert (
        after["content_capture_id"] == before["content_capture_id"] and after["change_count"] == 0
    )
    assert after["interval_hours"] == 48  # stable: come back later
    assert len([s for s in recrawled.store.list_sources(kind="capture") if s.label == url]) == 1
    assert (
        recrawled.second["summary"]["unchanged"] >= 9 and recrawled.second["summary"]["gone"] == 2
    )


def test_every_page_has_a_next_visit(recrawled: Recrawled, tmp_path: Path) -> None:
    pages = _pages(recrawled.store)
    online = [p for p in pages.values() if p["status"] in ("online", "gone")]
    assert online and all(p["next_visit_at"] is not None for p in online)
    disallowed = [p for p in pages.values() if p["status"] == "disallowed"]
    assert disallowed and all(p["next_visit_at"] is None for p in disallowed)
