"""Skip rules that cannot match: the words a rule's matches can start with.

    >>> first_words(r"(?:net|pas)\\s+18")
    frozenset({'net', 'pas'})
    >>> first_words(r"\\d{2}\\s*jaar") is None  # starts with any digit: no shortcut
    True

Scanning an ad runs a few dozen regular expressions. Most of them begin with one of a few
words ("zonder condoom", "onze meisjes", "24/7"); if none of those words is in the ad, the
rule cannot match and is skipped with a set intersection instead of a regex pass. The words
are read from the compiled pattern; whenever that is not certain (a pattern that starts with
`\\d` or `\\w`), the answer is None and the rule always runs. Words split where letters meet
digits, as `words_in` splits the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

try:  # Python 3.11+: the parser lives in re._parser
    import re._constants as C
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_WORDS = 5000
_TEXT_WORDS = re.compile(r"[^\W\d_]+|\d+")
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)

Words = set[str] | None
Cont = Callable[[str], Words]


class _Unknown(Exception):
    """The pattern may start with something other than a known word."""


def words_in(text: str) -> set[str]:
    """The words of a (lower-cased) text, split where letters meet digits."""
    return set(_TEXT_WORDS.findall(text))


def _end(prefix: str) -> set[str]:
    if not prefix:
        raise _Unknown
    return {prefix}


def _is_space_class(op: Any, av: Any) -> bool:
    if op is C.IN:
        return all(
            (o is C.CATEGORY and a is C.CATEGORY_SPACE) or (o is C.LITERAL and not chr(a).isalnum())
            for o, a in av
        )
    return op is C.CATEGORY and av is C.CATEGORY_SPACE


def _separator(op: Any, av: Any) -> bool:
    """An element that can only match non-word characters (or nothing, then a separator)."""
    if op is C.LITERAL:
        return not chr(av).isalnum()
    if _is_space_class(op, av):
        return True
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        sub = list(av[2])
        return len(sub) == 1 and _separator(*sub[0])
    return False


def _small_class(av: Any) -> list[str] | None:
    chars: list[str] = []
    for o, a in av:
        if o is C.LITERAL:
            chars.append(chr(a))
        elif o is C.RANGE and a[1] - a[0] < 12:
            chars.extend(chr(c) for c in range(a[0], a[1] + 1))
        else:
            return None
    return chars


def _union(parts: list[set[str]]) -> set[str]:
    out: set[str] = set()
    for p in parts:
        out |= p
        if len(out) > MAX_WORDS:
            raise _Unknown
    return out


def _walk(seq: list[Any], prefix: str, cont: Cont) -> set[str]:
    if not seq:
        result = cont(prefix)
        assert result is not None
        return result
    (op, av), rest = seq[0], seq[1:]

    def nxt(p: str) -> set[str]:
        return _walk(rest, p, cont)

    if op in _ZERO_WIDTH:
        return nxt(prefix)
    if _separator(op, av):
        return _end(prefix)
    if op is C.LITERAL:
        ch = chr(av)
        if prefix and prefix[-1].isdigit() != ch.isdigit():
            return _end(prefix)
        return nxt(prefix + ch)
    if op is C.SUBPATTERN:
        return _walk(list(av[-1]), prefix, nxt)
    if op is C.BRANCH:
        return _union([_walk(list(b), prefix, nxt) for b in av[1]])
    if op is C.IN:
        chars = _small_class(av)
        if chars is None:
            raise _Unknown
        return _union([_walk([(C.LITERAL, ord(c))], prefix, nxt) for c in chars])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        body = list(sub)
        if body and _separator(*body[0]):  # "(?:\s+word){0,2}": the word ends here or later
            return _union([_end(prefix), *([nxt(prefix)] if lo == 0 else [])])
        if lo == 0 and hi == 1:
            return _union([nxt(prefix), _walk(body, prefix, nxt)])
        if lo == hi and lo <= 3:
            return _walk(body * lo, prefix, nxt)
        raise _Unknown
    raise _Unknown


def first_words(pattern: str | re.Pattern[str]) -> frozenset[str] | None:
    """Every word a match of `pattern` can start with, or None when that is not certain."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    try:
        parsed = sre_parse.parse(source)
        return frozenset(_walk(list(parsed), "", _end))
    except (_Unknown, RecursionError, re.error):
        return None
