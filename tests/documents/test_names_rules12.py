"""Twelfth round of general name rules (after reading heldout14 and heldout15): address words,
terms of address, team lists and testimonials on web pages, a given name met again alone,
memo initials, a bracketed word before a legal form. Examples are invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_address_words_end_no_name() -> None:
    text = "The van was stopped at Queen Mary Dock. Ten men lived at 4 Willow Terrace."
    assert found(text) == []


def test_spanish_and_romanian_terms_of_address_are_left_out() -> None:
    names = found("Hij werkte voor Don Alvaro en sprak met Domnul Cretu. Dezelfde Cretu zweeg.")
    assert ("Alvaro", "person") in names
    assert [n for n, _ in names if "Cretu" in n] == ["Cretu", "Cretu"]


def test_reporter_ends_a_job_title() -> None:
    names = found("By Olwen Maddox, Home Affairs Reporter\n\nA man was jailed.")
    assert names == [("Olwen Maddox", "person")]


def test_team_list_lines_and_given_name_again() -> None:
    text = (
        "Ons team\n"
        "Pieter Jansen – directeur\n"
        "Zarina Usmonova – planning\n"
        "Torvik Almqvist – werving\n\n"
        '"Zarina heeft alles geregeld." – Ravshan, chauffeur sinds 2021\n'
    )
    names = found(text)
    assert ("Zarina Usmonova", "person") in names
    assert ("Torvik Almqvist", "person") in names
    assert ("Zarina", "person") in names
    assert ("Ravshan", "person") in names


def test_memo_initials_are_people() -> None:
    text = (
        "To: Tamsin Brook, MLRO\nFrom: Oskar Lindqvist\nCc: KMW\n\n"
        "The alert was reviewed by TB last week and the case is with a GP now.\n\nOL\n"
    )
    names = found(text)
    assert ("KMW", "person") in names
    assert ("TB", "person") in names
    assert ("OL", "person") in names
    assert ("GP", "person") not in names


def test_bracketed_word_before_a_legal_form() -> None:
    names = found("The workers were hired by Greenhollow Produce (Antrim) Ltd last spring.")
    assert names == [("Greenhollow Produce (Antrim) Ltd", "organization")]


def test_dotted_acronym_of_a_known_body() -> None:
    text = "The U.N. migration agency helped. Later the U.N. Security Council voted."
    names = found(text)
    assert ("U.N.", "organization") in names
    assert ("U.N. Security Council", "organization") in names


def test_chamber_named_again_by_its_word() -> None:
    text = (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
        "Hierbij informeer ik uw Kamer over de stand van zaken."
    )
    assert ("Kamer", "organization") in found(text)


def test_association_of_plural_members_is_one_name() -> None:
    names = found("She spoke to the Kenya Association of Private Recruitment Agencies on Monday.")
    assert names == [("Kenya Association of Private Recruitment Agencies", "organization")]


def test_authority_compound_takes_its_adjective() -> None:
    assert found("Wij vroegen de Europese Arbeidsautoriteit om hulp.") == [
        ("Europese Arbeidsautoriteit", "organization")
    ]


def test_high_commissioner_inside_an_office_name() -> None:
    names = found(
        "A report by the Office of the EU High Commissioner for Minority Rights came out."
    )
    assert names == [("Office of the EU High Commissioner for Minority Rights", "organization")]


def test_union_and_agency_kind_words_are_left_out() -> None:
    text = "Vakbond BTB Transport zweeg. Het werk liep via Uitzendbureau Westkust Flex. Tolken Mahlet hielp."
    names = found(text)
    assert ("BTB Transport", "organization") in names
    assert ("Westkust Flex", "organization") in names
    assert ("Mahlet", "person") in names


def test_town_of_a_court_or_council_is_no_short_name() -> None:
    text = (
        "Migrants found in a lorry at Grimsby port. The driver appeared at Grimsby Crown Court. "
        "Hollins Yard Holdings Ltd owns the site at 12 Hollins Yard."
    )
    names = found(text)
    assert ("Grimsby", "organization") not in names
    assert ("Hollins Yard", "organization") not in names


def test_initials_in_a_header_line_are_the_same_person_later() -> None:
    text = "From: Rosa Quint\nCc: DMV\n\nPlease escalate to DMV before Friday.\n"
    assert [n for n in found(text) if n[0] == "DMV"] == [("DMV", "person"), ("DMV", "person")]


def test_names_in_apposition_to_a_person_noun() -> None:
    text = (
        "She fled after a fellow worker, Sumitra, lent her a phone. Two drivers from Osh, "
        "Temirbek and Azamat, said they were not paid. Workers from Romania, Moldova and Chad, "
        "the report said, slept in tents."
    )
    names = found(text)
    assert ("Sumitra", "person") in names
    assert ("Temirbek", "person") in names and ("Azamat", "person") in names
    assert ("Moldova", "person") not in names


def test_dutch_university_and_border_guard_compounds() -> None:
    names = found("Onderzoekers van de Rijksuniversiteit Twente en de groep Grenswacht Oost.")
    assert ("Rijksuniversiteit Twente", "organization") in names
    assert ("Grenswacht Oost", "organization") in names


def test_lower_case_dotted_legal_form_and_dutch_sons() -> None:
    names = found(
        "Tickets came from Mirador Voyages s.a.r.l. in Tripoli. Trucks came from "
        "Transportbedrijf Kolkman & Zn. B.V. in Ede."
    )
    assert ("Mirador Voyages s.a.r.l.", "organization") in names
    assert ("Transportbedrijf Kolkman & Zn. B.V.", "organization") in names


def test_no_names_in_breadcrumbs_or_file_references() -> None:
    text = (
        "Home › Vacancies › Warehouse Pickers, Dubai\n\n"
        "Our ref: KLP/HMO/2025/0101\n\nDear Mr Osei, we write about your house."
    )
    assert found(text) == [("Osei", "person")]


def test_client_initials_after_client_word() -> None:
    names = found("Melding over klant J.V. ontvangen. Customer P.T.K. paid in cash.")
    assert ("J.V.", "person") in names
    assert ("P.T.K.", "person") in names


def test_union_kind_word_and_cape_place() -> None:
    names = found("The union Solidar backed the crew. The boat sank off Cape Kiti in May.")
    assert names == [("Solidar", "organization")]


def test_news_agency_credited_in_brackets() -> None:
    text = "De mannen werden opgepakt.\n\n(Oostpers, redactie Lotte Brink)"
    names = found(text)
    assert ("Oostpers", "organization") in names
    assert ("Lotte Brink", "person") in names


def test_association_of_nationality_and_name() -> None:
    assert found("Namens de Vereniging van Friese Boeren sprak niemand.") == [
        ("Vereniging van Friese Boeren", "organization")
    ]


def test_two_bodies_joined_by_and() -> None:
    names = found("We told North Wessex Police and Vale and Downs Fire and Rescue Service.")
    assert ("North Wessex Police", "organization") in names


def test_user_name_is_no_lower_case_word_and_particle_t() -> None:
    text = (
        "tawanda_k: Is the fee refunded?\nAdmin: Hi Tawanda, please email us.\n\n"
        "Cc: Femke van 't Hoog"
    )
    names = found(text)
    assert ("Tawanda", "person") in names
    assert ("Femke van 't Hoog", "person") in names


def test_english_adjective_opens_an_association_name() -> None:
    names = found("Help came from the Eritrean Community Association of the Midlands.")
    assert names == [("Eritrean Community Association of the Midlands", "organization")]


def test_plural_of_a_nationality_of_two_words_is_no_name() -> None:
    assert found("The network has helped 41 Sri Lankans return home.") == []


def test_trade_words_end_a_business_name() -> None:
    names = found("The money went to Yusuf Karami Building Supplies in Sfax.")
    assert names == [("Yusuf Karami Building Supplies", "organization")]


def test_town_of_a_court_is_no_short_name_of_a_newspaper() -> None:
    text = (
        "A man told the Grimsby Evening Star he saw it. Later he stood trial at Grimsby "
        "Crown Court. Migrants were found at Grimsby docks."
    )
    names = found(text)
    assert ("Grimsby", "organization") not in names


def test_case_heading_is_no_title_line() -> None:
    text = "She left.\n\nCase study 4: Ruwan and Dilani Jayasuriya\nThe couple paid an agent."
    names = found(text)
    assert ("Dilani Jayasuriya", "person") in names
    assert ("Ruwan", "person") in names


def test_listed_name_after_a_role_word() -> None:
    names = found("Tolken Thuy en Bao maakten de gesprekken mogelijk.")
    assert ("Thuy", "person") in names
    assert ("Bao", "person") in names


def test_name_listed_with_places_is_a_place() -> None:
    names = found("Pickers worked on farms in Devon, Somerset and Angus last year.")
    assert ("Angus", "person") not in names
