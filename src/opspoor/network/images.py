"""Near-duplicate photos by perceptual hash (pHash, 64 bits): the same photo re-posted,
resized, re-compressed or slightly brightened keeps (almost) the same hash.

    >>> h = perceptual_hash(Image.open("photo.jpg"))
    >>> index = ImageIndex(max_distance=4)
    >>> index.add("ad1", h); index.add("ad2", h ^ 0b101)
    []
    [('ad1', 2)]

Only hashes are needed to link ads; whether the photo itself is kept is a setting
(`OPSPOOR_KEEP_PHOTOS`, off by default).
"""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict
from pathlib import Path

import imagehash
from PIL import Image, UnidentifiedImageError

from opspoor.errors import InputError

HASH_BITS = 64
DEFAULT_MAX_DISTANCE = 4


def perceptual_hash(image: Image.Image) -> int:
    """The 64-bit DCT perceptual hash of an image, as an int."""
    return int(str(imagehash.phash(image)), 16)


def hash_hex(value: int) -> str:
    return f"{value:016x}"


def hash_from_hex(text: str) -> int:
    return int(text, 16)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def read_image(data: bytes, label: str = "image") -> Image.Image:
    """Open image bytes; InputError naming the file when they are not an image."""
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"not an image PIL can read: {exc}", path=label) from exc
    return image


def hash_bytes(data: bytes, label: str = "image") -> tuple[str, int]:
    """(SHA-256 of the bytes, perceptual hash) of an encoded image."""
    return hashlib.sha256(data).hexdigest(), perceptual_hash(read_image(data, label))


def hash_file(path: Path) -> tuple[str, int]:
    """(SHA-256 of the bytes, perceptual hash) of an image file."""
    return hash_bytes(Path(path).read_bytes(), str(path))


def _bands(max_distance: int) -> list[tuple[int, int]]:
    """Split 64 bits into max_distance+1 bands: two hashes within max_distance bits agree
    exactly on at least one band (pigeonhole), so band buckets find every near pair."""
    n = max_distance + 1
    edges = [round(i * HASH_BITS / n) for i in range(n + 1)]
    return [(edges[i], edges[i + 1] - edges[i]) for i in range(n)]


class ImageIndex:
    """Finds, for each hash added, the earlier items with a hash within `max_distance` bits."""

    def __init__(self, max_distance: int = DEFAULT_MAX_DISTANCE) -> None:
        if not 0 <= max_distance < 16:
            raise ValueError("max_distance must be between 0 and 15 bits")
        self.max_distance = max_distance
        self._bands = _bands(max_distance)
        self._buckets: list[dict[int, list[tuple[str, int]]]] = [
            defaultdict(list) for _ in self._bands
        ]

    def add(self, key: str, value: int) -> list[tuple[str, int]]:
        """Add one item's hash; returns earlier (key, distance) within reach, nearest first."""
        found: dict[str, int] = {}
        keys: list[int] = []
        for (start, width), bucket in zip(self._bands, self._buckets, strict=True):
            band = (value >> start) & ((1 << width) - 1)
            keys.append(band)
            for other, other_value in bucket.get(band, ()):
                if other == key or other in found:
                    continue
                dist = hamming(value, other_value)
                if dist <= self.max_distance:
                    found[other] = dist
        for band, bucket in zip(keys, self._buckets, strict=True):
            bucket[band].append((key, value))
        return sorted(found.items(), key=lambda kv: (kv[1], kv[0]))
