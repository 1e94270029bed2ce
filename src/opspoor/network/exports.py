"""Write the network where other tools read it: FtM JSON lines (OpenSanctions, yente, Aleph),
GEXF (Gephi), GraphML (yEd, Cytoscape), Cypher (Neo4j) and CSV nodes/edges (spreadsheets).

    >>> write_graph(g, Path("network.gexf"), "gexf")
    >>> write_ftm_entities(entities, mapping, open("network.ftm.json", "wb"))

Graph formats carry each edge's evidence sentence, document and source as attributes.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import networkx as nx
import orjson
from followthemoney.types import registry

from opspoor.errors import InputError
from opspoor.network.graph import NetworkGraph
from opspoor.network.resolution import merged_entities
from opspoor.store.records import StoredEntity

FORMATS = ("ftm", "gexf", "graphml", "cypher", "csv")
NODE_FIELDS = (
    "id",
    "label",
    "schema",
    "sanctioned",
    "programs",
    "datasets",
    "reference",
    "members",
    "countries",
    "first_seen",
    "last_seen",
)
EDGE_FIELDS = (
    "id",
    "source",
    "target",
    "schema",
    "label",
    "evidence",
    "location",
    "proof",
    "document",
    "sources",
    "datasets",
    "start",
    "end",
    "first_seen",
    "last_seen",
)


def _scalar(value: Any) -> str | int | float | bool:
    """GEXF and GraphML take strings, numbers and booleans only."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return "; ".join(str(v) for v in value)
    return str(value)


def _exportable(g: NetworkGraph) -> nx.MultiDiGraph:
    directed = g.directed()
    out = nx.MultiDiGraph()
    for node, data in directed.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for a, b, key, data in directed.edges(keys=True, data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if k not in ("source", "target")}
        out.add_edge(a, b, key=str(key), **attrs)
    return out


def write_gexf(g: NetworkGraph, path: Path) -> None:
    nx.write_gexf(_exportable(g), path)


def write_graphml(g: NetworkGraph, path: Path) -> None:
    nx.write_graphml(_exportable(g), path, named_key_ids=True)


def _cypher_string(value: Any) -> str:
    # json.dumps gives a double-quoted string with backslash escapes, which Cypher reads as is.
    return json.dumps(str(value), ensure_ascii=False)


def _cypher_map(data: Mapping[str, Any]) -> str:
    items = []
    for key, value in data.items():
        if value in ("", None):
            continue
        if isinstance(value, bool):
            items.append(f"`{key}`: {'true' if value else 'false'}")
        elif isinstance(value, int | float):
            items.append(f"`{key}`: {value}")
        else:
            items.append(f"`{key}`: {_cypher_string(value)}")
    return "{" + ", ".join(items) + "}"


def _cypher_label(name: str) -> str:
    return "".join(c for c in name if c.isalnum()) or "Entity"


def _relationship_type(name: str) -> str:
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i > 0 and not name[i - 1].isupper():
            out.append("_")
        out.append(c.upper() if c.isalnum() else "_")
    return "".join(out) or "LINKED_TO"


def write_cypher(g: NetworkGraph, fh: IO[str]) -> int:
    """Neo4j Cypher: MERGE every node (label Entity plus its schema) and relation; re-running
    the script updates rather than duplicates. Returns the number of statements."""
    directed = g.directed()
    count = 0
    fh.write(
        "CREATE CONSTRAINT opspoor_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n"
    )
    count += 1
    for node, data in sorted(directed.nodes(data=True), key=lambda nd: str(nd[0])):
        props = {k: _scalar(v) for k, v in data.items() if k != "schema"}
        props["schema"] = data.get("schema", "")
        fh.write(
            f"MERGE (n:Entity {{id: {_cypher_string(node)}}}) SET n:{_cypher_label(str(data.get('schema', '')))}"
            f" SET n += {_cypher_map(props)};\n"
        )
        count += 1
    for a, b, key, data in sorted(directed.edges(keys=True, data=True), key=lambda e: str(e[2])):
        props = {k: _scalar(v) for k, v in data.items() if k not in ("source", "target")}
        rel = _relationship_type(str(data.get("schema", "LINKED_TO")))
        fh.write(
            f"MATCH (a:Entity {{id: {_cypher_string(a)}}}), (b:Entity {{id: {_cypher_string(b)}}}) "
            f"MERGE (a)-[r:{rel} {{id: {_cypher_string(key)}}}]->(b) SET r += {_cypher_map(props)};\n"
        )
        count += 1
    return count


def write_csv(g: NetworkGraph, folder: Path) -> tuple[Path, Path]:
    """nodes.csv and edges.csv in `folder` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    directed = g.directed()
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    with open(nodes_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=NODE_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for node, data in sorted(directed.nodes(data=True), key=lambda nd: str(nd[0])):
            writer.writerow({"id": node, **{k: _scalar(v) for k, v in data.items()}})
    with open(edges_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=EDGE_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for a, b, key, data in sorted(
            directed.edges(keys=True, data=True), key=lambda e: str(e[2])
        ):
            row = {k: _scalar(v) for k, v in data.items()}
            row.update({"id": key, "source": a, "target": b})
            writer.writerow(row)
    return nodes_path, edges_path


def canonical_proxies(
    entities: Iterable[StoredEntity], mapping: Mapping[str, str]
) -> Iterable[Any]:
    """FtM entities with resolution applied: merged entities under their canonical id, and
    every reference to a merged member pointing at the canonical id instead."""
    for merged, _members in merged_entities(entities, dict(mapping)):
        proxy = merged.entity.clone()
        for prop in list(proxy.iterprops()):
            if prop.type != registry.entity:
                continue
            values = proxy.get(prop)
            remapped = [mapping.get(v, v) for v in values]
            if remapped != values:
                proxy.set(prop, remapped)
        yield proxy


def write_ftm_entities(
    entities: Iterable[StoredEntity], mapping: Mapping[str, str], fh: IO[bytes]
) -> int:
    """FtM JSON lines, one entity per line (followthemoney's own format)."""
    count = 0
    for proxy in canonical_proxies(entities, mapping):
        fh.write(orjson.dumps(proxy.to_dict(), option=orjson.OPT_SORT_KEYS) + b"\n")
        count += 1
    return count


def write_graph(g: NetworkGraph, path: Path, fmt: str) -> list[Path]:
    """Write a graph format to `path` (for csv: a folder). Returns the files written."""
    if fmt == "gexf":
        write_gexf(g, path)
        return [path]
    if fmt == "graphml":
        write_graphml(g, path)
        return [path]
    if fmt == "cypher":
        with open(path, "w", encoding="utf-8") as fh:
            write_cypher(g, fh)
        return [path]
    if fmt == "csv":
        return list(write_csv(g, path))
    raise InputError(
        f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}", field="format"
    )
