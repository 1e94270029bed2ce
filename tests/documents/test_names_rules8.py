"""Eighth round of general name rules (after reading heldout7): family names by origin and
their shapes, double surnames with particles, suffixes, form fields, pseudonyms, citations,
lists inside organisation names, courts with their seat, numbered companies, and things that
are no names (notices, schemes, products, ferries). Examples are invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_vietnamese_names_and_family_name_met_again() -> None:
    text = "Zijn zus Le Thi Mai (29) werkte er ook. De rechter sprak Le vrij."
    assert found(text) == [("Le Thi Mai", "person"), ("Le", "person")]


def test_family_name_first_in_a_title_case_line() -> None:
    text = "Pham Minh Duc, Chea Sopheap and Laura Bennett\nInstitute report"
    names = found(text)
    assert ("Pham Minh Duc", "person") in names
    assert ("Chea Sopheap", "person") in names


def test_family_name_shape_alone() -> None:
    assert ("Kapanadze", "person") in found("The messages were sent by Kapanadze at night.")


def test_double_surnames_with_a_particle() -> None:
    text = "Advocaat Mieke Jansen-van Rijn en Femke Bosma-de Graaf waren er."
    assert found(text) == [("Mieke Jansen-van Rijn", "person"), ("Femke Bosma-de Graaf", "person")]


def test_hyphenated_given_name_before_a_flemish_particle() -> None:
    assert found("Zaakvoerder Jan-Willem Van der Straeten zweeg.") == [
        ("Jan-Willem Van der Straeten", "person")
    ]


def test_junior_belongs_to_the_name_and_senior_counsel_does_not() -> None:
    text = "The accused, Dwayne Porter Jr., was defended by Aoife Brennan SC on Monday."
    assert found(text) == [("Dwayne Porter Jr.", "person"), ("Aoife Brennan", "person")]


def test_form_fields_and_aliases() -> None:
    text = 'Surname: MORARU\nForename(s): Vasile\nAlso known as: Vasea Moraru, "Lupul", "Bosu"\n'
    assert found(text) == [
        ("MORARU", "person"),
        ("Vasile", "person"),
        ("Vasea Moraru", "person"),
        ("Lupul", "person"),
        ("Bosu", "person"),
    ]


def test_trade_name_after_its_label() -> None:
    text = "Opgericht in 2019. Handelsnaam: Noorderlicht Wonen. Bestuurder: Sietse Algra."
    assert ("Noorderlicht Wonen", "organization") in found(text)


def test_pseudonyms_and_citations() -> None:
    text = "Amira (not her real name) was 17 (Okafor and Lindqvist, 2021; Moreau et al., 2022)."
    assert found(text) == [
        ("Amira", "person"),
        ("Okafor", "person"),
        ("Lindqvist", "person"),
        ("Moreau", "person"),
    ]


def test_names_that_list_their_fields() -> None:
    text = (
        "A spokesperson for Innovation, Science and Economic Development Canada said so. "
        "Deposits were made in Birmingham, Coventry and Leicester."
    )
    assert found(text) == [("Innovation, Science and Economic Development Canada", "organization")]


def test_an_organisations_possessive_ends_it_and_an_abbreviation_starts_another() -> None:
    text = "The Department of Energy's Office of Inspector General and FBI Counterintelligence."
    names = found(text)
    assert ("Department of Energy", "organization") in names
    assert ("Office of Inspector General", "organization") in names


def test_courts_with_their_seat_numbered_companies_and_royal_bodies() -> None:
    text = (
        "The Regional Court in Bucharest and the Royal Malaysia Police traced 1234567 Alberta Ltd. "
        "and Silver Lotus Trading Co., Ltd. to the scheme."
    )
    assert found(text) == [
        ("Regional Court in Bucharest", "organization"),
        ("Royal Malaysia Police", "organization"),
        ("1234567 Alberta Ltd.", "organization"),
        ("Silver Lotus Trading Co., Ltd.", "organization"),
    ]


def test_notices_schemes_products_and_ferries_are_no_names() -> None:
    text = (
        "An Interpol Yellow Notice was issued. They came under the SWP scheme. "
        "Hij reed een MAN met Pools kenteken naar de veerboot Pride of Hull."
    )
    names = found(text)
    assert all(t != "person" for _, t in names)
    assert ("SWP", "organization") not in names
    assert ("MAN", "organization") not in names


def test_acronym_of_an_organisation_named_in_full() -> None:
    text = "Riverside Domestic Workers Alliance\n\nRDWA members met the council. Signed, RDWA"
    assert found(text).count(("RDWA", "organization")) == 2
