"""Turn a name as written into plain lower-case ASCII words.

    >>> normalize_name("Ahmad ʿUmar al-Dabbāshī")
    'ahmad umar al dabbashi'
    >>> normalize_name("Владимир Путин")
    'vladimir putin'

Unicode NFKC first, then apostrophes and the marks used for Arabic ayn and hamza are dropped
(al-Qa'ida = al-Qaida), every other script is transliterated to Latin (ICU's Any-Latin where
it does well, `anyascii` where ICU does not: Greek, Ge'ez, CJK, Khmer, Thai), accents are
folded, and punctuation becomes a space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

try:  # PyICU is a C extension; the pure-Python fallback keeps opspoor usable without it.
    import icu

    _ICU = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
except Exception:  # pragma: no cover - depends on the machine
    _ICU = None

# Apostrophes and the letters used to write Arabic ayn (ʿ) and hamza (ʾ) in Latin: they are
# dropped, not turned into spaces, so "Qa'ida" stays one word.
MARKS = "'’‘`´ʿʾʼʻʹʽ′‛ˈ"
_MARKS_RE = re.compile(f"[{re.escape(MARKS)}]")
# Digits typed for look-alike letters ("Ig0r Sech1n"): only a digit between two letters is
# read as a letter, so "Brigade 44", "1st" and "Zu Zag Bong 6" keep their numbers.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g"}
_LEET_DIGIT = re.compile(r"(?<=[a-z])[0134579](?=[a-z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DIGIT = re.compile(r"\d")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Scripts where anyascii reads better than ICU's Any-Latin (modern Greek vowels, Ge'ez vowels,
# Khmer/Thai which ICU leaves untouched, Han/Kana/Hangul run together as one word).
_ANYASCII_SCRIPTS = (
    "GREEK",
    "ETHIOPIC",
    "KHMER",
    "THAI",
    "CJK",
    "HANGUL",
    "HIRAGANA",
    "KATAKANA",
    "LAO",
    "MYANMAR",
    "TIBETAN",
)
MAX_NAME_CHARS = 1000  # longer "names" are cut: nobody's name is longer, and scoring stays fast


def script_of(char: str) -> str:
    """The Unicode script word of a character ("LATIN", "ARABIC", "CYRILLIC"...), or ""."""
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return ""


_LATIN = frozenset({"LATIN"})


def scripts_in(text: str) -> frozenset[str]:
    """The scripts of the letters in `text`."""
    if text.isascii():
        return _LATIN if _ASCII_LETTER.search(text) else frozenset()
    return frozenset(script_of(c) for c in text if c.isalpha())


@lru_cache(maxsize=200_000)
def transliterate_word(word: str) -> str:
    """One word (no spaces) in any script as ASCII."""
    if word.isascii():
        return word
    first = next((c for c in word if ord(c) > 127 and c.isalpha()), "")
    script = script_of(first) if first else ""
    if _ICU is not None and not script.startswith(_ANYASCII_SCRIPTS):
        out = _ICU.transliterate(word)
        if script == "ARABIC":
            # ayn written as a vowel: عمر -> "amr" (Omar), عبد -> "abd"
            out = out.replace("ʿ", "a").replace("ʾ", "")
    else:
        out = word
    if not out.isascii():
        out = _MARKS_RE.sub("", out)
        out = anyascii(out)
    return out


def fold(text: str) -> str:
    """NFKC, lower case, ayn/hamza/apostrophes dropped; keeps the script."""
    if text.isascii():
        text = text[: MAX_NAME_CHARS * 2]
        return (_MARKS_RE.sub("", text) if "'" in text or "`" in text else text).lower()
    text = unicodedata.normalize("NFKC", text)[: MAX_NAME_CHARS * 2]
    return _MARKS_RE.sub("", text).casefold()


@lru_cache(maxsize=200_000)
def normalize_name(name: str) -> str:
    """A name as lower-case ASCII words separated by single spaces ("" when nothing is left)."""
    if not name:
        return ""
    return normalize_folded(fold(name))


def normalize_folded(text: str) -> str:
    """`normalize_name` for text that `fold` has already been applied to."""
    if not text:
        return ""
    if not text.isascii():
        text = " ".join(transliterate_word(w) for w in text.split())
        text = _MARKS_RE.sub("", text.lower())
    if _DIGIT.search(text):
        text = _LEET_DIGIT.sub(lambda m: LEET[m.group(0)], text)
    text = _NON_WORD.sub(" ", text).strip()
    return text[:MAX_NAME_CHARS].rstrip()


def ascii_words(name: str) -> list[str]:
    """The words of `normalize_name(name)`."""
    return normalize_name(name).split()
