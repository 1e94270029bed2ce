"""The `opspoor` command: one Click group; each capability adds its own commands.

$ opspoor lists import un-consolidated.xml
$ opspoor match "KOSHLAF, Mohamed" --json
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from opspoor import __version__
from opspoor.errors import OpspoorError
from opspoor.settings import Settings
from opspoor.store.db import Store, open_store

F = TypeVar("F", bound=Callable[..., Any])

# Each module has `register(group)` adding its commands. Listed in data-flow order.
COMMAND_MODULES = [
    "opspoor.lists.cli",
    "opspoor.screening.cli",
    "opspoor.documents.cli",
    "opspoor.signals.cli",
    "opspoor.crawl.cli",
    "opspoor.network.cli",
    "opspoor.cases.cli",
    "opspoor.web.cli",
]


class Context:
    """What every command gets: settings, and the store opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store


pass_context = click.make_pass_decorator(Context)


def json_option(func: F) -> F:
    """`--json`: print machine-readable results instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")(func)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class OpspoorGroup(click.Group):
    """The root group: adds the capabilities' commands on first use, and turns OpspoorError
    into a clear one-line message and exit code 2 (no traceback).

    Registering on first use (not at import) lets a capability's cli module import this
    one without a circular import, whichever of the two is imported first.
    """

    _registered = False

    def _ensure_registered(self) -> None:
        if not OpspoorGroup._registered:
            OpspoorGroup._registered = True
            _register_all()

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._ensure_registered()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._ensure_registered()
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OpspoorError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=OpspoorGroup)
@click.version_option(__version__, prog_name="opspoor")
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    envvar="OPSPOOR_HOME",
    help="Folder for the store and caches (default ~/.opspoor; env OPSPOOR_HOME).",
)
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """opspoor: track down traffickers and smugglers.

    Screen names against sanctions lists, pull leads out of documents and the web, link
    them into networks and hand reviewed cases to the police, every fact with its source.
    """
    ctx.obj = Context(Settings.from_env(home=home))


@cli.group()
def db() -> None:
    """The store: create or upgrade its tables."""


@db.command("upgrade")
@pass_context
def db_upgrade(obj: Context) -> None:
    """Create or upgrade the store's tables (done automatically on first use)."""
    obj.store.migrate()
    click.echo(f"store up to date: {obj.settings.database_url.split('@')[-1]}")


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            if importlib.util.find_spec(name) is None:
                continue
        except ModuleNotFoundError:  # the capability's package is not there at all
            continue
        importlib.import_module(name).register(cli)


def main() -> None:
    cli(prog_name="opspoor")
