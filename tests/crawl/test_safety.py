"""Address checks, project files, re-visit schedule, WARC writing and text extraction, one by one;
and the connection-time resolver check on its own (the middleware switched off)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from ipaddress import ip_network
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from twisted.internet.error import DNSLookupError

from opspoor.crawl.project import CrawlProject, RevisitPolicy, load_project, parse_project
from opspoor.crawl.safety import GuardedResolver, refusal, resolve
from opspoor.crawl.schedule import next_visit
from opspoor.crawl.tables import crawl_pages
from opspoor.crawl.text import main_text
from opspoor.crawl.warc import WarcFile, read_record
from opspoor.errors import InputError
from tests.crawl.conftest import ROOT, open_home_store, project_data, write_project
from tests.crawl.site import AdSite

EXAMPLE = ROOT / "examples" / "crawl" / "testsite.yml"


# -- addresses ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("192.168.1.20", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not globally routable"),
        ("::ffff:10.0.0.1", "private"),
        ("not-an-ip", "not an IP address"),
    ],
)
def test_non_public_addresses_are_refused(address: str, reason: str) -> None:
    assert refusal(address) == reason


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]
)
def test_public_addresses_pass(address: str) -> None:
    assert refusal(address) is None


def test_an_allowed_network_opens_exactly_that_network() -> None:
    allow = [ip_network("127.0.0.1/32")]
    assert refusal("127.0.0.1", allow) is None
    assert refusal("127.0.0.2", allow) == "loopback"
    assert refusal("10.0.0.1", allow) == "private"


def test_resolve_literals_without_dns() -> None:
    assert resolve("127.0.0.1") == ["127.0.0.1"] and resolve("[::1]") == ["::1"]


def test_guarded_resolver_refuses_after_resolution() -> None:
    resolver = GuardedResolver.__new__(GuardedResolver)
    resolver.allow = [ip_network("127.0.0.1/32")]
    assert resolver._check("127.0.0.1", "site.test") == "127.0.0.1"
    with pytest.raises(DNSLookupError, match=re.escape("169.254.169.254, a link-local address")):
        resolver._check("169.254.169.254", "metadata.test")


def test_resolver_alone_refuses_a_private_address(tmp_path: Path) -> None:
    """Defence in depth: with the address middleware switched off, the connection-time resolver
    still refuses 127.0.0.2 - and the trap server there sees nothing."""
    with AdSite() as site:
        assert site.trap is not None
        trap = f"http://127.0.0.2:{site.trap.port}/direct.html"
        data = project_data(
            site,
            name="resolver",
            seeds=[site.url("/"), trap],
            follow={"deny": ["."]},
            images="none",
            workers=0,
            extract={"names": "none"},
        )
        project = write_project(tmp_path / "p.yml", data)
        home = tmp_path / "home"
        code = (
            "import sys; from pathlib import Path; from opspoor.settings import Settings;"
            "from opspoor.store.db import open_store; from opspoor.crawl.project import load_project;"
            "from opspoor.crawl.runner import run_crawl;"
            "store = open_store(Settings.from_env({}, home=sys.argv[2]));"
            "mw = {'opspoor.crawl.evidence.EvidenceMiddleware': 950};"  # no AddressGuardMiddleware
            "r = run_crawl(store, load_project(Path(sys.argv[1])), extra_settings={'DOWNLOADER_MIDDLEWARES': mw});"
            "print(r.status)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(project), str(home)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0 and done.stdout.strip() == "finished", done.stderr[-2000:]
        assert site.trap.log == []
        assert site.paths_fetched()["/"] == 1
    store = open_home_store(home)
    with store.connect() as conn:
        row = conn.execute(select(crawl_pages).where(crawl_pages.c.url == trap)).first()
    store.engine.dispose()
    assert (
        row is not None
        and row.status == "refused"
        and "127.0.0.2, a loopback address: refused" in row.error
    )


# -- project files ------------------------------------------------------------------------------
def test_example_project_loads() -> None:
    project = load_project(EXAMPLE)
    assert project.name == "testsite" and project.allow_addresses == [ip_network("127.0.0.1/32")]
    assert project.is_ad("http://127.0.0.1:8808/ad/3.html") and not project.is_ad(
        "http://127.0.0.1:8808/"
    )
    assert "opspoor/" in project.user_agent and "docs/crawl.md" in project.user_agent


def _base() -> dict:
    return {"name": "p", "seeds": ["https://ads.example/"], "allowed_domains": ["ads.example"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Bad Name"}, "name"),
        ({"seeds": []}, "seeds"),
        ({"seeds": ["ftp://ads.example/"]}, "seeds[0]"),
        ({"seeds": ["https://other.example/"]}, "seeds[0]"),
        ({"allowed_domains": ["https://ads.example/"]}, "allowed_domains[0]"),
        ({"allow_addresses": ["not-an-ip"]}, "allow_addresses[0]"),
        ({"limits": {"max_pages": 0}}, "limits.max_pages"),
        ({"limits": {"timeout_seconds": "soon"}}, "limits.timeout_seconds"),
        ({"ads": {"url_patterns": ["(unclosed"]}}, "ads.url_patterns[0]"),
        ({"images": "keep"}, "images"),
        ({"distributed": {"redis_url": "http://x"}}, "distributed.redis_url"),
        ({"extract": {"names": "sometimes"}}, "extract.names"),
    ],
)
def test_bad_projects_name_the_field(tmp_path: Path, change: dict, field: str) -> None:
    path = tmp_path / "p.yml"
    path.write_text(json.dumps({**_base(), **change}), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_project(path)
    assert err.value.path == str(path) and err.value.field == field


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("name: p\nseeds: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_project(path)
    assert err.value.line is not None


def test_project_is_picklable_for_the_extraction_process() -> None:
    import pickle

    project = parse_project(
        {**_base(), "ads": {"url_patterns": ["/ad/"]}, "allow_addresses": ["10.1.0.0/16"]}
    )
    assert isinstance(pickle.loads(pickle.dumps(project)), CrawlProject)


# -- schedule -----------------------------------------------------------------------------------
NOW = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
POLICY = RevisitPolicy(
    ad_hours=24, page_hours=6, min_hours=1, max_hours=168, gone_hours=72, gone_checks=3
)


def test_schedule_outcomes() -> None:
    assert next_visit(NOW, "new", None, POLICY, is_ad=True) == (NOW + dt.timedelta(hours=24), 24)
    assert next_visit(NOW, "new", None, POLICY, is_ad=False)[1] == 6
    assert next_visit(NOW, "changed", 24, POLICY, is_ad=True)[1] == 12
    assert next_visit(NOW, "unchanged", 24, POLICY, is_ad=True)[1] == 48
    assert next_visit(NOW, "gone", 24, POLICY, is_ad=True, gone_count=1) == (
        NOW + dt.timedelta(hours=72),
        72,
    )
    assert next_visit(NOW, "gone", 24, POLICY, is_ad=True, gone_count=3)[0] is None
    assert next_visit(NOW, "disallowed", 24, POLICY, is_ad=True)[0] is None


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["new", "changed", "unchanged", "error", "redirect"]),
    st.floats(0.01, 10_000),
    st.booleans(),
)
def test_schedule_stays_within_bounds(outcome: str, interval: float, is_ad: bool) -> None:
    when, hours = next_visit(NOW, outcome, interval, POLICY, is_ad)
    assert when is not None and POLICY.min_hours <= hours <= POLICY.max_hours
    assert when - NOW == dt.timedelta(hours=hours)


# -- WARC and text ------------------------------------------------------------------------------
def test_warc_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with WarcFile(path, "x.warc.gz") as warc:
        first = warc.write(
            "http://a.test/1",
            "GET",
            [("User-Agent", "opspoor")],
            200,
            "OK",
            [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
            b"<p>een</p>",
            when,
        )
        second = warc.write("http://a.test/2", "GET", [], 404, "Not Found", [], b"weg", when)
    assert first.offset < second.offset
    headers, body = read_record(path, second.offset)
    assert body == b"weg" and headers.get_header("WARC-Target-URI") == "http://a.test/2"
    headers, body = read_record(path, first.offset)
    assert hashlib.sha256(body).hexdigest() == first.sha256
    # appending to the file later keeps earlier offsets valid
    with WarcFile(path, "x.warc.gz") as warc:
        third = warc.write("http://a.test/3", "GET", [], 200, "OK", [], b"drie", when)
    assert (
        read_record(path, first.offset)[1] == b"<p>een</p>"
        and read_record(path, third.offset)[1] == b"drie"
    )


def test_main_text_skips_menus_and_scripts() -> None:
    page = main_text(
        b"<html><head><title>T</title><script>var a=1</script></head><body><nav>Home | Ads</nav>"
        b"<p>Hoi, ik ben Lisa.</p><footer>(c)</footer></body></html>"
    )
    assert page.title == "T" and "Hoi, ik ben Lisa." in page.text
    assert "var a" not in page.text and "Home" not in page.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_main_text_never_raises(data: bytes) -> None:
    page = main_text(data)
    assert isinstance(page.text, str)
