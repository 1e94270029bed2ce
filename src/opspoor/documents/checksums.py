"""Check digits of identifiers found in text: IMO numbers, Base58Check and Bech32 addresses.

>>> imo_valid("9074729")
True
>>> base58check_decode("1BoatSLRHtKNngkdXEeobR76b53LETtpyT") is not None
True
"""

from __future__ import annotations

import hashlib

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(B58_ALPHABET)}
BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3


def imo_valid(digits: str) -> bool:
    """IMO ship number check: the 7th digit is the sum of digits 1-6 weighted 7..2, mod 10."""
    if len(digits) != 7 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])


def base58check_decode(text: str) -> bytes | None:
    """The payload (version byte included) of a Base58Check string, None when the checksum fails."""
    num = 0
    for ch in text:
        idx = _B58_INDEX.get(ch)
        if idx is None:
            return None
        num = num * 58 + idx
    raw = num.to_bytes((num.bit_length() + 7) // 8, "big") if num else b""
    pad = len(text) - len(text.lstrip("1"))
    raw = b"\x00" * pad + raw
    if len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def base58check_encode(payload: bytes) -> str:
    """Encode a payload with its 4-byte double-SHA-256 checksum (used to make test addresses)."""
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    num = int.from_bytes(raw, "big")
    out = ""
    while num:
        num, rem = divmod(num, 58)
        out = B58_ALPHABET[rem] + out
    pad = len(raw) - len(raw.lstrip(b"\x00"))
    return "1" * pad + out


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def bech32_valid(address: str) -> bool:
    """A Bech32 (BIP 173) or Bech32m (BIP 350) string with a valid checksum."""
    if address.lower() != address and address.upper() != address:
        return False
    address = address.lower()
    pos = address.rfind("1")
    if pos < 1 or pos + 7 > len(address) or len(address) > 90:
        return False
    hrp, data = address[:pos], address[pos + 1 :]
    if any(c not in BECH32_CHARSET for c in data):
        return False
    values = [BECH32_CHARSET.find(c) for c in data]
    return _bech32_polymod(_hrp_expand(hrp) + values) in (_BECH32_CONST, _BECH32M_CONST)


def bech32_encode(hrp: str, data: list[int]) -> str:
    """Encode 5-bit values as Bech32 (used to make test addresses)."""
    values = _hrp_expand(hrp) + data
    polymod = _bech32_polymod([*values, 0, 0, 0, 0, 0, 0]) ^ _BECH32_CONST
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32_CHARSET[d] for d in data + checksum)
