"""What readers and extractors hand to the store: an FtM entity plus where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy


@dataclass
class Record:
    """One FtM entity read from a source.

    `reference` is the publisher's own id (UN "LYi.025", OFAC ent_num "24311"), kept for
    people who must cite the list. `location` says where in the source the record sits
    ("sdn.csv line 812", "INDIVIDUAL LYi.025 (line 13549)"); `locations` may refine it
    per (property, value), e.g. a character span in a document.
    """

    entity: EntityProxy
    reference: str | None = None
    location: str | None = None
    locations: dict[tuple[str, str], str] = field(default_factory=dict)
    # Values that need a language tag (names in original script): (prop, value) -> lang
    langs: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        assert self.entity.id is not None, "records need an entity id"
        return self.entity.id


@dataclass
class StoredEntity:
    """An entity as assembled from the store, with the bits of provenance matchers need."""

    entity: EntityProxy
    datasets: set[str]
    reference: str | None = None
    source_ids: set[int] = field(default_factory=set)

    @property
    def id(self) -> str:
        assert self.entity.id is not None
        return self.entity.id
