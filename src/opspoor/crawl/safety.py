"""What the crawler refuses to fetch, checked twice: when a request (or redirect) is
scheduled for download, and again when the connection's address is resolved.

    >>> refusal("10.0.0.1", allow=[])
    'private'
    >>> refusal("127.0.0.1", allow=[ip_network("127.0.0.1/32")]) is None
    True

- `AddressGuardMiddleware` (downloader middleware, runs first): only GET/HEAD, only http(s),
  and the host's addresses after DNS resolution must be public. Every redirect passes through
  it again, so a redirect to 169.254.169.254 or 10.0.0.1 is refused before any connection.
- `GuardedResolver` (Twisted resolver): the address the connection actually uses is checked
  once more, so a host whose DNS answer changes between the two looks (DNS rebinding) is
  still refused.
- `ContentGuard` (extension): stops a download as soon as the headers show a content type
  the project does not keep (PDF, archives, video ...), or a size over the limit.

Private, loopback, link-local, multicast, reserved and unspecified addresses are refused unless
the project lists them in `allow_addresses` (tests do, for their site on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Sequence
from ipaddress import ip_network
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import threads
from twisted.internet.error import DNSLookupError

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
ALLOWED_METHODS = frozenset({"GET", "HEAD"})
# Host -> why the resolver refused it. Twisted reports a refused resolution as "no results",
# so the spider looks here to record the real reason.
REFUSED_AT_CONNECTION: dict[str, str] = {}
ALLOWED_SCHEMES = frozenset({"http", "https"})
HTML_TYPES = ("text/html", "application/xhtml+xml")
__all__ = ["AddressGuardMiddleware", "ContentGuard", "GuardedResolver", "ip_network", "refusal"]


def refusal(address: str, allow: Sequence[Network] = ()) -> str | None:
    """Why the crawler may not connect to `address`, or None when it may."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allow if net.version == ip.version):
        return None
    for reason, flag in (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return reason
    if not ip.is_global:
        return "not globally routable"
    return None


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def allowed_networks(values: Sequence[str] | None) -> list[Network]:
    return [ip_network(v, strict=False) for v in values or []]


class AddressGuardMiddleware:
    """Refuse requests to forbidden methods, schemes and addresses (before any connection)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.allow = allowed_networks(crawler.settings.getlist("OPSPOOR_ALLOW_ADDRESSES"))
        self.cache: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        return cls(crawler)

    def _refuse(self, request: Request, kind: str, why: str) -> IgnoreRequest:
        self.crawler.stats.inc_value(f"opspoor/refused/{kind}")
        logger.warning("refused %s: %s", request.url, why)
        request.meta["opspoor_refused"] = why
        return IgnoreRequest(f"refused: {why}")

    async def process_request(self, request: Request) -> None:
        if request.method.upper() not in ALLOWED_METHODS:
            raise self._refuse(
                request, "method", f"method {request.method} (the crawler only reads pages)"
            )
        url = urlparse_cached(request)
        if url.scheme not in ALLOWED_SCHEMES:
            raise self._refuse(request, "scheme", f"scheme {url.scheme!r}")
        host = url.hostname
        if not host:
            raise self._refuse(request, "address", "no host name")
        addresses = self.cache.get(host)
        if addresses is None:
            try:
                addresses = await maybe_deferred_to_future(threads.deferToThread(resolve, host))
            except OSError as exc:
                raise self._refuse(request, "dns", f"cannot resolve {host}: {exc}") from exc
            self.cache[host] = addresses
        for address in addresses:
            reason = refusal(address, self.allow)
            if reason is not None:
                raise self._refuse(request, "address", f"{host} is {address} ({reason} address)")


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing forbidden addresses at connection time."""

    allow: list[Network]

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow = allowed_networks(crawler.settings.getlist("OPSPOOR_ALLOW_ADDRESSES"))
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        d = super().getHostByName(name, timeout)
        d.addCallback(self._check, name)
        return d

    def _check(self, address: str, name: str) -> str:
        reason = refusal(address, getattr(self, "allow", []))
        if reason is not None:
            message = f"{name} resolves to {address}, a {reason} address: refused"
            logger.warning("refused connection to %s", message)
            REFUSED_AT_CONNECTION[name] = message
            raise DNSLookupError(message)
        return address


class ContentGuard:
    """Stop downloads whose headers show an unwanted content type or an oversized body."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.keep_images = crawler.settings.get("OPSPOOR_IMAGES", "hash") == "hash"
        self.max_image = crawler.settings.getint("OPSPOOR_MAX_IMAGE_BYTES", 2 * 1024 * 1024)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ContentGuard:
        if not crawler.settings.getbool("OPSPOOR_CONTENT_GUARD", True):
            raise NotConfigured
        guard = cls(crawler)
        crawler.signals.connect(guard.headers_received, signal=signals.headers_received)
        return guard

    def headers_received(
        self, headers: Any, body_length: int, request: Request, spider: Any
    ) -> None:
        if request.meta.get("dont_obey_robotstxt") or b"Location" in headers:
            return  # robots.txt and redirects are read whatever they are
        ctype = (
            (headers.get(b"Content-Type") or b"").decode("latin-1").split(";")[0].strip().lower()
        )
        kind = request.meta.get("opspoor_kind", "page")
        if kind == "image":
            if not ctype.startswith("image/"):
                self._stop(
                    request, "content_type", f"expected an image, got {ctype or 'no content type'}"
                )
            if body_length is not None and 0 < self.max_image < body_length:
                self._stop(request, "size", f"image of {body_length} bytes is over the limit")
            return
        if ctype and ctype not in HTML_TYPES:
            self._stop(request, "content_type", f"content type {ctype} is not kept")

    def _stop(self, request: Request, kind: str, why: str) -> None:
        self.crawler.stats.inc_value(f"opspoor/skipped/{kind}")
        logger.info("skipped %s: %s", request.url, why)
        request.meta["opspoor_skipped"] = why
        raise StopDownload(fail=True)
