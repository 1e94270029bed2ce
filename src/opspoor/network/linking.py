"""Group ads and documents that belong together: shared phones, e-mails, handles and IBANs,
near-duplicate texts (templates) and near-duplicate photos, joined with union-find.

    >>> items = [LinkItem("ad1", frozenset({("phone", "+393331234567")}), "..."),
    ...          LinkItem("ad2", frozenset({("phone", "+393331234567")}), "...")]
    >>> result = link_items(items)
    >>> result.groups_of_size(2)
    [['ad1', 'ad2']]
    >>> result.links[0].reason
    'shares phone +393331234567'

Every link keeps its reason (which phone, which template similarity, which photo distance),
so an analyst can see why two ads ended up in one group. Identifier values found on a large
share of all items (a site's contact address in every page footer) are set aside as too
common and reported, rather than gluing unrelated ads into one giant group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy

from opspoor.network.groups import DisjointSet, group_id
from opspoor.network.identifiers import IDENTIFIER_KINDS, entity_text, identifiers_of
from opspoor.network.images import DEFAULT_MAX_DISTANCE, ImageIndex, hash_hex
from opspoor.network.templates import (
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE_WORDS,
    DEFAULT_THRESHOLD,
    TemplateIndex,
)

LINK_KINDS = (*IDENTIFIER_KINDS, "text", "image")
# Schemata whose entities are ads or documents: FtM's Document family, and Page (one page of a
# document, which crawlers also use for a captured web page).
ITEM_SCHEMATA = ("Document", "Page")


@dataclass(frozen=True)
class LinkItem:
    """One ad or document, reduced to what linking needs."""

    id: str
    identifiers: frozenset[tuple[str, str]] = frozenset()
    text: str = ""
    image_hashes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Link:
    left: str
    right: str
    kind: str  # phone | email | handle | iban | text | image
    value: str  # the shared identifier; for text/images what matched
    score: float  # 1.0 for a shared identifier; Jaccard for text; 1 - distance/64 for photos

    @property
    def reason(self) -> str:
        if self.kind == "text":
            return f"near-duplicate text (Jaccard {self.score:.2f})"
        if self.kind == "image":
            return f"near-duplicate photo ({self.value})"
        return f"shares {self.kind} {self.value}"

    def as_dict(self) -> dict[str, object]:
        return {
            "left": self.left,
            "right": self.right,
            "kind": self.kind,
            "value": self.value,
            "score": self.score,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class LinkConfig:
    """Knobs of a link run. Defaults suit classified-ad corpora (see docs/network.md)."""

    kinds: tuple[str, ...] = LINK_KINDS
    text_threshold: float = DEFAULT_THRESHOLD
    num_perm: int = DEFAULT_NUM_PERM
    shingle_words: int = DEFAULT_SHINGLE_WORDS
    image_distance: int = DEFAULT_MAX_DISTANCE
    # An identifier or photo on more than this share of the items (and on more than
    # `common_min` items) is treated as boilerplate and not used to link.
    common_share: float = 0.02
    common_min: int = 50

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__, kinds=list(self.kinds))


@dataclass
class LinkResult:
    """Groups (every item in exactly one group; singletons included) and the links behind them."""

    groups: dict[str, list[str]]
    group_of: dict[str, str]
    links: list[Link]
    ignored: dict[str, int] = field(default_factory=dict)  # "phone +39..." -> items it was on
    counts: dict[str, int] = field(default_factory=dict)  # links found per kind

    def groups_of_size(self, minimum: int = 2) -> list[list[str]]:
        return [m for m in self.groups.values() if len(m) >= minimum]

    def stats(self) -> dict[str, object]:
        sizes = [len(m) for m in self.groups.values()]
        return {
            "items": len(self.group_of),
            "groups": sum(1 for s in sizes if s >= 2),
            "grouped_items": sum(s for s in sizes if s >= 2),
            "largest_group": max(sizes, default=0),
            "links": dict(self.counts),
            "ignored_as_common": len(self.ignored),
        }


def link_items(items: Iterable[LinkItem], config: LinkConfig | None = None) -> LinkResult:
    """Link items by shared identifiers, near-duplicate text and near-duplicate photos.

    Texts are consumed as items stream by (only their MinHash signatures are kept), so a
    corpus larger than memory's worth of text can be linked.
    """
    config = config or LinkConfig()
    kinds = set(config.kinds)
    sets = DisjointSet()
    by_value: dict[tuple[str, str], list[str]] = defaultdict(list)
    templates = (
        TemplateIndex(config.text_threshold, config.num_perm, config.shingle_words)
        if "text" in kinds
        else None
    )
    text_links: list[Link] = []
    photo_owners: dict[int, list[str]] = defaultdict(list)
    count = 0
    for item in items:
        count += 1
        sets.add(item.id)
        for kind, value in item.identifiers:
            if kind in kinds:
                by_value[(kind, value)].append(item.id)
        if templates is not None and item.text:
            best = templates.add(item.id, item.text)
            # Every earlier near-duplicate joins the group; the best one is kept as the reason.
            for n, (other, sim) in enumerate(best):
                if n == 0 or not sets.same(other, item.id):
                    text_links.append(Link(other, item.id, "text", "template", sim))
                    sets.union(other, item.id)
        if "image" in kinds:
            for h in set(item.image_hashes):
                photo_owners[h].append(item.id)

    limit = max(config.common_min, int(config.common_share * count))
    ignored: dict[str, int] = {}
    links: list[Link] = []
    counts: dict[str, int] = defaultdict(int)
    for (kind, value), owners in sorted(by_value.items()):
        unique = list(dict.fromkeys(owners))
        if len(unique) < 2:
            continue
        if len(unique) > limit:
            ignored[f"{kind} {value}"] = len(unique)
            continue
        first = unique[0]
        for other in unique[1:]:
            links.append(Link(first, other, kind, value, 1.0))
            sets.union(first, other)
        counts[kind] += len(unique) - 1
    for lk in text_links:
        links.append(lk)
        counts["text"] += 1
    if "image" in kinds:
        links.extend(
            _photo_links(photo_owners, config.image_distance, limit, sets, ignored, counts)
        )

    groups: dict[str, list[str]] = {}
    group_of: dict[str, str] = {}
    for members in sets.sets():
        ids = [str(m) for m in members]
        gid = group_id(ids)
        groups[gid] = ids
        for m in ids:
            group_of[m] = gid
    return LinkResult(
        groups=groups, group_of=group_of, links=links, ignored=ignored, counts=dict(counts)
    )


def _photo_links(
    owners: Mapping[int, list[str]],
    max_distance: int,
    limit: int,
    sets: DisjointSet,
    ignored: dict[str, int],
    counts: dict[str, int],
) -> list[Link]:
    """Items sharing a photo hash, or with hashes within `max_distance` bits, are linked."""
    links: list[Link] = []
    index = ImageIndex(max_distance)
    for h, holders in owners.items():
        unique = list(dict.fromkeys(holders))
        if len(unique) > limit:
            ignored[f"image {hash_hex(h)}"] = len(unique)
            continue
        first = unique[0]
        for other in unique[1:]:
            links.append(Link(first, other, "image", f"same photo hash {hash_hex(h)}", 1.0))
            sets.union(first, other)
            counts["image"] += 1
        for other_key, dist in index.add(str(h), h):
            a = owners[int(other_key)][0]
            if not sets.same(a, first):
                score = round(1 - dist / 64, 3)
                desc = f"photo hashes {hash_hex(int(other_key))} and {hash_hex(h)} differ in {dist} bits"
                links.append(Link(a, first, "image", desc, score))
                sets.union(a, first)
                counts["image"] += 1
    return links


def item_from_entity(
    entity: EntityProxy, image_hashes: Sequence[int] = (), scan_phones: bool = False
) -> LinkItem:
    """An ad or document entity as a LinkItem (identifiers normalised, text joined)."""
    assert entity.id is not None
    text = entity_text(entity)
    return LinkItem(
        id=entity.id,
        identifiers=frozenset(identifiers_of(entity, text=text, scan_phones=scan_phones)),
        text=text,
        image_hashes=tuple(image_hashes),
    )


def items_from_entities(
    entities: Iterable[EntityProxy],
    image_hashes: Mapping[str, Sequence[int]] | None = None,
    scan_phones: bool = False,
) -> Iterable[LinkItem]:
    hashes = image_hashes or {}
    for entity in entities:
        if entity.id is None or not any(entity.schema.is_a(s) for s in ITEM_SCHEMATA):
            continue
        yield item_from_entity(entity, hashes.get(entity.id, ()), scan_phones=scan_phones)
