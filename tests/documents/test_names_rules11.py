"""Eleventh round of general name rules (after reading heldout12 and heldout13): more terms of
address, short names of an organisation named in full before, job titles, possessive owners,
a well-known body joined by "and", German and Dutch organisation compounds. Examples are
invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_more_terms_of_address_are_left_out() -> None:
    names = [
        n for n, _ in found("She paid a broker she knew as Pak Wiryo, and Oga Emeka took the rest.")
    ]
    assert "Wiryo" in names and "Emeka" in names
    assert not any(n.startswith(("Pak ", "Oga ")) for n in names)


def test_council_named_in_full_then_by_its_head_word() -> None:
    text = (
        "Westbury District Council inspected the house. The Council will impose a penalty, "
        "and the council officers agreed."
    )
    names = found(text)
    assert ("Council", "organization") in names
    assert sum(1 for n, _ in names if n == "Council") == 1  # "the council" stays out


def test_foundation_and_company_short_names() -> None:
    text = (
        "Jaarverslag van Stichting Zonnebloemhuis.\n\nIn 2024 hielp Zonnebloemhuis veertig "
        "jongeren. Werkgever was Harlowmere Catering Ltd. Harlowmere's directeur zweeg."
    )
    names = found(text)
    assert ("Zonnebloemhuis", "organization") in names
    assert ("Harlowmere", "organization") in names


def test_company_short_name_is_not_a_town_or_another_name() -> None:
    text = "They worked for Dravograd Agro Trans d.o.o. in Dravograd and for Dravograd Holdings."
    names = found(text)
    assert ("Dravograd", "organization") not in names


def test_job_title_words_are_no_name() -> None:
    names = [
        n for n, _ in found("By Jane Whitlock, Home Affairs Correspondent\n\nA gang was jailed.")
    ]
    assert "Home Affairs" not in names
    assert "Jane Whitlock" in names


def test_acronym_and_country_own_the_unit_after_them() -> None:
    names = found("Sara Lind, of the NCA's Modern Slavery Unit, spoke to the press.")
    assert ("Modern Slavery Unit", "organization") in names
    names = found("They shared findings with Trinidad and Tobago's Immigration Division.")
    assert ("Immigration Division", "organization") in names


def test_well_known_body_joined_by_and_is_split() -> None:
    names = found("The report went to the Home Office and Ofsted last week.")
    assert ("Home Office", "organization") in names
    assert ("Home Office and Ofsted", "organization") not in names


def test_german_and_dutch_organisation_compounds() -> None:
    assert ("Zollkontrolle Nord", "person") not in found(
        "Checks by Zollkontrolle Nord found nothing."
    )
    assert ("Veiligheidsregio Twente", "organization") in found(
        "De gemeente sprak met de Veiligheidsregio Twente over toezicht."
    )
