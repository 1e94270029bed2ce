"""Tenth round of general name rules (after reading heldout10 and heldout11): honorifics of
address, single names after "called"/"knew as"/"liet noemen", law firms, "AG", wire
datelines, capitalised municipalities, two councils joined by "and", places met again.
Examples are invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_honorifics_of_address_are_left_out() -> None:
    text = "Een ronselaar die zich Lalla Zineb liet noemen, en een baas die iedereen Pan Tomasz noemde."
    names = [n for n, _ in found(text)]
    assert "Zineb" in names and "Tomasz" in names
    assert not any(n.startswith(("Lalla", "Pan ")) for n in names)


def test_single_name_after_called_or_knew_as() -> None:
    assert ("Al-Thalib", "person") in found("Their leader was called Al-Thalib, a nickname.")
    assert ("Rambo", "person") in found("A guard he knew as Rambo beat the detainees.")
    assert ("President", "person") in found("Ze betaalde een man die zich President liet noemen.")
    assert ("de Neef", "person") in found(
        "Het geld ging naar een man die zich de Neef liet noemen."
    )


def test_law_firm_and_german_company() -> None:
    assert found("Zij kreeg hulp van Dekker & Osei Advocaten. Daarna") == [
        ("Dekker & Osei Advocaten", "organization")
    ]
    assert ("Advocaten van Jansen", "organization") not in found("Advocaten van Jansen zwijgen.")
    assert found("Zij werkten bij Emsland Fleisch AG. De baas zweeg.") == [
        ("Emsland Fleisch AG", "organization")
    ]


def test_agency_in_a_wire_dateline() -> None:
    assert ("Kestrel Wire", "organization") in found(
        "TUNIS, March 3 (Kestrel Wire) - Police arrested four men."
    )


def test_capitalised_municipality_is_an_organisation() -> None:
    assert found("Met dank aan de Gemeente Zandhoven.") == [("Gemeente Zandhoven", "organization")]
    assert ("Gemeente Zandhoven", "organization") not in found(
        "Hij woont in de gemeente Zandhoven."
    )


def test_two_councils_joined_by_and_are_split() -> None:
    text = "They were looked after by Barnet Council and Leicester City Council. Later"
    assert found(text) == [
        ("Barnet Council", "organization"),
        ("Leicester City Council", "organization"),
    ]
    assert found("The Ministry of Justice and Security said so.") == [
        ("Ministry of Justice and Security", "organization")
    ]


def test_place_of_an_organisation_met_again_after_in() -> None:
    text = "Leicester City Council housed him. He was moved to a flat in Leicester last year."
    assert ("Leicester", "organization") not in found(text)
