"""The FastAPI application behind `opspoor serve`: the JSON API and the analysts' web pages.

    >>> app = create_app(Settings.from_env())
    $ opspoor serve --port 8000   # then open http://127.0.0.1:8000/

Each capability contributes an APIRouter listed in ROUTERS (module path, attribute): these are
JSON APIs, guarded by `api_access` (a session, an API token, or a loopback client unless
`require_api_token`). PAGE_ROUTERS are the server-rendered pages; each of them checks the
log-in and the CSRF token itself.
"""

from __future__ import annotations

import importlib
import importlib.util

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from opspoor import __version__
from opspoor.cases.access import AccessDenied, NotFound
from opspoor.errors import OpspoorError
from opspoor.settings import Settings
from opspoor.store.db import Store, open_store
from opspoor.web.auth import LoginRequired, LoginThrottle, api_access
from opspoor.web.headers import SecurityHeaders
from opspoor.web.render import STATIC, render

ROUTERS = [
    ("opspoor.screening.api", "router"),
]
PAGE_ROUTERS = [
    ("opspoor.web.pages.home", "public"),
    ("opspoor.web.pages.home", "router"),
    ("opspoor.web.pages.search", "router"),
    ("opspoor.web.pages.alerts", "router"),
    ("opspoor.web.pages.evidence", "router"),
    ("opspoor.web.pages.documents", "router"),
    ("opspoor.web.pages.crawl", "router"),
    ("opspoor.web.pages.network", "router"),
    ("opspoor.web.pages.cases", "router"),
    ("opspoor.web.pages.admin", "router"),
]
# Paths answered as JSON (errors too); everything else is a page.
API_PATHS = ("/match", "/healthz", "/openapi.json")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PATHS) or request.url.path.endswith(".json")


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    require_api_token: bool = False,
) -> FastAPI:
    """The app. With `require_api_token`, /match needs a token even from loopback clients
    (`opspoor serve` sets it whenever it listens on a non-loopback address)."""
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="opspoor",
        version=__version__,
        description="Sanctions screening (yente-compatible /match), leads, networks and cases.",
        # The interactive docs pages load their scripts from a CDN, which an offline install
        # cannot reach and the content security policy forbids: the API is described at /openapi.json.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store or open_store(settings)
    app.state.require_api_token = require_api_token
    app.state.login_throttle = LoginThrottle()

    @app.get("/healthz", tags=["system"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    for module_name, attr in ROUTERS:
        module = importlib.import_module(module_name)
        app.include_router(getattr(module, attr), dependencies=[Depends(api_access)])
    for module_name, attr in PAGE_ROUTERS:
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        app.include_router(getattr(module, attr), include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _error_pages(app)
    app.add_middleware(SecurityHeaders)
    return app


def _error_pages(app: FastAPI) -> None:
    def page_or_json(request: Request, status: int, message: str) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": message}, status_code=status)
        return render(request, "error.html", status_code=status, status=status, message=message)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if request.method == "GET" and not _is_api(request):
            from urllib.parse import quote

            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        return JSONResponse({"detail": "log in first"}, status_code=401)

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        return page_or_json(request, 403, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return page_or_json(request, 404, str(exc))

    @app.exception_handler(OpspoorError)
    async def user_error(request: Request, exc: OpspoorError) -> Response:
        return page_or_json(request, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        messages = {404: "There is no such page.", 405: "That is not allowed here."}
        message = (
            exc.detail if isinstance(exc.detail, str) else messages.get(exc.status_code, "Error")
        )
        if exc.status_code == 404 and message == "Not Found":
            message = messages[404]
        return render(
            request,
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            message=message,
        )

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        fields = ", ".join(".".join(str(p) for p in e.get("loc", [])[1:]) for e in exc.errors())
        return render(
            request,
            "error.html",
            status_code=422,
            status=422,
            message=f"Some fields were missing or invalid: {fields or 'the request'}.",
        )
