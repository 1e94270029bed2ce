"""`opspoor cases ...` and `opspoor users ...`: cases, dossiers, audit log, retention, users.

    $ opspoor users add amina --role analyst --team hotline
    $ opspoor cases new "Ads around Via Roma" --team hotline
    $ opspoor cases add 1 alert 12 --note "payee matches UN LYi.025"
    $ opspoor cases dossier 1 --out dossier-1/

Commands act as `cli:<your login>` with admin rights (whoever has the shell has the store), or
as a registered user with `--as NAME`; either way the audit log records who it was.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from opspoor.cases import audit, casework, retention
from opspoor.cases.access import ROLES, Actor, cli_actor
from opspoor.cases.dossier import DEFAULT_BASE_URL, build_dossier
from opspoor.cases.users import (
    create_api_token,
    create_user,
    find_user,
    list_teams,
    list_users,
    revoke_tokens,
    update_user,
)
from opspoor.cli import Context, echo_json, json_option, pass_context
from opspoor.errors import OpspoorError


def _actor(obj: Context, as_user: str | None) -> Actor:
    if not as_user:
        return cli_actor()
    user = find_user(obj.store, as_user)
    if user is None or not user.active:
        raise OpspoorError(f"no active user {as_user!r}; see `opspoor users list`")
    return user.actor(client="cli")


as_option = click.option(
    "--as",
    "as_user",
    metavar="USER",
    help="Act as this registered user (default: cli:<your login>, admin).",
)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


# -- users ---------------------------------------------------------------------------------
@click.group("users")
def users_group() -> None:
    """Users of the web app: roles viewer, analyst, admin; teams; API tokens."""


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, help="viewer, analyst or admin.")
@click.option("--team", help="The user's team (required for viewers and analysts; created if new).")
@click.option("--name", "display_name", help="The person's name as shown in the app.")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (for scripts)."
)
@pass_context
def users_add(
    obj: Context,
    username: str,
    role: str,
    team: str | None,
    display_name: str | None,
    password_stdin: bool,
) -> None:
    """Add a user (the password is hashed with argon2id; it is asked for twice)."""
    user = create_user(
        obj.store,
        username,
        _read_password(password_stdin),
        role=role,
        team=team,
        display_name=display_name,
        by=cli_actor(),
    )
    click.echo(f"added {user.username} ({user.role}{', team ' + user.team if user.team else ''})")


@users_group.command("list")
@json_option
@pass_context
def users_list(obj: Context, as_json: bool) -> None:
    """List users with their role, team and whether they are active."""
    users = list_users(obj.store)
    if as_json:
        echo_json([u.as_dict() for u in users])
        return
    for u in users:
        click.echo(
            f"{u.username:20} {u.role:8} {u.team or '—':20} {'active' if u.active else 'disabled'}"
        )


@users_group.command("set")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), help="New role.")
@click.option("--team", help="New team (created if new).")
@click.option(
    "--active/--disabled",
    default=None,
    help="Enable or disable the account (disabling ends its sessions).",
)
@click.option(
    "--password", "new_password", is_flag=True, help="Set a new password (asked for twice)."
)
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@pass_context
def users_set(
    obj: Context,
    username: str,
    role: str | None,
    team: str | None,
    active: bool | None,
    new_password: bool,
    password_stdin: bool,
) -> None:
    """Change a user's role, team, password or active flag."""
    password = _read_password(password_stdin) if (new_password or password_stdin) else None
    user = update_user(
        obj.store, username, by=cli_actor(), role=role, team=team, active=active, password=password
    )
    click.echo(
        f"{user.username}: {user.role}, team {user.team or '—'}, {'active' if user.active else 'disabled'}"
    )


@users_group.command("token")
@click.argument("username")
@click.option("--label", help="What the token is for (e.g. the client system's name).")
@pass_context
def users_token(obj: Context, username: str, label: str | None) -> None:
    """Create an API token for USERNAME (printed once; send it as `Authorization: Bearer TOKEN`)."""
    click.echo(create_api_token(obj.store, username, by=cli_actor(), label=label))


@users_group.command("revoke-tokens")
@click.argument("username")
@pass_context
def users_revoke(obj: Context, username: str) -> None:
    """Revoke every API token of USERNAME."""
    n = revoke_tokens(obj.store, username, by=cli_actor())
    click.echo(f"revoked {n} token(s) of {username}")


@users_group.command("teams")
@json_option
@pass_context
def users_teams(obj: Context, as_json: bool) -> None:
    """List the teams (a case belongs to one team; only its members and admins see it)."""
    teams = list_teams(obj.store)
    if as_json:
        echo_json(teams)
        return
    for t in teams:
        click.echo(f"{t['id']:4} {t['name']}")


# -- cases ---------------------------------------------------------------------------------
@click.group("cases")
def cases_group() -> None:
    """Cases: attach alerts, documents, captures and entities; decide; export a referral dossier."""


@cases_group.command("new")
@click.argument("title")
@click.option("--team", help="The team the case belongs to (default: your own).")
@click.option("--summary", help="A short summary (goes into the dossier).")
@as_option
@json_option
@pass_context
def cases_new(
    obj: Context,
    title: str,
    team: str | None,
    summary: str | None,
    as_user: str | None,
    as_json: bool,
) -> None:
    """Open a case."""
    case_id = casework.create_case(
        obj.store, _actor(obj, as_user), title, summary=summary, team=team
    )
    if as_json:
        echo_json({"id": case_id})
    else:
        click.echo(f"opened case {case_id}")


@cases_group.command("list")
@click.option("--status", type=click.Choice(casework.STATUSES), help="Only cases with this status.")
@as_option
@json_option
@pass_context
def cases_list(obj: Context, status: str | None, as_user: str | None, as_json: bool) -> None:
    """List the cases you may see (logged in the audit log)."""
    rows = casework.list_cases(obj.store, _actor(obj, as_user), status=status)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['id']:5} {r['status']:9} {r['team']:16} {r['item_count']:4} items  {r['title']}"
        )


@cases_group.command("show")
@click.argument("case_id", type=int)
@as_option
@json_option
@pass_context
def cases_show(obj: Context, case_id: int, as_user: str | None, as_json: bool) -> None:
    """Show a case with its items, notes and decisions (logged as a read)."""
    view = casework.read_case(obj.store, _actor(obj, as_user), case_id)
    if as_json:
        echo_json(
            {
                "case": view.case,
                "items": view.items,
                "notes": view.notes,
                "decisions": view.decisions,
            }
        )
        return
    c = view.case
    click.echo(
        f"case {c['id']}: {c['title']}  [{c['status']}, team {c['team']}, owner {c['owner'] or '—'}]"
    )
    if c["summary"]:
        click.echo(f"  {c['summary']}")
    status = casework.item_status(view)
    for item in view.items:
        click.echo(
            f"  item {item['id']:4} {item['kind']:12} {status[int(item['id'])]:9} {item['label'] or item['ref']}"
        )
    for note in view.notes:
        click.echo(f"  note by {note['author'] or '—'}: {note['body']}")
    for dec in view.decisions:
        on = f"item {dec['item_id']}" if dec["item_id"] else "case"
        click.echo(f"  {dec['reviewer']}: {dec['decision']} on {on}: {dec['reason']}")


@cases_group.command("add")
@click.argument("case_id", type=int)
@click.argument("kind", type=click.Choice(sorted(casework.ITEM_RESOLVERS)))
@click.argument("ref")
@click.option("--note", help="Why it belongs to the case.")
@as_option
@pass_context
def cases_add(
    obj: Context, case_id: int, kind: str, ref: str, note: str | None, as_user: str | None
) -> None:
    """Attach KIND REF to a case: an alert id, an entity id, a document/capture source id ..."""
    item_id = casework.attach_item(obj.store, _actor(obj, as_user), case_id, kind, ref, note=note)
    click.echo(f"case {case_id}: item {item_id} ({kind} {ref})")


@cases_group.command("note")
@click.argument("case_id", type=int)
@click.argument("text")
@as_option
@pass_context
def cases_note(obj: Context, case_id: int, text: str, as_user: str | None) -> None:
    """Add a note to a case (notes stay internal: they are not in the dossier)."""
    note_id = casework.add_note(obj.store, _actor(obj, as_user), case_id, text)
    click.echo(f"case {case_id}: note {note_id}")


@cases_group.command("decide")
@click.argument("case_id", type=int)
@click.argument("item_id", type=int)
@click.argument("decision", type=click.Choice(casework.ITEM_DECISIONS))
@click.option("--reason", required=True, help="Why (goes into the dossier's review trail).")
@as_option
@pass_context
def cases_decide(
    obj: Context, case_id: int, item_id: int, decision: str, reason: str, as_user: str | None
) -> None:
    """Confirm or reject an item of a case (rejected items stay out of the dossier)."""
    casework.decide_item(obj.store, _actor(obj, as_user), case_id, item_id, decision, reason)
    click.echo(f"case {case_id}: item {item_id} {decision}")


@cases_group.command("status")
@click.argument("case_id", type=int)
@click.argument("status", type=click.Choice(casework.STATUSES))
@click.option("--reason", required=True, help="Why (goes into the review trail).")
@as_option
@pass_context
def cases_status(obj: Context, case_id: int, status: str, reason: str, as_user: str | None) -> None:
    """Move a case to open, review, referred or closed."""
    casework.set_status(obj.store, _actor(obj, as_user), case_id, status, reason)
    click.echo(f"case {case_id}: {status}")


@cases_group.command("dossier")
@click.argument("case_id", type=int)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write dossier.html, dossier.pdf, bundle.ftm.json, statements.ftm.json, manifest.json.",
)
@click.option(
    "--base-url",
    default=DEFAULT_BASE_URL,
    show_default=True,
    help="Address of `opspoor serve` that the facts' links point to.",
)
@click.option("--no-pdf", is_flag=True, help="Skip the PDF (no Chromium needed).")
@as_option
@json_option
@pass_context
def cases_dossier(
    obj: Context,
    case_id: int,
    out_dir: Path,
    base_url: str,
    no_pdf: bool,
    as_user: str | None,
    as_json: bool,
) -> None:
    """Write the referral dossier of a case: HTML, PDF and an FtM JSON bundle of the same facts."""
    result = build_dossier(
        obj.store, _actor(obj, as_user), case_id, out_dir, base_url=base_url, pdf=not no_pdf
    )
    if as_json:
        echo_json(result.as_dict())
        return
    click.echo(f"case {case_id}: {result.fact_count} facts from {result.source_count} sources")
    for path in result.files.values():
        click.echo(f"  {path}")


@cases_group.command("audit")
@click.option("--case", "case_id", type=int, help="Only entries about this case.")
@click.option("--actor", help="Only entries by this user.")
@click.option("--action", help="Only actions starting with this (e.g. case.read).")
@click.option("--since", type=click.DateTime(), help="Only entries at or after this time (UTC).")
@click.option(
    "--out", "out", default="-", show_default=True, help="File to write, or - for standard output."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    help="Default: from --out's suffix, else jsonl.",
)
@as_option
@pass_context
def cases_audit(
    obj: Context,
    case_id: int | None,
    actor: str | None,
    action: str | None,
    since: dt.datetime | None,
    out: str,
    fmt: str | None,
    as_user: str | None,
) -> None:
    """Export the audit log (who read or changed which case data, when) as JSON lines or CSV."""
    who = _actor(obj, as_user)
    if not who.is_admin:
        raise OpspoorError("only admins can export the audit log")
    since_utc = (
        since.replace(tzinfo=dt.UTC) if since is not None and since.tzinfo is None else since
    )
    filters: dict[str, Any] = {
        "case_id": case_id,
        "actor": actor,
        "action": action,
        "since": since_utc,
    }
    fmt = fmt or ("csv" if out.lower().endswith(".csv") else "jsonl")
    if out == "-":
        count = audit.write_audit(audit.iter_audit(obj.store, **filters), sys.stdout, fmt)
    else:
        count = audit.export_audit(obj.store, Path(out), fmt, **filters)
        click.echo(f"wrote {count} entries to {out}", err=True)
    audit.record_now(
        obj.store,
        who,
        "audit.export",
        object_type="audit",
        detail={"count": count, **{k: str(v) for k, v in filters.items() if v is not None}},
    )


@cases_group.group("retention")
def retention_group() -> None:
    """Retention: delete or pseudonymise closed cases after N days."""


@retention_group.command("show")
@json_option
@pass_context
def retention_show(obj: Context, as_json: bool) -> None:
    """Show the retention policies."""
    rows = retention.list_policies(obj.store)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no retention policy: cases are kept until deleted")
    for r in rows:
        click.echo(f"{r['scope']}: {r['action']} after {r['days']} days (set by {r['updated_by']})")


@retention_group.command("set")
@click.option(
    "--scope",
    type=click.Choice(retention.SCOPES),
    default="closed_cases",
    show_default=True,
    help="What the policy applies to.",
)
@click.option("--days", type=int, required=True, help="Days after closing.")
@click.option(
    "--action", type=click.Choice(retention.ACTIONS), required=True, help="delete or pseudonymise."
)
@as_option
@pass_context
def retention_set(obj: Context, scope: str, days: int, action: str, as_user: str | None) -> None:
    """Set a retention policy (applied by `opspoor cases retention apply`)."""
    retention.set_policy(obj.store, _actor(obj, as_user), scope, days, action)
    click.echo(f"{scope}: {action} after {days} days")


@retention_group.command("apply")
@click.option("--dry-run", is_flag=True, help="Only say which cases are due.")
@as_option
@json_option
@pass_context
def retention_apply(obj: Context, dry_run: bool, as_user: str | None, as_json: bool) -> None:
    """Apply the retention policies now (run it daily, e.g. from cron); logged in the audit log."""
    report = retention.apply_retention(obj.store, _actor(obj, as_user), dry_run=dry_run)
    if as_json:
        echo_json(report)
        return
    for scope in retention.SCOPES:
        if scope in report:
            r = report[scope]
            verb = "due" if dry_run else "done"
            click.echo(f"{scope}: {r['action']} {verb} for {len(r['cases'])} case(s) {r['cases']}")
    if "expired_sessions" in report:
        click.echo(f"expired web sessions removed: {report['expired_sessions']}")


def register(cli: click.Group) -> None:
    cli.add_command(users_group)
    cli.add_command(cases_group)
