"""`opspoor network ...`: link ads, resolve entities, ask the network questions, export it.

$ opspoor network link --photos photos.csv
$ opspoor network resolve --review
$ opspoor network path "Walid Haddad" --sanctioned
$ opspoor network export --format gexf --out network.gexf
"""

from __future__ import annotations

import functools
import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from opspoor.cli import Context, echo_json, json_option, pass_context
from opspoor.errors import InputError
from opspoor.network import analytics
from opspoor.network.exports import FORMATS, write_ftm_entities, write_graph
from opspoor.network.graph import NetworkGraph, graph_from_store
from opspoor.network.link_runs import add_photos, link_store, read_photo_manifest, stored_groups
from opspoor.network.linking import LINK_KINDS, LinkConfig
from opspoor.network.resolution import (
    canonical_map,
    judgement_history,
    recluster,
    record_judgement,
    resolve,
    review_queue,
)
from opspoor.network.resolver import DEFAULT_MERGE_AT, DEFAULT_REVIEW_AT, JUDGEMENTS, ScoredPair
from opspoor.store.db import Store


@click.group("network")
def network_group() -> None:
    """Networks: link ads, resolve entities across sources, paths, communities, exports."""


def _analyst(value: str | None) -> str:
    if value:
        return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name on this machine
        return "analyst"


@dataclass(frozen=True)
class GraphView:
    """Which network a question is asked of (the --since/--until/--documents/--possible options)."""

    since: str | None = None
    until: str | None = None
    documents: bool = False
    possible: bool = False


def graph_options(func: Any) -> Any:
    """Options choosing the graph: a time window, documents as nodes, unconfirmed same-as links.
    The command receives them as one `view: GraphView` argument."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["view"] = GraphView(
            kwargs.pop("since"),
            kwargs.pop("until"),
            kwargs.pop("documents"),
            kwargs.pop("possible"),
        )
        return func(*args, **kwargs)

    options = [
        click.option(
            "--since", help="Only relations dated (or seen) on or after this date (YYYY[-MM[-DD]])."
        ),
        click.option(
            "--until",
            help="Only relations dated (or seen) on or before this date (YYYY[-MM[-DD]]).",
        ),
        click.option(
            "--documents", is_flag=True, help="Include documents as nodes (who is mentioned where)."
        ),
        click.option(
            "--possible",
            is_flag=True,
            help="Include pairs awaiting review as 'possibly the same as' links.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _graph(obj: Context, view: GraphView) -> NetworkGraph:
    g = graph_from_store(
        obj.store, include_documents=view.documents, include_possible=view.possible
    )
    if view.since or view.until:
        g = analytics.restrict(g, analytics.filter_time(g.graph, view.since, view.until))
    return g


# -- link ---------------------------------------------------------------------------------
@network_group.command("link")
@click.option(
    "--photos",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV with columns entity_id,path: photos seen in ads, hashed before linking.",
)
@click.option(
    "--kinds",
    default=",".join(LINK_KINDS),
    show_default=True,
    help="Which links to use, comma-separated.",
)
@click.option(
    "--text-threshold",
    type=click.FloatRange(0.05, 1.0),
    default=LinkConfig.text_threshold,
    show_default=True,
    help="Jaccard similarity at which two texts share a template.",
)
@click.option(
    "--image-distance",
    type=click.IntRange(0, 15),
    default=LinkConfig.image_distance,
    show_default=True,
    help="Largest photo-hash difference (bits of 64) counted as one photo.",
)
@click.option("--scan-phones", is_flag=True, help="Also read phone numbers from the text (slower).")
@click.option(
    "--min-size",
    type=click.IntRange(2),
    default=2,
    show_default=True,
    help="Smallest group to list.",
)
@json_option
@pass_context
def link_cmd(
    obj: Context,
    photos: Path | None,
    kinds: str,
    text_threshold: float,
    image_distance: int,
    scan_phones: bool,
    min_size: int,
    as_json: bool,
) -> None:
    """Group ads and documents sharing phones, e-mails, handles, IBANs, templates or photos."""
    chosen = tuple(k.strip() for k in kinds.split(",") if k.strip())
    unknown = set(chosen) - set(LINK_KINDS)
    if unknown:
        raise InputError(
            f"unknown link kind(s) {', '.join(sorted(unknown))}; choose from {', '.join(LINK_KINDS)}",
            field="kinds",
        )
    store = obj.store
    if photos is not None:
        by_entity: dict[str, list[Path]] = {}
        for entity_id, path in read_photo_manifest(photos):
            by_entity.setdefault(entity_id, []).append(path)
        for entity_id, paths in by_entity.items():
            add_photos(store, entity_id, paths)
    config = LinkConfig(kinds=chosen, text_threshold=text_threshold, image_distance=image_distance)
    run = link_store(store, config, scan_phones=scan_phones)
    data = run.as_dict(min_size=min_size)
    if as_json:
        echo_json(data)
        return
    click.echo(
        f"link run {data['run_id']}: {data['items']} ads/documents, {data['groups']} groups "
        f"({data['grouped_items']} items), largest {data['largest_group']}"
    )
    if data["links"]:
        click.echo("  links: " + ", ".join(f"{k} {v}" for k, v in sorted(data["links"].items())))
    for value, count in sorted(data["ignored_as_common"].items()):
        click.echo(f"  ignored as boilerplate (on {count} items): {value}")
    for group in data["groups"][:20]:
        shared = "; ".join(f"{k}: {', '.join(v[:3])}" for k, v in group["shared"].items())
        kinds_used = sorted({lk["kind"] for lk in group["links"]})
        click.echo(
            f"  {group['group']}  {group['size']:>4} items  via {', '.join(kinds_used)}  {shared}"
        )


@network_group.command("groups")
@click.option("--min-size", type=click.IntRange(2), default=2, show_default=True)
@json_option
@pass_context
def groups_cmd(obj: Context, min_size: int, as_json: bool) -> None:
    """Show the groups of the latest link run, each with the links that made it."""
    groups = stored_groups(obj.store, min_size)
    if as_json:
        echo_json(groups)
        return
    if not groups:
        click.echo("no groups yet; try: opspoor network link")
        return
    for group in groups:
        click.echo(
            f"{group['group']}  {group['size']} items: {', '.join(group['members'][:10])}"
            + (" ..." if group["size"] > 10 else "")
        )
        for lk in group["links"][:10]:
            click.echo(
                f"    {lk['left']} ~ {lk['right']}: {lk['kind']} {lk['value']} ({lk['score']:.2f})"
            )


# -- resolve ------------------------------------------------------------------------------
@network_group.command("resolve")
@click.option(
    "--merge-at",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_MERGE_AT,
    show_default=True,
    help="Match probability at which pairs merge without review.",
)
@click.option(
    "--review-at",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_REVIEW_AT,
    show_default=True,
    help="Match probability from which pairs are queued for review.",
)
@click.option(
    "--review", "interactive", is_flag=True, help="Then review the unsure pairs here, one by one."
)
@click.option("--analyst", help="Who reviews (default: your user name).")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Pairs to review at most.",
)
@json_option
@pass_context
def resolve_cmd(
    obj: Context,
    merge_at: float,
    review_at: float,
    interactive: bool,
    analyst: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Find entities that are one person/organisation across lists, documents and pages."""
    report = resolve(obj.store, merge_at=merge_at, review_at=review_at)
    if as_json and not interactive:
        echo_json(report.as_dict())
        return
    _print_report(report.as_dict())
    if interactive:
        _review(obj.store, _analyst(analyst), limit)


@network_group.command("review")
@click.option("--analyst", help="Who reviews (default: your user name).")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Pairs to review at most.",
)
@json_option
@pass_context
def review_cmd(obj: Context, analyst: str | None, limit: int, as_json: bool) -> None:
    """Review the pairs the last resolve run was unsure about (or list them with --json)."""
    if as_json:
        echo_json([_pair_dict(p) for p in review_queue(obj.store)[:limit]])
        return
    _review(obj.store, _analyst(analyst), limit)


def _print_report(data: dict[str, Any]) -> None:
    click.echo(
        f"resolve run {data['run_id']}: {data['entities']} entities, {data['candidates']} candidate pairs; "
        f"{data['merged_pairs']} merged into {data['clusters']} clusters, {data['review_pairs']} to review, "
        f"{data['blocked_pairs']} kept apart ({data['seconds']} s)"
    )
    for conflict in data.get("conflicts", []):
        click.echo(f"  conflict: {conflict['left']} / {conflict['right']}: {conflict['problem']}")


def _pair_dict(pair: ScoredPair) -> dict[str, Any]:
    return {
        "left": pair.left,
        "right": pair.right,
        "probability": round(pair.probability, 4),
        "weight": round(pair.weight, 3),
        "matcher_score": pair.matcher_score,
        "comparisons": pair.comparisons,
        "status": pair.status,
    }


def _describe(store: Store, entity_id: str) -> list[str]:
    stored = store.get_entity(entity_id)
    if stored is None:
        return [f"{entity_id} (no longer in the store)"]
    proxy = stored.entity
    lines = [
        f"{proxy.caption}  [{proxy.schema.name}, {', '.join(sorted(stored.datasets))}"
        + (f", {stored.reference}]" if stored.reference else "]")
    ]
    for prop in (
        "name",
        "alias",
        "weakAlias",
        "birthDate",
        "birthPlace",
        "nationality",
        "country",
        "passportNumber",
        "idNumber",
        "position",
    ):
        values = proxy.get(prop, quiet=True)
        if values:
            lines.append(f"    {prop}: {'; '.join(values[:6])}")
    return lines


def _review(store: Store, analyst: str, limit: int) -> None:
    queue = review_queue(store)[:limit]
    if not queue:
        click.echo("nothing to review")
        return
    click.echo(
        f"{len(queue)} pair(s) to review as {analyst}: [s]ame, [n]ot same, [u]nsure, s[k]ip, [q]uit"
    )
    choices = {"s": "same", "n": "not_same", "u": "unsure"}
    decided = 0
    for number, pair in enumerate(queue, start=1):
        click.echo("")
        click.echo(f"[{number}/{len(queue)}] match probability {pair.probability:.2f}")
        for line in _describe(store, pair.left):
            click.echo("  A " + line)
        for line in _describe(store, pair.right):
            click.echo("  B " + line)
        for comp in pair.comparisons:
            click.echo(f"    {comp['weight']:+6.2f}  {comp['level']}: {comp.get('values', '')}")
        answer = click.prompt(
            "  same person/thing?", type=click.Choice(["s", "n", "u", "k", "q"]), default="k"
        )
        if answer == "q":
            break
        if answer == "k":
            continue
        reason = click.prompt("  reason (optional)", default="", show_default=False)
        record_judgement(store, pair.left, pair.right, choices[answer], analyst, reason or None)
        decided += 1
    if decided:
        report = recluster(store)
        click.echo("")
        _print_report(report.as_dict())


@network_group.command("judge")
@click.argument("left")
@click.argument("right")
@click.argument("judgement", type=click.Choice(JUDGEMENTS))
@click.option("--reason", help="Why (kept with the judgement).")
@click.option("--analyst", help="Who judges (default: your user name).")
@json_option
@pass_context
def judge_cmd(
    obj: Context,
    left: str,
    right: str,
    judgement: str,
    reason: str | None,
    analyst: str | None,
    as_json: bool,
) -> None:
    """Record that two entities are the same, not the same, or that you are unsure."""
    store = obj.store
    for entity_id in (left, right):
        if store.get_entity(entity_id) is None:
            raise InputError(f"no entity {entity_id!r} in the store", field="entity")
    j = record_judgement(store, left, right, judgement, _analyst(analyst), reason)
    report = recluster(store) if _has_resolve_run(store) else None
    if as_json:
        echo_json({"judgement": j.as_dict(), "resolve": report.as_dict() if report else None})
        return
    click.echo(f"recorded: {j.left} {j.judgement} {j.right} (by {j.analyst})")
    if report is not None:
        _print_report(report.as_dict())


def _has_resolve_run(store: Store) -> bool:
    from opspoor.network.resolution import latest_run

    return latest_run(store, "resolve") is not None


@network_group.command("judgements")
@json_option
@pass_context
def judgements_cmd(obj: Context, as_json: bool) -> None:
    """Every judgement recorded, oldest first (the latest on a pair counts)."""
    history = judgement_history(obj.store)
    if as_json:
        echo_json([j.as_dict() for j in history])
        return
    for j in history:
        click.echo(
            f"{j.created_at:%Y-%m-%d %H:%M}  {j.analyst:<12} {j.left} {j.judgement} {j.right}"
            + (f"  ({j.reason})" if j.reason else "")
        )


# -- questions ----------------------------------------------------------------------------
def _print_path(path: analytics.Path) -> None:
    start, end = path.nodes[0], path.nodes[-1]
    mark = (
        "  [SANCTIONED" + (f": {end['programs']}" if end["programs"] else "") + "]"
        if end["sanctioned"]
        else ""
    )
    click.echo(f"{start['label']} -> {end['label']}{mark}: {path.hops} hop(s)")
    for step in path.steps:
        for rel in step["relations"]:
            click.echo(f"  {step['from_label']} --[{rel['label']}]-- {step['to_label']}")
            if rel["evidence"]:
                click.echo(f'      "{rel["evidence"]}"')
            where = [x for x in (rel["document"], rel["location"], rel["sources"]) if x]
            if where:
                click.echo(f"      source: {', '.join(where)}")


@network_group.command("path")
@click.argument("a")
@click.argument("b", required=False)
@click.option(
    "--sanctioned", is_flag=True, help="Paths to the nearest sanctioned entities instead of to B."
)
@click.option("--all", "all_paths", is_flag=True, help="Every shortest path, not just one.")
@click.option(
    "--max-hops", type=click.IntRange(1, 10), help="Also longer paths, up to this many hops."
)
@click.option("--limit", type=click.IntRange(1, 50), default=5, show_default=True)
@graph_options
@json_option
@pass_context
def path_cmd(
    obj: Context,
    a: str,
    b: str | None,
    sanctioned: bool,
    all_paths: bool,
    max_hops: int | None,
    limit: int,
    view: GraphView,
    as_json: bool,
) -> None:
    """How is A connected to B (ids or names)? Every step with its evidence sentence."""
    if not sanctioned and b is None:
        raise click.UsageError("give B, or --sanctioned for the nearest sanctioned entities")
    g = _graph(obj, view)
    if sanctioned:
        paths = analytics.paths_to_sanctioned(g, a, max_hops=max_hops or 4, limit=limit)
    elif all_paths or max_hops:
        assert b is not None
        paths = analytics.all_short_paths(g, a, b, max_hops=max_hops, limit=limit)
    else:
        assert b is not None
        one = analytics.shortest_path(g, a, b)
        paths = [one] if one else []
    if as_json:
        echo_json([p.as_dict() for p in paths])
        return
    if not paths:
        click.echo("no path found" + (" within the hops allowed" if max_hops or sanctioned else ""))
        return
    for path in paths:
        _print_path(path)


@network_group.command("ego")
@click.argument("a")
@click.option("--depth", type=click.IntRange(0, 6), default=1, show_default=True)
@graph_options
@json_option
@pass_context
def ego_cmd(
    obj: Context,
    a: str,
    depth: int,
    view: GraphView,
    as_json: bool,
) -> None:
    """Everyone within DEPTH relations of an entity."""
    g = _graph(obj, view)
    ego = analytics.ego_network(g, a, depth)
    nodes = [dict(ego.nodes[n], id=n) for n in sorted(ego.nodes)]
    edges = [dict(d, id=k) for _, _, k, d in ego.edges(keys=True, data=True)]
    if as_json:
        echo_json({"nodes": nodes, "edges": edges})
        return
    click.echo(f"{len(nodes)} entities, {len(edges)} relations within {depth} of {a}")
    for node in nodes:
        mark = "  [SANCTIONED]" if node.get("sanctioned") else ""
        click.echo(f"  {node['id']}  {node.get('label')} ({node.get('schema')}){mark}")


@network_group.command("communities")
@click.option("--min-size", type=click.IntRange(2), default=3, show_default=True)
@graph_options
@json_option
@pass_context
def communities_cmd(
    obj: Context,
    min_size: int,
    view: GraphView,
    as_json: bool,
) -> None:
    """Groups of densely connected entities (Louvain)."""
    g = _graph(obj, view)
    found = analytics.communities(g.graph, min_size=min_size)
    data: list[dict[str, Any]] = [
        {"size": len(c), "members": [{"id": n, "label": g.graph.nodes[n].get("label")} for n in c]}
        for c in found
    ]
    if as_json:
        echo_json(data)
        return
    for n, community in enumerate(data, start=1):
        names = ", ".join(str(m["label"]) for m in community["members"][:8])
        click.echo(
            f"{n:>3}. {community['size']} entities: {names}"
            + (" ..." if community["size"] > 8 else "")
        )


@network_group.command("centrality")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@graph_options
@json_option
@pass_context
def centrality_cmd(obj: Context, top: int, view: GraphView, as_json: bool) -> None:
    """Brokers and hubs: betweenness and degree centrality."""
    g = _graph(obj, view)
    ranked = analytics.centrality(g.graph, top=top)
    if as_json:
        echo_json(ranked)
        return
    click.echo(f"{'betweenness':>11} {'degree':>6}  entity")
    for row in ranked:
        mark = "  [SANCTIONED]" if row["sanctioned"] else ""
        click.echo(
            f"{row['betweenness']:>11.4f} {row['degree']:>6}  {row['label']} ({row['id']}){mark}"
        )


@network_group.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (for csv: a folder for nodes.csv and edges.csv).",
)
@graph_options
@json_option
@pass_context
def export_cmd(
    obj: Context,
    fmt: str,
    out: Path,
    view: GraphView,
    as_json: bool,
) -> None:
    """Write the network as FtM JSON lines, GEXF, GraphML, Neo4j Cypher or CSV."""
    store = obj.store
    if fmt == "ftm":
        if view.since or view.until or view.possible:
            raise InputError(
                "--since/--until/--possible apply to graph formats, not to ftm", field="format"
            )
        with open(out, "wb") as fh:
            count = write_ftm_entities(store.iter_entities(), canonical_map(store), fh)
        files, summary = [out], f"{count} entities"
    else:
        g = _graph(obj, view)
        files = write_graph(g, out, fmt)
        summary = f"{g.graph.number_of_nodes()} nodes, {g.graph.number_of_edges()} edges"
    if as_json:
        echo_json({"format": fmt, "files": [str(f) for f in files], "summary": summary})
        return
    click.echo(f"wrote {fmt}: {summary} to {', '.join(str(f) for f in files)}")


def register(cli: click.Group) -> None:
    cli.add_command(network_group)
