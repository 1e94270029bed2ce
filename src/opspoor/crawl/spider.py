"""The spiders: `ProjectSpider` crawls a project, `FetchSpider` fetches single URLs.

Both only ever send GET requests for URLs they were given or found in `<a href>` links (and
`<img src>` on ads, for hashing). They never fill in or submit forms, never send credentials
and keep no cookies.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from twisted.python.failure import Failure

from opspoor.crawl.capture import Capture
from opspoor.crawl.project import CrawlProject
from opspoor.crawl.safety import REFUSED_AT_CONNECTION

logger = logging.getLogger(__name__)
MAX_IMAGES_PER_AD = 12
HTML_TYPES = ("text/html", "application/xhtml+xml", "")


def _content_type(response: Response) -> str:
    return (response.headers.get(b"Content-Type") or b"").decode("latin-1")


def _is_html(response: Response) -> bool:
    ctype = _content_type(response).split(";")[0].strip().lower()
    return isinstance(response, TextResponse) and ctype in HTML_TYPES


def failure_reason(failure: Failure) -> tuple[str, str]:
    """(outcome, message) of a failed request: refused, skipped, disallowed or error."""
    request = getattr(failure, "request", None)
    meta = request.meta if request is not None else {}
    kind = type(failure.value).__name__
    message = str(failure.value) or kind
    if meta.get("opspoor_refused"):
        return "refused", str(meta["opspoor_refused"])
    if meta.get("opspoor_skipped"):
        return "skipped", str(meta["opspoor_skipped"])
    if "robots.txt" in message:
        return "disallowed", "forbidden by robots.txt"
    host = urlsplit(request.url).hostname if request is not None else None
    if host and host in REFUSED_AT_CONNECTION:
        return "refused", REFUSED_AT_CONNECTION[host]
    return "error", f"{kind}: {message}"[:500]


class ProjectSpider(scrapy.Spider):
    name = "opspoor"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ProjectSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.project.redis_url:
            crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        return spider

    def __init__(
        self, project: CrawlProject, revisit_urls: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.project = project
        self.allowed_domains = list(project.allowed_domains)
        self.revisit_urls = list(revisit_urls)
        # Not LinkExtractor's allow_domains: it compares host:port, so sites on a port never match.
        self.links = LinkExtractor(tags=("a", "area"), attrs=("href",))
        self.requested: set[str] = set()
        self.images: set[str] = set()
        self.last_activity = time.monotonic()

    def idle(self) -> None:
        """Distributed mode: an empty shared queue may fill again while other workers parse
        pages, so stay open until it has been quiet for `distributed.idle_seconds`."""
        if time.monotonic() - self.last_activity < self.project.idle_seconds:
            raise DontCloseSpider

    def on_site(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def _take(self, url: str) -> bool:
        """Whether to request `url`: on the allowed domains, not yet requested, within the
        project's page limit."""
        if (
            not self.on_site(url)
            or url in self.requested
            or len(self.requested) >= self.project.max_pages
        ):
            return False
        self.requested.add(url)
        return True

    def _page_request(self, url: str, depth: int | None = None) -> scrapy.Request:
        meta: dict[str, Any] = {"opspoor_kind": "page"}
        if depth is not None:
            meta["depth"] = depth
        return scrapy.Request(url, callback=self.parse, errback=self.failed, meta=meta)

    async def start(self) -> AsyncIterator[Any]:
        for url in [*self.project.seeds, *self.revisit_urls]:
            if self._take(url):
                yield self._page_request(url, depth=0)

    def _capture(self, response: Response, kind: str, body: bytes | None) -> Capture:
        meta = response.meta
        redirects = meta.get("redirect_urls") or []
        return Capture(
            kind=kind,
            url=response.url,
            requested_url=redirects[0] if redirects else response.url,
            fetched_at=meta.get("opspoor_fetched_at") or dt.datetime.now(dt.UTC).isoformat(),
            status=response.status,
            content_type=_content_type(response) or None,
            depth=int(meta.get("depth", 0)),
            is_ad=kind == "page" and self.project.is_ad(response.url),
            body=body,
            sha256=meta.get("opspoor_sha256"),
            warc=meta.get("opspoor_warc"),
            redirects=list(meta.get("opspoor_chain", [])),
            referer=meta.get("opspoor_referer"),
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        self.last_activity = time.monotonic()
        ok = 200 <= response.status < 300
        html = _is_html(response)
        capture = self._capture(response, "page", response.body if ok and html else None)
        photos: list[str] = []
        if ok and html and self.project.images == "hash" and capture.is_ad:
            assert isinstance(response, TextResponse)
            for src in response.xpath("//img/@src").getall()[:MAX_IMAGES_PER_AD]:
                url = response.urljoin(src)
                if url.startswith(("http://", "https://")) and url not in photos:
                    photos.append(url)
            capture.images = photos
        yield capture
        if not (ok and html):
            return
        assert isinstance(response, TextResponse)
        for link in self.links.extract_links(response):
            if self.project.may_follow(link.url) and self._take(link.url):
                yield self._page_request(link.url)
        for url in photos:
            if url not in self.images and self.on_site(url):
                self.images.add(url)
                yield scrapy.Request(
                    url,
                    callback=self.parse_image,
                    errback=self.failed,
                    priority=-1,
                    meta={"opspoor_kind": "image", "opspoor_referer": response.url},
                )

    def parse_image(self, response: Response) -> Iterator[Capture]:
        ok = 200 <= response.status < 300
        yield self._capture(response, "image", response.body if ok else None)

    def failed(self, failure: Failure) -> Iterator[Capture]:
        request = getattr(failure, "request", None)
        if request is None:
            return
        self.last_activity = time.monotonic()
        outcome, message = failure_reason(failure)
        chain = list(request.meta.get("opspoor_chain", []))
        if "offsite" in message.lower():
            if not chain:
                return  # a link outside the project: not ours to record
            outcome, message = "refused", "redirect to a host outside the allowed domains"
        logger.info("not fetched %s: %s", request.url, message)
        yield Capture(
            kind="error",
            url=request.url,
            requested_url=request.url,
            fetched_at=dt.datetime.now(dt.UTC).isoformat(),
            depth=int(request.meta.get("depth", 0)),
            is_ad=self.project.is_ad(request.url),
            referer=request.meta.get("opspoor_referer"),
            redirects=chain,
            error=message,
            outcome_hint=outcome,
        )


class FetchSpider(scrapy.Spider):
    """Fetch the given URLs once each (no links followed); results land in `self.results`."""

    name = "opspoor-fetch"

    def __init__(self, urls: Sequence[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = list(urls)
        self.results: dict[str, dict[str, Any]] = {}

    async def start(self) -> AsyncIterator[Any]:
        for url in self.urls:
            yield scrapy.Request(
                url,
                callback=self.parse,
                errback=self.failed,
                dont_filter=True,
                meta={"opspoor_kind": "page", "opspoor_url": url},
            )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        key = response.meta["opspoor_url"]
        if not 200 <= response.status < 300:
            self.results[key] = {"error": f"HTTP {response.status}", "status": response.status}
        elif not _is_html(response):
            self.results[key] = {
                "error": f"not an HTML page ({_content_type(response) or 'no content type'})"
            }
        else:
            self.results[key] = {
                "status": response.status,
                "body": response.body,
                "final_url": response.url,
            }
        return iter(())

    def failed(self, failure: Failure) -> Iterator[Any]:
        request = getattr(failure, "request", None)
        if request is not None:
            _, message = failure_reason(failure)
            self.results[request.meta.get("opspoor_url", request.url)] = {"error": message}
        return iter(())
