"""`opspoor lists ...`: import, show, diff and fetch sanctions list versions."""

from __future__ import annotations

from pathlib import Path

import click

from opspoor.cli import Context, echo_json, json_option, pass_context
from opspoor.errors import OpspoorError
from opspoor.lists.diff import ListDiff, diff_views, view_of_records
from opspoor.lists.fetch import fetch_list, official_sources
from opspoor.lists.formats import FORMATS, read_list
from opspoor.lists.versions import ImportResult, import_list, records_of_version
from opspoor.store.db import LIST_VERSION

FORMAT_CHOICE = click.Choice(["auto", *FORMATS])


@click.group("lists")
def lists_group() -> None:
    """Sanctions lists: import, show, diff and fetch versions."""


def _report_import(result: ImportResult, as_json: bool) -> None:
    if as_json:
        echo_json(result.as_dict())
        return
    src = result.source
    if not result.created:
        click.echo(
            f"already stored as version {src.id} ({src.dataset}, {src.published_at}); nothing changed"
        )
        return
    click.echo(
        f"imported {src.dataset} version {src.id} published {src.published_at or 'unknown'}: "
        f"{src.entity_count} entities, sha256 {src.sha256[:12]}"
    )
    if result.parsed is not None:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(result.parsed.schema_counts().items()))
        click.echo(f"  {counts}")
    for key, value in result.hook_results.items():
        if isinstance(value, dict):  # e.g. delta_rescreen: {"subjects": 3, "new_alerts": 1, ...}
            value = ", ".join(
                f"{k} {v}" for k, v in value.items() if not isinstance(v, list | dict)
            )
        click.echo(f"  {key.replace('_', ' ')}: {value}")


@lists_group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=FORMAT_CHOICE,
    default="auto",
    show_default=True,
    help="List format; auto sniffs it from the file.",
)
@click.option(
    "--dataset", help="Dataset name to store under (default per format, e.g. un_sc_sanctions)."
)
@json_option
@pass_context
def import_cmd(
    obj: Context, paths: tuple[Path, ...], fmt: str, dataset: str | None, as_json: bool
) -> None:
    """Import one list version (all or nothing). A folder stands for its files."""
    _report_import(import_list(obj.store, list(paths), format=fmt, dataset=dataset), as_json)


@lists_group.command("show")
@click.option("--dataset", help="Only this dataset.")
@json_option
@pass_context
def show_cmd(obj: Context, dataset: str | None, as_json: bool) -> None:
    """List the stored versions, newest current version marked with *."""
    store = obj.store
    current = set(store.current_source_ids())
    rows = store.list_sources(kind=LIST_VERSION, dataset=dataset)
    if as_json:
        echo_json([dict(r.as_dict(), current=r.id in current) for r in rows])
        return
    if not rows:
        click.echo("no list versions stored yet; try: opspoor lists import FILE")
        return
    click.echo(f"{'':1} {'ver':>4}  {'dataset':<20} {'published':<20} {'entities':>8}  files")
    for r in rows:
        mark = "*" if r.id in current else " "
        click.echo(
            f"{mark} {r.id:>4}  {r.dataset:<20} {(r.published_at or '-'):<20} {r.entity_count:>8}  {r.label}"
        )


def _side(obj: Context, ref: str, fmt: str) -> tuple[str, list]:
    """A diff side: a stored version id, or a file/folder path."""
    if ref.isdigit() and not Path(ref).exists():
        src = obj.store.get_source(int(ref))
        if src is None or src.kind != LIST_VERSION:
            raise OpspoorError(f"no stored list version {ref}; see `opspoor lists show`")
        return f"version {src.id} ({src.dataset} {src.published_at})", records_of_version(
            obj.store, src.id
        )
    parsed = read_list([Path(ref)], format=fmt, max_bytes=obj.settings.max_list_bytes)
    return f"{ref} ({parsed.published_at})", parsed.records


def _print_diff(d: ListDiff, old: str, new: str, limit: int) -> None:
    c = d.as_dict()["counts"]
    click.echo(
        f"{old} -> {new}: {c['added']} added, {c['removed']} removed, "
        f"{c['changed']} changed, {c['unchanged']} unchanged"
    )
    for title, parties in (("added", d.added), ("removed", d.removed)):
        if parties:
            click.echo(f"\n{title}:")
        for p in parties[:limit]:
            click.echo(f"  {sign(title)} {p.reference or p.id:<14} {p.schema:<13} {p.caption}")
        if len(parties) > limit:
            click.echo(f"  ... and {len(parties) - limit} more (use --json for all)")
    if d.changed:
        click.echo("\nchanged:")
    for p, fields in d.changed[:limit]:
        click.echo(f"  ~ {p.reference or p.id:<14} {p.caption}: {', '.join(fields)}")
    if len(d.changed) > limit:
        click.echo(f"  ... and {len(d.changed) - limit} more (use --json for all)")


def sign(title: str) -> str:
    return "+" if title == "added" else "-"


@lists_group.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=FORMAT_CHOICE, default="auto", help="Format of file arguments."
)
@click.option("--limit", default=50, show_default=True, help="Rows per section in the text report.")
@json_option
@pass_context
def diff_cmd(obj: Context, old: str, new: str, fmt: str, limit: int, as_json: bool) -> None:
    """Who was added, removed or changed between OLD and NEW (version ids or files)."""
    old_label, old_records = _side(obj, old, fmt)
    new_label, new_records = _side(obj, new, fmt)
    d = diff_views(view_of_records(old_records), view_of_records(new_records))
    if as_json:
        echo_json(dict(d.as_dict(), old=old_label, new=new_label))
    else:
        _print_diff(d, old_label, new_label, limit)


@lists_group.command("fetch")
@click.argument("list_name", type=click.Choice(sorted(official_sources())))
@click.option("--url", help="Download from here instead of the official address.")
@json_option
@pass_context
def fetch_cmd(obj: Context, list_name: str, url: str | None, as_json: bool) -> None:
    """Download a list from its official address, validate and import it."""
    result = fetch_list(obj.store, list_name, url=url, progress=not as_json)
    _report_import(result, as_json)


def register(cli: click.Group) -> None:
    cli.add_command(lists_group)
