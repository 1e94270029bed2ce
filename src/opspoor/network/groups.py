"""Union-find (disjoint sets) over item ids: the groups links add up to.

>>> ds = DisjointSet()
>>> ds.union("ad1", "ad2"); ds.union("ad2", "ad3")
True
True
>>> ds.find("ad3") == ds.find("ad1")
True
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable


class DisjointSet:
    """Union by size with path halving: near-constant time per operation at any scale."""

    def __init__(self, items: Iterable[Hashable] = ()) -> None:
        self._parent: dict[Hashable, Hashable] = {}
        self._size: dict[Hashable, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: Hashable) -> None:
        if item not in self._parent:
            self._parent[item] = item
            self._size[item] = 1

    def __contains__(self, item: Hashable) -> bool:
        return item in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def find(self, item: Hashable) -> Hashable:
        parent = self._parent
        if item not in parent:
            self.add(item)
            return item
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Join the sets of a and b; False when they were already one set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        return True

    def same(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)

    def size(self, item: Hashable) -> int:
        return self._size[self.find(item)]

    def sets(self) -> list[list[Hashable]]:
        """Every set, members sorted, largest sets first."""
        out: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item in self._parent:
            out[self.find(item)].append(item)
        groups = [sorted(members, key=str) for members in out.values()]
        groups.sort(key=lambda g: (-len(g), str(g[0])))
        return groups


def group_id(members: Iterable[str], prefix: str = "grp") -> str:
    """A stable id for a group: derived from its smallest member, so re-runs that keep the
    group's first member keep its id."""
    first = min(members)
    return f"{prefix}-{hashlib.sha1(first.encode('utf-8')).hexdigest()[:12]}"
