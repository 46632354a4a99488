"""``/``: the offline query page (a template and static files shipped in the package, no CDN)."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter()

STATIC = resources.files("digicoop") / "static"


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def page() -> HTMLResponse:
    """The query page: named questions as forms, and the free SPARQL editor."""
    from digicoop.pages.templating import render

    return HTMLResponse(render("query.html", title="Ask the graph", current="/"))


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    """No icon, said plainly, so browsers log no 404."""
    return Response(status_code=204)
