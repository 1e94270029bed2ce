"""Download a list from its official address, check it reads, then import it.

Only this explicit command touches the network. The file is downloaded to a temporary
folder; nothing reaches the store unless the whole list parses.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import yaml
from tqdm import tqdm

from opspoor import __version__
from opspoor.errors import InputError, OpspoorError
from opspoor.lists.versions import ImportResult, import_list
from opspoor.store.db import Store

USER_AGENT = f"opspoor/{__version__} (sanctions list fetch; +https://github.com/opspoor/opspoor)"


def official_sources() -> dict[str, dict[str, Any]]:
    with open(Path(__file__).with_name("sources.yml"), encoding="utf-8") as fh:
        data: dict[str, dict[str, Any]] = yaml.safe_load(fh)
    return data


def urls_for(list_name: str, url: str | None = None) -> list[tuple[str, str]]:
    """(url, local file name) pairs making up one version of the list."""
    sources = official_sources()
    if list_name not in sources:
        raise OpspoorError(f"unknown list {list_name!r}; choose one of {', '.join(sources)}")
    src = sources[list_name]
    first = url or src["url"]
    files: list[str] = src["files"]
    parts = urlsplit(first)
    if list_name == "ofac" and parts.path.lower().endswith(".xml"):
        return [(first, "sdn.xml")]
    if len(files) == 1:
        return [(first, files[0])]
    folder = parts.path.rsplit("/", 1)[0]
    return [(urlunsplit(parts._replace(path=f"{folder}/{name}")), name) for name in files]


def download(url: str, dest: Path, progress: bool = True, timeout: float = 60.0) -> Path:
    headers = {"User-Agent": USER_AGENT}
    try:
        with httpx.stream(
            "GET", url, headers=headers, timeout=timeout, follow_redirects=True
        ) as resp:
            if resp.status_code != 200:
                raise OpspoorError(f"{url}: the server answered HTTP {resp.status_code}")
            total = int(resp.headers.get("content-length") or 0) or None
            with (
                open(dest, "wb") as fh,
                tqdm(
                    total=total, unit="B", unit_scale=True, desc=dest.name, disable=not progress
                ) as bar,
            ):
                for chunk in resp.iter_bytes(1 << 16):
                    fh.write(chunk)
                    bar.update(len(chunk))
    except httpx.HTTPError as exc:
        raise OpspoorError(f"{url}: download failed: {exc}") from exc
    return dest


def fetch_list(
    store: Store, list_name: str, url: str | None = None, progress: bool = True
) -> ImportResult:
    with tempfile.TemporaryDirectory(prefix="opspoor-fetch-") as tmp:
        paths = [download(u, Path(tmp) / name, progress) for u, name in urls_for(list_name, url)]
        try:
            return import_list(store, paths, format=list_name)
        except InputError as exc:
            raise OpspoorError(f"downloaded {list_name} list did not validate: {exc}") from exc
