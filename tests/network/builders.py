"""FtM entities in the shapes the other capabilities store them (documents, crawler, lists),
built by hand so network tests do not depend on their readers."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from followthemoney.proxy import EntityProxy

from opspoor.store.db import LIST_VERSION, Store, make_entity
from opspoor.store.records import Record


def entity(schema: str, entity_id: str, **props: str | Sequence[str]) -> EntityProxy:
    proxy = make_entity(schema, entity_id)
    for prop, values in props.items():
        for value in [values] if isinstance(values, str) else values:
            proxy.add(prop, value)
    return proxy


def store_records(
    store: Store,
    records: Sequence[Record | EntityProxy],
    kind: str = "document",
    dataset: str = "documents",
    label: str = "test",
    published_at: str | None = None,
) -> int:
    """Write records as one new source; returns the source id."""
    recs = [r if isinstance(r, Record) else Record(entity=r) for r in records]
    digest = hashlib.sha256(
        (kind + dataset + label + "".join(r.id for r in recs)).encode()
    ).hexdigest()
    with store.transaction() as conn:
        source_id = store.add_source(
            conn, kind=kind, dataset=dataset, sha256=digest, label=label, published_at=published_at
        )
        store.write_records(conn, source_id, dataset, recs, seen=published_at)
    return source_id


def span(text: str, sentence: str) -> str:
    start = text.index(sentence)
    return f"chars {start}-{start + len(sentence)}"


def document_records(
    doc_id: str,
    title: str,
    text: str,
    people: Sequence[str],
    orgs: Sequence[str] = (),
    relations: Sequence[tuple[str, str, str, str, str]] = (),
) -> list[Record]:
    """A Document with Person/Organization mentions and relations, the way `opspoor.documents`
    stores them: ids from document id + name, a Mention per name, relation entities with
    `proof` = document id and `summary` = the evidence sentence (located by a char span).

    relations: (schema, source name, target name, relationship/role, sentence)
    """
    doc = entity("Document", doc_id, title=title, fileName=f"{doc_id}.txt", bodyText=text)
    doc.add("peopleMentioned", list(people))
    out = [Record(entity=doc, location=f"{doc_id}.txt")]
    ids: dict[str, str] = {}
    for name, schema in [*((p, "Person") for p in people), *((o, "Organization") for o in orgs)]:
        eid = f"{doc_id}-{name.lower().replace(' ', '-')}"
        ids[name] = eid
        person = entity(schema, eid, name=name, proof=doc_id)
        locs = {("name", name): span(text, name)}
        out.append(Record(entity=person, location=f"{doc_id}.txt", locations=locs))
        mention = entity(
            "Mention",
            f"{eid}-mention",
            name=name,
            document=doc_id,
            resolved=eid,
            detectedSchema=schema,
        )
        out.append(Record(entity=mention, location=f"{doc_id}.txt"))
    for n, (schema, source, target, role, sentence) in enumerate(relations):
        rel = make_entity(schema, f"{doc_id}-rel-{n}")
        src_prop, dst_prop = rel.schema.source_prop, rel.schema.target_prop
        assert src_prop is not None and dst_prop is not None
        rel.add(src_prop, ids[source])
        rel.add(dst_prop, ids[target])
        rel.add("relationship" if "relationship" in rel.schema.properties else "role", role)
        rel.add("summary", sentence)
        rel.add("proof", doc_id)
        out.append(
            Record(
                entity=rel,
                location=f"{doc_id}.txt",
                locations={("summary", sentence): span(text, sentence)},
            )
        )
    return out


def list_person(
    entity_id: str, name: str, reference: str, program: str = "XX", **props: str | Sequence[str]
) -> list[Record]:
    """A listed person and its Sanction, as the list readers store them."""
    person = entity("Person", entity_id, name=name, topics="sanction", **props)
    sanction = entity(
        "Sanction",
        f"{entity_id}-sanction",
        entity=entity_id,
        program=program,
        authority="Test Council",
    )
    return [
        Record(entity=person, reference=reference, location=f"record {reference}"),
        Record(entity=sanction),
    ]


def store_list(
    store: Store,
    records: Sequence[Record],
    dataset: str = "testlist",
    published_at: str = "2024-01-01",
) -> int:
    return store_records(
        store,
        records,
        kind=LIST_VERSION,
        dataset=dataset,
        label=f"{dataset}.xml",
        published_at=published_at,
    )
