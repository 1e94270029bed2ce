"""The fifth round of general rule changes: each rule on a sentence of its own (invented
names and sentences, not taken from the labelled sets)."""

from __future__ import annotations

import pytest

from opspoor.documents.names import find_names
from opspoor.documents.text import tokenize


def _names(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in find_names(text).mentions}


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Het bedrijf, Baltic Build Sp. z o.o., betaalde niet.", "Baltic Build Sp. z o.o."),
        ("De lassers werkten voor Tatra Steel s.r.o. in Kosice.", "Tatra Steel s.r.o."),
        ("Geld ging naar Drina Trans d.o.o. in Tuzla.", "Drina Trans d.o.o."),
    ],
)
def test_central_european_legal_forms(text: str, company: str) -> None:
    assert (company, "organization") in _names(text)


def test_dutch_place_names_with_s_prefix_are_one_word() -> None:
    assert [t.text for t in tokenize("in 's-Gravenhage")] == ["in", "'s-Gravenhage"]
    assert ("Rechtbank 's-Gravenhage", "organization") in _names(
        "De Rechtbank 's-Gravenhage deed uitspraak."
    )


def test_plural_possessive_inside_an_organisation_name() -> None:
    found = _names("She called the Domestic Workers' Union for help.")
    assert ("Domestic Workers' Union", "organization") in found


def test_soft_stopword_inside_a_foundation_name() -> None:
    found = _names("Het geld ging naar Stichting Nieuwe Toekomst West.")
    assert ("Stichting Nieuwe Toekomst West", "organization") in found


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("The crew worked on the Northern Star for a year.", "Northern Star"),
        ("He owed money to a man in Thai Binh province.", "Thai Binh"),
        ("A farmer from County Kerry was fined.", "County Kerry"),
    ],
)
def test_no_person_after_the_or_in_or_a_place_word(text: str, not_a_person: str) -> None:
    assert (not_a_person, "person") not in _names(text)


def test_title_case_role_at_sentence_start_is_left_out() -> None:
    found = _names("Wethouder Sevda Yilmaz opende het centrum. Councillor Hughes agreed.")
    assert ("Sevda Yilmaz", "person") in found
    assert ("Hughes", "person") in found


def test_request_verb_at_sentence_start_is_no_name_part() -> None:
    found = _names("Prepared by: Amal Haddad\n\nContact Haddad with questions.")
    assert ("Haddad", "person") in found
    assert not any(text.startswith("Contact") for text, _ in found)


def test_unknown_abbreviation_is_an_organisation_but_not_a_dateline_or_a_role() -> None:
    found = _names("UTRECHT - Een bouwer als KVB huurde hen in. Our MLRO, Jo Ames, agreed.")
    assert ("KVB", "organization") in found
    assert not any(text in ("UTRECHT", "MLRO") for text, _ in found)
    assert ("PTU", "organization") in _names("PTU inspector Alan Reid visited the boat.")


def test_abbreviation_in_an_account_number_is_no_organisation() -> None:
    found = _names("The account NL12 ABCD 0123 4567 89 received cash.")
    assert not any(t == "organization" for _, t in found)


def test_name_opening_with_an_abbreviation_is_an_organisation() -> None:
    assert ("SOS Grenzland", "organization") in _names("Groups such as SOS Grenzland help.")


def test_after_a_dateline_the_article_is_left_out() -> None:
    found = _names("GENT - De Lokale Politie heeft vier mannen opgepakt.")
    assert ("Lokale Politie", "organization") in found


def test_single_name_under_a_letters_closing_is_the_writer() -> None:
    assert ("Noor", "person") in _names("Thanks for your help.\n\nKind regards,\nNoor\n")
    assert ("Wout", "person") in _names("Tot snel.\n\nMet vriendelijke groet,\n\nWout\n")


def test_unquoted_name_a_person_calls_himself() -> None:
    found = _names("Hij sprak met een jongen die zich Ky noemde.")
    assert ("Ky", "person") in found
    assert _names("Een man die zich Libiër noemde kwam langs.") == set()
