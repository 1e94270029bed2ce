"""Downloader middleware that writes every response to WARC as it arrives from the network.

It sits closest to the downloader, so it sees each response exactly as fetched - redirects,
404s and robots.txt included - before Scrapy's redirect and decompression steps. It puts
the WARC reference on the request's meta for the spider: `opspoor_warc` for the final
response, `opspoor_chain` for the redirects on the way. Images are not written (the project
keeps their hashes only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http
import logging
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.http import Response

from opspoor.crawl.warc import WarcFile

logger = logging.getLogger(__name__)


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, values in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for value in values:
            pairs.append(
                (name, value.decode("latin-1") if isinstance(value, bytes) else str(value))
            )
    return pairs


class EvidenceMiddleware:
    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.stats = crawler.stats
        self.path = Path(settings.get("OPSPOOR_WARC_PATH"))
        self.name = str(settings.get("OPSPOOR_WARC_NAME"))
        self.keep_images = settings.get("OPSPOOR_IMAGES", "hash") == "hash"
        self.warc: WarcFile | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> EvidenceMiddleware:
        return cls(crawler)

    def _file(self) -> WarcFile:
        if self.warc is None:
            self.warc = WarcFile(self.path, self.name, {"description": "opspoor crawl capture"})
        return self.warc

    def process_response(self, request: Request, response: Response) -> Response:
        now = dt.datetime.now(dt.UTC)
        meta = request.meta
        meta["opspoor_fetched_at"] = now.isoformat()
        if meta.get("opspoor_kind") == "image":
            meta["opspoor_sha256"] = hashlib.sha256(response.body).hexdigest()
            return response  # hashes only: the photo itself is not kept
        try:
            ref = self._file().write(
                url=response.url,
                method=request.method,
                request_headers=_header_pairs(request.headers),
                status=response.status,
                reason=_reason(response.status),
                response_headers=_header_pairs(response.headers),
                body=response.body,
                fetched_at=now,
                ip_address=str(response.ip_address) if response.ip_address else None,
            )
        except OSError as exc:  # a full disk must stop the crawl loudly, not lose evidence quietly
            logger.error("cannot write WARC %s: %s", self.path, exc)
            raise
        self.stats.inc_value("opspoor/warc_records")
        meta["opspoor_sha256"] = ref.sha256
        if 300 <= response.status < 400 and b"Location" in response.headers:
            location = (response.headers.get(b"Location") or b"").decode("latin-1")
            chain = list(meta.get("opspoor_chain", []))
            chain.append(
                {"url": response.url, "status": response.status, "location": location, "warc": ref}
            )
            meta["opspoor_chain"] = chain
        else:
            meta["opspoor_warc"] = ref
        return response

    def spider_closed(self, spider: Any = None) -> None:
        if self.warc is not None:
            self.warc.close()


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
