"""Chinese name parts written in Pinyin or in Wade-Giles: one key for both.

    >>> romanisation_key("tsetung") == romanisation_key("zedong")
    True
    >>> romanisation_key("hsi") == romanisation_key("xi") == romanisation_key("shi")
    True
    >>> romanisation_key("chinping") == romanisation_key("jinping")
    True
    >>> romanisation_key("merkel") is None
    True

A word is read as Chinese only when it splits into one to three syllables of either system
(`data/chinese_syllables.yml`); the key then writes every pair of sounds the two systems (and
aspiration marks lost in transliteration) spell differently the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

MAX_SYLLABLES = 3
_HARD_G = re.compile(r"(?<!n)g")


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    raw = yaml.safe_load(
        resources.files("opspoor.names").joinpath("data/chinese_syllables.yml").read_text("utf-8")
    )
    initials = set(raw["initials"]["pinyin"]) | set(raw["initials"]["wade_giles"])
    finals = set(raw["finals"]["pinyin"]) | set(raw["finals"]["wade_giles"])

    def alternation(items: set[str]) -> str:
        return "|".join(sorted(items, key=lambda s: (-len(s), s)))

    syllable = f"(?:{alternation(initials)})?(?:{alternation(finals)})"
    pattern = re.compile(f"(?:{syllable}){{1,{MAX_SYLLABLES}}}")
    same = tuple((a, b) for a, b in raw["same_sound"])
    return pattern, same


@lru_cache(maxsize=100_000)
def romanisation_key(word: str) -> str | None:
    """One spelling for a Chinese name part in Pinyin or Wade-Giles; None if not syllables."""
    pattern, same = _tables()
    if len(word) < 2 or not pattern.fullmatch(word):
        return None
    for a, b in same:
        word = word.replace(a, b)
    # g and k are one sound, but not the g of a final -ng
    return _HARD_G.sub("k", word)
