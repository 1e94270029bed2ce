"""`opspoor crawl ...`: crawl a project's sites, keep WARC evidence, flag ads; show the state.

$ opspoor crawl run examples/crawl/testsite.yml
$ opspoor crawl status --json
$ opspoor crawl status --project testsite --flags
"""

from __future__ import annotations

from pathlib import Path

import click

from opspoor.cli import Context, echo_json, json_option, pass_context
from opspoor.crawl.project import load_project
from opspoor.crawl.runner import REVISIT_MODES, run_crawl
from opspoor.crawl.status import flagged_ads, project_status
from opspoor.errors import OpspoorError


@click.group("crawl")
def crawl_group() -> None:
    """Web crawl: polite, robots.txt-obeying crawls with WARC evidence and signals on every ad."""


@crawl_group.command("run")
@click.argument("project_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--revisit",
    type=click.Choice(REVISIT_MODES),
    default="due",
    show_default=True,
    help="Known pages to visit again besides the seeds: those due, all, or none.",
)
@click.option("--job", help="Distributed mode: the job id shared by every worker of one crawl.")
@json_option
@pass_context
def run_cmd(obj: Context, project_file: Path, revisit: str, job: str | None, as_json: bool) -> None:
    """Crawl the project in PROJECT_FILE once (YAML; see docs/crawl.md).

    Only GET requests for links found on the allowed domains; robots.txt is obeyed; private,
    loopback and link-local addresses are refused unless the project allows them. Every page
    is kept as a WARC record; ads get their signals and an FtM entity in the store.
    """
    project = load_project(project_file)
    report = run_crawl(obj.store, project, revisit=revisit, job=job)
    if as_json:
        echo_json(report.to_dict())
    else:
        s = report.summary
        click.echo(f"crawl {report.project} run {report.run_id}: {report.status}")
        if report.job:
            click.echo(f"  job {report.job} (start more workers with --job {report.job})")
        counts = ", ".join(f"{k} {v}" for k, v in sorted(s.items()))
        click.echo(f"  {counts or 'nothing fetched'}")
        click.echo(
            f"  revisited {report.revisited} known pages; WARC {report.warc_file}; log {report.log_file}"
        )
    if report.status != "finished":
        raise OpspoorError(f"crawl failed: {report.error}")


@crawl_group.command("status")
@click.option("--project", "name", help="Only this project.")
@click.option(
    "--flags", "show_flags", is_flag=True, help="List the project's flagged ads with their flags."
)
@click.option("--limit", default=50, show_default=True, help="With --flags: how many ads.")
@json_option
@pass_context
def status_cmd(obj: Context, name: str | None, show_flags: bool, limit: int, as_json: bool) -> None:
    """Projects in the store: pages online and gone, visits due, flagged ads, last run."""
    projects = project_status(obj.store, name)
    if name and not projects:
        raise OpspoorError(f"no crawl project {name!r} in the store")
    if show_flags:
        if not name:
            raise OpspoorError("--flags needs --project NAME")
        ads = flagged_ads(obj.store, name, limit)
        if as_json:
            echo_json(ads)
            return
        for ad in ads:
            click.echo(
                f"{ad['score']:.2f} {ad['url']} ({ad['status']}, last online {ad['last_seen_online']})"
            )
            for f in ad["flags"]:
                click.echo(f"    [{f['start']}:{f['end']}] {f['text']!r} - {f['rule']}")
        return
    if as_json:
        echo_json(projects)
        return
    if not projects:
        click.echo("no crawl projects yet: opspoor crawl run PROJECT.yml")
    for p in projects:
        status = ", ".join(f"{k} {v}" for k, v in sorted(p["status"].items()))
        click.echo(
            f"{p['name']}: {p['pages']} pages ({p['ads']} ads, {p['images']} images): {status}"
        )
        click.echo(
            f"  captures {p['captures']}, flagged ads {p['flagged_ads']}, visits due {p['due']}"
        )
        last = p["last_run"]
        if last:
            click.echo(
                f"  last run {last['id']} {last['status']} {last['started_at']} WARC {last['warc_file']}"
            )


def register(cli: click.Group) -> None:
    cli.add_command(crawl_group)
