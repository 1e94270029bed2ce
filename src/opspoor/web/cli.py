"""`opspoor serve`: the API and the web app on one port."""

from __future__ import annotations

import click

from opspoor.cli import Context, pass_context


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@pass_context
def serve_cmd(obj: Context, host: str, port: int) -> None:
    """Serve the API (POST /match/{dataset}, /healthz, /openapi.json) and the web app."""
    import uvicorn

    from opspoor.web.app import create_app

    app = create_app(obj.settings, obj.store)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
