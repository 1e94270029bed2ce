"""Rule-based names: people, organisations, vessels and places, with exact offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.documents.names import find_names


def found(text: str) -> list[tuple[str, str]]:
    names = find_names(text)
    for m in names.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.type) for m in names.mentions]


def test_people_with_particles_titles_and_roles() -> None:
    text = (
        "Volgens minister Pieter van Dam werkt commandant Abd Al Rahman Al-Milad samen met "
        "Mus'ab Abu Qarin. Ook kolonel J.P. van der Berg en journalist Sarah Whitfield waren er."
    )
    assert found(text) == [
        ("Pieter van Dam", "person"),
        ("Abd Al Rahman Al-Milad", "person"),
        ("Mus'ab Abu Qarin", "person"),
        ("J.P. van der Berg", "person"),
        ("Sarah Whitfield", "person"),
    ]


def test_public_roles_are_marked() -> None:
    names = find_names(
        "Minister Pieter van Dam sprak met Idris Ben Salem en met Claire Dubois, a spokesperson."
    )
    roles = {m.text: (m.public_role, m.role) for m in names.mentions}
    assert roles == {
        "Pieter van Dam": (True, "minister"),
        "Idris Ben Salem": (False, None),
        "Claire Dubois": (True, "spokesperson"),
    }


def test_organisations_by_cue_word_legal_form_and_known_name() -> None:
    text = (
        "The Libyan Coast Guard and the Anas al-Dabbashi militia met Al Khums Trading B.V., "
        "Frontex and the International Organization for Migration (IOM). IOM said nothing. "
        "Het Openbaar Ministerie en de Shuhada al-Nasr brigade zwegen."
    )
    assert found(text) == [
        ("Libyan Coast Guard", "organization"),
        ("Anas al-Dabbashi militia", "organization"),
        ("Al Khums Trading B.V.", "organization"),
        ("Frontex", "organization"),
        ("International Organization for Migration", "organization"),
        ("IOM", "organization"),
        ("IOM", "organization"),
        ("Openbaar Ministerie", "organization"),
        ("Shuhada al-Nasr brigade", "organization"),
    ]


def test_nicknames_and_surnames_refer_to_the_full_name() -> None:
    text = (
        "Abd Al Rahman Al-Milad, bijgenaamd 'Bija', leidt de kustwacht. "
        'Later zag men Bija en Al-Milad in Zawiya. Mussab Abu-Quarin, known as "The Doctor", '
        "and The Doctor's men. Abu-Quarin's boat left."
    )
    names = find_names(text)
    by_text = [
        (m.text, m.source, names.mentions[m.refers_to].text if m.refers_to is not None else None)
        for m in names.mentions
    ]
    assert by_text == [
        ("Abd Al Rahman Al-Milad", "rule", None),
        ("Bija", "nickname", "Abd Al Rahman Al-Milad"),
        ("Bija", "backref", "Abd Al Rahman Al-Milad"),
        ("Al-Milad", "backref", "Abd Al Rahman Al-Milad"),
        ("Mussab Abu-Quarin", "rule", None),
        ("The Doctor", "nickname", "Mussab Abu-Quarin"),
        ("The Doctor", "backref", "Mussab Abu-Quarin"),
        ("Abu-Quarin", "backref", "Mussab Abu-Quarin"),
    ]


def test_places_are_not_names() -> None:
    names = find_names(
        "Boten vertrekken vanuit Zuwara en Sabratha naar Italië en de Middellandse Zee."
    )
    assert names.mentions == []
    assert [(p.text, p.country, p.is_country) for p in names.places] == [
        ("Zuwara", "ly", False),
        ("Sabratha", "ly", False),
        ("Italië", "it", True),
        ("Middellandse Zee", "", False),
    ]


def test_vessels_after_a_vessel_word() -> None:
    assert found('The fishing vessel "Sea Falcon" and het schip Zeester lagen in Zuwara.') == [
        ("Sea Falcon", "vessel"),
        ("Zeester", "vessel"),
    ]


def test_headlines_and_letter_heads_are_not_people() -> None:
    text = "Libyan Coast Guard Commander Named In UN Report\nDock Street 12, Valletta\nMoney Laundering Reporting Officer\n"
    assert ("Named", "person") not in found(text)
    assert all(t != "person" for _, t in found(text))


def test_sentence_initial_words_seen_in_lower_case_are_not_names() -> None:
    text = "Smugglers Paid Well. The smugglers paid the guards. Khalid Zentani was paid."
    assert found(text) == [("Khalid Zentani", "person")]


def test_possessive_is_left_out() -> None:
    text = "Mohammed Kachlaf's cousin, Ali Ben Omran, met Kachlaf's brother."
    assert found(text) == [
        ("Mohammed Kachlaf", "person"),
        ("Ali Ben Omran", "person"),
        ("Kachlaf", "person"),
    ]


def test_dutch_surnames_with_a_capitalised_particle() -> None:
    text = (
        "Officier van justitie Marleen de Haan eiste straf. Advocaat Van der Meer pleitte "
        "vrijspraak. De Haan wees op de tap. Volgens het OM lieten Thi Lan P. en Van Duc P. "
        "Vietnamese vrouwen werken. De film De Tweeling speelt in De Wallen."
    )
    names = find_names(text)
    assert [(m.text, m.type, m.source) for m in names.mentions] == [
        ("Marleen de Haan", "person", "role"),
        ("Van der Meer", "person", "role"),
        ("De Haan", "person", "backref"),
        ("OM", "organization", "known"),
        ("Thi Lan P.", "person", "rule"),
        ("Van Duc P.", "person", "rule"),
    ]
    assert names.mentions[0].public_role and names.mentions[0].role == "officier van justitie"
    assert names.mentions[2].refers_to == 0


def test_genitives_and_prefixed_surnames_met_again() -> None:
    text = (
        "Semere Kahsay (41) sluisde geld door. Kahsays advocaat zweeg. Tarek Ben-Youssef "
        "regelde de boten; Ben-Youssef deelde de passagiers in. Yonas Gebremariams broer en "
        "Yonas Gebremariam zelf ook."
    )
    names = find_names(text)
    got = [
        (m.text, names.mentions[m.refers_to].text if m.refers_to is not None else None)
        for m in names.mentions
    ]
    assert got == [
        ("Semere Kahsay", None),
        ("Kahsay", "Semere Kahsay"),
        ("Tarek Ben-Youssef", None),
        ("Ben-Youssef", "Tarek Ben-Youssef"),
        ("Yonas Gebremariam", None),
        ("Yonas Gebremariam", None),
    ]


def test_kinds_of_organisation_before_a_name_make_it_one() -> None:
    text = (
        "Volgens de Tunesische krant La Presse en de Libische nieuwssite Libya Observer werkte "
        "uitzendbureau WorkForce Plus met reisbureau Anatolia Tours. Journalisten van Argos "
        "zagen het. The charity operator SOS Humanity said so. Crew members from Ghana spoke."
    )
    assert found(text) == [
        ("La Presse", "organization"),
        ("Libya Observer", "organization"),
        ("WorkForce Plus", "organization"),
        ("Anatolia Tours", "organization"),
        ("Argos", "organization"),
        ("SOS Humanity", "organization"),
    ]


def test_a_spokesman_for_someone_named_before_stays_a_person() -> None:
    text = "He met Khalifa Haftar in Benghazi. A spokesman for Haftar denied it."
    assert found(text) == [("Khalifa Haftar", "person"), ("Haftar", "person")]


def test_organisation_names_across_and_the_possessives_and_legal_forms() -> None:
    text = (
        "Researchers at the Clingendael Institute and the Global Initiative Against "
        "Transnational Organized Crime agree. The Public Prosecutor's Office of Palermo and "
        "the US Treasury's Office of Foreign Assets Control named Golden Dune General Trading "
        "LLC. The UN Refugee Agency and the UN Panel of Experts on Libya spoke. The "
        "Immigratie- en Naturalisatiedienst too. The trawler is run by Pacific Star Fishing "
        "Co. Ltd. A crew member left Poseidon Navigation Inc. in May."
    )
    assert found(text) == [
        ("Clingendael Institute", "organization"),
        ("Global Initiative Against Transnational Organized Crime", "organization"),
        ("Public Prosecutor's Office of Palermo", "organization"),
        ("US Treasury", "organization"),
        ("Office of Foreign Assets Control", "organization"),
        ("Golden Dune General Trading LLC", "organization"),
        ("UN Refugee Agency", "organization"),
        ("UN Panel of Experts on Libya", "organization"),
        ("Immigratie- en Naturalisatiedienst", "organization"),
        ("Pacific Star Fishing Co. Ltd", "organization"),
        ("Poseidon Navigation Inc.", "organization"),
    ]


def test_office_names_end_before_a_given_name_and_titles_before_names() -> None:
    text = (
        "Minister van Justitie en Veiligheid David van Weel sprak. Prosecutor Helen Barker KC "
        "and Mr Justice Fairweather spoke. Reporting by Angelo Amante; Editing by Alison "
        "Williams. Het lid Piri vroeg het, net als een zekere Hevi."
    )
    assert found(text) == [
        ("Justitie en Veiligheid", "organization"),
        ("David van Weel", "person"),
        ("Helen Barker", "person"),
        ("Fairweather", "person"),
        ("Angelo Amante", "person"),
        ("Alison Williams", "person"),
        ("Piri", "person"),
        ("Hevi", "person"),
    ]


def test_a_person_called_and_a_quoted_nickname_before_noemde() -> None:
    text = (
        'Een Libiër die iedereen "de Dokter" noemde, besliste alles. "De Dokter besliste," zegt '
        "hij. A Chadian smuggler called Zerihun took him north, but Zerihun sold the group."
    )
    names = find_names(text)
    got = [
        (m.text, m.source, names.mentions[m.refers_to].text if m.refers_to is not None else None)
        for m in names.mentions
    ]
    assert got == [
        ("de Dokter", "nickname", None),
        ("De Dokter", "backref", "de Dokter"),
        ("Zerihun", "role", None),
        ("Zerihun", "backref", "Zerihun"),
    ]


def test_places_side_by_side_and_signature_lines() -> None:
    names = find_names(
        "Vluchtelingen die via Libië Italië bereikten, sliepen in Velika Kladuša.\n\n"
        "Signed,\n\nBorder Monitoring Collective\nStichting Open Zee\n\n"
        "Please write to us about monitoring and the border.\n"
    )
    assert [p.text for p in names.places] == ["Libië", "Italië", "Velika Kladuša"]
    assert [(m.text, m.type) for m in names.mentions] == [
        ("Border Monitoring Collective", "organization"),
        ("Stichting Open Zee", "organization"),
    ]


def test_a_sentence_opening_word_before_a_lower_case_organisation_word() -> None:
    assert found("Smuggling gang jailed for Channel crossings\n\nThe gang was big.") == []


def test_van_after_a_full_name_is_a_preposition() -> None:
    text = (
        "Directeur Patrick Hermans van Flexcraft zweeg. Anna Maria van Dijk en Van der Valk "
        "niet. Het Libische Nationale Leger van Khalifa Haftar controleert de kust."
    )
    assert found(text) == [
        ("Patrick Hermans", "person"),
        ("Anna Maria van Dijk", "person"),
        ("Van der Valk", "person"),
        ("Libische Nationale Leger", "organization"),
        ("Khalifa Haftar", "person"),
    ]


def test_short_names_of_organisations_and_initials_met_again() -> None:
    text = (
        "Het bureau Flexcraft Staffing B.V. uit Venray betaalde te weinig. Karl Grech leidt "
        "Grech Bunkering Co. en Blue Horizon Marine Services Ltd. Directeur Patrick Hermans "
        "van Flexcraft zweeg; Grech en Blue Horizon ook. De rechtbank veroordeelde Amanuel "
        "W. (39) en Rayan B. (21). W. en B. gaan in beroep."
    )
    names = find_names(text)
    got = [(m.text, m.type, m.source) for m in names.mentions]
    assert got == [
        ("Flexcraft Staffing B.V.", "organization", "rule"),
        ("Karl Grech", "person", "rule"),
        ("Grech Bunkering Co.", "organization", "rule"),
        ("Blue Horizon Marine Services Ltd", "organization", "rule"),
        ("Patrick Hermans", "person", "role"),
        ("Flexcraft", "organization", "backref"),
        ("Grech", "person", "backref"),
        ("Blue Horizon", "organization", "backref"),
        ("Amanuel W.", "person", "age"),
        ("Rayan B.", "person", "age"),
        ("W.", "person", "backref"),
        ("B.", "person", "backref"),
    ]
    assert names.mentions[5].refers_to == 0 and names.mentions[10].refers_to == 8


def test_nicknames_given_with_de_naam_and_genoemd() -> None:
    text = (
        'Hij gebruikte in berichten de naam "Rico". Een man die iedereen Szef noemde, dreigde. '
        'De vijfde man werd door de meisjes "Jay" genoemd. Een groep die zich Maskar noemt.'
    )
    # a group that calls itself so is an organisation, not a person's nickname
    assert found(text) == [
        ("Rico", "person"),
        ("Szef", "person"),
        ("Jay", "person"),
        ("Maskar", "organization"),
    ]


def test_organisation_cues_inside_and_before_names() -> None:
    text = (
        "Vakbond FNV is boos. Rechtbank Overijssel veroordeelt hem; de rechtbank was streng. "
        "Ook Stichting Eritrean Diaspora Network reageerde. It was condemned by the African "
        "Union. Company filings list a partner."
    )
    assert found(text) == [
        ("FNV", "organization"),
        ("Rechtbank Overijssel", "organization"),
        ("Stichting Eritrean Diaspora Network", "organization"),
        ("African Union", "organization"),
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Mohammed",
                "Kachlaf",
                "al-Milad",
                "de",
                "van",
                "Zawiya",
                "militia",
                "Coast",
                "Guard",
                "B.V.",
                "The",
                "'Bija'",
                "bijgenaamd",
                "commandant",
                ",",
                ".",
                "\n",
                "(37)",
                "Abu",
                "known",
                "as",
                "Tweede",
                "Kamer",
                "Van",
                "der",
                "De",
                "Haan",
                "Haans",
                "krant",
                "Ltd.",
                "Co.",
                "General",
                "LLC",
                "UN",
                "Agency",
                "Prosecutor's",
                "Office",
                "Immigratie-",
                "en",
                "Stichting",
                "called",
                "smuggler",
                '"de',
                'Dokter"',
                "noemde",
                "KC",
                "Libië",
                "Italië",
                "journalisten",
            ]
        ),
        max_size=40,
    )
)
def test_any_word_salad_gives_valid_non_overlapping_spans(words: list[str]) -> None:
    text = " ".join(words)
    names = find_names(text)
    last_end = -1
    for m in sorted(names.mentions, key=lambda m: m.start):
        assert text[m.start : m.end] == m.text and m.text.strip() == m.text
        assert m.start >= last_end
        last_end = m.end
        if m.refers_to is not None:
            assert 0 <= m.refers_to < len(names.mentions)
