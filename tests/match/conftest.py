"""Test entities built from the published facts of the UN (LYi.021-026) and OFAC (LIBYA3)
records of the Libyan trafficking networks, so matcher tests run without the list files."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from followthemoney import model

from opspoor.match import MatchIndex
from opspoor.store.records import StoredEntity

Maker = Callable[..., StoredEntity]


def make(
    entity_id: str,
    schema: str = "Person",
    name: str | list[str] = "",
    alias: tuple[str, ...] = (),
    weak: tuple[str, ...] = (),
    reference: str | None = None,
    dataset: str = "test",
    **props: str | list[str],
) -> StoredEntity:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for n in ([name] if isinstance(name, str) else name) if name else []:
        proxy.add("name", n)
    for a in alias:
        proxy.add("alias", a)
    for w in weak:
        proxy.add("weakAlias", w)
    for prop, values in props.items():
        proxy.add(prop, values)
    return StoredEntity(proxy, {dataset}, reference)


# UN Security Council list, regime LY, listed 2018-06-07 (facts as published)
UN_LIBYA = [
    make(
        "un-lyi-021",
        name="Ermias Alem",
        alias=("Ermias Ghermay, Guro",),
        weak=("Ermies Ghermay", "Ermias Ghirmay"),
        reference="LYi.021",
        nationality="er",
        birthDate="1980",
        dataset="un",
    ),
    make(
        "un-lyi-022",
        name="Fitiwi Abdelrazak",
        alias=("Abdurezak", "Abdelrazaq", "Abdulrazak", "Abdrazzak"),
        weak=("Fitwi Esmail Abdelrazak",),
        reference="LYi.022",
        nationality="er",
        dataset="un",
    ),
    make(
        "un-lyi-023",
        name="Ahmad Oumar Imhamad al-Fitouri",
        weak=("Al-Dabachi", "Al Ammu", "The Uncle", "Al-Ahwal", "Al Dabbashi"),
        reference="LYi.023",
        nationality="ly",
        birthDate="1988-05-07",
        passportNumber="LY53FP76",
        dataset="un",
    ),
    make(
        "un-lyi-024",
        name="Mus’ab Mustafa Abu al Qassim Omar",
        alias=("Mus’ab Abu Qarin",),
        weak=("ABU-AL QASSIM OMAR Musab Boukrin", "The Doctor", "Al-Grein"),
        reference="LYi.024",
        nationality="ly",
        birthDate="1983-01-19",
        dataset="un",
    ),
    make(
        "un-lyi-025",
        name="Mohammed Al Amin Al-Arabi Kashlaf",
        alias=("Kashlaf", "Koshlaf", "al-Qasab"),
        weak=("Keslaf",),
        reference="LYi.025",
        nationality="ly",
        birthDate="1985-12-02",
        passportNumber="C17HLRL3",
        dataset="un",
    ),
    make(
        "un-lyi-026",
        name="Abd Al-Rahman Salim Ibrahim Al-Milad",
        alias=("Abdurahman Salem Ibrahim Milad",),
        weak=("al-Bija",),
        reference="LYi.026",
        nationality="ly",
        birthDate="1986-07-27",
        dataset="un",
    ),
]
# OFAC SDN, program LIBYA3, 2018 designations (facts as published)
OFAC_LIBYA = [
    make(
        "ofac-24004",
        name="GHERMAY, Ermias",
        reference="24004",
        nationality="et",
        citizenship="er",
        birthDate=["1972", "1973", "1974", "1975", "1976", "1977"],
        dataset="ofac",
    ),
    make(
        "ofac-24310",
        name="ABU GREIN, Musab",
        alias=("ABU-QURAYN, Mus'ab",),
        reference="24310",
        nationality="ly",
        birthDate=["1982", "1983"],
        dataset="ofac",
    ),
    make(
        "ofac-24311",
        name="KOSHLAF, Mohamed",
        alias=("KASHLAF, Mohamed", "KHUSHLAF, Mohamed"),
        weak=("Al Qasseb",),
        reference="24311",
        nationality="ly",
        birthDate="1985-12-12",
        dataset="ofac",
    ),
    make(
        "ofac-24312",
        name="MILAD, Abd al-Rahman",
        alias=("MILAD, Abdurahman Al",),
        weak=("al-Bija",),
        reference="24312",
        nationality="ly",
        birthDate="1986-07-27",
        dataset="ofac",
    ),
    make(
        "ofac-24313",
        name="FITWI, Abd al-Razzak",
        alias=("FITIWI, Abdurazak", "ESMAIL, Abdurazak"),
        reference="24313",
        nationality="sd",
        dataset="ofac",
    ),
    make(
        "ofac-24314",
        name="DABBASHI, Ahmed",
        alias=("AL DABBASHI, Ahmad Mohammed Omar Al Fituri",),
        weak=("Amu",),
        reference="24314",
        nationality="ly",
        birthDate="1988-07-05",
        dataset="ofac",
    ),
]
# bystanders: common names, other kinds of thing
OTHERS = [
    make("p-mohammed-ali", name="Mohammed Ali Hassan", nationality="eg"),
    make("p-ahmed", name="Ahmed Mohamed Ibrahim"),
    make("v-kashlaf", schema="Vessel", name="KASHLAF", imoNumber="9074729", flag="ly"),
    make("c-milad", schema="Company", name="Milad Trading LLC", country="ly"),
]


@pytest.fixture(scope="session")
def libya_index() -> MatchIndex:
    return MatchIndex.build(UN_LIBYA + OFAC_LIBYA + OTHERS)


@pytest.fixture
def maker() -> Maker:
    return make
