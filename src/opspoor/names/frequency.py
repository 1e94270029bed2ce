"""How common a name part is, so "Mohammed" or "Ali" weigh little and "Dabbashi" weighs a lot.

    >>> model = FrequencyModel.default()
    >>> model.weight("muhammad", "person") < model.weight("dabbashi", "person")
    True

The shipped table `data/name_part_frequencies.csv` counts the words of every name and alias
in two public sanctions lists (see the header of that file); a `MatchIndex` adds the counts of
its own names when it is built. Weights are information content (-log p, add-one smoothed),
scaled to 0..1 by the information of a part never seen.

Regenerate the table with
`python -m opspoor.names.frequency UN.xml OFAC_FOLDER > src/opspoor/names/data/name_part_frequencies.csv`.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
TABLE = DATA / "name_part_frequencies.csv"
KINDS = ("person", "org")
MIN_WEIGHT = 0.12


class FrequencyModel:
    """Counts of name parts per kind of name ("person" or "org") and the weights they give."""

    def __init__(self, counts: dict[str, Counter[str]] | None = None) -> None:
        self.counts: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        self.totals: dict[str, int] = dict.fromkeys(KINDS, 0)
        if counts:
            for kind, counter in counts.items():
                self.add_counts(kind, counter)
        self._cache: dict[tuple[str, str], float] = {}
        self._info_cache: dict[tuple[str, str], float] = {}

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> FrequencyModel:
        """The model of the shipped table (shared, do not mutate: use `copy()`)."""
        return cls.from_table(TABLE)

    @classmethod
    def from_table(cls, path: Path) -> FrequencyModel:
        counts: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        with path.open(encoding="utf-8") as fh:
            rows = csv.DictReader(line for line in fh if not line.startswith("#"))
            for row in rows:
                counts[row["kind"]][row["part"]] = int(row["count"])
        return cls(counts)

    def copy(self) -> FrequencyModel:
        return FrequencyModel({k: Counter(c) for k, c in self.counts.items()})

    def add_counts(self, kind: str, counter: Counter[str] | dict[str, int]) -> None:
        own = self.counts[kind]
        for part, n in counter.items():
            own[part] += n
        self.totals[kind] = sum(own.values())
        self._cache = {}
        self._info_cache = {}

    def information(self, part: str, kind: str = "person") -> float:
        """-log p(part) with add-one smoothing (nats)."""
        key = (part, kind)
        cached = self._info_cache.get(key)
        if cached is not None:
            return cached
        total = self.totals[kind] + len(self.counts[kind]) + 1
        info = -math.log((self.counts[kind].get(part, 0) + 1) / total)
        if len(self._info_cache) > 500_000:
            self._info_cache = {}
        self._info_cache[key] = info
        return info

    def max_information(self, kind: str = "person") -> float:
        return -math.log(1 / (self.totals[kind] + len(self.counts[kind]) + 1))

    def weight(self, part: str, kind: str = "person") -> float:
        """0..1: how much a match on this part says (1 for a part never seen before)."""
        key = (part, kind)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        top = self.max_information(kind)
        w = max(MIN_WEIGHT, min(1.0, self.information(part, kind) / top)) if top > 0 else 1.0
        if len(self._cache) > 500_000:
            self._cache = {}
        self._cache[key] = w
        return w


def count_parts(names: Iterable[str], kind: str = "person") -> Counter[str]:
    """Canonical parts of the parsed names, each name counted once per distinct part."""
    from opspoor.names.parts import parse_name

    counter: Counter[str] = Counter()
    for name in names:
        counter.update({p.canon for p in parse_name(name, kind).parts})
    return counter


def _un_names(path: Path) -> Iterator[tuple[str, str]]:
    from lxml import etree

    tags = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
    root = etree.parse(str(path)).getroot()
    for kind, tag in (("person", "INDIVIDUAL"), ("org", "ENTITY")):
        for el in root.iter(tag):
            parts = [(el.findtext(t) or "").strip() for t in tags]
            yield kind, " ".join(p for p in parts if p)
            for alias in el.iter(f"{tag}_ALIAS"):
                yield kind, alias.findtext("ALIAS_NAME") or ""


def _ofac_names(folder: Path) -> Iterator[tuple[str, str]]:
    kinds: dict[str, str] = {}
    with (folder / "sdn.csv").open(encoding="latin-1") as fh:
        for row in csv.reader(fh):
            if len(row) < 3:
                continue
            kind = "person" if row[2].strip() == "individual" else "org"
            if row[2].strip() in ("vessel", "aircraft"):
                continue
            kinds[row[0]] = kind
            yield kind, row[1]
    alt = folder / "alt.csv"
    if alt.exists():
        with alt.open(encoding="latin-1") as fh:
            for row in csv.reader(fh):
                if len(row) >= 4 and row[0] in kinds:
                    yield kinds[row[0]], row[3]


def build_table(sources: Iterable[Path]) -> list[list[str]]:
    """Rows (kind, part, count) for parts seen at least twice."""
    counts: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for src in sources:
        pairs = _ofac_names(src) if src.is_dir() else _un_names(src)
        for kind, name in pairs:
            if name and name != "-0-":
                counts[kind].update(count_parts([name], kind))
    rows: list[list[str]] = []
    for kind in KINDS:
        for part, n in sorted(counts[kind].items(), key=lambda kv: (-kv[1], kv[0])):
            if n >= 2:
                rows.append([kind, part, str(n)])
    return rows


def main(argv: list[str] | None = None) -> None:
    args = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    if not args:
        print("usage: python -m opspoor.names.frequency UN.xml OFAC_FOLDER ...", file=sys.stderr)
        raise SystemExit(2)
    out = sys.stdout
    out.write(
        "# How often each word occurs in the names and aliases of public sanctions lists, per kind\n"
        "# of name (person, org). Counted by `python -m opspoor.names.frequency` over:\n"
        + "".join(f"#   {a.name}\n" for a in args)
        + "# (UN Security Council Consolidated List, public; US Treasury OFAC SDN list, public domain).\n"
        "# Parts are canonical forms as parse_name() gives (Mohamed, Muhammad -> muhammad);\n"
        "# parts seen once are left out.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "part", "count"])
    writer.writerows(build_table(args))


if __name__ == "__main__":
    main()
