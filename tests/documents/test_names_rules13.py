"""Thirteenth round of general name rules (after reading heldout16 and heldout17): legal forms
and trade words of businesses, terms of address and ranks before a name, nouns for someone from
a place, Dutch postcodes, credits at the end of a report, pseudonyms in quotes, memo initials in
a list, a courtesy title and one initial. Examples are invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_more_legal_forms_make_businesses() -> None:
    names = found(
        "De aannemer Pedravia Unipessoal Lda huurde Betonwerken Claeys CommV in. "
        "The farm, Glenmoor Produce DAC, was fined."
    )
    assert ("Pedravia Unipessoal Lda", "organization") in names
    assert ("Betonwerken Claeys CommV", "organization") in names
    assert ("Glenmoor Produce DAC", "organization") in names


def test_family_firm_and_luxembourg_form() -> None:
    names = found(
        "Het schip is van Baggerbedrijf Gebr. Ottens B.V. De bemanning kwam via "
        "Rhenus Crew Services S.à r.l. in Luxemburg. Hij betaalde Rhenus elke maand."
    )
    assert ("Baggerbedrijf Gebr. Ottens B.V.", "organization") in names
    assert ("Rhenus Crew Services S.à r.l.", "organization") in names
    assert names.count(("Rhenus", "organization")) == 1


def test_trade_words_end_a_business_name() -> None:
    names = found(
        "The money went to Qamar Telecom, then through Nile Star Transfer. "
        "A report by Brightlane Analytics named Lotus Garden Spa."
    )
    assert ("Qamar Telecom", "organization") in names
    assert ("Nile Star Transfer", "organization") in names
    assert ("Brightlane Analytics", "organization") in names
    assert ("Lotus Garden Spa", "organization") in names


def test_general_trading_firms() -> None:
    names = found(
        "Payments reached Al Noor General Trading & Contracting Co. W.L.L. in Kuwait and "
        "Tigris Moon for General Trading in Basra."
    )
    assert ("Al Noor General Trading & Contracting Co. W.L.L.", "organization") in names
    assert ("Tigris Moon for General Trading", "organization") in names


def test_terms_of_address_and_ranks_are_left_out() -> None:
    names = found(
        "Chú Bảy betaalde de reis. Ayi Lan kookte. Matroos Joel Dizon voer mee. "
        "Ratu Semesa spoke first."
    )
    assert ("Bảy", "person") in names
    assert ("Lan", "person") in names
    assert ("Joel Dizon", "person") in names
    assert ("Semesa", "person") in names


def test_words_inside_a_rank_are_no_names() -> None:
    names = found(
        '"We found them," said Detective Staff Sergeant Lena Petrova. '
        "Omar Haddad, Senior Crown Prosecutor with the CPS, welcomed the verdict."
    )
    assert ("Lena Petrova", "person") in names
    assert ("Omar Haddad", "person") in names
    assert not [n for n, _ in names if "Staff" in n or "Senior" in n]


def test_noun_for_someone_from_a_place_is_left_out() -> None:
    names = found("De Surinamer Glenn Pinas en de Curaçaoënaar Jurick Koeiman werden opgepakt.")
    assert ("Glenn Pinas", "person") in names
    assert ("Jurick Koeiman", "person") in names


def test_dutch_postcode_before_a_town_is_no_name() -> None:
    text = "Retouradres Postbus 4410 2500 CK Den Haag\nPostbus 1200 3500 BE Utrecht\n"
    assert found(text) == []


def test_credits_at_the_end_of_a_report() -> None:
    text = (
        "De rechtbank doet over twee weken uitspraak.\n\n"
        "(Scheldepers) – Redactie: Wout Verhaegen\n"
        "(Deltapers) Verslaggeving Marieke Vos, eindredactie Joost Hamers\n"
    )
    names = found(text)
    assert ("Wout Verhaegen", "person") in names
    assert ("Marieke Vos", "person") in names
    assert ("Joost Hamers", "person") in names


def test_quoted_pseudonyms() -> None:
    names = found(
        '"Lianhua" (een schuilnaam) werkte er twee jaar. "Delroy" (a pseudonym) was 15. '
        "'Tsehay' (schuilnaam, 24) vluchtte in 2021."
    )
    assert ("Lianhua", "person") in names
    assert ("Delroy", "person") in names
    assert ("Tsehay", "person") in names


def test_names_people_were_known_by() -> None:
    names = found(
        "De jongens kenden hem als \"Jojo\". Ronselaars gebruiken bijnamen als 'Al-Sayad'. "
        "A man who gave his name only as Dawit said he paid twice."
    )
    assert ("Jojo", "person") in names
    assert ("Al-Sayad", "person") in names
    assert ("Dawit", "person") in names


def test_memo_initials_in_a_list() -> None:
    text = (
        "From: Priya Nair\nTo: Tom Baker, MLRO\nCc: RG; HM\n\n"
        "The customer told RG that the cash came from weddings.\n"
    )
    names = found(text)
    assert names.count(("RG", "person")) == 2
    assert ("HM", "person") in names


def test_courtesy_title_and_one_initial() -> None:
    names = found("Een bewoonster, mevrouw K., belde de politie. Ook mw. P. werd gehoord.")
    assert ("K.", "person") in names
    assert ("P.", "person") in names


def test_fund_compounds_and_foreign_bodies_words() -> None:
    names = found(
        "Het onderzoek werd betaald door het Bergfonds. Doneer aan Fundashon Kas di Esperansa. "
        "Hulp kwam van Samahan ng Migrante Rotterdam. The Welsh Congress of Farm Unions spoke."
    )
    assert ("Bergfonds", "organization") in names
    assert ("Fundashon Kas di Esperansa", "organization") in names
    assert ("Samahan ng Migrante Rotterdam", "organization") in names
    assert ("Welsh Congress of Farm Unions", "organization") in names


def test_dutch_adjective_before_a_name_in_another_language() -> None:
    names = found("De Italiaanse Polizia di Stato en de Franse Direction du Travail grepen in.")
    assert ("Polizia di Stato", "organization") in names
    assert ("Direction du Travail", "organization") in names


def test_sheriff_court_and_places() -> None:
    names = found(
        "A skipper appeared at Lerwick Sheriff Court. The crew slept at the Oude Dokken. "
        "Office: Moi Avenue, Mombasa CBD."
    )
    assert names == [("Lerwick Sheriff Court", "organization")]


def test_trade_terms_are_no_organisations() -> None:
    text = "The farm met all SAWP requirements. The money went to an OTC desk in Dubai."
    assert found(text) == []


def test_department_after_a_name_in_a_memo_header_or_team_list() -> None:
    text = (
        "From: Helen Marsh, Economic Crime Intelligence\n"
        "To: Idris Bello, MLRO\n\n"
        "Our team\n"
        "• Joseph Mwangi – Gulf Placements • Grace Wanjiru – Training Academy, Nakuru\n"
    )
    names = found(text)
    assert ("Helen Marsh", "person") in names
    assert ("Joseph Mwangi", "person") in names
    assert ("Grace Wanjiru", "person") in names
    assert not [n for n, t in names if t == "organization"]


def test_network_after_nationality_adjectives_is_no_name() -> None:
    text = "Tussen 2021 en 2024 werkte een Marokkaans-Belgisch netwerk vanuit Antwerpen."
    assert not [n for n, t in found(text) if t == "organization"]


def test_quoted_name_with_an_age_in_a_heading() -> None:
    names = found('3.1 "Halima", 27, Somali, from Kismayo\nHalima left in 2020.')
    assert names.count(("Halima", "person")) == 2


def test_given_name_after_a_word_for_a_relative() -> None:
    names = found("Hij betaalde voor zijn nicht Saron. Her cousin Ayaan stayed behind.")
    assert ("Saron", "person") in names
    assert ("Ayaan", "person") in names


def test_agency_in_brackets_before_a_credit() -> None:
    text = "De zaak komt in maart voor.\n\n(Kempenpers) – Redactie: Lotte Aerts\n"
    names = found(text)
    assert ("Kempenpers", "organization") in names
    assert ("Lotte Aerts", "person") in names


def test_client_word_before_a_business_name() -> None:
    names = found("The bank reviewed the account. Customer Sunrise Nails Ltd paid in cash.")
    assert ("Sunrise Nails Ltd", "organization") in names
