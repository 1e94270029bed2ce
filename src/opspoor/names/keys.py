"""Keys that spell-variant forms of a name part share.

    >>> skeleton("kashlaf") == skeleton("koshlaf") == skeleton("kachlaf")
    True
    >>> skeleton("qarin") == skeleton("quarin") == skeleton("grein")
    True
    >>> skeleton("mohammed") == skeleton("muhammad") == skeleton("mhmd")
    True

`skeleton` is opspoor's own key over the spelling-variant classes of transliterated Arabic
(and most other names written in Latin letters by ear): consonants only, each folded to its
class (q/k/g/c/ck -> K, sh/ch/sch/s -> S, kh/h -> H, dh/z/d -> D, th/t -> T, w/v/ou -> W,
y/j -> J, ph/f -> F, b/p -> B), doubled letters once, a leading vowel kept as "A". Vowels carry
little information in these transliterations (Arabic script writes none of the short ones),
so they are dropped. `phonetic` is Metaphone (jellyfish), a second opinion for English-like
spellings.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish

VOWELS = set("aeiouy")
# Multi-letter spellings first, longest first; each maps to one class letter.
_DIGRAPHS = [
    ("sch", "S"),
    ("tch", "S"),
    ("dsh", "J"),
    ("dzh", "J"),
    ("zh", "J"),
    ("dj", "J"),
    ("sh", "S"),
    ("ch", "S"),
    ("kh", "H"),
    ("gh", "K"),
    ("dh", "D"),
    ("th", "T"),
    ("ph", "F"),
    ("ck", "K"),
    ("qu", "K"),
    ("ts", "S"),
    ("tz", "S"),
    ("ou", "u"),  # ou is a vowel; it becomes W before a vowel (Ouahid = Wahid)
]
_SINGLE = {
    "q": "K",
    "k": "K",
    "g": "K",
    "c": "K",
    "x": "KS",
    "s": "S",
    "z": "D",
    "d": "D",
    "t": "T",
    "h": "H",
    "w": "W",
    "v": "W",
    "j": "J",
    "f": "F",
    "b": "B",
    "p": "B",
    "l": "L",
    "m": "M",
    "n": "N",
    "r": "R",
}
_DIGRAPH_RE = re.compile("|".join(d for d, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_DOUBLES = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The consonant skeleton of one lower-case ASCII word ("" for an empty word)."""
    if not word:
        return ""
    if word.isdigit():
        return word
    w = _DOUBLES.sub(r"\1", word)
    # soft c (ce, ci) sounds like s
    w = re.sub(r"c(?=[eiy])", "s", w)
    # a final h after a vowel is silent in transliterations (Abdullah/Abdulla, Fatimah/Fatima)
    if len(w) > 3 and w.endswith("h") and w[-2] in VOWELS:
        w = w[:-1]
    # a final w after a consonant is the vowel letter waw of Arabic script (frnandw = Fernando)
    if len(w) > 3 and w.endswith("w") and w[-2] not in VOWELS:
        w = w[:-1]
    w = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], w)
    out: list[str] = []
    n = len(w)
    for i, ch in enumerate(w):
        if ch in VOWELS:
            nxt = w[i + 1] if i + 1 < n else ""
            if ch == "y" and nxt in VOWELS and nxt:
                out.append("J")  # consonant y (Yusuf, Yahya)
            elif ch == "u" and nxt in VOWELS and nxt and (i == 0 or w[i - 1] in VOWELS):
                out.append("W")  # Ouahid = Wahid, Daoud = Dawud
            elif i == 0:
                out.append("A")
            continue
        if ch.isupper() or ch.isdigit():
            out.append(ch)
        else:
            out.append(_SINGLE.get(ch, ch.upper()))
    key = "".join(out)
    # one letter per run of the same class (Kashlaf's "sh" and Keslaf's "s" are both S)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=200_000)
def phonetic(word: str) -> str:
    """Metaphone of a word ("" for words without letters)."""
    if not word or not word.isalpha():
        return ""
    try:
        return jellyfish.metaphone(word)
    except Exception:  # jellyfish refuses some inputs; a missing key only costs recall
        return ""
