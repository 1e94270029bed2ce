"""A crawl project: what to crawl, how politely, and what to keep. Read from a YAML file.

    >>> project = load_project(Path("examples/crawl/testsite.yml"))
    >>> project.name, project.seeds
    ('testsite', ['http://127.0.0.1:8808/'])

Every field is checked when the file is read; a bad value raises `InputError` naming the file
and the field. There is no switch to ignore robots.txt, to send forms or to log in: the
crawler only ever sends GET requests for links it finds (see docs/crawl.md, "Lawful by design").
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from opspoor import __version__
from opspoor.errors import InputError

# Where site owners can read what the crawler is and why it visits (sent in the User-Agent).
DOCS_URL = "https://github.com/opspoor/opspoor/blob/main/docs/crawl.md"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class RevisitPolicy:
    """When to come back to a page (hours). Changed pages are revisited sooner, stable ones later."""

    ad_hours: float = 24.0
    page_hours: float = 6.0
    min_hours: float = 1.0
    max_hours: float = 24.0 * 7
    gone_hours: float = 72.0
    gone_checks: int = 3  # stop revisiting after this many "gone" answers in a row


@dataclass(frozen=True)
class CrawlProject:
    name: str
    seeds: list[str]
    allowed_domains: list[str]
    path: Path | None = None
    description: str = ""
    allow_addresses: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(
        default_factory=list
    )
    max_depth: int = 3
    max_pages: int = 1000
    max_page_bytes: int = 5 * 1024 * 1024
    max_image_bytes: int = 2 * 1024 * 1024
    timeout_seconds: float = 30.0
    max_redirects: int = 5
    retries: int = 1
    delay_seconds: float = 2.0
    autothrottle: bool = True
    concurrency_per_host: int = 2
    concurrency: int = 8
    contact: str | None = None
    ad_patterns: list[re.Pattern[str]] = field(default_factory=list)
    follow_allow: list[re.Pattern[str]] = field(default_factory=list)
    follow_deny: list[re.Pattern[str]] = field(default_factory=list)
    images: str = "hash"  # none | hash
    revisit: RevisitPolicy = field(default_factory=RevisitPolicy)
    region: str = "NL"
    domains: tuple[str, ...] = ("ads", "labour")
    redis_url: str | None = None
    idle_seconds: float = 30.0  # distributed: how long a worker waits on an empty shared queue
    workers: int = 1  # extraction processes (0: extract inside the crawler process)
    # people and places through the document extractors: none (default), flagged ads, all ads.
    # Identifiers (phones, e-mail, IBAN) and language always come from the extractors.
    extract_names: str = "none"

    @property
    def dataset(self) -> str:
        """The store dataset of this project's captures."""
        return f"crawl_{self.name.replace('-', '_')}"

    @property
    def user_agent(self) -> str:
        contact = f"; contact {self.contact}" if self.contact else ""
        return f"opspoor/{__version__} (+{DOCS_URL}; research crawler against human trafficking{contact})"

    def is_ad(self, url: str) -> bool:
        """Pages matching `ads.url_patterns` are ads (every HTML page when none are given)."""
        return not self.ad_patterns or any(p.search(url) for p in self.ad_patterns)

    def may_follow(self, url: str) -> bool:
        if any(p.search(url) for p in self.follow_deny):
            return False
        return not self.follow_allow or any(p.search(url) for p in self.follow_allow)

    def to_config(self) -> dict[str, Any]:
        """A JSON-able summary, kept with the project in the store."""
        return {
            "seeds": self.seeds,
            "allowed_domains": self.allowed_domains,
            "allow_addresses": [str(n) for n in self.allow_addresses],
            "max_depth": self.max_depth,
            "max_pages": self.max_pages,
            "images": self.images,
            "ads": [p.pattern for p in self.ad_patterns],
            "source_file": str(self.path) if self.path else None,
        }


def _fail(path: Path | None, field_name: str, message: str, hint: str | None = None) -> InputError:
    return InputError(message, path=path, field=field_name, hint=hint)


def _number(
    data: dict[str, Any],
    key: str,
    default: float,
    path: Path | None,
    where: str,
    lo: float = 0,
    hi: float | None = None,
) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, f"{where}{key}", f"expected a number, got {value!r}")
    if value < lo or (hi is not None and value > hi):
        bound = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise _fail(path, f"{where}{key}", f"must be {bound}, got {value}")
    return float(value)


def _patterns(values: Any, path: Path | None, where: str) -> list[re.Pattern[str]]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise _fail(path, where, "expected a list of regular expressions")
    out = []
    for i, v in enumerate(values):
        try:
            out.append(re.compile(str(v)))
        except re.error as exc:
            raise _fail(path, f"{where}[{i}]", f"bad regular expression: {exc}") from exc
    return out


def _networks(
    values: Any, path: Path | None
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise _fail(path, "allow_addresses", "expected a list of IP addresses or networks")
    out = []
    for i, v in enumerate(values):
        try:
            out.append(ipaddress.ip_network(str(v), strict=False))
        except ValueError as exc:
            raise _fail(
                path, f"allow_addresses[{i}]", f"not an IP address or network: {v!r}"
            ) from exc
    return out


def parse_project(data: Any, path: Path | None = None) -> CrawlProject:
    """A checked project from parsed YAML."""
    if not isinstance(data, dict):
        raise InputError(
            "a crawl project is a YAML mapping (name, seeds, allowed_domains, ...)", path=path
        )
    name = str(data.get("name", ""))
    if not NAME_RE.match(name):
        raise _fail(
            path, "name", f"bad project name {name!r}", "lower-case letters, digits, - and _"
        )
    seeds = data.get("seeds")
    if not isinstance(seeds, list) or not seeds:
        raise _fail(path, "seeds", "give at least one seed URL")
    for i, seed in enumerate(seeds):
        parts = urlsplit(str(seed))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _fail(path, f"seeds[{i}]", f"not an http(s) URL: {seed!r}")
    domains = data.get("allowed_domains")
    if not isinstance(domains, list) or not domains:
        raise _fail(
            path,
            "allowed_domains",
            "list the domains the crawler may visit",
            "the seeds' host names, e.g. [ads.example]",
        )
    domains = [str(d).lower().strip() for d in domains]
    for i, d in enumerate(domains):
        if "/" in d or (":" in d and not _is_ip(d)):
            raise _fail(path, f"allowed_domains[{i}]", f"a domain, not a URL: {d!r}")
    for i, seed in enumerate(seeds):
        host = (urlsplit(str(seed)).hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in domains):
            raise _fail(path, f"seeds[{i}]", f"seed host {host!r} is not in allowed_domains")
    limits = data.get("limits") or {}
    polite = data.get("politeness") or {}
    revisit = data.get("revisit") or {}
    signals = data.get("signals") or {}
    ads = data.get("ads") or {}
    follow = data.get("follow") or {}
    for section, value in (
        ("limits", limits),
        ("politeness", polite),
        ("revisit", revisit),
        ("signals", signals),
        ("ads", ads),
        ("follow", follow),
    ):
        if not isinstance(value, dict):
            raise _fail(path, section, "expected a mapping")
    images = str(data.get("images", "hash"))
    if images not in ("none", "hash"):
        raise _fail(
            path,
            "images",
            f"unknown value {images!r}",
            "none (skip images) or hash (keep SHA-256 and pHash only)",
        )
    domains_sig = signals.get("domains", ["ads", "labour"])
    if not isinstance(domains_sig, list) or not all(
        d in ("ads", "labour", "money") for d in domains_sig
    ):
        raise _fail(path, "signals.domains", "a list of ads, labour, money")
    distributed = data.get("distributed") or {}
    if not isinstance(distributed, dict):
        raise _fail(path, "distributed", "expected a mapping")
    redis_url = distributed.get("redis_url")
    if redis_url is not None and not str(redis_url).startswith(
        ("redis://", "rediss://", "unix://")
    ):
        raise _fail(path, "distributed.redis_url", f"not a redis URL: {redis_url!r}")
    extract = data.get("extract") or {}
    if not isinstance(extract, dict):
        raise _fail(path, "extract", "expected a mapping")
    workers = data.get("workers", 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or not 0 <= workers <= 8:
        raise _fail(
            path,
            "workers",
            f"expected 0 to 8 extraction processes, got {workers!r}",
            "0 extracts inside the crawler process",
        )
    return CrawlProject(
        name=name,
        seeds=[str(s) for s in seeds],
        allowed_domains=domains,
        path=path,
        description=str(data.get("description", "")),
        allow_addresses=_networks(data.get("allow_addresses"), path),
        max_depth=int(_number(limits, "max_depth", 3, path, "limits.", 0, 50)),
        max_pages=int(_number(limits, "max_pages", 1000, path, "limits.", 1)),
        max_page_bytes=int(
            _number(limits, "max_page_bytes", 5 * 1024 * 1024, path, "limits.", 1024)
        ),
        max_image_bytes=int(
            _number(limits, "max_image_bytes", 2 * 1024 * 1024, path, "limits.", 1024)
        ),
        timeout_seconds=_number(limits, "timeout_seconds", 30, path, "limits.", 0.5, 600),
        max_redirects=int(_number(limits, "max_redirects", 5, path, "limits.", 0, 20)),
        retries=int(_number(limits, "retries", 1, path, "limits.", 0, 5)),
        delay_seconds=_number(polite, "delay_seconds", 2.0, path, "politeness.", 0),
        autothrottle=bool(polite.get("autothrottle", True)),
        concurrency_per_host=int(
            _number(polite, "concurrency_per_host", 2, path, "politeness.", 1, 32)
        ),
        concurrency=int(_number(polite, "concurrency", 8, path, "politeness.", 1, 256)),
        contact=str(polite["contact"]) if polite.get("contact") else None,
        ad_patterns=_patterns(ads.get("url_patterns"), path, "ads.url_patterns"),
        follow_allow=_patterns(follow.get("allow"), path, "follow.allow"),
        follow_deny=_patterns(follow.get("deny"), path, "follow.deny"),
        images=images,
        revisit=RevisitPolicy(
            ad_hours=_number(revisit, "ad_hours", 24, path, "revisit.", 0.01),
            page_hours=_number(revisit, "page_hours", 6, path, "revisit.", 0.01),
            min_hours=_number(revisit, "min_hours", 1, path, "revisit.", 0.01),
            max_hours=_number(revisit, "max_hours", 168, path, "revisit.", 0.01),
            gone_hours=_number(revisit, "gone_hours", 72, path, "revisit.", 0.01),
            gone_checks=int(_number(revisit, "gone_checks", 3, path, "revisit.", 1, 100)),
        ),
        region=str(signals.get("region", "NL")).upper(),
        domains=tuple(domains_sig),
        redis_url=str(redis_url) if redis_url else None,
        idle_seconds=_number(distributed, "idle_seconds", 30, path, "distributed.", 0, 3600),
        workers=int(workers),
        extract_names=_names_choice(extract.get("names", "none"), path),
    )


def _names_choice(value: Any, path: Path | None) -> str:
    if value is True:
        return "all"
    if value is False:
        return "none"
    if value not in ("flagged", "all", "none"):
        raise _fail(path, "extract.names", f"unknown value {value!r}", "flagged, all or none")
    return str(value)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip("[]"))
        return True
    except ValueError:
        return False


def load_project(path: Path) -> CrawlProject:
    """Read and check a project file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {exc}", path=path, line=mark.line + 1 if mark else None
        ) from exc
    return parse_project(data, path)
