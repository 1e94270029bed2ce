"""yente-compatible matching API: `POST /match/{dataset}` with yente's request and response shapes.

Existing yente clients work unchanged; no Elasticsearch needed (the index lives in memory
and is rebuilt when a new list version becomes current).

    POST /match/default?limit=5
    {"queries": {"q1": {"schema": "Person", "properties": {"name": ["KOSHLAF, Mohamed"]}}}}
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from followthemoney import model
from followthemoney.exc import InvalidData
from pydantic import BaseModel, ConfigDict, Field

from opspoor.screening.screen import effective_threshold
from opspoor.store.db import Store

router = APIRouter(tags=["matching"])
ALL_DATASETS = {"default", "all", "sanctions"}
_lock = threading.Lock()


class EntityExample(BaseModel):
    """An entity to match, as yente takes it: an FtM schema and properties."""

    model_config = ConfigDict(populate_by_name=True)
    id: str | None = None
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, list[str] | str] = Field(
        default_factory=dict, examples=[{"name": ["KOSHLAF, Mohamed"], "birthDate": ["1985-12-12"]}]
    )


class EntityMatchQuery(BaseModel):
    queries: dict[str, EntityExample]


class TotalHits(BaseModel):
    value: int
    relation: str = "eq"


class EntityMatches(BaseModel):
    status: int = 200
    results: list[dict[str, Any]]
    total: TotalHits
    query: dict[str, Any]


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, Any]
    limit: int


def current_index(request: Request) -> Any:
    """The match index for the current list versions, rebuilt when they change."""
    from opspoor.match import MatchIndex

    store: Store = request.app.state.store
    key = tuple(store.current_source_ids())
    cached = getattr(request.app.state, "match_index", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        cached = getattr(request.app.state, "match_index", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        index = MatchIndex.from_store(store)
        request.app.state.match_index = (key, index)
        return index


def known_datasets(store: Store) -> set[str]:
    return {s.dataset for s in store.list_sources()}


def query_entity(name: str, example: EntityExample) -> Any:
    schema = model.get(example.schema_)
    if schema is None:
        raise HTTPException(400, detail=f"query {name}: unknown schema {example.schema_!r}")
    if not schema.matchable:
        raise HTTPException(400, detail=f"query {name}: schema {schema.name} cannot be matched")
    props: dict[str, list[str]] = {}
    for prop, values in example.properties.items():
        if schema.get(prop) is None:
            raise HTTPException(
                400, detail=f"query {name}: schema {schema.name} has no property {prop!r}"
            )
        props[prop] = [values] if isinstance(values, str) else list(values)
    try:
        entity = model.get_proxy(
            {"id": example.id or f"query-{name}", "schema": schema.name, "properties": props},
            cleaned=False,
        )
    except InvalidData as exc:
        raise HTTPException(400, detail=f"query {name}: {exc}") from exc
    return entity


@router.post("/match/{dataset}", response_model=EntityMatchResponse)
def match(
    request: Request,
    dataset: str,
    body: EntityMatchQuery,
    limit: int = Query(5, ge=1, le=500, description="Results per query."),
    threshold: float | None = Query(
        None, ge=0.0, le=1.0, description="Score at which `match` is true."
    ),
    cutoff: float = Query(0.0, ge=0.0, le=1.0, description="Lowest score returned."),
    algorithm: str = Query(
        "opspoor", description="Accepted for yente compatibility; opspoor has one scorer."
    ),
) -> dict[str, Any]:
    """Match each query entity against the stored lists (yente's /match)."""
    store: Store = request.app.state.store
    if dataset not in ALL_DATASETS and dataset not in known_datasets(store):
        raise HTTPException(
            404, detail=f"no dataset {dataset!r}; stored: {sorted(known_datasets(store))}"
        )
    cut = effective_threshold(
        threshold if threshold is not None else store.settings.match_threshold
    )
    index = current_index(request)
    responses: dict[str, Any] = {}
    for name, example in body.queries.items():
        entity = query_entity(name, example)
        fetch = limit if dataset in ALL_DATASETS else limit * 10
        results = [r.to_dict() for r in index.match(entity, limit=fetch, threshold=cut)]
        results = [r for r in results if r["score"] >= cutoff]
        if dataset not in ALL_DATASETS:
            results = [r for r in results if dataset in r.get("datasets", [])]
        results = results[:limit]
        responses[name] = {
            "status": 200,
            "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": entity.to_dict(),
        }
    return {
        "responses": responses,
        "matcher": {"name": "opspoor", "algorithm": algorithm, "threshold": cut},
        "limit": limit,
    }
