"""The sixth round of general rule changes: each rule on a sentence of its own (invented
names and sentences, not taken from the labelled sets)."""

from __future__ import annotations

import pytest

from opspoor.documents.names import find_names


def _names(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in find_names(text).mentions}


def test_an_e_mail_address_does_not_make_a_name_an_ordinary_word() -> None:
    text = (
        "To: Johanna Lindqvist <johanna.lindqvist@example.org>\n\n"
        "> On 3 May 2024, at 09:12, Johanna Lindqvist wrote:\n> can you check this?"
    )
    found = [m for m in find_names(text).mentions if m.text == "Johanna Lindqvist"]
    assert len(found) == 2


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Het geld ging naar Marmara Bouw & Advies B.V. in Gouda.", "Marmara Bouw & Advies B.V."),
        ("The rent was paid to Okafor & Sons Haulage Ltd last year.", "Okafor & Sons Haulage Ltd"),
        ("De salon heet Jade Nails & Spa en is altijd open.", "Jade Nails & Spa"),
    ],
)
def test_names_joined_by_an_ampersand_are_one_organisation(text: str, company: str) -> None:
    found = _names(text)
    assert (company, "organization") in found
    assert not any(t == "person" for _, t in found)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Van: Hanna Kowalczyk\nAan: Pieter Smulders\nOnderwerp: overleg", "Hanna Kowalczyk"),
        ("From: Ops Team\nCc: Tadeusz Wrona\nSubject: alert", "Tadeusz Wrona"),
        ("Het interview\n\nDoor Marjolein Hekstra\n\nHoe begon het?", "Marjolein Hekstra"),
        (
            "Written question\n\nAsked by Morven Aitken (Fife)\n\nTo ask the minister",
            "Morven Aitken",
        ),
        ("Getuige: Yodit Berhane, geboren in 1998", "Yodit Berhane"),
    ],
)
def test_header_lines_and_by_lines_name_people(text: str, person: str) -> None:
    assert (person, "person") in _names(text)


def test_a_header_label_before_a_role_or_desk_makes_no_person() -> None:
    found = _names("To: Money Laundering Reporting Officer\nFrom: Newsdesk\n\nHello.")
    assert not any(t == "person" for _, t in found)


def test_a_given_name_met_again_refers_to_the_full_name() -> None:
    result = find_names("Kind regards, Tobias Lindholm\n\nLater that day Tobias called again.")
    again = [m for m in result.mentions if m.text == "Tobias"]
    assert again and again[0].type == "person"
    assert again[0].refers_to is not None
    assert result.mentions[again[0].refers_to].text == "Tobias Lindholm"


def test_a_name_met_again_inside_a_town_name_is_the_town() -> None:
    found = _names("Walid Hamdan kwam uit Bani Walid. Later woonde hij in Bani Walid.")
    assert ("Walid", "person") not in found


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Dat zei hij tegen het Zwolsch Dagblad.", "Zwolsch Dagblad"),
        ("The case went to Norfolk Constabulary last week.", "Norfolk Constabulary"),
        ("Officials at the Dutch Embassy Nairobi were told.", "Dutch Embassy Nairobi"),
        ("She now works at Bright Path Ireland as a caseworker.", "Bright Path Ireland"),
        ("Bel de Fraudehelpdesk als u twijfelt.", "Fraudehelpdesk"),
    ],
)
def test_organisations_without_the_old_organisation_words(text: str, org: str) -> None:
    found = _names(text)
    assert (org, "organization") in found
    assert not any(t == "person" for _, t in found)


@pytest.mark.parametrize(
    "text",
    [
        "Most of the women came from Delta State in the south.",
        "The rules bind all Member States of the union.",
    ],
)
def test_a_run_ending_with_state_is_no_person(text: str) -> None:
    assert not any(t == "person" for _, t in _names(text))


def test_the_head_of_an_organisation_named_before_met_again() -> None:
    found = find_names(
        "De Europese Commissie wil meer toezicht. Het kabinet vraagt de Commissie om uitleg."
    ).mentions
    heads = [m for m in found if m.text == "Commissie"]
    assert heads and heads[0].type == "organization"


@pytest.mark.parametrize(
    ("text", "nickname"),
    [
        ("The driver, who also uses the name Dilo, was arrested.", "Dilo"),
        ("One woman, whom I'll call Ivie, was sent here at sixteen.", "Ivie"),
        ("ze noemen haar Mimi, ik denk dat zij de baas is.", "Mimi"),
        ('a commander known as Al Hajj, or "the Teacher", ran the camp.', "the Teacher"),
    ],
)
def test_more_ways_of_giving_a_name(text: str, nickname: str) -> None:
    assert (nickname, "person") in _names(text)


def test_a_lower_case_given_name_after_heet_in_a_tip() -> None:
    assert ("tomasz", "person") in _names("de man heet tomasz, hij rijdt een busje.")
    assert not any(t == "person" for _, t in _names("het water is heet vandaag."))


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("The camp is run by Serbia's Commissariat for Refugees and Migration today.",
         "Commissariat for Refugees and Migration"),
        ("Experts from Frontex's Centre of Excellence helped.", "Frontex"),
        ("The raid was led by Greece's General Directorate Border Police.",
         "General Directorate Border Police"),
    ],
)  # fmt: skip
def test_possessive_owners_and_rank_words_around_organisation_names(text: str, org: str) -> None:
    assert (org, "organization") in _names(text)


def test_a_heading_in_capitals_is_no_person_for_its_van() -> None:
    assert not any(t == "person" for _, t in _names("PROCES-VERBAAL VAN AANGIFTE\nNummer: 12"))


def test_an_honorific_before_a_given_name_is_left_out() -> None:
    assert ("Precious", "person") in _names("Zij werkte voor een vrouw die Mama Precious heet.")
