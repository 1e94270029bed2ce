"""Normalise the identifiers ads and documents share: phones, e-mails, handles, IBANs.

    >>> normalize_phone("0039 333 123 4567")
    '+393331234567'
    >>> normalize_phone("333-123-4567", region="IT")
    '+393331234567'
    >>> normalize_email("Anna.VIP@Mail.COM ")
    'anna.vip@mail.com'
    >>> handles_in("new in town, telegram: @Anna_VIP99")
    ['anna_vip99']

Two ads share a phone only when both numbers clean to the same E.164 string, so the many
ways one number is written ("+39 333...", "0039333...", "333-123...") meet, and two numbers
one digit apart never do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import phonenumbers
from followthemoney.proxy import EntityProxy
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

IDENTIFIER_KINDS = ("phone", "email", "handle", "iban")

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}")
# "@handle" anywhere, or "telegram: handle" / "IG @handle" after a service word. A separator
# (":" "=" or "@") is required after the service, so ordinary words are not taken for handles.
_SERVICES = (
    r"telegram|tg|whatsapp|instagram|insta|ig|snapchat|snap|kik|wechat|skype|twitter|onlyfans"
)
_HANDLE_AT_RE = re.compile(r"(?<![\w.@])@([A-Za-z][A-Za-z0-9_.]{2,31})\b")
_HANDLE_SERVICE_RE = re.compile(
    rf"\b(?:{_SERVICES})\s*(?:id|name|user)?\s*(?:[:=]\s*@?|@)([A-Za-z][A-Za-z0-9_.]{{2,31}})\b",
    re.IGNORECASE,
)
# Words that follow a service name but are not handles ("whatsapp only", "telegram me").
_NOT_HANDLES = frozenset(
    [
        "only",
        "me",
        "and",
        "or",
        "the",
        "for",
        "now",
        "call",
        "text",
        "here",
        "available",
        "ok",
        "yes",
        "no",
        "and",
        "with",
        "to",
        "at",
        "on",
        "us",
    ]
)
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=200_000)
def normalize_phone(value: str, region: str | None = None) -> str | None:
    """E.164 form of a phone number, or None when it is not a valid number.

    `region` (ISO 3166 alpha-2) reads numbers written without a country code.
    """
    text = value.strip()
    if len(_DIGITS.findall(text)) < 6:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(value: str) -> str | None:
    """Lower-cased address, or None when it is not an e-mail address."""
    text = value.strip().strip("<>").lower()
    if text.startswith("mailto:"):
        text = text[7:]
    match = _EMAIL_RE.fullmatch(text)
    return text if match else None


def normalize_handle(value: str) -> str | None:
    """A social-media handle without '@', lower-cased; None for too short or odd values."""
    text = value.strip().lstrip("@").rstrip(".").lower()
    if not re.fullmatch(r"[a-z][a-z0-9_.]{2,31}", text) or text in _NOT_HANDLES:
        return None
    return text


def normalize_iban(value: str) -> str | None:
    """Compact upper-case IBAN when the checksum holds, else None."""
    try:
        return str(IBAN(value).compact)
    except (SchwiftyException, ValueError):
        return None


def emails_in(text: str) -> list[str]:
    found = (normalize_email(m.group(0)) for m in _EMAIL_RE.finditer(text))
    return sorted({e for e in found if e})


def handles_in(text: str) -> list[str]:
    """Handles written as '@name' or after a messaging service's name."""
    out: set[str] = set()
    for regex in (_HANDLE_AT_RE, _HANDLE_SERVICE_RE):
        for m in regex.finditer(text):
            # An '@' inside an e-mail address is not a handle.
            if regex is _HANDLE_AT_RE and m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            handle = normalize_handle(m.group(1))
            if handle:
                out.add(handle)
    return sorted(out)


def ibans_in(text: str) -> list[str]:
    found = (normalize_iban(m.group(0)) for m in _IBAN_RE.finditer(text.upper()))
    return sorted({i for i in found if i})


def phones_in(text: str, region: str | None = None) -> list[str]:
    """Phone numbers written in free text (slower: use the stored phoneMentioned where present)."""
    out: set[str] = set()
    for match in phonenumbers.PhoneNumberMatcher(text, region.upper() if region else None):
        out.add(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return sorted(out)


def entity_region(entity: EntityProxy) -> str | None:
    """The country to read local phone numbers with: the entity's own country hints."""
    for prop in ("country", "detectedCountry", "addressEntity"):
        for value in entity.get(prop, quiet=True):
            if len(value) == 2:
                return value.upper()
    return None


def entity_text(entity: EntityProxy) -> str:
    """The readable text of an ad or document (title and body)."""
    parts: list[str] = []
    for prop in ("title", "name", "description", "summary", "bodyText"):
        parts.extend(entity.get(prop, quiet=True))
    return "\n".join(parts)


def identifiers_of(
    entity: EntityProxy, text: str | None = None, scan_phones: bool = False
) -> Iterator[tuple[str, str]]:
    """(kind, normalised value) for every identifier the entity states or its text shows.

    Stated values (phoneMentioned, emailMentioned, ibanMentioned, and phone/email of people)
    come first; e-mails, handles and IBANs are also read from the text. Phones are read from
    the text only with `scan_phones` (the extractors already fill phoneMentioned).
    """
    region = entity_region(entity)
    text = entity_text(entity) if text is None else text
    seen: set[tuple[str, str]] = set()

    def emit(kind: str, values: Iterable[str | None]) -> Iterator[tuple[str, str]]:
        for value in values:
            if value and (kind, value) not in seen:
                seen.add((kind, value))
                yield kind, value

    phones = [*entity.get("phoneMentioned", quiet=True), *entity.get("phone", quiet=True)]
    yield from emit("phone", (normalize_phone(p, region) for p in phones))
    if scan_phones and text:
        yield from emit("phone", phones_in(text, region))
    emails = [*entity.get("emailMentioned", quiet=True), *entity.get("email", quiet=True)]
    yield from emit("email", (normalize_email(e) for e in emails))
    ibans = [*entity.get("ibanMentioned", quiet=True), *entity.get("iban", quiet=True)]
    yield from emit("iban", (normalize_iban(i) for i in ibans))
    if text:
        yield from emit("email", emails_in(text))
        yield from emit("handle", handles_in(text))
        yield from emit("iban", ibans_in(text))
