"""The FastAPI application behind `opspoor serve`: the JSON API and the analysts' web pages.

    >>> app = create_app(Settings.from_env())
    $ opspoor serve --port 8000   # then open http://127.0.0.1:8000/

Each capability contributes an APIRouter listed in ROUTERS (module path, attribute).
"""

from __future__ import annotations

import importlib
import importlib.util

from fastapi import FastAPI

from opspoor import __version__
from opspoor.settings import Settings
from opspoor.store.db import Store, open_store

ROUTERS = [
    ("opspoor.screening.api", "router"),
]


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="opspoor",
        version=__version__,
        description="Sanctions screening (yente-compatible /match), leads, networks and cases.",
    )
    app.state.settings = settings
    app.state.store = store or open_store(settings)

    @app.get("/healthz", tags=["system"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    for module_name, attr in ROUTERS:
        module = importlib.import_module(module_name)
        app.include_router(getattr(module, attr))
    return app
