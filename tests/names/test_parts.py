"""Name-part analysis: titles, particles, father chains, nicknames, "LAST, First", legal forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.names.parts import (
    INITIAL,
    LEGAL,
    NAME,
    NUMBER,
    PARTICLE,
    PATRONYMIC,
    PLACE,
    SURNAME,
    parse_name,
    roman_value,
    schema_kind,
)


def forms(name: str, kind: str = "person") -> list[str]:
    return [p.form for p in parse_name(name, kind).parts]


def test_last_first_order() -> None:
    name = parse_name("KOSHLAF, Mohamed")
    assert [p.form for p in name.parts] == ["mohamed", "koshlaf"]
    assert name.parts[1].role == SURNAME


def test_nickname_in_quotes_is_taken_out() -> None:
    name = parse_name("Ahmad 'Al Ammu' Dabbashi")
    assert [p.form for p in name.parts] == ["ahmad", "dabbashi"]
    assert name.nicknames == ("Al Ammu",)
    # an ayn written as an apostrophe is not a quote
    assert forms("'Abd al-Aziz al-Nuristani") == ["abdalaziz", "al", "nuristani"]


def test_titles_are_dropped_from_the_front_only() -> None:
    assert forms("Dr. Rami Makhlouf") == ["rami", "makhlouf"]
    assert forms("Shaikh Isa Bin Tarif")[0] == "isa"
    assert forms("Doctor") == ["doctor"]  # nothing else left: keep it
    haji = parse_name("MOHAMMADHASNI HAJI SSAD KHAN").parts[1]
    assert haji.form == "haji" and haji.kind == PARTICLE


def test_son_of_makes_the_next_part_a_fathers_name() -> None:
    parts = parse_name("Mohammed bin Salman").parts
    assert [(p.form, p.kind, p.role) for p in parts] == [
        ("mohammed", NAME, ""),
        ("bin", PARTICLE, ""),
        ("salman", NAME, PATRONYMIC),
    ]
    # a trailing "bin" has no father after it
    assert parse_name("Salman Mohammed bin").parts[-1].kind == PARTICLE


def test_slavic_patronymic_in_the_middle() -> None:
    parts = parse_name("Sergey Viktorovich LAVROV").parts
    assert parts[1].role == PATRONYMIC
    assert parse_name("Alexander Lukashevich").parts[1].role == ""


def test_servant_of_compounds_are_one_part_however_written() -> None:
    canon = {
        parse_name(n).parts[0].canon
        for n in ("Abd al-Rahman", "Abdulrahman", "Abdelrahman", "Abdurrahman", "Abd Alrahman")
    }
    assert canon == {"abdrahman"}
    assert parse_name("Abdullah").parts[0].canon == parse_name("Abd Allah").parts[0].canon


def test_articles_and_arabic_script_article() -> None:
    parts = parse_name("محمد الأمين").parts
    assert [p.kind for p in parts] == [NAME, PARTICLE, NAME]
    assert parse_name("al-Milad").parts[0].canon == parse_name("el Milad").parts[0].canon == "al"


def test_korean_given_names_are_one_part() -> None:
    assert forms("Kim Jong-un") == forms("Kim Jong Un") == ["kim", "jongun"]


def test_initials() -> None:
    parts = parse_name("J.-C. Juncker").parts
    assert [p.kind for p in parts] == [INITIAL, INITIAL, NAME]
    assert [p.kind for p in parse_name("JC Juncker").parts] == [INITIAL, INITIAL, NAME]


def test_organisation_legal_forms_numbers_places() -> None:
    assert forms("Siemens Aktiengesellschaft", "org") == forms("Siemens AG", "org")
    parts = parse_name("Brigade Forty-Four", "org").parts
    assert [(p.form, p.kind) for p in parts] == [("brigade", NAME), ("44", NUMBER)]
    assert parse_name("Blackstone Partners VII L.P.", "org").parts[2].form == "7"
    kinds = {p.form: p.kind for p in parse_name("Banco Santander Mexico S.A.", "org").parts}
    assert kinds["mexico"] == PLACE
    assert any(p.kind == LEGAL for p in parse_name('ООО "БАЙКАЛ"', "org").parts)
    assert forms("A.B.C. Company", "org")[0] == "abc"


def test_roman_values() -> None:
    assert roman_value("viii") == 8
    assert roman_value("xiv") == 14
    assert roman_value("vim") is None
    assert roman_value("") is None


def test_schema_kind() -> None:
    assert schema_kind("Person") == "person"
    assert schema_kind("Company") == "org"
    assert schema_kind("Vessel") == "vessel"
    assert schema_kind("LegalEntity") == "other"
    assert schema_kind("NoSuchSchema") == "other"
    assert schema_kind(None) == "other"


def test_bad_input_gives_an_empty_name_not_an_error() -> None:
    for text in ("", "   ", "!!!", "()", "''", ",", "/"):
        assert parse_name(text).parts == ()
    long = parse_name("Mohammed " * 2000)
    assert 0 < len(long.parts) <= 200


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["person", "org", "vessel", "other"]))
def test_parse_never_fails(text: str, kind: str) -> None:
    name = parse_name(text, kind)
    for part in name.parts:
        assert part.form and part.form.isascii()
        assert part.kind in (NAME, PARTICLE, INITIAL, LEGAL, NUMBER, PLACE, "stop")
