"""Birth dates, identifiers, countries and gender as evidence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from opspoor.match.features import (
    compare_countries,
    compare_dates,
    compare_gender,
    compare_identifiers,
    normalize_identifier,
    parse_dates,
)


def dates(*values: str):  # type: ignore[no-untyped-def]
    return parse_dates(values)


def test_parse_dates_keeps_what_it_can_read() -> None:
    parsed = parse_dates(
        ["1985-12-02", "1985-12", "1985", "1970-1975", "circa", "", "99", "1985-13-40"]
    )
    assert [(d.year, d.month, d.day, d.until_year) for d in parsed] == [
        (1985, 12, 2, None),
        (1985, 12, None, None),
        (1985, None, None, None),
        (1970, None, None, 1975),
        (1985, None, None, None),  # month 13 is dropped, the year kept
    ]


def test_date_comparisons() -> None:
    same = compare_dates(dates("1985-12-02"), dates("1985-12-02"))
    swapped = compare_dates(dates("1988-07-05"), dates("1988-05-07"))
    year = compare_dates(dates("1985"), dates("1985-12-02"))
    in_range = compare_dates(dates("1974"), dates("1972-1977"))
    far = compare_dates(dates("1950-01-01"), dates("1985-12-02"))
    assert (
        same is not None
        and swapped is not None
        and year is not None
        and in_range is not None
        and far is not None
    )
    assert same.adjust > swapped.adjust > year.adjust > 0 > far.adjust
    assert swapped.why == "day and month swapped"
    assert in_range.adjust > 0
    assert compare_dates(dates(), dates("1985")) is None


def test_identifiers_outrank_and_contradict() -> None:
    q = {"passportNumber": {normalize_identifier("c17 hlrl-3")}}
    c = {"idNumber": {"C17HLRL3"}}
    hit = compare_identifiers(q, c)
    assert hit is not None and hit.adjust >= 1.0
    imo = compare_identifiers({"imoNumber": {"9123456"}}, {"imoNumber": {"9654321"}})
    passport = compare_identifiers({"passportNumber": {"A1234"}}, {"passportNumber": {"B9876"}})
    assert imo is not None and passport is not None
    assert imo.adjust < passport.adjust < 0
    assert compare_identifiers({}, c) is None
    assert normalize_identifier("IMO 9123456") == "9123456"


def test_countries_and_gender() -> None:
    same = compare_countries({"ly"}, {"ly", "tn"})
    other = compare_countries({"ly"}, {"er"})
    assert same is not None and same.adjust > 0
    assert other is not None and other.adjust < 0
    assert compare_countries(set(), {"ly"}) is None
    assert compare_gender({"male"}, {"male"}) is None
    g = compare_gender({"male"}, {"female"})
    assert g is not None and g.adjust < 0


@given(st.lists(st.text(max_size=30), max_size=5), st.lists(st.text(max_size=30), max_size=5))
def test_malformed_dates_never_fail(a: list[str], b: list[str]) -> None:
    ev = compare_dates(parse_dates(a), parse_dates(b))
    assert ev is None or -1.0 <= ev.adjust <= 1.0
