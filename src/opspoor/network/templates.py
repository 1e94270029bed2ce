"""Near-duplicate texts (shared ad templates) with MinHash and locality-sensitive hashing.

    >>> index = TemplateIndex(threshold=0.5)
    >>> index.add("ad1", "Sweet girl new in town, call me for a good time, real photos 100%")
    []
    >>> index.add("ad2", "Sweet girl new in town, call me for a good time, real photos 100%!")
    [('ad1', 1.0)]

Texts are cut into overlapping word shingles after normalising (lower case, numbers to '#',
punctuation dropped), so ads that reuse a template with another name, age or price still meet.
Each text is queried against the texts seen before it and then added, so one pass finds every
pair above the threshold (LSH may miss a pair near the threshold; it never invents one: every
candidate is checked against the estimated Jaccard similarity).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
DEFAULT_THRESHOLD = 0.5
DEFAULT_NUM_PERM = 64  # 16 bands of 4: half the memory of 128, same recall on the bench corpus
DEFAULT_SHINGLE_WORDS = 3
DEFAULT_MIN_SHINGLES = 8
SCHEME = "affine32"  # datasketch 2's default: 32-bit values, collision-free permutations


def words(text: str) -> list[str]:
    """Lower-cased words; every number becomes '#' (ages, prices and times vary per ad)."""
    return ["#" if w.isdigit() else w for w in _WORD.findall(text.lower())]


def shingles(text: str, size: int = DEFAULT_SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles of a text, as bytes for hashing."""
    ws = words(text)
    if len(ws) < size:
        return {" ".join(ws).encode("utf-8")} if ws else set()
    return {" ".join(ws[i : i + size]).encode("utf-8") for i in range(len(ws) - size + 1)}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


class TemplateIndex:
    """Finds, for each text added, the earlier texts whose shingle sets are near-duplicates."""

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = DEFAULT_NUM_PERM,
        shingle_words: int = DEFAULT_SHINGLE_WORDS,
        min_shingles: int = DEFAULT_MIN_SHINGLES,
        seed: int = 1,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.min_shingles = min_shingles
        # The LSH bands are tuned a little below the threshold so pairs just above it are
        # rarely missed; the exact check against `threshold` happens on the signatures.
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - 0.1), num_perm=num_perm)
        self._proto = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature of a text, or None when it is too short to compare."""
        sh = shingles(text, self.shingle_words)
        if len(sh) < self.min_shingles:
            return None
        mh = MinHash(num_perm=self.num_perm, permutations=self._proto.permutations, scheme=SCHEME)
        mh.update_batch(list(sh))
        return np.asarray(mh.hashvalues, dtype=np.uint32)

    def add(self, key: str, text: str) -> list[tuple[str, float]]:
        """Add a text; returns the earlier keys at or above the threshold, best first."""
        sig = self.signature(text)
        if sig is None:
            return []
        mh = MinHash(hashvalues=sig, permutations=self._proto.permutations, scheme=SCHEME)
        found: list[tuple[str, float]] = []
        for other in self._lsh.query(mh):
            sim = float(np.count_nonzero(self._signatures[other] == sig)) / self.num_perm
            if sim >= self.threshold:
                found.append((other, round(sim, 3)))
        self._lsh.insert(key, mh, check_duplication=False)
        self._signatures[key] = sig
        found.sort(key=lambda kv: (-kv[1], kv[0]))
        return found

    def pairs(self, items: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str, float]]:
        """(earlier key, key, similarity) for every near-duplicate pair among (key, text) items."""
        for key, text in items:
            for other, sim in self.add(key, text):
                yield other, key, sim
