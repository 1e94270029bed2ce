"""A normalised view of a text that still knows where each character came from.

    >>> view = NormalText.of("𝐲𝐨𝐮𝐧𝐠 gi\u200brl")
    >>> view.text
    'young girl'
    >>> view.original_span(0, 10)
    (0, 11)

Ads write words in styled Unicode (𝐲𝐨𝐮𝐧𝐠), fullwidth digits (０６), or break them with
invisible characters so that keyword searches miss them. Rules match the NFKC-normalised text
without those characters; every span is mapped back to the original text, so a flag quotes
exactly what the ad said.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Invisible characters dropped before matching: zero-width space/joiners, word joiner, BOM,
# soft hyphen, and emoji variation selectors.
DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")


@dataclass(frozen=True)
class NormalText:
    """`text` is what rules match; `starts`/`ends` give each character's span in `original`."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None  # None: text is original, spans are identical
    ends: tuple[int, ...] | None = None

    @cached_property
    def lower(self) -> str:
        """`text` lower-cased character by character (same length, same offsets)."""
        low = self.text.lower()
        if len(low) == len(self.text):
            return low
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)

    @classmethod
    def of(cls, original: str) -> NormalText:
        if DROPPED.isdisjoint(original) and unicodedata.is_normalized("NFKC", original):
            return cls(original, original)
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for i, ch in enumerate(original):
            if ch in DROPPED:
                continue
            norm = unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch
            for part in norm:
                out.append(part)
                starts.append(i)
                ends.append(i + 1)
        return cls(original, "".join(out), tuple(starts), tuple(ends))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text of normalised characters [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (in normalised text) around [start, end)."""
        left = 0
        for m in _SENTENCE_END.finditer(self.text, 0, start):
            left = m.end()
        after = _SENTENCE_END.search(self.text, end)
        right = after.start() if after else len(self.text)
        return left, right
