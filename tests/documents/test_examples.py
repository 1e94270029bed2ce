"""Every name, identifier and relation planted in the example documents is found, at the right
offsets, and nothing else."""

from __future__ import annotations

import re

import pytest

from opspoor.documents.extract import extract_document
from opspoor.documents.model import Extraction
from opspoor.documents.readers import read_document
from tests.documents.conftest import DOCS

P, ORG, V = "person", "organization", "vessel"

# (names, identifiers other than places, relations) per document, in text order.
PLANTED: dict[
    str, tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str, str, str]]]
] = {
    "en-bank-letter.txt": (
        [
            ("Compliance Department", ORG),
            ("Harbour Mutual Bank Ltd", ORG),
            ("Financial Intelligence Analysis Unit", ORG),
            ("Seven Sample Seas Travel", ORG),
            ("Seven Sample Seas Travel", ORG),
            ("Al Khums Trading B.V.", ORG),
            ("Seven Sample Seas Travel", ORG),
            ("Amira Exemplari", P),
            ("Jamal Fictioni", P),
            ("Blue Placeholder", V),
            ("Helen Borg", P),
        ],
        [
            ("iban", "MT84MALT011000012345MTLCAST001S"),
            ("iban", "NL02ABNA0123456789"),
            ("bic", "ABNANL2A"),
            ("crypto", "ethereum:0x52908400098527886e0f7030069857d2e4169ee7"),
            ("imo", "IMO9012343"),
            ("phone", "+35621234567"),
            ("email", "bookings@7ss.example"),
        ],
        [
            ("Associate", "associate", "Jamal Fictioni", "Amira Exemplari"),
            ("Ownership", "owner", "Jamal Fictioni", "Blue Placeholder"),
        ],
    ),
    "en-news-sabratha-network.txt": (
        [
            ("UN", ORG),
            ("Sarah Whitfield", P),
            ("United Nations Security Council", ORG),
            ("Global Initiative on Migration Routes", ORG),
            ("Ahmad Oumar al-Fitouri", P),
            ("Anas al-Dabbashi militia", ORG),
            ("Mussab Abu-Quarin", P),
            ("The Doctor", P),
            ("Ermias Ghermay", P),
            ("Fitiwi Abdelrazak", P),
            ("Khalid Zentani", P),
            ("Salem Barghathi", P),
            ("Zentani", P),
            ("Yonas Tesfay", P),
            ("European Commission", ORG),
            ("Claire Dubois", P),
            ("EU", ORG),
            ("Libyan Government of National Unity", ORG),
        ],
        [
            ("phone", "+218215550199"),
            ("phone", "+442079460457"),
            ("email", "securedrop@example.org"),
        ],
        [
            ("Membership", "commander", "Ahmad Oumar al-Fitouri", "Anas al-Dabbashi militia"),
            ("Family", "nephew", "Salem Barghathi", "Khalid Zentani"),
            ("Associate", "works closely with", "Zentani", "Yonas Tesfay"),
        ],
    ),
    "en-ngo-report-coast-guard.html": (
        [
            ("EU", ORG),
            ("Sea-Watch", ORG),
            ("Libyan Coast Guard", ORG),
            ("Abd al-Rahman al-Milad", P),
            ("Bija", P),
            ("UN Security Council", ORG),
            ("Yonas Tesfay", P),
            ("Tesfay", P),
            ("Ermias Ghermay", P),
            ("European Commission", ORG),
            ("Martin Keller", P),
            ("EU", ORG),
        ],
        [
            ("telegram", "https://t.me/zawiya_crossings"),
            ("email", "layla.haddad@example.org"),
            ("handle", "@layla_reports"),
        ],
        [("Associate", "associate", "Ermias Ghermay", "Tesfay")],
    ),
    "en-panel-summary.pdf": (
        [
            ("Ahmad Oumar al-Fitouri", P),
            ("Anas al-Dabbashi militia", ORG),
            ("Mussab Abu-Quarin", P),
            ("The Doctor", P),
            ("Sea Falcon", V),
            ("Northwind Demo Maritime", ORG),
            ("Vilmar Demovic", P),
            ("Jamal Fictioni", P),
        ],
        [
            ("imo", "IMO9301237"),
            ("mmsi", "642123456"),
            ("crypto", "tron:TFXzbajji6pAKBsW9KR7nocaAzeJxJFF8Z"),
            ("iban", "DE89370400440532013000"),
            ("phone", "+442079460991"),
        ],
        [
            ("Membership", "commander", "Ahmad Oumar al-Fitouri", "Anas al-Dabbashi militia"),
            ("Associate", "works closely with", "Vilmar Demovic", "Jamal Fictioni"),
            ("Ownership", "owner", "Northwind Demo Maritime", "Sea Falcon"),
        ],
    ),
    "nl-kamerbrief-mensensmokkel.docx": (
        [
            ("Ministerie van Justitie en Veiligheid", ORG),
            ("Tweede Kamer", ORG),
            ("Fatima el Amrani", P),
            ("Openbaar Ministerie", ORG),
            ("Salem Barghathi", P),
            ("Khalid Zentani", P),
            ("Barghathi", P),
            ("Idris Ben Salem", P),
            ("de Kapitein", P),
            ("Koninklijke Marechaussee", ORG),
            ("Justitie en Veiligheid", ORG),
            ("J.P. van der Berg", P),
        ],
        [("passport", "LY8812345"), ("iban", "NL20INGB0001234567")],
        [
            ("Family", "uncle", "Khalid Zentani", "Salem Barghathi"),
            ("Associate", "werkt nauw samen met", "Barghathi", "Idris Ben Salem"),
        ],
    ),
    "nl-nieuws-kustwacht-zawiya.txt": (
        [
            ("Marieke Jansen", P),
            ("Mohammed Kachlaf", P),
            ("Shuhada al-Nasr brigade", ORG),
            ("Abd Al Rahman Al-Milad", P),
            ("Bija", P),
            ("Panel of Experts van de Verenigde Naties", ORG),
            ("Al-Milad", P),
            ("VN-Veiligheidsraad", ORG),
            ("Kachlaf", P),
            ("Bija", P),
            ("Kachlaf", P),
            ("Pieter van Dam", P),
            ("Buitenlandse Zaken", ORG),
            ("Tweede Kamer", ORG),
            ("Anouk de Graaf", P),
            ("Stichting Veilige Haven", ORG),
        ],
        [("phone", "+442079460123"), ("email", "tips@example.org"), ("iban", "NL91ABNA0417164300")],
        [
            ("Membership", "commander", "Mohammed Kachlaf", "Shuhada al-Nasr brigade"),
            ("Associate", "werkt nauw samen met", "Mohammed Kachlaf", "Abd Al Rahman Al-Milad"),
            ("Membership", "head", "Al-Milad", "kustwacht in Zawiya"),
        ],
    ),
    "nl-politiebericht-opsporing.txt": (
        [
            ("Nationale Politie", ORG),
            ("Landelijke Eenheid", ORG),
            ("Idris Ben Salem", P),
            ("de Kapitein", P),
            ("Ben Salem", P),
            ("Hamza Ben Salem", P),
            ("Ben Salem", P),
            ("Hamza Ben Salem", P),
            ("Northwind Demo Maritime", ORG),
            ("Meld Misdaad Anoniem", ORG),
        ],
        [
            ("passport", "TN4471902"),
            ("phone", "+31612345678"),
            ("phone", "+21620555123"),
            ("telegram", "https://t.me/kapitein_zuwara"),
            ("iban", "NL20INGB0001234567"),
            ("crypto", "bitcoin:1PRw6Hwv95CD18zYMrfu8it5vpyhKZaEeq"),
            ("imo", "IMO9123453"),
            ("mmsi", "244123456"),
            ("phone", "+318006070"),
        ],
        [
            ("Family", "brother", "Hamza Ben Salem", "Ben Salem"),
            ("Ownership", "owner", "Hamza Ben Salem", "Northwind Demo Maritime"),
        ],
    ),
    "nl-tip-met-bijlagen.eml": (
        [("Idris Ben Salem", P)],
        [
            ("email", "tipgever@example.org"),
            ("email", "meldpunt@example.org"),
            ("whatsapp", "+31612345678"),
            ("iban", "NL20INGB0001234567"),
        ],
        [],
    ),
    "nl-tip-met-bijlagen.eml > berichten.txt": (
        [("Hamza Ben Salem", P)],
        [("phone", "+31612345678"), ("crypto", "bitcoin:1PRw6Hwv95CD18zYMrfu8it5vpyhKZaEeq")],
        [],
    ),
}


def _extractions() -> dict[str, Extraction]:
    out = {}
    for path in sorted(DOCS.iterdir()):
        if path.name == "README.md":
            continue
        ex = extract_document(read_document(path))
        out[path.name] = ex
        for child in ex.attachments:
            out[f"{path.name} > {child.document.file_name}"] = child
    return out


EXTRACTED = _extractions()


def test_every_example_is_covered() -> None:
    assert set(EXTRACTED) == set(PLANTED)


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_names_at_their_offsets(name: str) -> None:
    ex = EXTRACTED[name]
    text = ex.document.text
    assert [(m.text, m.type) for m in ex.mentions] == PLANTED[name][0]
    pos = 0
    for m in ex.mentions:
        # each name is the next whole-word occurrence of its text after the previous name
        found = re.compile(rf"(?<!\w){re.escape(m.text)}(?!\w)").search(text, pos)
        assert found is not None and (found.start(), found.end()) == (m.start, m.end), m.text
        pos = m.end


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_identifiers_at_their_offsets(name: str) -> None:
    ex = EXTRACTED[name]
    text = ex.document.text
    idents = [i for i in ex.identifiers if i.type not in ("place", "country")]
    assert [(i.type, i.normalized) for i in idents] == PLANTED[name][1]
    for i in ex.identifiers:
        assert text[i.start : i.end] == i.value


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_relations_with_their_sentence(name: str) -> None:
    ex = EXTRACTED[name]
    text = ex.document.text
    assert [(r.schema, r.role, r.subject.text, r.object.text) for r in ex.relations] == PLANTED[
        name
    ][2]
    for r in ex.relations:
        assert text[r.start : r.end] == r.sentence
        assert text[r.subject.start : r.subject.end] == r.subject.text
        assert text[r.object.start : r.object.end] == r.object.text


def test_languages() -> None:
    assert {n: e.document.language for n, e in EXTRACTED.items()} == {
        n: ("nl" if n.startswith("nl-") else "en") for n in PLANTED
    }
