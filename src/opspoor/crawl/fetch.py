"""Fetch single pages with the crawler's safety checks (for `opspoor signals scan URL`).

    >>> [page] = fetch_pages(["https://ads.example/ad/1"])
    >>> page.text[:40], page.error
    ('Hoi, ik ben Lisa ...', None)

robots.txt is obeyed, only GET is sent, private/loopback/link-local addresses are refused
(unless `allow_private`, for testing against a local site), and the size, time and redirect
limits of a crawl apply. Nothing is stored. Runs Scrapy in this process, once per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from ipaddress import ip_network
from urllib.parse import urlsplit

from opspoor.crawl.project import CrawlProject
from opspoor.crawl.runner import base_settings
from opspoor.crawl.text import main_text

# With --allow-private every address may be contacted; meant for tests on 127.0.0.1.
ANY_ADDRESS = [ip_network("0.0.0.0/0"), ip_network("::/0")]


@dataclass(frozen=True)
class FetchedPage:
    url: str
    text: str = ""
    title: str | None = None
    final_url: str | None = None
    error: str | None = None


def fetch_project(urls: Sequence[str], allow_private: bool) -> CrawlProject:
    hosts = sorted({(urlsplit(u).hostname or "").lower() for u in urls} - {""})
    return CrawlProject(
        name="scan",
        seeds=list(urls),
        allowed_domains=hosts,
        allow_addresses=list(ANY_ADDRESS) if allow_private else [],
        max_depth=0,
        max_pages=len(urls),
        timeout_seconds=30.0,
        retries=1,
        delay_seconds=0.0,
        autothrottle=False,
        images="none",
    )


def fetch_pages(urls: Sequence[str], allow_private: bool = False) -> list[FetchedPage]:
    """Fetch each URL once; a page that cannot be fetched comes back with `error` set."""
    from scrapy.crawler import CrawlerProcess

    from opspoor.crawl.spider import FetchSpider

    project = fetch_project(urls, allow_private)
    settings = base_settings(project, log_level="WARNING")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FetchSpider)
    process.crawl(crawler, urls=list(urls))
    process.start()
    spider = crawler.spider
    results = getattr(spider, "results", {}) if spider is not None else {}
    pages = []
    for url in urls:
        got = results.get(url)
        if got is None:
            pages.append(
                FetchedPage(url, error="not fetched (refused or filtered; see the log above)")
            )
        elif "error" in got:
            pages.append(FetchedPage(url, error=str(got["error"])))
        else:
            page = main_text(got["body"])
            pages.append(FetchedPage(url, page.text, page.title, got.get("final_url")))
    return pages
