"""`opspoor match`, `opspoor screen` and `opspoor alerts ...`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from opspoor.cli import Context, echo_json, json_option, pass_context
from opspoor.errors import OpspoorError
from opspoor.screening import alerts as alert_store
from opspoor.screening.delta import rescreen
from opspoor.screening.output import write_csv, write_jsonl, write_xlsx
from opspoor.screening.screen import effective_threshold, screen_subjects
from opspoor.screening.subjects import read_subjects, subject_from_fields


def load_index(obj: Context) -> Any:
    from opspoor.match import MatchIndex

    index = MatchIndex.from_store(obj.store)
    if not obj.store.current_source_ids():
        raise OpspoorError("no lists stored yet; import one first: opspoor lists import FILE")
    return index


def _print_match(m: dict[str, Any]) -> None:
    mark = "MATCH" if m["match"] else "     "
    click.echo(
        f"{m['score']:.3f} {mark} {m.get('reference') or m['id']:<12} {m['schema']:<12} {m['caption']}"
        f"  [{', '.join(m.get('datasets', []))}]"
    )
    for e in m.get("explanation", []):
        click.echo(f"        {e['feature']:<12} {e.get('score', 0):.2f}  {e.get('why', '')}")


@click.command("match")
@click.argument("name")
@click.option(
    "--birth-date", help="Birth date (YYYY, YYYY-MM or YYYY-MM-DD; day-first 12/12/1985 too)."
)
@click.option("--nationality", help="Nationality or country (name or ISO code).")
@click.option(
    "--schema",
    default="LegalEntity",
    show_default=True,
    help="Person, Organization, Company, Vessel ...",
)
@click.option("--limit", default=5, show_default=True, help="How many candidates to show.")
@click.option(
    "--threshold",
    type=float,
    help="Score at which a candidate counts as a match (default: documented default).",
)
@json_option
@pass_context
def match_cmd(
    obj: Context,
    name: str,
    birth_date: str | None,
    nationality: str | None,
    schema: str,
    limit: int,
    threshold: float | None,
    as_json: bool,
) -> None:
    """Match one name against the stored lists, best candidates first, each explained."""
    subject = subject_from_fields(
        {
            "name": name,
            "birth_date": birth_date or "",
            "nationality": nationality or "",
            "schema": schema,
        }
    )
    if subject.error:
        raise OpspoorError(f"cannot match: {subject.error}")
    cut = effective_threshold(threshold if threshold is not None else obj.settings.match_threshold)
    index = load_index(obj)
    results = [r.to_dict() for r in index.match(subject.entity, limit=limit, threshold=cut)]
    if as_json:
        echo_json({"query": subject.entity.to_dict(), "threshold": cut, "results": results})
        return
    if not results:
        click.echo(f"no candidates for {name!r}")
    for m in results:
        _print_match(m)


@click.command("screen")
@click.argument(
    "input_path", metavar="INPUT", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--out", "out", default="-", show_default=True, help="Output file, or - for standard output."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "xlsx"]),
    help="Output format (default from --out's suffix, else jsonl).",
)
@click.option("--threshold", type=float, help="Score at which a candidate counts as a match.")
@click.option("--limit", default=5, show_default=True, help="Most matches kept per row.")
@click.option("--no-keep", is_flag=True, help="Do not store subjects and alerts (one-off check).")
@pass_context
def screen_cmd(
    obj: Context,
    input_path: Path,
    out: str,
    fmt: str | None,
    threshold: float | None,
    limit: int,
    no_keep: bool,
) -> None:
    """Screen every row of a CSV/XLSX file (columns id, name, birth_date, nationality, schema)."""
    fmt = fmt or (Path(out).suffix.lstrip(".").lower() if out != "-" else "jsonl")
    if fmt not in ("jsonl", "csv", "xlsx"):
        fmt = "jsonl"
    if fmt == "xlsx" and out == "-":
        raise OpspoorError("xlsx output needs a file: pass --out results.xlsx")
    cut = effective_threshold(threshold if threshold is not None else obj.settings.match_threshold)
    subjects = list(read_subjects(input_path))
    index = load_index(obj)
    results = screen_subjects(
        obj.store,
        index,
        tqdm(subjects, desc="screening", unit="row", file=sys.stderr, disable=None),
        cut,
        limit=limit,
        keep=not no_keep,
        label=str(input_path),
    )
    counts = {"rows": 0, "hits": 0, "errors": 0}

    def counted(it: Any) -> Any:
        for res in it:
            counts["rows"] += 1
            counts["hits"] += bool(res.matches)
            if res.subject.error:
                counts["errors"] += 1
                click.echo(
                    f"warning: {input_path} line {res.subject.line}: {res.subject.error}", err=True
                )
            yield res

    if fmt == "xlsx":
        write_xlsx(counted(results), out)
    elif out == "-":
        (write_csv if fmt == "csv" else write_jsonl)(counted(results), sys.stdout)
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            (write_csv if fmt == "csv" else write_jsonl)(counted(results), fh)
    click.echo(
        f"screened {counts['rows']} rows at threshold {cut}: {counts['hits']} with matches, "
        f"{counts['errors']} with errors" + ("" if out == "-" else f"; written to {out}"),
        err=True,
    )


@click.group("alerts")
def alerts_group() -> None:
    """Screening alerts: review queue, decisions, delta re-screens."""


@alerts_group.command("list")
@click.option(
    "--status",
    type=click.Choice(["open", "true_match", "false_positive"]),
    help="Only this status.",
)
@click.option("--limit", default=100, show_default=True)
@json_option
@pass_context
def alerts_list(obj: Context, status: str | None, limit: int, as_json: bool) -> None:
    """The alert queue, highest score first."""
    rows = alert_store.list_alerts(obj.store, status=status, limit=limit)
    if as_json:
        echo_json(
            [{k: v for k, v in r.items() if k != "match"} | {"match": r["match"]} for r in rows]
        )
        return
    for r in rows:
        click.echo(
            f"#{r['id']:<5} {r['status']:<14} {r['score']:.3f}  {r['subject_name']!r} -> "
            f"{r['reference'] or r['entity_id']} {r['caption']}"
        )
    if not rows:
        click.echo("no alerts")


@alerts_group.command("decide")
@click.argument("alert_id", type=int)
@click.option("--decision", type=click.Choice(alert_store.DECISIONS), required=True)
@click.option("--reviewer", required=True, help="Who decides (kept in the review trail).")
@click.option("--reason", required=True, help="Why (kept for the regulator).")
@json_option
@pass_context
def alerts_decide(
    obj: Context, alert_id: int, decision: str, reviewer: str, reason: str, as_json: bool
) -> None:
    """Record a reviewer's decision; it applies to later screenings until the list entry changes."""
    out = alert_store.decide(obj.store, alert_id, decision, reviewer, reason)
    if as_json:
        echo_json(out)
    else:
        click.echo(f"alert {alert_id}: {decision} by {reviewer}")


@alerts_group.command("rescreen")
@click.argument("version", type=int)
@click.option(
    "--against", type=int, help="Previous version to compare with (default: none = all entries)."
)
@json_option
@pass_context
def alerts_rescreen(obj: Context, version: int, against: int | None, as_json: bool) -> None:
    """Re-run the delta re-screen for a stored list version (e.g. after a crash)."""
    if obj.store.get_source(version) is None:
        raise OpspoorError(f"no stored version {version}; see `opspoor lists show`")
    out = rescreen(obj.store, version, against)
    if as_json:
        echo_json(out)
    else:
        d = out["delta_rescreen"]
        click.echo(
            f"{d['subjects']} subjects against {d['changed_entries']} changed entries: "
            f"{d['new_alerts']} new or open alerts"
        )


def register(cli: click.Group) -> None:
    cli.add_command(match_cmd)
    cli.add_command(screen_cmd)
    cli.add_command(alerts_group)
