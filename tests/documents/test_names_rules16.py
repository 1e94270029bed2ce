"""Sixteenth round: a closing quote after a sentence's full stop, user names with a dot,
kinds of trade association left out, trade words of warehouses, recruiters and football
clubs, a body's regional branch, Portuguese and church terms of address, and an English
adjective before a French police body. Examples are invented."""

from __future__ import annotations

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_a_title_and_name_before_a_closing_quote_after_an_exclamation_mark() -> None:
    names = found('"We finally got paid. Thank you Uncle Kofi!" - a cleaner in Hull')
    assert ("Kofi", "person") in names


def test_a_user_name_with_a_dot_is_no_lower_case_word() -> None:
    text = (
        "tomek.gdansk: Wie betaalt mijn vakantiegeld terug?\n\n"
        "Beheerder: Hoi Tomek, dat regelt het loonbureau."
    )
    assert ("Tomek", "person") in found(text)


def test_a_trade_association_kind_stays_out_of_the_name() -> None:
    names = found("De oogst viel tegen. Brancheorganisatie LTO Glaskracht noemt de zaak ernstig.")
    assert ("LTO Glaskracht", "organization") in names
    assert not any(n.startswith("Brancheorganisatie") for n, _ in names)


def test_trade_words_of_warehouses_recruiters_money_shops_and_clubs() -> None:
    names = found(
        "Zij werkte bij Zuiderhaven Fulfilment en stuurde geld via Medina Transfert. "
        "He was recruited by Goldcrest Global Careers and played for Volta Rising Stars FC."
    )
    assert ("Zuiderhaven Fulfilment", "organization") in names
    assert ("Medina Transfert", "organization") in names
    assert ("Goldcrest Global Careers", "organization") in names
    assert ("Volta Rising Stars FC", "organization") in names


def test_an_acronym_with_its_province_is_one_name() -> None:
    names = found("Het RIEC Drenthe en de GGD Zeeland deden samen onderzoek.")
    assert ("RIEC Drenthe", "organization") in names
    assert ("GGD Zeeland", "organization") in names


def test_portuguese_and_church_terms_of_address_stay_out() -> None:
    names = found("The foreman, Senhor Joaquim, kept the passports. Deacon Peter Hallworth came.")
    assert ("Joaquim", "person") in names
    assert ("Peter Hallworth", "person") in names


def test_an_english_adjective_stays_out_of_a_french_police_body() -> None:
    names = found("Officers of the French Police aux frontières stopped the van near Calais.")
    assert ("Police aux frontières", "organization") in names
    assert not any(n.startswith("French") for n, _ in names)


def test_a_municipality_after_en_is_a_second_body() -> None:
    names = found("Het project kreeg steun van Stichting Open Deur en Gemeente Deventer.")
    assert ("Stichting Open Deur", "organization") in names
    assert ("Gemeente Deventer", "organization") in names


def test_a_sea_is_no_person() -> None:
    names = found("De boten varen nu vaker via de Ionische Zee naar Calabrië.")
    assert not any(n == "Ionische Zee" for n, _ in names)


def test_the_place_after_an_age_is_no_person() -> None:
    names = found("Daniel Price, 46, of Bordesley Green, was jailed for six years.")
    assert ("Daniel Price", "person") in names
    assert not any(n == "Bordesley Green" for n, _ in names)


def test_a_name_that_is_also_a_month_or_particle_after_a_term_of_address() -> None:
    names = found("Support (admin): Dear Jun, we received your form. Ate Abdul, the cook, stayed.")
    assert ("Jun", "person") in names
    assert ("Abdul", "person") in names
