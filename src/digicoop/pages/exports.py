"""``/export/{view}.{format}``: the views of ``digicoop export``, served; ``/export/`` lists them.

The bytes are exactly what the command writes (the same :func:`digicoop.export.export`),
except that the HTML view links IRIs to this server's pages (root-relative links, so the
bytes do not depend on the Host the client named). Answers are kept in the endpoint's
bounded answer cache under the data digest, view and format: each view is projected and
laid out once per loaded dataset.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from digicoop.api.cache import Answer, etag_for
from digicoop.api.engine import get_engine
from digicoop.api.errors import ApiError
from digicoop.export import CALENDAR, FORMATS, VIEWS, export
from digicoop.pages.html import escape
from digicoop.pages.source import in_thread
from digicoop.pages.templating import page

router = APIRouter()


@router.get("/export/", response_class=HTMLResponse, include_in_schema=False)
async def index() -> HTMLResponse:
    """Every view in every format."""
    rows = "".join(
        f"<tr><th>{escape(view.title)}<br><code>{escape(name)}</code></th><td>"
        + " · ".join(
            f'<a href="/export/{escape(name)}.{escape(fmt)}">{escape(fmt)}</a>' for fmt in FORMATS
        )
        + "</td></tr>"
        for name, view in VIEWS.items()
    )
    body = (
        "<p>Networks projected from the graph by SPARQL; the same files as "
        "<code>digicoop export VIEW --format FORMAT</code>.</p>"
        f"<table><tr><th>view</th><th>formats</th></tr>{rows}</table>"
        '<p><a href="/export/calendar.ics">calendar.ics</a>: every end of an initial term and '
        "every last day to give notice of non-renewal, one event each, with the agreement and "
        "the words the date was derived from (<code>digicoop export calendar</code>).</p>"
    )
    return HTMLResponse(page("Views of the graph", body, current="/export/"))


@router.get("/export/{filename}", summary="A view of the graph in one format")
async def view_file(filename: str, request: Request) -> Response:
    """``agreements-topics.graphml`` and so on; 404 naming the known views or formats."""
    view, _, format_name = filename.rpartition(".")
    if (view, format_name) == (CALENDAR, "ics"):
        calendar = await in_thread(request, lambda select: export(CALENDAR, "ics", select))
        return Response(
            calendar,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{CALENDAR}.ics"'},
        )
    if view not in VIEWS:
        known = ", ".join(VIEWS)
        raise ApiError(404, "not-found", f"unknown view {view!r} (known: {known})")
    if format_name not in FORMATS:
        known = ", ".join(FORMATS)
        raise ApiError(404, "not-found", f"unknown format {format_name!r} (known: {known})")
    fmt = FORMATS[format_name]
    base = request.scope.get("root_path", "") + "/"  # server configuration, not a header
    engine = get_engine(request)
    key = etag_for(engine.info.digest, ["export", view, format_name])
    cached = engine.cache.get(key)
    if cached is None:
        data = await in_thread(request, lambda select: export(view, format_name, select, base))
        cached = Answer(fmt.media_type, data)
        engine.cache.put(key, cached)
    body = cached.body
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    headers = {}
    if format_name not in {"html", "svg", "png"}:
        headers["Content-Disposition"] = f'attachment; filename="{view}.{fmt.extension}"'
    return Response(body, media_type=media, headers=headers)
