"""Fifteenth round: terms of address of more languages, Dutch adjectives before foreign
bodies, the Filipino "Ma.", trade and kind words, "Stad X", a web page's name in capitals,
departments after a post, and two bodies joined by "and". Examples are invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_terms_of_address_stay_out_of_the_name() -> None:
    names = found(
        "The cooks called the owner Khun Somchai. In the hostel, Ate Marites kept the keys, "
        "and Ntate Thabo drove the van to the shaft every night."
    )
    assert ("Somchai", "person") in names
    assert ("Marites", "person") in names
    assert ("Thabo", "person") in names
    assert not any(n.startswith(("Khun", "Ate", "Ntate")) for n, _ in names)


def test_more_terms_of_address_of_albanian_romanian_and_malay() -> None:
    names = found(
        "De jongens noemden de ronselaar Baca Gentian. Zijn vrouw heette Tanti Florica. "
        "Encik Hafiz signed the contract."
    )
    assert ("Gentian", "person") in names
    assert ("Florica", "person") in names
    assert ("Hafiz", "person") in names


def test_a_dutch_adjective_stays_out_of_a_foreign_firm_with_its_legal_form() -> None:
    names = found(
        "De chauffeurs werkten voor het Tsjechische Vltava Doprava s.r.o. en spraken met "
        "het Duitse Landeskriminalamt."
    )
    assert ("Vltava Doprava s.r.o.", "organization") in names
    assert ("Landeskriminalamt", "organization") in names


def test_the_filipino_short_form_of_maria_is_part_of_the_name() -> None:
    names = found("A nurse from Cebu, Ma. Josefina Dimaculangan, said the agency kept her papers.")
    assert ("Ma. Josefina Dimaculangan", "person") in names


def test_trade_and_kind_words_make_an_organisation() -> None:
    names = found(
        "De aardappelen gingen via veiling Zeeland Oogst naar de fabriek. "
        "Het werk liep via Brabant Flex. De vrachtwagens waren van Kempen Koeltransport. "
        "The audit was done by Northway Social Audits."
    )
    assert ("Zeeland Oogst", "organization") in names
    assert ("Brabant Flex", "organization") in names
    assert ("Kempen Koeltransport", "organization") in names
    assert ("Northway Social Audits", "organization") in names


def test_a_cooperative_with_its_legal_form_and_a_board() -> None:
    names = found(
        "De melk ging naar Zuiderkaas Coöperatie U.A. in Friesland. "
        "Workers must be registered with the Overseas Workers Welfare Board first."
    )
    assert ("Zuiderkaas Coöperatie U.A.", "organization") in names
    assert ("Overseas Workers Welfare Board", "organization") in names


def test_a_flemish_city_administration() -> None:
    names = found("Het project kreeg steun van de Stad Mechelen en de Provincie Antwerpen.")
    assert ("Stad Mechelen", "organization") in names


def test_a_web_page_name_in_capitals_beside_its_navigation_bar() -> None:
    names = found(
        "KORENVELD UITZENDWERK\n"
        "Home | Vacatures | Over ons | Contact\n"
        "NL | EN | Polski\n\n"
        "Werk in de kassen bij Westland.\n"
    )
    assert ("KORENVELD UITZENDWERK", "organization") in names


def test_a_heading_in_capitals_is_no_web_page_name() -> None:
    names = found("Home | Vacatures | Over ons | Contact\n\nOVER ONS\n\nWij helpen u graag.\n")
    assert ("OVER ONS", "organization") not in names


def test_a_department_after_a_post_is_no_person() -> None:
    names = found(
        "Met vriendelijke groet,\nLotte Verbeek\nAnalist Klantscreening\nRivierbank N.V.\n"
    )
    assert ("Lotte Verbeek", "person") in names
    assert not any(n == "Klantscreening" for n, _ in names)


def test_two_bodies_joined_by_and_with_a_possessive_or_an_association_word() -> None:
    names = found(
        "The case was built with Guardia Civil and Morocco's National Security Directorate. "
        "Help came from the Embassy of Moldova and Asociația Casa Speranței."
    )
    assert ("Guardia Civil", "organization") in names
    assert ("National Security Directorate", "organization") in names
    assert ("Embassy of Moldova", "organization") in names
    assert ("Asociația Casa Speranței", "organization") in names


def test_a_kind_of_visa_or_a_contract_is_no_name() -> None:
    names = found(
        "The carers paid for Health Care Worker visas through an agent. "
        "Help is given under the Victim Support Contract."
    )
    assert not any(n in ("Health Care Worker", "Victim Support Contract") for n, _ in names)


def test_french_bodies_with_a_lower_case_complement() -> None:
    names = found(
        "The boat was stopped by the Gendarmerie nationale near Dunkirk, and the Police aux "
        "frontières questioned the driver."
    )
    assert ("Gendarmerie nationale", "organization") in names
    assert ("Police aux frontières", "organization") in names


def test_a_press_desk_stays_out_of_the_body_it_speaks_for() -> None:
    names = found("Einde bericht.\n\nPersvoorlichting Arrondissementsparket Zeeland-West-Brabant\n")
    assert ("Arrondissementsparket Zeeland-West-Brabant", "organization") in names


def test_a_royal_borough_and_its_council() -> None:
    names = found(
        "Royal Borough of Ashwick\nTown Hall, Bridge Street\n\nDear Mr Patel,\n\n"
        "The Council has decided to revoke the licence. If you appeal, the Council will "
        "ask the court for costs.\n"
    )
    assert ("Royal Borough of Ashwick", "organization") in names
    assert names.count(("Council", "organization")) == 2


def test_the_second_reporter_in_a_wire_credit() -> None:
    names = found(
        "(Reporting by Lena Okafor in Accra and Tomasz Wierzbicki in Warsaw; "
        "Editing by Ruth Hallam)"
    )
    assert ("Lena Okafor", "person") in names
    assert ("Tomasz Wierzbicki", "person") in names


def test_a_name_someone_was_known_by_in_dutch() -> None:
    names = found(
        "Ze werd opgehaald door een man die zij alleen als 'Dodo' kende. "
        "Een vrouw die ik alleen kende als Mirela bracht eten."
    )
    assert ("Dodo", "person") in names
    assert ("Mirela", "person") in names


def test_a_malaysian_firm_with_its_dotted_legal_form() -> None:
    names = found("The gloves were made by Sinar Lateks Industries Sdn. Bhd. in Klang.")
    assert ("Sinar Lateks Industries Sdn. Bhd.", "organization") in names


def test_more_legal_forms_and_licensed_recruiters() -> None:
    names = found(
        "The fees went to Tian-Shan Career Abroad OsOO in Osh. "
        "The shelter is run by Riverside Hope CIC in Leeds. "
        "They were sent by a firm in Sialkot, Green Valley Overseas Employment Promoters."
    )
    assert ("Tian-Shan Career Abroad OsOO", "organization") in names
    assert ("Riverside Hope CIC", "organization") in names
    assert ("Green Valley Overseas Employment Promoters", "organization") in names


def test_a_compass_point_before_a_nationality_in_a_body() -> None:
    names = found("Officers of the South African Police Service raided the shaft.")
    assert ("South African Police Service", "organization") in names


def test_a_capital_the_inside_a_sentence_belongs_to_the_body() -> None:
    names = found(
        "The women were housed by The Salvation Army in Leeds. "
        "Notes to editors: The Refugee Council runs the helpline."
    )
    assert ("The Salvation Army", "organization") in names
    assert ("Refugee Council", "organization") in names


def test_a_foreign_prosecution_service_keeps_the_dutch_adjective_out() -> None:
    names = found("Het onderzoek liep samen met de Poolse Prokuratura Okręgowa in Gdańsk.")
    assert ("Prokuratura Okręgowa", "organization") in names
