"""The small pure helpers the list readers share: ids, dates, countries, scripts."""

from __future__ import annotations

import pytest
from followthemoney import registry
from hypothesis import given
from hypothesis import strategies as st

from opspoor.lists.common import (
    Listing,
    country_codes,
    dates_in_note,
    dmy_date,
    iso_date,
    iso_timestamp,
    make_id,
    script_lang,
    slug,
    year_range,
)


def test_make_id_is_a_valid_ftm_id() -> None:
    assert make_id("unsc", "LYi.025") == "unsc-lyi-025"
    assert make_id("unsc-lyi-025", "passport", "C17HLRL3") == "unsc-lyi-025-passport-c17hlrl3"
    assert make_id("gb-hmt", "12345", None) == "gb-hmt-12345"


@given(st.text(min_size=1, max_size=40))
def test_slug_always_gives_an_ftm_id(text: str) -> None:
    value = slug(text)
    assert value and registry.entity.clean(value) == value
    assert slug(text) == value  # stable


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/12/1985", "1985-12-02"),
        ("00/00/1980", "1980"),
        ("00/12/1985", "1985-12"),
        ("31/02/1985", "1985-02"),  # no such day: keep what is certain
        ("1985-12-02", None),
        ("", None),
    ],
)
def test_dmy_date(text: str, expected: str | None) -> None:
    assert dmy_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-12-02", "1985-12-02"),
        ("1985", "1985"),
        ("1985-12", "1985-12"),
        ("2015-09-29T00:00:00", "2015-09-29"),
        ("1985-13-01", "1985"),
        ("circa 1985", None),
    ],
)
def test_iso_date(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


def test_year_range_keeps_every_year() -> None:
    assert year_range("1980", "1982") == ["1980", "1981", "1982"]
    assert year_range(1982, 1980) == ["1980", "1981", "1982"]  # given backwards
    assert year_range("1980", None) == ["1980"]
    assert year_range("1900", "1990") == ["1900", "1990"]  # a typo, not a range: only its ends
    assert year_range(None, None) == []


@pytest.mark.parametrize(
    ("note", "year", "expected"),
    [
        ("Nov. 1973", None, ["1973-11"]),
        ("Between Aug. and Sep. 1977", None, ["1977-08", "1977-09"]),
        ("Sep.", "1958", ["1958-09"]),
        ("Date of expiration: 7 May 2022", None, ["2022-05-07"]),
        ("30-35 years old", None, []),
        ("24/06/1402 (Hijri Calendar)", None, []),
    ],
)
def test_dates_in_note(note: str, year: str | None, expected: list[str]) -> None:
    assert dates_in_note(note, year=year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Libya", ("ly",)),
        ("Libyan", ("ly",)),
        ("Iran (Islamic Republic of)", ("ir",)),
        ("Libya (in custody)", ("ly",)),
        ("Sudan/South Sudan", ("sd", "ss")),
        ("Possibly Ethiopian", ()),
        ("", ()),
    ],
)
def test_country_codes(text: str, expected: tuple[str, ...]) -> None:
    assert country_codes(text) == expected


def test_iso_timestamp_is_utc_and_comparable() -> None:
    assert iso_timestamp("2020-03-20T19:09:21.822-04:00") == "2020-03-20T23:09:21"
    assert iso_timestamp("2026-02-27T00:00:09.554Z") == "2026-02-27T00:00:09"
    assert iso_timestamp("26/09/2024") == "2024-09-26"
    assert iso_timestamp("2024-09-26") == "2024-09-26"
    assert iso_timestamp("yesterday") is None


def test_script_lang() -> None:
    assert script_lang("محمد الأمين العربي كشلاف") == "ara"
    assert script_lang("Олександр Прикладенко") == "rus"
    assert script_lang("Mus’ab Demović") is None


def test_listing_keeps_line_and_language_per_value() -> None:
    listing = Listing("Person", "unsc-lyi-025", "LYi.025", "INDIVIDUAL LYi.025 (line 10)")
    listing.add("name", "  Mohammed   Kashlaf ", line=12)
    listing.add("alias", "محمد كشلاف", line=13, lang="ara")
    listing.add_country("nationality", "Libya", line=14)
    listing.add_country("nationality", "Possibly Ethiopian", line=15)
    listing.add_document("C17HLRL3", kind="Passport", country="Libya", line=16)
    listing.add_address(city="Zawiya", country="Libya", line=17)
    listing.add_address(country="Libya", line=18)  # a country alone: no Address entity
    records = listing.records()
    party = records[0]
    assert party.reference == "LYi.025"
    assert party.entity.get("name") == ["Mohammed Kashlaf"]
    assert party.locations[("name", "Mohammed Kashlaf")] == "INDIVIDUAL LYi.025 (line 12)"
    assert party.langs == {("alias", "محمد كشلاف"): "ara"}
    assert party.entity.get("nationality") == ["ly"]
    assert "nationality: Possibly Ethiopian" in party.entity.get("notes")
    assert party.entity.get("passportNumber") == ["C17HLRL3"]
    schemata = sorted(r.entity.schema.name for r in records[1:])
    assert schemata == ["Address", "Passport"]
    passport = next(r for r in records if r.entity.schema.name == "Passport")
    assert passport.id == "unsc-lyi-025-passport-c17hlrl3"
    assert passport.entity.get("holder") == ["unsc-lyi-025"]
    assert passport.location == "INDIVIDUAL LYi.025 (line 16)"
