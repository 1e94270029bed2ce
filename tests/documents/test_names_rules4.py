"""The fourth round of general rule changes: each rule on a sentence of its own."""

from __future__ import annotations

import pytest

from opspoor.documents.lexicon import lexicon
from opspoor.documents.names import find_names


def _names(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in find_names(text).mentions}


def test_greeting_makes_the_next_word_a_person_and_is_left_out() -> None:
    found = _names("Hi Laura,\n\nThanks for the call.")
    assert ("Laura", "person") in found
    assert not any(text.startswith("Hi") for text, _ in found)


def test_given_name_in_an_e_mail_header() -> None:
    found = _names("From: Sam Okafor <sam@example.net>\nTo: desk@example.org\n\nHello.")
    assert ("Sam Okafor", "person") in found


def test_minister_van_ministry_then_a_given_name_splits() -> None:
    found = _names("Minister van Asiel en Migratie Marjolein Faber bezocht het centrum.")
    assert ("Marjolein Faber", "person") in found
    assert ("Asiel en Migratie", "organization") in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("De vrachtwagen werd in Hoek van Holland gecontroleerd.", "Hoek van Holland"),
        ("The route runs through Central America to the border.", "Central America"),
    ],
)
def test_multi_word_places_are_places(text: str, place: str) -> None:
    found = find_names(text)
    assert place in {p.text for p in found.places}
    assert not any(m.text == place for m in found.mentions)


def test_dutch_nationality_noun_before_a_name_is_left_out() -> None:
    found = _names("De politie hield de Roemeen Gheorghe Nica aan.")
    assert ("Gheorghe Nica", "person") in found


def test_dutch_adjective_before_an_english_organisation_name_is_left_out() -> None:
    found = _names("Het onderzoek liep samen met de Britse National Crime Agency.")
    assert ("National Crime Agency", "organization") in found
    # a Dutch name keeps its adjective
    assert ("Libische Kustwacht", "organization") in _names("De Libische Kustwacht greep in.")


def test_pvt_ltd_legal_form() -> None:
    found = _names("Workers were recruited by Himalayan Overseas Pvt. Ltd. in Kathmandu.")
    assert ("Himalayan Overseas Pvt. Ltd.", "organization") in found


def test_name_and_organisation_name_are_one_organisation() -> None:
    found = _names("The Gangmasters and Labour Abuse Authority opened an inquiry.")
    assert ("Gangmasters and Labour Abuse Authority", "organization") in found
    # two names that are each an organisation stay two
    two = _names("Staff of Europol and Frontex met in Warsaw.")
    assert ("Europol", "organization") in two and ("Frontex", "organization") in two


def test_one_word_organisations_of_the_field_are_known() -> None:
    found = _names("Volgens Nidos en Myria is de opvang te krap.")
    assert {("Nidos", "organization"), ("Myria", "organization")} <= found


def test_new_lexicon_sections_are_loaded() -> None:
    lex = lexicon()
    assert "britse" in lex.apposition_adjectives
    assert "agency" in lex.english_org_endings
    assert {"sam", "marjolein"} <= lex.given_names
    assert "Pvt." in lex.legal_forms
