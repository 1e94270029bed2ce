"""The web app's pages, one module per area; each exposes `router`.

Every router made by `page_router()` checks the CSRF token on every POST; page functions
take the logged-in user with `Depends(current_actor)`.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from opspoor.web.auth import csrf_protect


def page_router() -> APIRouter:
    return APIRouter(dependencies=[Depends(csrf_protect)])
