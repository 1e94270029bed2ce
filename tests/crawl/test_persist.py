"""Writing captures to the store, on SQLite and PostgreSQL: the life of one ad (new, seen again,
changed, gone), sources and entities, cross-ad flags and the status views. No network."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select

from opspoor.crawl.analysis import ad_entity_id, analyse
from opspoor.crawl.capture import Capture
from opspoor.crawl.persist import CaptureWriter, due_urls, start_run, update_cross_ad_flags
from opspoor.crawl.project import parse_project
from opspoor.crawl.status import flagged_ads, image_hashes, project_status
from opspoor.crawl.tables import crawl_captures, crawl_flags, crawl_pages
from opspoor.crawl.warc import WarcRef
from opspoor.signals.rules import default_rulebook
from opspoor.store.db import Store
from tests.crawl.site import png

PROJECT = parse_project(
    {
        "name": "unit",
        "seeds": ["https://ads.example/"],
        "allowed_domains": ["ads.example"],
        "ads": {"url_patterns": ["/ad/"]},
        "extract": {"names": "none"},
    }
)
BOOK = default_rulebook()
T0 = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)


def html(body: str, photo: bool = False) -> bytes:
    img = '<img src="https://ads.example/img/1.png">' if photo else ""
    return f"<html><head><title>Ad</title></head><body><article><p>{body}</p>{img}</article></body></html>".encode()


def cap(
    url: str,
    body: bytes | None,
    when: dt.datetime,
    status: int = 200,
    kind: str = "page",
    images: list[str] | None = None,
) -> Capture:
    sha = hashlib.sha256(body).hexdigest() if body is not None else None
    warc = (
        WarcRef("crawl/unit/warc/x.warc.gz", 100, 50, "<urn:uuid:x>", sha, len(body))
        if sha and kind == "page"
        else None
    )
    return Capture(
        kind=kind,
        url=url,
        requested_url=url,
        fetched_at=when.isoformat(),
        status=status,
        content_type="image/png" if kind == "image" else "text/html",
        is_ad="/ad/" in url,
        body=body,
        sha256=sha,
        warc=warc,
        images=images or [],
    )


def write(store: Store, writer: CaptureWriter, captures: list[Capture]) -> None:
    writer.write([analyse(c, PROJECT, BOOK) for c in captures])


def page(store: Store, url: str) -> dict:
    with store.connect() as conn:
        return dict(
            conn.execute(select(crawl_pages).where(crawl_pages.c.url == url)).one()._mapping
        )


def test_the_life_of_an_ad(store: Store) -> None:
    project_id, run_id = start_run(store, PROJECT)
    writer = CaptureWriter(store, PROJECT, project_id, run_id)
    url = "https://ads.example/ad/1"
    v1 = html("Escort Lisa, jong meisje, ik ben Lisa. Bel 06-11223344")
    write(store, writer, [cap(url, v1, T0)])
    p = page(store, url)
    assert (p["status"], p["fetch_count"], p["change_count"]) == ("online", 1, 0)
    assert p["score"] > 0 and p["entity_id"] == ad_entity_id("unit", url)
    first_capture = p["content_capture_id"]

    write(store, writer, [cap(url, v1, T0 + dt.timedelta(days=1))])  # the same again
    p = page(store, url)
    assert p["content_capture_id"] == first_capture and p["fetch_count"] == 2
    assert p["interval_hours"] == 48 and p["last_seen_online"].replace(tzinfo=None) == (
        T0 + dt.timedelta(days=1)
    ).replace(tzinfo=None)

    v2 = html("Escort Lisa, ik ben Lisa, nu 24/7. Bel 06-11223344")
    write(store, writer, [cap(url, v2, T0 + dt.timedelta(days=2))])
    p = page(store, url)
    assert (
        p["change_count"] == 1
        and p["content_capture_id"] != first_capture
        and p["interval_hours"] == 24
    )

    write(store, writer, [cap(url, html("weg"), T0 + dt.timedelta(days=3), status=404)])
    p = page(store, url)
    assert p["status"] == "gone" and p["gone_count"] == 1
    assert p["last_seen_online"].replace(tzinfo=None) == (T0 + dt.timedelta(days=2)).replace(
        tzinfo=None
    )

    sources = store.list_sources(kind="capture", dataset="crawl_unit")
    assert len(sources) == 2 and {s.meta["payload_sha256"] for s in sources} == {
        hashlib.sha256(v1).hexdigest(),
        hashlib.sha256(v2).hexdigest(),
    }
    entity = store.get_entity(ad_entity_id("unit", url))
    assert entity is not None and entity.source_ids == {s.id for s in sources}
    assert entity.entity.properties["phoneMentioned"] == ["+31611223344"]
    with store.connect() as conn:
        outcomes = [
            r.outcome
            for r in conn.execute(select(crawl_captures.c.outcome).order_by(crawl_captures.c.id))
        ]
        flags = conn.execute(select(crawl_flags)).all()
    assert outcomes == ["new", "unchanged", "changed", "gone"]
    assert {f.rule for f in flags} >= {"nl_police.young_age", "nl_police.availability_24_7"}
    assert counts(writer) == {"new": 1, "unchanged": 1, "changed": 1, "gone": 1}


def counts(writer: CaptureWriter) -> dict[str, int]:
    return dict(writer.counts)


def test_content_that_changes_back_reuses_its_source(store: Store) -> None:
    project_id, run_id = start_run(store, PROJECT)
    writer = CaptureWriter(store, PROJECT, project_id, run_id)
    url = "https://ads.example/ad/2"
    a, b = html("Escort Mia, ik ben Mia."), html("Escort Mia, ik ben Mia, nieuw adres.")
    for i, body in enumerate([a, b, a]):
        write(store, writer, [cap(url, body, T0 + dt.timedelta(hours=i))])
    assert len(store.list_sources(kind="capture", dataset="crawl_unit")) == 2
    assert page(store, url)["change_count"] == 2


def test_cross_ad_flags_images_and_status(store: Store) -> None:
    project_id, run_id = start_run(store, PROJECT)
    writer = CaptureWriter(store, PROJECT, project_id, run_id)
    photo = "https://ads.example/img/1.png"
    write(
        store,
        writer,
        [
            cap(
                "https://ads.example/ad/10",
                html("Escort, ik ben Lisa. Bel 06-11223344", True),
                T0,
                images=[photo],
            ),
            cap(
                "https://ads.example/ad/11",
                html("Escort, ik ben Mia. Bel 06 11 22 33 44", True),
                T0,
                images=[photo],
            ),
            cap("https://ads.example/ad/12", html("Te koop: fiets. Bel 06-99887766"), T0),
            cap(photo, png(1), T0, kind="image"),
            cap("https://ads.example/", html("index"), T0),
        ],
    )
    assert update_cross_ad_flags(store, project_id, BOOK) == 2
    assert update_cross_ad_flags(store, project_id, BOOK) == 2  # recomputed, not added again
    ads = flagged_ads(store, "unit")
    assert [a["url"] for a in ads] == ["https://ads.example/ad/10", "https://ads.example/ad/11"]
    assert all(a["flags"][0]["rule"] == "nl_police.shared_phone" for a in ads)
    [status] = project_status(store, "unit")
    assert (status["ads"], status["images"], status["flagged_ads"]) == (3, 1, 2)
    hashes = image_hashes(store, "unit")
    assert (
        hashes[ad_entity_id("unit", "https://ads.example/ad/10")]
        == hashes[ad_entity_id("unit", "https://ads.example/ad/11")]
    )
    assert due_urls(store, project_id, T0 + dt.timedelta(hours=7)) == ["https://ads.example/"]
    assert len(due_urls(store, project_id, T0, mode="all")) == 4
    assert due_urls(store, project_id, T0, mode="none") == []


def test_failed_fetches_are_recorded_without_content(store: Store) -> None:
    project_id, run_id = start_run(store, PROJECT)
    writer = CaptureWriter(store, PROJECT, project_id, run_id)
    refused = Capture(
        kind="error",
        url="http://10.0.0.1/",
        requested_url="http://10.0.0.1/",
        fetched_at=T0.isoformat(),
        error="10.0.0.1 is 10.0.0.1 (private address)",
        outcome_hint="refused",
        redirects=[
            {"url": "https://ads.example/go", "status": 302, "location": "http://10.0.0.1/"}
        ],
    )
    writer.write([analyse(refused, PROJECT, BOOK)])
    p = page(store, "http://10.0.0.1/")
    assert p["status"] == "refused" and p["next_visit_at"] is None and "private" in p["error"]
    hop = page(store, "https://ads.example/go")
    assert hop["status"] == "redirect" and hop["http_status"] == 302
    assert store.list_sources(kind="capture") == []
