"""The OFAC remarks parser: facts as OFAC writes them, and never a crash on odd text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.lists.ofac_remarks import (
    NOTE,
    Fact,
    clean_country,
    clean_phone,
    load_rules,
    parse_date,
    parse_dates,
    parse_fact,
    parse_remarks,
    split_person_name,
    split_programs,
    split_remarks,
)

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def one(text: str) -> Fact:
    facts = parse_remarks(text)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("DOB 12 Dec 1985", ["1985-12-12"]),
        ("DOB 1982 to 1983", ["1982", "1983"]),
        ("DOB 1985 to 1987", ["1985", "1986", "1987"]),
        ("DOB circa 1960", ["1960"]),
        ("DOB circa 1979-1982", ["1979", "1980", "1981", "1982"]),
        ("DOB Sep 1938.", ["1938-09"]),
        ("DOB 1946.", ["1946"]),
        ("alt. DOB 31 Aug 1953", ["1953-08-31"]),
        ("DOB 01 Jan 1950 to 31 Dec 1955", ["1950-01-01", "1955-12-31"]),
        # a range too wide to spell out keeps its ends
        ("DOB 1930 to 1970", ["1930", "1970"]),
        # an impossible day keeps the month it is sure of
        ("DOB 31 Feb 1960", ["1960-02"]),
    ],
)
def test_birth_dates(text: str, dates: list[str]) -> None:
    fact = one(text)
    assert fact.parse == "date"
    assert fact.props[0] == "birthDate"
    assert list(fact.values) == dates
    assert fact.alt == text.startswith("alt.")
    assert fact.keep_text == ("circa" in text)  # approximate dates keep their text in notes


def test_a_libya3_remark_reads_whole() -> None:
    facts = parse_remarks(
        "DOB 12 Dec 1985; POB Zawiya, Libya; nationality Libya; Gender Male; a.k.a. 'Al Qasseb'."
    )
    assert [(f.parse, f.values) for f in facts] == [
        ("date", ("1985-12-12",)),
        ("text", ("Zawiya, Libya",)),
        ("country", ("ly",)),
        ("gender", ("male",)),
        ("quoted", ("Al Qasseb",)),
    ]
    assert facts[4].props == ("weakAlias",)
    assert facts[1].props == ("birthPlace",)
    assert facts[2].props == ("nationality", "country")


def test_passport_with_country_and_dates() -> None:
    fact = one("Passport A005465 (Libya) issued 12 Apr 2015 expires 11 Apr 2017")
    assert fact.parse == "document"
    assert fact.values == ("A005465",)
    assert (fact.country, fact.issued, fact.expires) == ("ly", "2015-04-12", "2017-04-11")
    assert fact.document == "Passport"
    assert fact.props == ("passportNumber", "idNumber")


def test_identifier_without_country() -> None:
    fact = one("National ID No. 560147C")
    assert fact.values == ("560147C",)
    assert fact.document == "Identification" and fact.country is None
    assert one("Tax ID No. 18571").document is None  # numbers of companies stay properties


def test_parenthesis_that_is_not_a_country_stays_in_the_number() -> None:
    fact = one("BIK (RU) 044525607")
    assert fact.values == ("044525607",)
    fact = one("Cedula No. 123456 (Medellin)")
    assert fact.values == ("123456 (Medellin)",)
    assert fact.country is None


def test_unreadable_issue_date_keeps_the_text() -> None:
    fact = one("Passport X123 (Iran) issued sometime in 2010")
    assert fact.values == ("X123",)
    assert fact.keep_text


@pytest.mark.parametrize(
    ("text", "parse", "props", "values"),
    [
        ("citizen Malta", "country", ("citizenship", "country"), ("mt",)),
        ("alt. citizen Korea, North", "country", ("citizenship", "country"), ("kp",)),
        ("Gender Female.", "gender", ("gender",), ("female",)),
        ("Vessel Registration Identification IMO 8688171", "imo", ("imoNumber",), ("IMO8688171",)),
        ("Company Number IMO 5055293.", "imo", ("imoNumber",), ("IMO5055293",)),
        ("MMSI 249000882", "text", ("mmsi",), ("249000882",)),
        (
            "Email Address porticellomalta@gmail.com",
            "text",
            ("email",),
            ("porticellomalta@gmail.com",),
        ),
        (
            "Website www.facebook.com/porticellomalta",
            "text",
            ("website",),
            ("www.facebook.com/porticellomalta",),
        ),
        ("D-U-N-S Number 52-024-2307", "document", ("dunsCode",), ("52-024-2307",)),
        ("V.A.T. Number MT20084637 (Malta)", "document", ("vatCode",), ("MT20084637",)),
        ("Tax ID No. 20084637 (Malta)", "document", ("taxNumber",), ("20084637",)),
        (
            "Organization Established Date 17 Dec 2016",
            "date",
            ("incorporationDate",),
            ("2016-12-17",),
        ),
        ("f.k.a. 'ASTU'", "quoted", ("previousName",), ("ASTU",)),
        ("Former Vessel Flag Tanzania", "country", ("pastFlags",), ("tz",)),
        ("Aircraft Manufacture Date Jul 1994", "date", ("buildDate",), ("1994-07",)),
        ("Telephone (357)(22660766)", "phone", ("phone",), ("+35722660766",)),
        ("Alt. Fax: 0097282858208.", "phone", ("phone",), ("+97282858208",)),
    ],
)
def test_labels_map_to_properties(
    text: str, parse: str, props: tuple[str, ...], values: tuple[str, ...]
) -> None:
    fact = one(text)
    assert (fact.parse, fact.props, fact.values) == (parse, props, values)


def test_linked_to_keeps_the_name() -> None:
    fact = one("Linked To: DEBONO, Gordon.")
    assert fact.parse == "link"
    assert fact.values == ("DEBONO, Gordon.",)


def test_digital_currency_address() -> None:
    fact = one("Digital Currency Address - XBT 149w62rY42aZBox8fGcmqNsXUzSStKeq8C")
    assert (fact.parse, fact.currency, fact.values) == (
        "crypto",
        "XBT",
        ("149w62rY42aZBox8fGcmqNsXUzSStKeq8C",),
    )


def test_sanctions_provisions_keep_their_text() -> None:
    text = (
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210"
    )
    fact = one(text)
    assert fact.parse == "provision"
    assert fact.values == (text,)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister and Defense Minister of the National Salvation Government.",
        "ICTY indictee in custody.",
        "Passports 123",  # a word that only starts like a label
        "DOB unknown",  # a label whose value cannot be read
        "Gender Unknown",
        "nationality Atlantis",
        "Digital Currency Address - XBT",  # no address
    ],
)
def test_what_is_not_understood_is_a_note(text: str) -> None:
    fact = one(text)
    assert fact.parse == NOTE
    assert fact.text == text


def test_xml_remarks_in_parentheses_are_unwrapped() -> None:
    assert split_remarks("(Linked To: USA REALLY)") == ["Linked To: USA REALLY"]
    assert split_remarks("a; ;b;  c  d ") == ["a", "b", "c d"]
    assert split_remarks(None) == [] and split_remarks("") == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 Dec 1985", "1985-12-12"),
        ("Dec 1985", "1985-12"),
        ("1985", "1985"),
        ("01/24/2019", "2019-01-24"),  # sdn.xml Publish_Date
        ("2019-01-24", "2019-01-24"),
        ("12 1985", None),
        ("Smarch 1985", None),
        ("0012", None),
        ("", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_names_and_programs() -> None:
    assert split_person_name("ABU GREIN, Musab") == ("ABU GREIN", "Musab")
    assert split_person_name("SMITH, John, Jr.") == ("SMITH", "John, Jr.")
    assert split_person_name("MADONNA") == ("MADONNA", None)
    assert split_programs("SDGT] [LIBYA3") == ["SDGT", "LIBYA3"]
    assert split_programs("NPWMD] [IFSR") == ["NPWMD", "IFSR"]
    assert split_programs("LIBYA3") == ["LIBYA3"]
    assert split_programs(None) == []


def test_countries_from_the_table_and_beyond() -> None:
    assert clean_country("Korea, North") == "kp"
    assert clean_country("Congo, Democratic Republic of the") == "cd"
    assert clean_country("undetermined") is None  # listed as not a country
    assert clean_country("Germany") == "de"


def test_phone_numbers() -> None:
    assert clean_phone("982188526301") == "+982188526301"
    assert clean_phone("12") is None


def test_every_rule_is_well_formed() -> None:
    kinds = {
        "date",
        "text",
        "country",
        "gender",
        "quoted",
        "document",
        "imo",
        "phone",
        "link",
        "crypto",
        "provision",
    }
    labels: set[str] = set()
    for rule in load_rules():
        assert rule.parse in kinds, rule
        assert rule.labels
        for label in rule.labels:
            assert label.casefold() not in labels, f"label {label!r} twice"
            labels.add(label.casefold())
        if rule.parse not in {"link", "crypto", "provision"}:
            assert rule.props, rule


# -- property-based ---------------------------------------------------------------------------

LABELS = [label for rule in load_rules() for label in rule.labels]
FACT_TEXT = st.one_of(
    st.text(max_size=80),
    st.builds(lambda label, rest: f"{label} {rest}", st.sampled_from(LABELS), st.text(max_size=60)),
    st.builds(
        lambda label, rest: f"alt. {label}: {rest}", st.sampled_from(LABELS), st.text(max_size=60)
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(FACT_TEXT, max_size=6).map("; ".join))
def test_any_remarks_parse_without_losing_a_fact(text: str) -> None:
    facts = parse_remarks(text)
    # one fact per part, each keeping its text as published
    assert [f.text for f in facts] == split_remarks(text)
    for fact in facts:
        if fact.parse == NOTE:
            assert fact.values == ()
            continue
        assert fact.values and all(fact.values), fact
        if fact.parse == "date":
            assert all(ISO_DATE.match(v) for v in fact.values), fact
        for date in (fact.issued, fact.expires):
            assert date is None or ISO_DATE.match(date)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=31),
    st.sampled_from(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    ),
    st.integers(min_value=1900, max_value=2030),
)
def test_dob_round_trip(day: int, month: str, year: int) -> None:
    dates = parse_dates(f"{day:02d} {month} {year}")
    assert len(dates) == 1
    assert dates[0].startswith(f"{year:04d}-")
    # a day the month does not have keeps year and month only
    assert len(dates[0]) in (7, 10)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1900, max_value=2020), st.integers(min_value=0, max_value=60))
def test_year_ranges(start: int, span: int) -> None:
    dates = parse_dates(f"{start} to {start + span}")
    assert dates[0] == str(start) and dates[-1] == str(start + span)
    assert len(dates) == (span + 1 if span <= 30 else 2)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_fact_never_raises(text: str) -> None:
    fact = parse_fact(text)
    assert isinstance(fact, Fact)
