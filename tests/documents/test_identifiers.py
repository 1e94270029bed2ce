"""Identifiers: each found with its normalised form and offsets; look-alikes that fail their
check are left out."""

from __future__ import annotations

import hashlib
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from opspoor.documents.checksums import base58check_encode, bech32_encode, bech32_valid, imo_valid
from opspoor.documents.identifiers import identifiers_in
from opspoor.documents.names import find_names


def found(text: str, region: str | None = None) -> list[tuple[str, str, str]]:
    out = []
    for i in identifiers_in(text, region, find_names(text).places):
        assert text[i.start : i.end] == i.value
        out.append((i.type, i.value, i.normalized))
    return out


def test_phone_numbers_e164_with_and_without_region() -> None:
    text = "Bel 06-12345678 of +44 20 7946 0123 of 0031 6 87654321."
    assert found(text, "NL") == [
        ("phone", "06-12345678", "+31612345678"),
        ("phone", "+44 20 7946 0123", "+442079460123"),
        ("phone", "0031 6 87654321", "+31687654321"),
    ]
    # without a region only international numbers can be read
    assert found(text) == [("phone", "+44 20 7946 0123", "+442079460123")]


def test_invalid_phone_numbers_are_left_out() -> None:
    assert found("Het dossier 2023-11-29 telt 1234 pagina's, kenmerk 12345678.", "NL") == []


def test_email_url_handles_telegram_whatsapp() -> None:
    text = "Mail Tips@Example.org, zie https://www.example.org/zawiya/. Volg @bija_official of t.me/Zawiya_Boats en wa.me/31612345678."
    assert found(text) == [
        ("email", "Tips@Example.org", "tips@example.org"),
        ("url", "https://www.example.org/zawiya/", "https://www.example.org/zawiya/"),
        ("handle", "@bija_official", "@bija_official"),
        ("telegram", "t.me/Zawiya_Boats", "https://t.me/zawiya_boats"),
        ("whatsapp", "wa.me/31612345678", "+31612345678"),
    ]


def test_iban_with_valid_checksum_only() -> None:
    from schwifty import IBAN

    generated = IBAN.generate("NL", bank_code="INGB", account_code="0001234567")
    text = (
        f"Stort op NL91 ABNA 0417 1643 00 of {generated.compact} maar niet NL92 ABNA 0417 1643 00."
    )
    assert found(text) == [
        ("iban", "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"),
        ("iban", generated.compact, generated.compact),
    ]


def test_bic_only_after_its_cue_word() -> None:
    assert found("BIC: ABNANL2A. HOSPITAL and ABNANL2A alone are not read.") == [
        ("bic", "ABNANL2A", "ABNANL2A")
    ]


def test_crypto_addresses_with_checksums() -> None:
    btc = base58check_encode(bytes([0]) + hashlib.sha256(b"t1").digest()[:20])
    tron = base58check_encode(bytes([0x41]) + hashlib.sha256(b"t2").digest()[:20])
    bad_btc = btc[:-1] + ("1" if btc[-1] != "1" else "2")
    bech = bech32_encode("bc", [0] + [3] * 32)
    assert bech32_valid(bech)
    eth = "0x52908400098527886E0F7030069857D2E4169EE7"
    text = f"Wallets {btc}, {bad_btc}, {tron}, {bech} en {eth}."
    assert found(text) == [
        ("crypto", btc, f"bitcoin:{btc}"),
        ("crypto", tron, f"tron:{tron}"),
        ("crypto", bech, f"bitcoin:{bech}"),
        ("crypto", eth, f"ethereum:{eth.lower()}"),
    ]


def test_vessel_numbers_with_check_digit_and_country_code() -> None:
    assert imo_valid("9074729") and not imo_valid("9074728")
    text = "Schip IMO 9074729, niet IMO 9074728; MMSI 244123456 maar niet MMSI 123456789."
    assert found(text) == [
        ("imo", "IMO 9074729", "IMO9074729"),
        ("mmsi", "MMSI 244123456", "244123456"),
    ]


def test_passport_numbers_only_near_a_cue() -> None:
    text = "Paspoortnummer C17HLRL3; Libyan passport no. G52FYPRL; code ABC12345 zonder aanleiding."
    assert found(text) == [
        ("passport", "C17HLRL3", "C17HLRL3"),
        ("passport", "G52FYPRL", "G52FYPRL"),
    ]


def test_places_and_countries() -> None:
    assert found("Van Zuwara naar Italië en Nederland.") == [
        ("place", "Zuwara", "Zuwara, LY"),
        ("country", "Italië", "it"),
        ("country", "Nederland", "nl"),
    ]


def test_iban_digits_are_not_also_a_phone_number() -> None:
    kinds = [t for t, _, _ in found("Rekening NL20 INGB 0001 2345 67.", "NL")]
    assert kinds == ["iban"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 +-ABCNLIMOSabc@.:/ ", max_size=200))
def test_spans_never_overlap_and_point_into_the_text(text: str) -> None:
    items = identifiers_in(text, "NL")
    for a, b in itertools.pairwise(items):
        assert a.end <= b.start
    for i in items:
        assert text[i.start : i.end] == i.value
