"""Name comparison: ampersand abbreviations, number words, Abd names, gendered family names."""

from __future__ import annotations

import pytest

from opspoor.match import DEFAULT_THRESHOLD
from opspoor.names.compare import compare_names
from opspoor.names.parts import parse_name


def score(a: str, b: str, kind: str = "person") -> float:
    return compare_names(parse_name(a, kind), parse_name(b, kind)).score


def forms(name: str, kind: str = "org") -> list[str]:
    return [p.form for p in parse_name(name, kind).parts]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AT&T Inc.", ["att"]),
        ("AT and T Inc.", ["att"]),
        ("L & H Editions", ["lh", "editions"]),
        ("Oil and Gas Trading", ["oil", "and", "gas", "trading"]),
        ("Johnson & Johnson", ["johnson", "johnson"]),
    ],
)
def test_ampersand_abbreviations(name: str, expected: list[str]) -> None:
    got = [f for f in forms(name) if f not in ("llc", "jsc")]
    assert got == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Brigade Forty 4", ["brigade", "44"]),
        ("Brigade Fourty-four", ["brigade", "44"]),
        ("Brigade 40 4", ["brigade", "40", "4"]),
        ("Unit Four Forty", ["unit", "4", "40"]),
    ],
)
def test_number_words(name: str, expected: list[str]) -> None:
    assert forms(name) == expected


def test_ampersand_and_number_names_meet() -> None:
    assert score("AT&T Inc.", "AT and T Inc.", "org") >= DEFAULT_THRESHOLD
    assert score("Brigade Forty 4", "Brigade 44", "org") >= DEFAULT_THRESHOLD
    assert score("Oil and Gas Trading", "Oil Trading", "org") < score(
        "Oil and Gas Trading", "Oil and Gas Trading", "org"
    )


def test_abd_joined_to_another_word_is_no_contradiction() -> None:
    # the query's own Abdul is joined to Haqqani: Manan / Abdul Manan is no contradiction
    s = score("ABDUL HAQQANI MANAN MOHAMMAD ISHAK", "ABDUL MANAN MOHAMMAD ISHAK")
    assert s >= DEFAULT_THRESHOLD
    # but a plain word of its own where the other name has "Abdul X" still contradicts
    assert score("Wali Khudai", "Abdul Khudai") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("woman", "man"),
    [
        ("Olga Barynova", "Oleg BARANOV"),
        ("Anna Ivanova", "Anna Ivanov"),
        ("Maria Gorskaya", "Maria Gorsky"),
    ],
)
def test_feminine_and_masculine_family_names_differ(woman: str, man: str) -> None:
    assert score(woman, man) < DEFAULT_THRESHOLD
    assert score(woman, woman) >= DEFAULT_THRESHOLD
