"""`opspoor serve`: the API and the web app on one port."""

from __future__ import annotations

import click

from opspoor.cli import Context, pass_context


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--require-api-token",
    is_flag=True,
    help="Make /match need an API token even from this machine (always so when --host is not loopback).",
)
@pass_context
def serve_cmd(obj: Context, host: str, port: int, require_api_token: bool) -> None:
    """Serve the API (POST /match/{dataset}, /healthz, /openapi.json) and the web app."""
    import uvicorn

    from opspoor.web.app import create_app
    from opspoor.web.auth import is_loopback

    require = require_api_token or not is_loopback(host)
    app = create_app(obj.settings, obj.store, require_api_token=require)
    if require:
        click.echo(
            "/match needs an API token (create one with `opspoor users token USER`)", err=True
        )
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
