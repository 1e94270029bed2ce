import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from opspoor.network.identifiers import (
    emails_in,
    handles_in,
    ibans_in,
    identifiers_of,
    normalize_email,
    normalize_handle,
    normalize_iban,
    normalize_phone,
)
from tests.network.builders import entity


@pytest.mark.parametrize(
    "written, region",
    [
        ("+39 333 123 4567", None),
        ("0039 333 123 4567", None),
        ("0039-333-1234567", None),
        ("333.123.4567", "IT"),
        ("(+39) 333 1234567", "it"),
        ("+393331234567", None),
    ],
)
def test_one_number_written_many_ways_meets_in_e164(written, region):
    assert normalize_phone(written, region) == "+393331234567"


def test_numbers_one_digit_apart_stay_apart_and_junk_is_refused():
    assert normalize_phone("+39 333 123 4568") != normalize_phone("+39 333 123 4567")
    assert normalize_phone("call me") is None
    assert normalize_phone("12345") is None
    assert normalize_phone("333 123 4567") is None  # national format without a country: unknown


mobiles = st.sampled_from(["+447911123456", "+4915112345678", "+393331234567", "+33612345678"])


@given(mobiles, st.sampled_from([" ", "-", ".", ""]), st.sampled_from(["intl", "00", "national"]))
def test_formatting_never_changes_the_normalised_number(e164, sep, style):
    number = phonenumbers.parse(e164)
    region = phonenumbers.region_code_for_number(number)
    if style == "intl":
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif style == "00":
        text = "00" + e164[1:]
    else:
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert normalize_phone(text.replace(" ", sep), region) == e164


@given(st.text(max_size=40))
def test_normalisers_never_crash_on_any_text(text):
    for fn in (normalize_phone, normalize_email, normalize_handle, normalize_iban):
        out = fn(text)
        assert out is None or isinstance(out, str)
    for fn in (emails_in, handles_in, ibans_in):
        assert isinstance(fn(text), list)


def test_emails_handles_and_ibans_in_text():
    text = "Write ANNA.V@Mail.example or telegram: @anna_vip; IG @bella.x; pay DE89 3704 0044 0532 0130 00"
    assert emails_in(text) == ["anna.v@mail.example"]
    assert handles_in(text) == ["anna_vip", "bella.x"]  # the e-mail's '@' is not a handle
    assert ibans_in(text) == ["DE89370400440532013000"]
    assert ibans_in("DE89 3704 0044 0532 0130 01") == []  # checksum fails
    assert handles_in("whatsapp only, call me") == []


def test_identifiers_of_an_ad_entity():
    ad = entity(
        "HyperText",
        "ad-1",
        country="gb",
        bodyText="Sweet Anna, new in town. Snap: @Anna_V99 or anna@example.org",
        emailMentioned="Anna@Example.org",
    )
    ad.add("phoneMentioned", "07911 123456", format="gb")
    found = set(identifiers_of(ad))
    assert ("phone", "+447911123456") in found
    assert ("email", "anna@example.org") in found
    assert ("handle", "anna_v99") in found
