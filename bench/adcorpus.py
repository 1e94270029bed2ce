"""A synthetic classified-ad corpus with planted groups, for testing and benchmarking linking.

    >>> corpus = AdCorpus(n_ads=1000, seed=7)
    >>> ads = list(corpus.ads())
    >>> truth = corpus.truth()          # ad id -> group label (noise ads are their own label)
    >>> entity = ad_entity(ads[0])      # an FtM HyperText entity, as the crawler stores ads

Planted groups ("personas"/operations) reuse a few phones, e-mail addresses, handles, text
templates and photos; each ad of a group shows only some of them, written differently (phone
formats, upper/lower case), with the template re-filled (name, age, city, price), sentences
dropped, swapped or added, and photos resized, re-compressed and brightened. Every group is
connected through its planted signals, so a perfect linker could recover it; noise ads have
their own phones and photos, texts built from the same phrase bank, numbers one digit away
from a group's, and boilerplate (a site footer address, a stock photo) shared by many
unrelated ads. Ads stream out one at a time, so 100k ads fit in little memory.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import phonenumbers
import yaml
from followthemoney import model
from followthemoney.proxy import EntityProxy
from PIL import Image, ImageDraw, ImageEnhance

WORDS = yaml.safe_load(
    (Path(__file__).parent / "data" / "adcorpus.yml").read_text(encoding="utf-8")
)
COUNTRIES = {"IT": ("3",), "GB": ("7",), "DE": ("15", "16", "17")}
CITIES = {"IT": WORDS["cities"][:10], "GB": WORDS["cities"][10:15], "DE": WORDS["cities"][15:]}
FOOTER_EMAIL = "info@annunci-example.net"
PRICES = ["80", "100", "120", "150", "200", "250", "300"]


@dataclass
class SyntheticAd:
    id: str
    label: str  # the planted group, or the ad's own id for noise ads
    country: str
    title: str
    text: str
    phones: list[str] = field(default_factory=list)  # as written in the ad
    emails: list[str] = field(default_factory=list)
    photos: list[bytes] = field(default_factory=list)  # JPEG bytes


@dataclass
class _Group:
    label: str
    country: str
    phones: list[str]
    emails: list[str]
    handles: list[str]
    templates: list[list[str]]
    photos: list[int]  # photo seeds
    names: list[str]
    cities: list[str]
    age: int


class AdCorpus:
    """Plans `n_ads` ads, `group_share` of them in planted groups, reproducibly from `seed`."""

    def __init__(
        self,
        n_ads: int,
        seed: int = 1,
        group_share: float = 0.4,
        max_group: int = 80,
        photo_size: int = 64,
    ) -> None:
        self.n_ads = n_ads
        self.seed = seed
        self.group_share = group_share
        self.max_group = max_group
        self.photo_size = photo_size
        rng = random.Random(seed)
        self._rng = rng
        self._numbers: set[str] = set()  # every number handed out, so noise never repeats one
        self._groups: list[_Group] = []
        # slot -> (group index, signals) for group ads, None for noise ads
        plan: list[tuple[int, list[tuple[str, int]]] | None] = []
        grouped_target = int(n_ads * group_share)
        while sum(1 for p in plan if p is not None) < grouped_target:
            size = min(max_group, 2 + int(rng.paretovariate(1.2)) - 1)
            size = min(size, grouped_target - len(plan) if grouped_target - len(plan) >= 2 else 2)
            group = self._make_group(len(self._groups))
            self._groups.append(group)
            for signals in self._plan_group(group, size):
                plan.append((len(self._groups) - 1, signals))
        plan.extend([None] * (n_ads - len(plan)))
        plan = plan[:n_ads]
        rng.shuffle(plan)
        self._plan = plan

    # -- planning -------------------------------------------------------------------------
    def _make_group(self, n: int) -> _Group:
        rng = self._rng
        country = rng.choice(list(COUNTRIES))
        phones = [
            self._new_phone(rng, country)
            for _ in range(1 + (rng.random() < 0.4) + (rng.random() < 0.15))
        ]
        emails = (
            [f"{rng.choice(WORDS['names']).lower()}{rng.randint(10, 9999)}@mail-example.com"]
            if rng.random() < 0.3
            else []
        )
        handles = (
            [
                f"{rng.choice(WORDS['names']).lower()}_{rng.choice(WORDS['adjectives'])}{rng.randint(1, 999)}"
            ]
            if rng.random() < 0.35
            else []
        )
        templates = [_template(rng) for _ in range(1 + (rng.random() < 0.3))]
        photos = [rng.getrandbits(32) for _ in range(1 + rng.randint(0, 2))]
        return _Group(
            label=f"group-{n:05d}",
            country=country,
            phones=phones,
            emails=emails,
            handles=handles,
            templates=templates,
            photos=photos,
            names=rng.sample(WORDS["names"], 1 + rng.randint(0, 2)),
            cities=rng.sample(CITIES[country], min(len(CITIES[country]), 1 + rng.randint(0, 2))),
            age=rng.randint(19, 35),
        )

    def _plan_group(self, group: _Group, size: int) -> list[list[tuple[str, int]]]:
        """Which planted signals each ad of the group shows, repaired so the group is connected."""
        rng = self._rng
        pools = {
            "phone": len(group.phones),
            "template": len(group.templates),
            "photo": len(group.photos),
            "email": len(group.emails),
            "handle": len(group.handles),
        }
        odds = {"phone": 0.6, "template": 0.7, "photo": 0.45, "email": 0.35, "handle": 0.4}
        ads: list[list[tuple[str, int]]] = []
        for _ in range(size):
            signals = [
                (k, rng.randrange(pools[k]))
                for k, p in odds.items()
                if pools[k] and rng.random() < p
            ]
            if not signals:
                kind = rng.choice([k for k in pools if pools[k]])
                signals = [(kind, rng.randrange(pools[kind]))]
            ads.append(signals)
        # Connect components: an ad of each stray component also shows a signal of the first ad.
        parent = list(range(size))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[tuple[str, int], int] = {}
        for i, signals in enumerate(ads):
            for sig in signals:
                if sig in owner:
                    parent[find(i)] = find(owner[sig])
                else:
                    owner[sig] = i
        root = find(0)
        for i in range(1, size):
            if find(i) != root:
                ads[i].append(rng.choice(ads[0]))
                parent[find(i)] = root
        return ads

    def _new_phone(self, rng: random.Random, country: str) -> str:
        while True:
            number = _random_phone(rng, country)
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    # -- output -----------------------------------------------------------------------------
    def truth(self) -> dict[str, str]:
        """Ad id -> planted label (noise ads carry their own id)."""
        out = {}
        for n, slot in enumerate(self._plan):
            ad_id = _ad_id(n)
            out[ad_id] = self._groups[slot[0]].label if slot is not None else ad_id
        return out

    @cached_property
    def group_count(self) -> int:
        return len(self._groups)

    def ads(self) -> Iterator[SyntheticAd]:
        rng = random.Random(self.seed * 7919 + 1)
        stock = photo_bytes(1, self.photo_size, rng)
        for n, slot in enumerate(self._plan):
            ad = self._group_ad(n, slot, rng) if slot is not None else self._noise_ad(n, rng)
            # Boilerplate any site adds: a footer address, a stock photo.
            if rng.random() < 0.08:
                ad.text += f"\nContact the site: {FOOTER_EMAIL}"
                ad.emails.append(FOOTER_EMAIL)
            if rng.random() < 0.06:
                ad.photos.append(stock)
            yield ad

    def _group_ad(
        self, n: int, slot: tuple[int, list[tuple[str, int]]], rng: random.Random
    ) -> SyntheticAd:
        group = self._groups[slot[0]]
        signals = slot[1]
        name = rng.choice(group.names)
        city = rng.choice(group.cities)
        age = group.age + rng.choice((0, 0, 0, 1))
        fill = {"name": name, "age": str(age), "city": city, "price": rng.choice(PRICES)}
        kinds = {k for k, _ in signals}
        if "template" in kinds:
            idx = next(i for k, i in signals if k == "template")
            sentences = [s.format(**fill) for s in group.templates[idx]]
            sentences = _vary(sentences, rng)
        else:
            sentences = [s.format(**fill) for s in _template(rng)]
        contact: list[str] = []
        phones = [
            _write_phone(group.phones[i], group.country, rng) for k, i in signals if k == "phone"
        ]
        emails = [_case(group.emails[i], rng) for k, i in signals if k == "email"]
        for p in phones:
            contact.append(f"{rng.choice(('Call', 'WhatsApp', 'Tel', 'Text me'))} {p}")
        for e in emails:
            contact.append(f"mail: {e}")
        for k, i in signals:
            if k == "handle":
                contact.append(f"{rng.choice(('telegram:', 'IG', 'snap:'))} @{group.handles[i]}")
        photos = [
            photo_bytes(group.photos[i], self.photo_size, rng, vary=True)
            for k, i in signals
            if k == "photo"
        ]
        return SyntheticAd(
            id=_ad_id(n),
            label=group.label,
            country=group.country,
            title=f"{name}, {age} - {city}",
            text=". ".join(sentences) + ".\n" + "\n".join(contact),
            phones=phones,
            emails=emails,
            photos=photos,
        )

    def _noise_ad(self, n: int, rng: random.Random) -> SyntheticAd:
        country = rng.choice(list(COUNTRIES))
        name = rng.choice(WORDS["names"])
        city = rng.choice(CITIES[country])
        age = rng.randint(19, 35)
        fill = {"name": name, "age": str(age), "city": city, "price": rng.choice(PRICES)}
        sentences = [s.format(**fill) for s in _template(rng)]
        phones: list[str] = []
        emails: list[str] = []
        contact: list[str] = []
        if rng.random() < 0.6:
            number = self._new_phone(rng, country)
            if rng.random() < 0.05 and self._groups:
                # One digit away from a planted group's number: must not link.
                g = rng.choice(self._groups)
                if g.country == country:
                    near = _near_miss(g.phones[0], country, rng)
                    if near and near not in self._numbers:
                        self._numbers.add(near)
                        number = near
            phones.append(_write_phone(number, country, rng))
            contact.append(f"Call {phones[-1]}")
        if rng.random() < 0.1:
            emails.append(f"{name.lower()}.{n}@mail-example.com")
            contact.append(f"mail: {emails[-1]}")
        if rng.random() < 0.1:
            contact.append(f"telegram: @{name.lower()}_{n}")
        photos = (
            [photo_bytes(rng.getrandbits(32) | (1 << 33), self.photo_size, rng, vary=True)]
            if rng.random() < 0.5
            else []
        )
        return SyntheticAd(
            id=_ad_id(n),
            label=_ad_id(n),
            country=country,
            title=f"{name}, {age} - {city}",
            text=". ".join(sentences) + ".\n" + "\n".join(contact),
            phones=phones,
            emails=emails,
            photos=photos,
        )


def _ad_id(n: int) -> str:
    return f"ad-{n:06d}"


def _template(rng: random.Random) -> list[str]:
    """8-12 sentences; group-level slots ({name} {age} {city} {price}) stay open for each ad."""
    out = []
    for pattern in rng.sample(WORDS["patterns"], rng.randint(8, 12)):
        out.append(_fill_fixed(pattern, rng))
    return out


def _fill_fixed(pattern: str, rng: random.Random) -> str:
    text = pattern
    for slot, words in (
        ("adjective", "adjectives"),
        ("noun", "nouns"),
        ("extra", "extras"),
        ("place", "places"),
        ("times", "times"),
    ):
        while "{" + slot + "}" in text:
            text = text.replace("{" + slot + "}", rng.choice(WORDS[words]), 1)
    return text


def _vary(sentences: list[str], rng: random.Random) -> list[str]:
    out = list(sentences)
    if rng.random() < 0.3 and len(out) > 4:
        out.pop(rng.randrange(len(out)))
    if rng.random() < 0.2 and len(out) > 2:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    if rng.random() < 0.3:
        extra = _fill_fixed(rng.choice(WORDS["patterns"]), rng)
        extra = extra.format(
            name=rng.choice(WORDS["names"]), age=rng.randint(19, 35), city="town", price="100"
        )
        out.insert(rng.randrange(len(out) + 1), extra)
    if rng.random() < 0.2:
        i = rng.randrange(len(out))
        out[i] = out[i].upper()
    return out


def _case(text: str, rng: random.Random) -> str:
    return rng.choice((text, text.upper(), text.capitalize()))


def _random_phone(rng: random.Random, country: str) -> str:
    """A valid mobile number of `country`, E.164."""
    while True:
        prefix = rng.choice(COUNTRIES[country])
        digits = prefix + "".join(
            str(rng.randrange(10)) for _ in range(10 - len(prefix) + (country == "DE"))
        )
        number = (
            phonenumbers.parse(digits if country != "GB" else "0" + digits, country)
            if country != "IT"
            else phonenumbers.parse(digits, country)
        )
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _near_miss(e164: str, country: str, rng: random.Random) -> str | None:
    for _ in range(10):
        last = str((int(e164[-1]) + rng.randint(1, 9)) % 10)
        candidate = e164[:-1] + last
        if phonenumbers.is_valid_number(phonenumbers.parse(candidate, country)):
            return candidate
    return None


def _write_phone(e164: str, country: str, rng: random.Random) -> str:
    """The number as people write it: international, 00-prefixed or national, odd separators."""
    number = phonenumbers.parse(e164, country)
    style = rng.randrange(4)
    if style == 0:
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif style == 1:
        text = "00" + e164[1:]
    elif style == 2:
        text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        text = e164
    sep = rng.choice((" ", "-", ".", ""))
    return text.replace(" ", sep)


def photo_bytes(seed: int, size: int, rng: random.Random, vary: bool = False) -> bytes:
    """A photo drawn from `seed` (coloured shapes on a background); `vary` resizes, brightens
    and re-compresses it the way re-posted photos change. Crops are not planted: a perceptual
    hash does not survive them (see docs/network.md)."""
    draw_rng = np.random.default_rng(seed)
    image = Image.new("RGB", (size, size), _colour(draw_rng))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = (int(v) for v in draw_rng.integers(0, size, 2))
        w, h = (int(v) for v in draw_rng.integers(size // 8, size // 2, 2))
        draw.ellipse([x, y, x + w, y + h], fill=_colour(draw_rng))
    quality = 85
    if vary:
        scale = rng.uniform(0.85, 1.25)
        side = max(16, int(size * scale))
        image = image.resize((side, side), Image.Resampling.BILINEAR)
        image = ImageEnhance.Brightness(image).enhance(rng.uniform(0.9, 1.1))
        quality = rng.randint(60, 92)
    buf = io.BytesIO()
    image.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def _colour(draw_rng: np.random.Generator) -> tuple[int, int, int]:
    r, g, b = (int(v) for v in draw_rng.integers(0, 256, 3))
    return r, g, b


def ad_entity(ad: SyntheticAd) -> EntityProxy:
    """The ad as the crawler stores it: an FtM HyperText entity."""
    entity = model.make_entity("HyperText")
    entity.id = ad.id
    entity.add("country", ad.country.lower())
    entity.add("title", ad.title)
    entity.add("bodyText", ad.text)
    entity.add("sourceUrl", f"https://ads.example/{ad.id}")
    for phone in ad.phones:
        # As written in the ad; FtM reads numbers without a country code with the ad's country.
        entity.add("phoneMentioned", phone, format=ad.country.lower())
    for email in ad.emails:
        entity.add("emailMentioned", email)
    return entity
