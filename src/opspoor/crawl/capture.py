"""What the crawler hands to the analysis: one fetch (or failed fetch) of one URL.

Captures travel from the Scrapy process to the extraction process, so they are plain,
picklable data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opspoor.crawl.warc import WarcRef


@dataclass
class Capture:
    kind: str  # page | image | error
    url: str  # the URL the content came from (after redirects)
    requested_url: str
    fetched_at: str  # ISO 8601, UTC
    status: int | None = None
    content_type: str | None = None
    depth: int = 0
    is_ad: bool = False
    body: bytes | None = None  # HTML, or image bytes to hash (never stored for images)
    sha256: str | None = None
    warc: WarcRef | None = None
    redirects: list[dict[str, Any]] = field(default_factory=list)
    referer: str | None = None  # for images: the page they were found on
    images: list[str] = field(default_factory=list)  # for ads: the photos shown on it
    error: str | None = None
    outcome_hint: str | None = None  # refused | skipped | error, for failed fetches
