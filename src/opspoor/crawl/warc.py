"""WARC evidence: every fetched page written as a response record and its request record.

    >>> with WarcFile(path) as warc:
    ...     ref = warc.write(url, "GET", req_headers, 200, "OK", resp_headers, body, fetched_at)
    >>> ref.offset, ref.sha256
    (0, '3f2a...')

Records are gzip-compressed one by one, so `offset` (where the response record starts) lets
anyone read a single capture with `warcio` (`ArchiveIterator` on the file seeked to the offset).
WARC digests are SHA-256 (`WARC-Payload-Digest: sha256:<base32>`); the store keeps the hex
SHA-256 of the same payload. The HTTP message is rebuilt from the parsed response: a
`Transfer-Encoding` header is dropped because the payload is stored de-chunked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from opspoor import __version__

DROPPED_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True)
class WarcRef:
    """Where one capture sits: file (relative to the crawl home), offset, length, digest."""

    file: str
    offset: int
    length: int
    record_id: str
    sha256: str
    size: int


class _Sha256WarcWriter(WARCWriter):  # type: ignore[misc]
    """warcio's writer with SHA-256 block and payload digests instead of SHA-1."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def warc_name(project: str, when: dt.datetime | None = None) -> str:
    """A file name unique per crawler process: project, UTC time, host and pid."""
    when = when or dt.datetime.now(dt.UTC)
    return f"{project}-{when:%Y%m%d%H%M%S}-{socket.gethostname()}-{os.getpid()}.warc.gz"


class WarcFile:
    """An open WARC file that captures are appended to."""

    def __init__(self, path: Path, relative_name: str, info: dict[str, str] | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.relative_name = relative_name
        self._fh = path.open("ab")
        self._writer = _Sha256WarcWriter(self._fh, gzip=True)
        if self._fh.tell() == 0:
            fields = {"software": f"opspoor/{__version__}", "format": "WARC File Format 1.1"}
            fields.update(info or {})
            self._writer.write_record(self._writer.create_warcinfo_record(path.name, fields))
            self._fh.flush()

    def write(
        self,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        fetched_at: dt.datetime,
        ip_address: str | None = None,
    ) -> WarcRef:
        """Append the response record (then its request record); return where it is."""
        date = fetched_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        headers = [(k, v) for k, v in response_headers if k.lower() not in DROPPED_HEADERS]
        http = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": date}
        if ip_address:
            warc_headers["WARC-IP-Address"] = ip_address
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
        offset = self._fh.tell()
        self._writer.write_record(response)
        length = self._fh.tell() - offset
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_http = StatusAndHeaders(
            f"{method} {target} HTTP/1.1", request_headers, is_http_request=True
        )
        request = self._writer.create_warc_record(
            url,
            "request",
            http_headers=req_http,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
        )
        self._writer.write_record(request)
        self._fh.flush()
        return WarcRef(
            file=self.relative_name,
            offset=offset,
            length=length,
            record_id=record_id,
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
        )

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> WarcFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def read_record(path: Path, offset: int) -> tuple[Any, bytes]:
    """The WARC response record at `offset` and its payload bytes (for checks and dossiers)."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return record.rec_headers, record.content_stream().read()
    raise ValueError(f"no WARC record at offset {offset} of {path}")
