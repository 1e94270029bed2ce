"""A synthetic sanctions list for speed benchmarks: realistic names from mixed real name parts.

    >>> for stored in synthetic_entities(1000, seed=1): ...

Name parts are drawn from opspoor's frequency table (the words of the UN and OFAC lists), by
how often they occur, so common parts ("Muhammad", "Ali", "al") are common here too. Persons
get 2-5 parts with Arabic particles (al-, bin, abu) at realistic rates, organisations 1-4
words plus a legal form; about half the entities carry aliases (a respelling, a reordering, a
"LAST, First" form, a weak one-word nickname), some a birth date, a nationality, a passport.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

from followthemoney import model

from opspoor.names.frequency import TABLE
from opspoor.store.records import StoredEntity

COUNTRIES = [
    "ly",
    "sy",
    "iq",
    "ir",
    "af",
    "ru",
    "kp",
    "er",
    "et",
    "sd",
    "so",
    "ye",
    "lb",
    "pk",
    "cn",
    "us",
    "gb",
    "de",
]
LEGAL = [
    "LLC",
    "Ltd",
    "JSC",
    "Company",
    "Corporation",
    "S.A.",
    "GmbH",
    "Trading Co.",
    "Group",
    "Establishment",
]
# respellings a clerk or a translator might produce
SWAPS = [
    ("ou", "u"),
    ("u", "ou"),
    ("sh", "ch"),
    ("q", "k"),
    ("k", "q"),
    ("ee", "i"),
    ("i", "ee"),
    ("mm", "m"),
    ("dh", "z"),
    ("ai", "ei"),
    ("y", "i"),
    ("a", "e"),
]


@lru_cache(maxsize=1)
def _pools() -> tuple[list[str], list[int], list[str], list[int]]:
    people: list[tuple[str, int]] = []
    orgs: list[tuple[str, int]] = []
    with TABLE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            part = row["part"]
            if len(part) < 2 or part.isdigit():
                continue
            (people if row["kind"] == "person" else orgs).append((part, int(row["count"])))
    # cumulative weights, so each draw is a binary search
    return (
        [p for p, _ in people],
        list(accumulate(n for _, n in people)),
        [p for p, _ in orgs],
        list(accumulate(n for _, n in orgs)),
    )


def respell(word: str, rng: random.Random) -> str:
    for a, b in rng.sample(SWAPS, 3):
        if a in word:
            return word.replace(a, b, 1)
    return word


def person_name(rng: random.Random) -> list[str]:
    words, weights, _, _ = _pools()
    n = rng.choices([2, 3, 4, 5], weights=[35, 35, 20, 10])[0]
    parts = [
        w
        for w in rng.choices(words, cum_weights=weights, k=n * 2)
        if w not in ("al", "bin", "abu", "el")
    ][:n]
    while len(parts) < 2:
        parts.append(rng.choice(words))
    out = [parts[0].title()]
    for part in parts[1:]:
        r = rng.random()
        if r < 0.12:
            out.append("bin")
        elif r < 0.18:
            out.append("Abu")
        if rng.random() < 0.2:
            out.append("al-" + part.title())
        else:
            out.append(part.title())
    return out


def org_name(rng: random.Random) -> str:
    _, _, words, weights = _pools()
    n = rng.choices([1, 2, 3, 4], weights=[20, 40, 30, 10])[0]
    parts = [w.title() for w in rng.choices(words, cum_weights=weights, k=n)]
    return " ".join(parts) + " " + rng.choice(LEGAL)


def synthetic_entities(count: int, seed: int = 7) -> Iterator[StoredEntity]:
    """`count` listed parties (about 80% persons, 20% organisations)."""
    rng = random.Random(seed)
    person = model.get("Person")
    assert person is not None
    orgs = [model.get("Organization"), model.get("Company")]
    for n in range(count):
        values: list[tuple[str, str]] = []
        if rng.random() < 0.8:
            schema = person
            parts = person_name(rng)
            values.append(("name", " ".join(parts)))
            r = rng.random()
            if r < 0.25:
                values.append(("alias", f"{parts[-1].upper()}, {' '.join(parts[:-1])}"))
            if r < 0.45:
                values.append(("alias", " ".join(respell(p, rng) for p in parts)))
            if rng.random() < 0.15:
                values.append(("weakAlias", rng.choice(_pools()[0]).title()))
            if rng.random() < 0.7:
                year = rng.randint(1940, 2000)
                full = rng.random() < 0.6
                values.append(
                    (
                        "birthDate",
                        f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                        if full
                        else str(year),
                    )
                )
            if rng.random() < 0.2:
                values.append(
                    (
                        "passportNumber",
                        f"{rng.choice('ABCDEFGHJKLMNP')}{rng.randint(1000000, 9999999)}",
                    )
                )
            values.append(("nationality", rng.choice(COUNTRIES)))
        else:
            schema = rng.choice(orgs)  # type: ignore[assignment]
            name = org_name(rng)
            values.append(("name", name))
            if rng.random() < 0.3:
                values.append(("alias", respell(name, rng)))
            values.append(("country", rng.choice(COUNTRIES)))
        proxy = model.make_entity(schema)
        proxy.id = f"syn-{n}"
        props = schema.properties
        for prop, value in values:
            # values are made clean here: skip FtM's cleaning, which would dominate the run
            proxy.unsafe_add(props[prop], value, cleaned=True)
        yield StoredEntity(proxy, {"synthetic"}, f"SYN.{n}")


def query_names(
    count: int, seed: int = 11, listed: list[str] | None = None, listed_share: float = 0.3
) -> list[str]:
    """Names to screen: mostly people not on any list, some listed names respelt."""
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(count):
        if listed and rng.random() < listed_share:
            words = rng.choice(listed).split()
            if rng.random() < 0.5:
                words = [respell(w, rng) for w in words]
            if rng.random() < 0.3 and len(words) > 1:
                words = words[-1:] + words[:-1]
            out.append(" ".join(words))
        elif rng.random() < 0.85:
            out.append(" ".join(person_name(rng)))
        else:
            out.append(org_name(rng))
    return out
