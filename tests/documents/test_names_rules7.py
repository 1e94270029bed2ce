"""The seventh round of general rule changes: each rule on a sentence of its own (invented
names and sentences, not taken from the labelled sets)."""

from __future__ import annotations

import pytest

from opspoor.documents.names import find_names
from opspoor.documents.text import sentences


def _names(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in find_names(text).mentions}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The boys said they owed Uncle Benedikt for the flights.", "Benedikt"),
        ("Later he phoned Father Tomasz Wielgus at the mission.", "Tomasz Wielgus"),
        ("DS Okonjo confirmed the arrest on Friday.", "Okonjo"),
        ("In the chats he is called Kak Shwan by everyone.", "Shwan"),
        ("Zij noemden hem Oom Wim, want hij betaalde alles.", "Wim"),
    ],
)
def test_terms_of_address_and_rank_abbreviations_stay_out_of_the_name(
    text: str, person: str
) -> None:
    found = _names(text)
    assert (person, "person") in found
    assert not any(person in name and name != person for name, _ in found)


def test_upper_case_speaker_labels_of_a_transcript_are_people() -> None:
    text = (
        "Transcript\n\nOKAFOR: When did you start?\nMENDES: In March, on the boat.\n"
        "OKAFOR: And the pay?\nMENDES: Never on time.\n"
    )
    found = _names(text)
    assert ("OKAFOR", "person") in found and ("MENDES", "person") in found
    assert not any(t == "organization" for _, t in found)


def test_an_upper_case_label_met_once_is_no_speaker() -> None:
    found = _names("NOTE: the file was closed.\nNOTE: nobody answered.\n")
    assert not any(name == "NOTE" for name, _ in found)


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("She was hired by Seabright Manning Inc. They paid late.", "Seabright Manning Inc."),
        ("The workers came from Duna Munka Kft., a Hungarian firm.", "Duna Munka Kft."),
        ("Visa Counsellor – Lotus Overseas Pvt. Ltd.\nJun 2010", "Lotus Overseas Pvt. Ltd."),
        ("The van belonged to Kestrel Haulage Ltd. Nobody knew the driver.", "Kestrel Haulage Ltd"),
    ],
)
def test_a_legal_form_always_written_with_its_stop_keeps_it(text: str, company: str) -> None:
    assert (company, "organization") in _names(text)


def test_a_role_word_opening_a_company_name_belongs_to_it_and_the_name_met_again() -> None:
    text = (
        "The workers were supplied by Premier Grove Harvesting Ltd of Armagh. "
        "Later Premier Grove Harvesting lost its licence."
    )
    found = _names(text)
    assert ("Premier Grove Harvesting Ltd", "organization") in found
    assert ("Premier Grove Harvesting", "organization") in found
    assert not any(t == "person" for _, t in found)


def test_labels_standing_for_people_are_no_names() -> None:
    found = _names("Two boys (Child D, Child E) were seen. Witness K said Child D left.")
    assert not found


@pytest.mark.parametrize(
    "text",
    [
        "The bank filed a DAML request the same day.",
        "No IELTS? Ask about CAS support.",
        "The school will ask the LADO for advice.",
    ],
)
def test_abbreviations_of_procedures_tests_and_roles_are_no_organisations(text: str) -> None:
    assert not _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Een toets op grond van de Wet Bibob volgde.",
        "A confiscation order was made under the Proceeds of Crime Act 2002.",
        "The inquiry, known as Operation Ferngate, began in May.",
        "Het onderzoek Zeearend liep twee jaar.",
    ],
)
def test_laws_and_investigations_are_no_names(text: str) -> None:
    assert not _names(text)


def test_a_unit_and_the_organisation_it_belongs_to_are_two_names() -> None:
    found = _names("A report went to the Joint Money Laundering Unit of the Home Office today.")
    assert ("Joint Money Laundering Unit", "organization") in found
    assert ("Home Office", "organization") in found


def test_a_body_of_the_united_nations_is_one_name() -> None:
    found = _names("Het Panel of Experts van de Verenigde Naties schreef dat.")
    assert ("Panel of Experts van de Verenigde Naties", "organization") in found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Bestuur\nVoorzitter: Jorinde Blaauwgeers\nPenningmeester: Ko Tan", "Jorinde Blaauwgeers"),
        ("Aanwezig:\n- Wouter Klaassen (politie)\n- Hoang Thi Mai (tolk)", "Hoang Thi Mai"),
    ],
)
def test_posts_and_lists_of_those_present_name_people(text: str, person: str) -> None:
    assert (person, "person") in _names(text)


def test_a_place_in_brackets_after_a_company_is_no_abbreviation() -> None:
    found = _names("Uitleners: Amber Workforce UAB (Kaunas) en Vita Personal SRL (Iasi).")
    assert not any(name in ("Kaunas", "Iasi") for name, _ in found)
    found = _names("The Solicitors Regulation Authority (SRA no. 123456) said so.")
    assert ("SRA", "organization") in found


def test_every_line_ends_a_sentence_in_a_text_written_one_paragraph_per_line() -> None:
    paragraph = "The meeting discussed the referral of three boys in some detail. " * 3
    text = f"{paragraph}\nAmara Osei, Designated Safeguarding Lead, Riverside Catholic College\n"
    text += "Brigid Nolan, education welfare\n"
    assert any(s.text == "Brigid Nolan, education welfare" for s in sentences(text))
    assert ("Brigid Nolan", "person") in _names(text)


def test_hard_wrapped_text_keeps_its_sentences_across_lines() -> None:
    text = (
        "The men were met at the airport in Glasgow by a driver who then took\nthem to a house.\n"
    )
    assert len(sentences(text)) == 1


def test_places_joined_by_an_ampersand_and_an_address_line_are_no_names() -> None:
    found = _names("Study in the UK, Canada & Australia | visas made simple")
    assert not any(t == "organization" for _, t in found)
    found = _names("Harlow Lane Solicitors LLP\n12 Grafton Court, London\n")
    assert ("Grafton Court", "organization") not in found
