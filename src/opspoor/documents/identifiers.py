"""Identifiers in text: phones, e-mail, IBAN/BIC, crypto addresses, URLs and handles, vessel
IMO/MMSI numbers, passport numbers (near a cue word), places and countries.

    >>> [(i.type, i.normalized) for i in identifiers_in("Bel +44 20 7946 0123 of mail a@example.org")]
    [('phone', '+442079460123'), ('email', 'a@example.org')]

Each identifier is checked where a check exists (phonenumbers' validity, IBAN and BIC with
schwifty, IMO check digit, Base58Check/Bech32 checksums), so numbers that merely look right
are left out. Pure functions: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

import phonenumbers

from opspoor.documents.checksums import base58check_decode, bech32_valid, imo_valid
from opspoor.documents.lexicon import lexicon
from opspoor.documents.model import Identifier
from opspoor.documents.names import PlaceSpan

# Order decides who wins where two patterns claim the same characters.
PRIORITY = [
    "email", "telegram", "whatsapp", "url", "iban", "bic", "crypto", "imo", "mmsi", "passport",
    "phone", "handle", "country", "place",
]  # fmt: skip

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b"
)
_TELEGRAM = re.compile(
    r"(?i)(?<![\w/.])(?:https?://)?(?:t\.me|telegram\.me)/(\+?[A-Za-z0-9_]{3,64})\b"
)
_WHATSAPP = re.compile(
    r"(?i)(?<![\w/.])(?:https?://)?(?:wa\.me|api\.whatsapp\.com/send\?phone=)/?(\+?\d{6,15})\b"
)
_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]{}]+")
_HANDLE = re.compile(r"(?<![\w@./])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?\b")
_BIC = re.compile(
    r"(?i:\b(?:bic|swift|swift/bic|bic/swift)(?:[- ]?code)?)\s*[:.]?\s*([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b"
)
_BTC_LEGACY = re.compile(r"(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])")
_BTC_BECH32 = re.compile(r"(?<![\w])(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?![\w])")
_ETH = re.compile(r"(?<![\w])0x[0-9a-fA-F]{40}(?![\w])")
_TRON = re.compile(r"(?<![\w])T[1-9A-HJ-NP-Za-km-z]{33}(?![\w])")
_IMO = re.compile(r"\bIMO(?:[ -]?(?:[Nn]o\.?|[Nn]umber|[Nn]ummer|[Nn]r\.?))?[\s:.#-]*(\d{7})\b")
_MMSI = re.compile(r"\bMMSI(?:[ -]?(?:[Nn]o\.?|[Nn]umber|[Nn]ummer|[Nn]r\.?))?[\s:.#-]*(\d{9})\b")
_TRAILING_PUNCT = ".,;:!?)]}'\""


def identifiers_in(
    text: str, region: str | None = None, places: Iterable[PlaceSpan] = ()
) -> list[Identifier]:
    """Every identifier in `text`, best claim first where spans overlap, sorted by offset.

    `region` (ISO country code) lets phone numbers written without +country be read; without
    it only international numbers are found.
    """
    found: dict[str, list[Identifier]] = {
        "email": emails_in(text),
        "telegram": telegram_in(text),
        "whatsapp": whatsapp_in(text),
        "url": urls_in(text),
        "iban": ibans_in(text),
        "bic": bics_in(text),
        "crypto": crypto_addresses_in(text),
        "imo": imo_numbers_in(text),
        "mmsi": mmsi_numbers_in(text),
        "passport": passport_numbers_in(text),
        "phone": phone_numbers_in(text, region),
        "handle": handles_in(text),
        "country": [],
        "place": [],
    }
    for p in places:
        kind = "country" if p.is_country else "place"
        normalized = (
            p.country
            if p.is_country
            else (f"{p.text}, {p.country.upper()}" if p.country else p.text)
        )
        found[kind].append(Identifier(kind, p.text, normalized, p.start, p.end))
    taken: list[tuple[int, int]] = []
    out: list[Identifier] = []
    for kind in PRIORITY:
        for ident in found[kind]:
            if any(s < ident.end and ident.start < e for s, e in taken):
                continue
            taken.append((ident.start, ident.end))
            out.append(ident)
    return sorted(out, key=lambda i: (i.start, i.end))


def emails_in(text: str) -> list[Identifier]:
    return [
        Identifier("email", m.group(0), m.group(0).lower(), m.start(), m.end())
        for m in _EMAIL.finditer(text)
    ]


def _strip_trailing(value: str) -> str:
    while value and value[-1] in _TRAILING_PUNCT:
        if value[-1] == ")" and value.count("(") >= value.count(")"):
            break
        value = value[:-1]
    return value


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default trailing slash; "www." gets "http://"."""
    if not re.match(r"(?i)https?://", url):
        url = "http://" + url
    parts = urlsplit(url)
    path = parts.path if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def urls_in(text: str) -> list[Identifier]:
    out = []
    for m in _URL.finditer(text):
        value = _strip_trailing(m.group(0))
        if len(value) < 8:
            continue
        out.append(
            Identifier("url", value, normalize_url(value), m.start(), m.start() + len(value))
        )
    return out


def telegram_in(text: str) -> list[Identifier]:
    out = []
    for m in _TELEGRAM.finditer(text):
        name = m.group(1)
        out.append(
            Identifier("telegram", m.group(0), f"https://t.me/{name.lower()}", m.start(), m.end())
        )
    return out


def whatsapp_in(text: str) -> list[Identifier]:
    out = []
    for m in _WHATSAPP.finditer(text):
        digits = m.group(1).lstrip("+")
        try:
            number = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        out.append(Identifier("whatsapp", m.group(0), e164, m.start(), m.end()))
    return out


def handles_in(text: str) -> list[Identifier]:
    out = []
    for m in _HANDLE.finditer(text):
        name = m.group(1)
        if name.isdigit():
            continue
        out.append(Identifier("handle", m.group(0), "@" + name.lower(), m.start(), m.end()))
    return out


def phone_numbers_in(text: str, region: str | None) -> list[Identifier]:
    """Valid phone numbers, E.164. Numbers without +country need `region`."""
    out = []
    matcher = phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID, max_tries=10000
    )
    for match in matcher:
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        out.append(Identifier("phone", match.raw_string, e164, match.start, match.end))
    return out


def ibans_in(text: str) -> list[Identifier]:
    """IBANs with a valid checksum and country format (schwifty), with or without spaces."""
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    out = []
    for m in _IBAN.finditer(text):
        value = m.group(0)
        # The pattern may take a word after the IBAN; shorten group by group until valid.
        while len(re.sub(r"\s", "", value)) >= 15:
            try:
                iban = IBAN(value)
            except (SchwiftyException, ValueError):
                cut = max(value.rfind(" "), value.rfind("\u00a0"))
                if cut <= 0:
                    break
                value = value[:cut]
                continue
            out.append(Identifier("iban", value, iban.compact, m.start(), m.start() + len(value)))
            break
    return out


def bics_in(text: str) -> list[Identifier]:
    """BIC/SWIFT codes right after the word BIC or SWIFT, valid in form and country."""
    from schwifty import BIC
    from schwifty.exceptions import SchwiftyException

    out = []
    for m in _BIC.finditer(text):
        code = m.group(1)
        try:
            bic = BIC(code)
        except (SchwiftyException, ValueError):
            continue
        out.append(Identifier("bic", code, str(bic.compact), m.start(1), m.end(1)))
    return out


def crypto_addresses_in(text: str) -> list[Identifier]:
    """Bitcoin (Base58Check, Bech32), Tron (Base58Check) and Ethereum addresses."""
    out = []
    for m in _BTC_LEGACY.finditer(text):
        payload = base58check_decode(m.group(0))
        if payload is not None and len(payload) == 21 and payload[0] in (0x00, 0x05):
            out.append(
                Identifier("crypto", m.group(0), f"bitcoin:{m.group(0)}", m.start(), m.end())
            )
    for m in _BTC_BECH32.finditer(text):
        if bech32_valid(m.group(0)):
            out.append(
                Identifier(
                    "crypto", m.group(0), f"bitcoin:{m.group(0).lower()}", m.start(), m.end()
                )
            )
    for m in _TRON.finditer(text):
        payload = base58check_decode(m.group(0))
        if payload is not None and len(payload) == 21 and payload[0] == 0x41:
            out.append(Identifier("crypto", m.group(0), f"tron:{m.group(0)}", m.start(), m.end()))
    for m in _ETH.finditer(text):
        # EIP-55 mixed-case checksums need Keccak-256, which the standard library lacks;
        # the form (0x + 40 hex digits) is checked, the case is not.
        out.append(
            Identifier("crypto", m.group(0), f"ethereum:{m.group(0).lower()}", m.start(), m.end())
        )
    return out


def imo_numbers_in(text: str) -> list[Identifier]:
    """IMO ship numbers written after "IMO", with a valid check digit."""
    return [
        Identifier("imo", m.group(0), f"IMO{m.group(1)}", m.start(), m.end())
        for m in _IMO.finditer(text)
        if imo_valid(m.group(1))
    ]


def mmsi_numbers_in(text: str) -> list[Identifier]:
    """MMSI numbers written after "MMSI" whose first three digits are a ship's country code (201-775)."""
    return [
        Identifier("mmsi", m.group(0), m.group(1), m.start(), m.end())
        for m in _MMSI.finditer(text)
        if 201 <= int(m.group(1)[:3]) <= 775
    ]


def _passport_pattern() -> re.Pattern[str]:
    cues = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in lexicon().passport_cues)
    return re.compile(
        rf"(?i:\b(?:{cues})\b(?:\s+(?:no\.?|nr\.?|number|nummer|numéro|#))?)"
        rf"(?:\s*[:.,]?\s*(?i:(?:with|met|van|of|issued|uitgegeven)\s+)?(?i:(?:the\s+|het\s+)?(?:number|nummer)\s+)?)?"
        rf"[\s:#]*([A-Z0-9]{{1,3}}[- ]?[A-Z0-9]{{3,9}})\b"
    )


_PASSPORT: re.Pattern[str] | None = None


def passport_numbers_in(text: str) -> list[Identifier]:
    """Passport and ID-card numbers: 6-12 letters and digits (at least two digits) right after
    a cue word such as "passport", "paspoortnummer" or "ID card"."""
    global _PASSPORT
    if _PASSPORT is None:
        _PASSPORT = _passport_pattern()
    out = []
    for m in _PASSPORT.finditer(text):
        value = m.group(1)
        compact = re.sub(r"[- ]", "", value)
        if not 6 <= len(compact) <= 12 or sum(c.isdigit() for c in compact) < 2:
            continue
        out.append(Identifier("passport", value, compact.upper(), m.start(1), m.end(1)))
    return out
