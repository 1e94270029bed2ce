"""`opspoor signals scan URL`: one explicit fetch with the crawler's safety checks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.crawl.conftest import run_cli
from tests.crawl.site import AdSite


def test_scan_urls_on_the_test_site(tmp_path: Path, site: AdSite) -> None:
    private = site.url("/private/secret.html")
    done = run_cli(
        tmp_path,
        "signals",
        "scan",
        site.url("/ad/1.html"),
        site.url("/ad/9.html"),
        "--allow-private",
        "--json",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lisa, grace = json.loads(done.stdout)
    assert lisa["path"] == site.url("/ad/1.html") and lisa["flagged"] is True
    assert {"nl_police.young_age", "nl_police.extreme_services"} <= {
        f["rule"] for f in lisa["flags"]
    }
    assert grace["flagged"] is False and grace["flags"] == []
    # robots.txt still rules, even for one explicit fetch
    done = run_cli(tmp_path, "signals", "scan", private, "--allow-private")
    assert done.returncode == 2 and "robots.txt" in done.stderr
    assert site.paths_fetched()["/private/secret.html"] == 0


def test_scan_url_refuses_loopback_without_the_flag(tmp_path: Path, site: AdSite) -> None:
    before = site.paths_fetched()["/ad/2.html"]
    done = run_cli(tmp_path, "signals", "scan", site.url("/ad/2.html"), "--json")
    assert done.returncode == 2
    assert "loopback" in done.stderr and site.url("/ad/2.html") in done.stderr
    assert site.paths_fetched()["/ad/2.html"] == before  # refused before connecting
