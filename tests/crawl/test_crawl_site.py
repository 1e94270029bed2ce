"""A full crawl of the invented ad site, checked against the site's own access log, the WARC
file and the store."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator

from opspoor.cli import cli
from opspoor.crawl.analysis import ad_entity_id
from opspoor.crawl.project import DOCS_URL
from opspoor.crawl.status import flagged_ads, image_hashes, project_status
from opspoor.crawl.tables import crawl_captures, crawl_flags, crawl_pages
from opspoor.crawl.warc import read_record
from tests.crawl.conftest import MAX_REDIRECTS, Crawled


def _page(crawled: Crawled, path: str) -> dict:
    with crawled.store.connect() as conn:
        row = conn.execute(
            select(crawl_pages).where(crawl_pages.c.url == crawled.site.url(path))
        ).first()
    assert row is not None, f"no page row for {path}"
    return dict(row._mapping)


def _content(crawled: Crawled, path: str) -> tuple[dict, list[dict]]:
    page = _page(crawled, path)
    with crawled.store.connect() as conn:
        cap = conn.execute(
            select(crawl_captures).where(crawl_captures.c.id == page["content_capture_id"])
        ).first()
        flags = conn.execute(
            select(crawl_flags).where(crawl_flags.c.capture_id == page["content_capture_id"])
        ).all()
    assert cap is not None
    return dict(cap._mapping), [dict(f._mapping) for f in flags]


# -- what was fetched, from the server's own log --------------------------------------------------
def test_every_allowed_page_is_fetched_exactly_once(crawled: Crawled) -> None:
    fetched = crawled.site.paths_fetched()
    for path in sorted(crawled.site.allowed_pages() | crawled.site.images()):
        assert fetched[path] == 1, f"{path} fetched {fetched[path]} times"
    assert fetched["/robots.txt"] == 1


def test_disallowed_and_private_targets_are_never_fetched(crawled: Crawled) -> None:
    fetched = crawled.site.paths_fetched()
    assert not [p for p in fetched if p.startswith(("/private/", "/login"))]
    assert (
        crawled.site.trap is not None and crawled.site.trap.log == []
    )  # 127.0.0.2 never contacted
    stats = crawled.report["stats"]
    assert stats["opspoor/refused/address"] == 4  # 169.254.169.254, 10.0.0.1, 127.0.0.2 twice
    assert (
        stats.get("robotstxt/forbidden", 0) == 3
    )  # /private/secret.html, /private/moved.html, /login
    # refused before any connection: no connection error was ever raised for them
    assert not any("TCPTimedOut" in k or "ConnectionRefused" in k for k in stats)
    for url, reason in [
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.0.0.1/admin/", "private"),
        (f"http://127.0.0.2:{crawled.site.trap.port}/redirected.html", "loopback"),
        (f"http://127.0.0.2:{crawled.site.trap.port}/direct.html", "loopback"),
    ]:
        with crawled.store.connect() as conn:
            row = conn.execute(select(crawl_pages).where(crawl_pages.c.url == url)).first()
        assert row is not None and row.status == "refused" and reason in row.error, (url, row)
    # the redirect that led there is kept as a hop
    assert _page(crawled, "/go/metadata")["status"] == "redirect"


def test_only_polite_gets_no_forms_no_logins(crawled: Crawled) -> None:
    log = crawled.site.log
    assert {e.method for e in log} == {"GET"}
    assert all("opspoor/" in e.user_agent and DOCS_URL in e.user_agent for e in log)
    assert not [e for e in log if e.path.startswith(("/contact", "/login"))]


def test_bad_endpoints_are_bounded_logged_and_recorded(crawled: Crawled) -> None:
    fetched = crawled.site.paths_fetched()
    loops = [p for p in fetched if p.startswith("/bad/loop/")]
    assert 1 <= len(loops) <= MAX_REDIRECTS + 1 and all(fetched[p] == 1 for p in loops)
    for path in ("/bad/huge.html", "/bad/stream.html", "/bad/slow.html"):
        assert fetched[path] == 1
        assert _page(crawled, path)["status"] == "error"
    assert "max size" in _page(crawled, "/bad/huge.html")["error"]
    assert "took longer than" in _page(crawled, "/bad/slow.html")["error"]
    for path, ctype in [
        ("/bad/report.html", "application/pdf"),
        ("/bad/data", "application/octet-stream"),
        ("/bad/feed.html", "application/json"),
    ]:
        page = _page(crawled, path)
        assert page["status"] == "skipped" and ctype in page["error"]
    malformed = _page(crawled, "/bad/malformed.html")
    assert malformed["status"] == "online" and malformed["http_status"] == 200
    assert _page(crawled, "/bad/empty.html")["status"] == "online"
    log = Path(crawled.report["log_file"]).read_text(encoding="utf-8")
    assert (
        "refused http://10.0.0.1/admin/" in log
        and "skipped http" in log
        and "took longer than" in log
    )


# -- evidence -------------------------------------------------------------------------------------
def test_warc_files_are_readable_and_hashes_match_the_store(crawled: Crawled) -> None:
    with crawled.store.connect() as conn:
        caps = conn.execute(
            select(crawl_captures).where(crawl_captures.c.warc_file.is_not(None))
        ).all()
    assert len(caps) >= 20
    files = {c.warc_file for c in caps}
    assert files == {crawled.report["warc_file"]}
    path = crawled.home / crawled.report["warc_file"]
    with path.open("rb") as fh:
        records = Counter(r.rec_type for r in ArchiveIterator(fh))
    assert records["warcinfo"] == 1 and records["response"] == records["request"] >= len(caps)
    for cap in caps:
        headers, payload = read_record(path, cap.warc_offset)
        assert headers.get_header("WARC-Type") == "response"
        assert headers.get_header("WARC-Target-URI") == cap.url
        assert hashlib.sha256(payload).hexdigest() == cap.sha256
        assert headers.get_header("WARC-Payload-Digest").startswith("sha256:")


def test_images_are_kept_as_hashes_only(crawled: Crawled) -> None:
    with crawled.store.connect() as conn:
        images = conn.execute(
            select(crawl_captures)
            .join(crawl_pages, crawl_pages.c.id == crawl_captures.c.page_id)
            .where(crawl_pages.c.kind == "image")
        ).all()
    assert len(images) == len(crawled.site.images())
    assert all(i.warc_file is None and len(i.sha256) == 64 and len(i.phash) == 16 for i in images)
    hashes = image_hashes(crawled.store, "testsite")
    lisa, mia = (ad_entity_id("testsite", crawled.site.url(f"/ad/{n}.html")) for n in (1, 5))
    assert hashes[lisa] == hashes[mia]  # the same photo on two ads
    assert hashes[lisa] != hashes[ad_entity_id("testsite", crawled.site.url("/ad/2.html"))]


# -- signals on every ad ----------------------------------------------------------------------------
PLANTED = [
    (ad["id"], p["rule"], p["text"])
    for ad in __import__("tests.crawl.site", fromlist=["x"]).load_ads()
    for p in ad.get("planted", [])
]
CLEAN = [
    ad["id"] for ad in __import__("tests.crawl.site", fromlist=["x"]).load_ads() if ad.get("clean")
]


@pytest.mark.parametrize(
    ("ad_id", "rule", "text"), PLANTED, ids=[f"ad{a}-{r}-{t[:12]}" for a, r, t in PLANTED]
)
def test_every_planted_indicator_is_flagged_with_its_span(
    crawled: Crawled, ad_id: int, rule: str, text: str
) -> None:
    cap, flags = _content(crawled, f"/ad/{ad_id}.html")
    mine = [f for f in flags if f["rule"] == rule and f["text"] == text]
    assert mine, (
        f"ad {ad_id}: {rule} did not flag {text!r}; got {[(f['rule'], f['text']) for f in flags]}"
    )
    body = cap["text"]
    occurrences = {i for i in range(len(body)) if body.startswith(text, i)}
    for f in mine:
        assert body[f["span_start"] : f["span_end"]] == text
        assert f["span_start"] in occurrences


@pytest.mark.parametrize("ad_id", CLEAN)
def test_clean_ads_get_no_flag(crawled: Crawled, ad_id: int) -> None:
    cap, flags = _content(crawled, f"/ad/{ad_id}.html")
    assert flags == [] and cap["score"] == 0
    assert _page(crawled, f"/ad/{ad_id}.html")["score"] == 0


def test_ads_are_store_sources_with_ftm_entities(crawled: Crawled) -> None:
    sources = crawled.store.list_sources(kind="capture", dataset="crawl_testsite")
    assert len(sources) == len(crawled.site.state.ads)
    entity_id = ad_entity_id("testsite", crawled.site.url("/ad/1.html"))
    ent = crawled.store.get_entity(entity_id)
    assert ent is not None and ent.entity.schema.name == "HyperText"
    props = ent.entity.properties
    assert props["phoneMentioned"] == ["+31611223344"]
    assert props["namesMentioned"] == ["Lisa"]
    assert props["sourceUrl"] == [crawled.site.url("/ad/1.html")]
    cap, _ = _content(crawled, "/ad/1.html")
    assert props["contentHash"] == [cap["sha256"]] and props["bodyText"] == [cap["text"]]
    assert "signal:young_age" in props["keywords"]
    trail = crawled.store.provenance(entity_id)
    phone = next(s for s in trail if s["prop"] == "phoneMentioned")
    start, end = map(int, phone["location"].removeprefix("chars ").split("-"))
    assert cap["text"][start:end] == "06-11223344"
    ad7 = crawled.store.get_entity(ad_entity_id("testsite", crawled.site.url("/ad/4.html")))
    assert ad7 is not None and ad7.entity.properties["emailMentioned"] == [
        "jobs@bakkerij-example.nl"
    ]


def test_pages_know_when_they_were_online(crawled: Crawled) -> None:
    page = _page(crawled, "/ad/1.html")
    assert page["status"] == "online" and page["fetch_count"] == 1
    assert page["first_seen_online"] == page["last_seen_online"] == page["last_fetched_at"]
    assert page["next_visit_at"] > page["last_fetched_at"] and page["interval_hours"] == 24


def test_status_command(crawled: Crawled) -> None:
    done = CliRunner().invoke(cli, ["--home", str(crawled.home), "crawl", "status", "--json"])
    assert done.exit_code == 0, done.output
    [status] = json.loads(done.output)
    assert status["name"] == "testsite" and status["ads"] == len(crawled.site.state.ads)
    assert status["flagged_ads"] == 7 and status["status"]["refused"] == 4
    assert status["last_run"]["status"] == "finished"
    assert project_status(crawled.store, "testsite")[0]["pages"] == status["pages"]
    ads = flagged_ads(crawled.store, "testsite")
    assert [a["score"] for a in ads] == sorted((a["score"] for a in ads), reverse=True)
    assert ads[0]["capture"]["sha256"] and ads[0]["flags"]
    done = CliRunner().invoke(
        cli, ["--home", str(crawled.home), "crawl", "status", "--project", "testsite", "--flags"]
    )
    assert done.exit_code == 0 and "nl_police.young_age" in done.output
