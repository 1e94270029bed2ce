"""Fourteenth round: a table of real bodies named without an organisation word
(`data/known_bodies.yml`, compiled without reading the labelled sets) and how a known body's
name meets what follows it. Examples are invented apart from the bodies' names."""

from __future__ import annotations

from opspoor.documents.lexicon import lexicon
from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_known_bodies_table_is_loaded_beside_the_lexicon() -> None:
    known = set(lexicon().known_organizations)
    assert ("Nuffic",) in known
    assert ("Samaritans",) in known
    assert ("Frontex",) in known  # from lexicon.yml, still there
    # words met otherwise in these documents are left out of the table
    assert ("ONS",) not in known
    assert ("FRA",) not in known


def test_bodies_named_without_an_organisation_word() -> None:
    names = found(
        "De studenten meldden zich bij Nuffic en bij Humanitas in Tilburg. "
        "The Samaritans said the helpline had taken more calls."
    )
    assert ("Nuffic", "organization") in names
    assert ("Humanitas", "organization") in names
    assert ("Samaritans", "organization") in names


def test_a_known_body_goes_on_with_its_branch_place() -> None:
    names = found(
        "Het GGD Amsterdam en het RIEC Oost-Nederland deelden de melding. "
        "Caritas Malta opened a shelter for the crew."
    )
    assert ("GGD Amsterdam", "organization") in names
    assert ("RIEC Oost-Nederland", "organization") in names
    assert ("Caritas Malta", "organization") in names


def test_an_umbrella_acronym_does_not_take_a_country() -> None:
    names = found("The bank checked the UN Libya sanctions list before paying.")
    assert ("UN", "organization") in names
    assert not any(text.startswith("UN ") for text, _ in names)


def test_an_acronym_takes_no_nationality_adjective() -> None:
    names = found("Zij werkt samen met de Nigeriaanse NAPTIP en met de Libyan Coast Guard.")
    assert ("NAPTIP", "organization") in names
    assert ("Libyan Coast Guard", "organization") in names


def test_a_company_named_by_given_names_alone_is_met_again_as_itself() -> None:
    names = found(
        "Payments came from Thanh Minh Trading Ltd, a wholesaler in Coventry. "
        "The bank asked Thanh Minh for invoices. Dilnoza Karimova, a customer, paid twice."
    )
    assert ("Thanh Minh Trading Ltd", "organization") in names
    assert ("Thanh Minh", "organization") in names
    assert ("Dilnoza Karimova", "person") in names
