"""Build the network: people, organisations and vessels as nodes, relations as edges, each
edge carrying its evidence sentence and where it came from.

    >>> g = graph_from_store(store)                    # merged entities as one node each
    >>> g.graph.number_of_nodes(), g.graph.number_of_edges()
    >>> g.graph.edges["nk-1f3b...", "ofac-23203", "rel-42"]["evidence"]
    'Gordon Debono owns Petroplus Ltd.'

Nodes are every entity that is a thing (not a document, mention or interval); resolution's
clusters are applied, so a person found in a list and in two news articles is one node.
Interval entities with two ends (FtM "edge" schemata: Family, Associate, Membership,
Ownership, UnknownLink...) become edges, with `evidence` (their `summary`, the sentence that
states the link), `proof` (the document), `source` (list version or document), dates and
first/last seen. Sanction entities and the `sanction` topic mark nodes as sanctioned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from followthemoney.types import registry
from sqlalchemy import func, select

from opspoor.network.resolution import canonical_map, merged_entities, review_queue
from opspoor.network.resolver import ScoredPair
from opspoor.store.db import Store
from opspoor.store.records import StoredEntity
from opspoor.store.tables import sources, statements

SANCTION_TOPICS = ("sanction", "sanction.linked", "sanction.counter")
# Schemata that are never nodes themselves.
NOT_NODES = ("Interval", "Mention", "Analyzable", "Page", "Note")
SEP = "; "
POSSIBLE_SAME = "PossibleSame"  # edge schema of an unconfirmed resolution candidate


@dataclass
class NetworkGraph:
    """An undirected multigraph (paths run both ways); each edge remembers its direction."""

    graph: nx.MultiGraph
    # entity id (cluster member) -> node id
    node_of: dict[str, str]

    def node(self, node_id: str) -> dict[str, Any]:
        return dict(self.graph.nodes[node_id])

    def directed(self) -> nx.MultiDiGraph:
        """The same network with every edge pointing the way its relation reads."""
        out = nx.MultiDiGraph()
        out.add_nodes_from(self.graph.nodes(data=True))
        for _, _, key, data in self.graph.edges(keys=True, data=True):
            out.add_edge(data["source"], data["target"], key=key, **data)
        return out


def is_node_schema(schema: Schema) -> bool:
    return schema.is_a("Thing") and not any(schema.is_a(s) for s in NOT_NODES if model.get(s))


def document_label(doc: EntityProxy) -> str:
    """How to cite a document: its title and file name (or whatever caption it has)."""
    title, file_name = doc.first("title", quiet=True), doc.first("fileName", quiet=True)
    if title and file_name and title != file_name:
        return f"{title} ({file_name})"
    return title or file_name or doc.caption


def _join(values: Iterable[str]) -> str:
    return SEP.join(dict.fromkeys(v for v in values if v))


def build_graph(
    entities: Iterable[StoredEntity],
    mapping: Mapping[str, str] | None = None,
    source_labels: Mapping[int, str] | None = None,
    seen: Mapping[str, tuple[str | None, str | None]] | None = None,
    locations: Mapping[str, str] | None = None,
    include_documents: bool = False,
    possible: Sequence[ScoredPair] = (),
) -> NetworkGraph:
    """The network from stored entities (pure: all store look-ups are passed in).

    `mapping` is resolution's entity -> canonical id; `source_labels` names each source id;
    `seen` gives (first_seen, last_seen) per entity id; `locations` where each relation's
    evidence sentence sits in its document ("chars 120-188"). `possible` are resolution
    candidates waiting for review: each becomes a "possibly the same as" edge whose evidence
    is the match explanation, so a path through it shows it is unconfirmed.
    """
    mapping = dict(mapping or {})
    source_labels = source_labels or {}
    seen = seen or {}
    locations = locations or {}
    stored = list(entities)
    graph = nx.MultiGraph()
    node_of: dict[str, str] = {}
    documents: dict[str, EntityProxy] = {}
    relations: list[StoredEntity] = []
    sanctions: list[StoredEntity] = []
    mentions: list[StoredEntity] = []
    things: list[StoredEntity] = []
    for s in stored:
        schema = s.entity.schema
        if schema.edge and schema.source_prop is not None and schema.target_prop is not None:
            relations.append(s)
        elif schema.is_a("Sanction"):
            sanctions.append(s)
        elif schema.is_a("Mention"):
            mentions.append(s)
        elif schema.is_a("Analyzable") or schema.is_a("Page"):
            documents[s.id] = s.entity
        elif is_node_schema(schema):
            things.append(s)

    for merged, members in merged_entities(things, mapping):
        proxy = merged.entity
        node_id = merged.id
        first = [f for m in members if (f := seen.get(m, (None, None))[0])]
        last = [t for m in members if (t := seen.get(m, (None, None))[1])]
        topics = proxy.get("topics", quiet=True)
        graph.add_node(
            node_id,
            label=proxy.caption,
            schema=proxy.schema.name,
            datasets=_join(sorted(merged.datasets)),
            reference=merged.reference or "",
            members=_join(members),
            countries=_join(proxy.get_type_values(registry.country)),
            sanctioned=any(t in SANCTION_TOPICS for t in topics),
            programs="",
            first_seen=min(first) if first else "",
            last_seen=max(last) if last else "",
        )
        for m in members:
            node_of[m] = node_id

    for s in sanctions:
        for target in s.entity.get("entity", quiet=True):
            sanctioned_id = node_of.get(target)
            if sanctioned_id is None:
                continue
            data = graph.nodes[sanctioned_id]
            data["sanctioned"] = True
            programs = [
                *s.entity.get("program", quiet=True),
                *s.entity.get("authority", quiet=True),
            ]
            data["programs"] = _join([*data["programs"].split(SEP), *programs])

    for s in relations:
        _add_relation(graph, s, node_of, documents, source_labels, seen, locations)

    for pair in possible:
        _add_possible(graph, pair, node_of)

    if include_documents:
        for doc_id, doc in documents.items():
            graph.add_node(
                doc_id,
                label=document_label(doc),
                schema=doc.schema.name,
                datasets="",
                reference="",
                members=doc_id,
                countries="",
                sanctioned=False,
                programs="",
                first_seen="",
                last_seen="",
            )
        for s in mentions:
            for doc_id in s.entity.get("document", quiet=True):
                for target in s.entity.get("resolved", quiet=True):
                    mentioned = node_of.get(target)
                    if mentioned is None or doc_id not in documents:
                        continue
                    graph.add_edge(
                        mentioned,
                        doc_id,
                        key=s.id,
                        source=mentioned,
                        target=doc_id,
                        schema="Mention",
                        label="mentioned in",
                        evidence=_join(s.entity.get("name", quiet=True)),
                        proof=doc_id,
                        document=document_label(documents[doc_id]),
                        sources=_join(source_labels.get(i, str(i)) for i in sorted(s.source_ids)),
                        datasets=_join(sorted(s.datasets)),
                        start="",
                        end="",
                        first_seen="",
                        last_seen="",
                        location="",
                        entity_id=s.id,
                    )
    return NetworkGraph(graph=graph, node_of=node_of)


def _add_possible(graph: nx.MultiGraph, pair: ScoredPair, node_of: Mapping[str, str]) -> None:
    a, b = node_of.get(pair.left), node_of.get(pair.right)
    if a is None or b is None or a == b:
        return
    if any(
        d.get("schema") == POSSIBLE_SAME for d in graph.get_edge_data(a, b, default={}).values()
    ):
        return  # the review queue is best first: the first pair between two nodes says it
    reasons = _join(f"{c.get('level')} ({c.get('values', '')})" for c in pair.comparisons)
    graph.add_edge(
        a,
        b,
        key=f"possible:{pair.left}:{pair.right}",
        source=a,
        target=b,
        schema=POSSIBLE_SAME,
        label="possibly the same as",
        evidence=f"unconfirmed: match probability {pair.probability:.2f}; {reasons}",
        proof="",
        document="",
        sources="opspoor network resolve (awaiting review)",
        datasets="",
        start="",
        end="",
        first_seen="",
        last_seen="",
        location="",
        entity_id="",
    )


def _add_relation(
    graph: nx.MultiGraph,
    stored: StoredEntity,
    node_of: Mapping[str, str],
    documents: Mapping[str, EntityProxy],
    source_labels: Mapping[int, str],
    seen: Mapping[str, tuple[str | None, str | None]],
    locations: Mapping[str, str],
) -> None:
    proxy = stored.entity
    schema = proxy.schema
    assert schema.source_prop is not None and schema.target_prop is not None
    label_parts = [*proxy.get("relationship", quiet=True), *proxy.get("role", quiet=True)]
    label = _join(label_parts) or (schema.edge_label or schema.label)
    proofs = proxy.get("proof", quiet=True)
    doc_captions = [document_label(documents[p]) for p in proofs if p in documents]
    dates = proxy.get("date", quiet=True)
    start = min([*proxy.get("startDate", quiet=True), *dates], default="")
    end = max([*proxy.get("endDate", quiet=True), *dates], default="")
    first, last = seen.get(stored.id, (None, None))
    # The summary is the sentence stating the link; a description only stands in without one.
    evidence = _join(proxy.get("summary", quiet=True)) or _join(
        proxy.get("description", quiet=True)
    )
    for source_ref in proxy.get(schema.source_prop, quiet=True):
        for target_ref in proxy.get(schema.target_prop, quiet=True):
            a, b = node_of.get(source_ref), node_of.get(target_ref)
            if a is None or b is None or a == b:
                continue
            graph.add_edge(
                a,
                b,
                key=stored.id,
                source=a,
                target=b,
                schema=schema.name,
                label=label,
                evidence=evidence,
                proof=_join(proofs),
                document=_join(doc_captions),
                sources=_join(source_labels.get(i, str(i)) for i in sorted(stored.source_ids)),
                datasets=_join(sorted(stored.datasets)),
                start=start,
                end=end,
                first_seen=first or "",
                last_seen=last or "",
                location=locations.get(stored.id, ""),
                entity_id=stored.id,
            )


def graph_from_store(
    store: Store,
    source_ids: Sequence[int] | None = None,
    resolved: bool = True,
    include_documents: bool = False,
    include_possible: bool = False,
) -> NetworkGraph:
    """The network of the current sources (or `source_ids`), merged entities as one node;
    with `include_possible`, pairs awaiting review join as "possibly the same as" edges."""
    ids = list(source_ids) if source_ids is not None else store.current_source_ids()
    entities = list(store.iter_entities(source_ids=ids))
    mapping = canonical_map(store) if resolved else {}
    labels = {s.id: _source_label(s.kind, s.dataset, s.label) for s in store.list_sources()}
    seen, locations = _seen_and_locations(store, ids)
    possible = review_queue(store) if resolved and include_possible else []
    return build_graph(
        entities,
        mapping,
        labels,
        seen,
        locations,
        include_documents=include_documents,
        possible=possible,
    )


def _source_label(kind: str, dataset: str, label: str | None) -> str:
    return f"{dataset} ({label})" if label else dataset


def _seen_and_locations(
    store: Store, source_ids: Sequence[int]
) -> tuple[dict[str, tuple[str | None, str | None]], dict[str, str]]:
    """First/last seen of every entity, and where each relation's summary sits in its source."""
    seen: dict[str, tuple[str | None, str | None]] = {}
    locations: dict[str, str] = {}
    if not source_ids:
        return seen, locations
    edge_schemata = [s.name for s in model.schemata.values() if s.edge]
    with store.connect() as conn:
        q = (
            select(
                statements.c.entity_id,
                func.min(statements.c.first_seen),
                func.max(statements.c.last_seen),
            )
            .where(statements.c.source_id.in_(list(source_ids)))
            .group_by(statements.c.entity_id)
        )
        for entity_id, first, last in conn.execute(q):
            seen[entity_id] = (first, last)
        q2 = (
            select(statements.c.entity_id, statements.c.location, sources.c.label)
            .join(sources, sources.c.id == statements.c.source_id)
            .where(
                statements.c.source_id.in_(list(source_ids)),
                statements.c.prop == "summary",
                statements.c.schema.in_(edge_schemata),
            )
        )
        found: dict[str, list[str]] = defaultdict(list)
        for entity_id, location, _label in conn.execute(q2):
            if location:
                found[entity_id].append(location)
        locations = {k: _join(v) for k, v in found.items()}
    return seen, locations
