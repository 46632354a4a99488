"""``/queries``: the named-query library as an API (Datasette's canned queries are the model).

``GET /queries`` lists them; ``GET /queries/{name}?param=value`` runs one with its parameters
bound as RDF terms (never pasted into the text). An iri parameter may be given as a CURIE
(``topic:data``) or a label (``Denmark``); a value that names nothing is a 400. JSON (SPARQL results) by default, CSV by
``Accept: text/csv`` or ``_format=csv``. Names starting with ``_`` are reserved for options.
A JSON answer comes in pages (``_size``, ``_page``; a ``Link`` to the next, see
:mod:`digicoop.api.paging`); CSV carries every row.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import parse_qsl

import anyio.to_thread
from fastapi import APIRouter, Request, Response

from digicoop.api import negotiation, paging
from digicoop.api.engine import Engine, get_engine
from digicoop.api.errors import ApiError
from digicoop.api.pool import Job
from digicoop.api.routes_sparql import answer_query
from digicoop.params import Choice, load_choices, resolve_values
from digicoop.querylib import NamedQuery, ParameterError

router = APIRouter()


def describe(query: NamedQuery) -> dict[str, Any]:
    """A named query as JSON: what the query page and API clients need to use it."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "url": f"/queries/{query.name}",
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "required": p.required,
                "doc": p.doc,
            }
            for p in query.params
        ],
        "text": query.text,
    }


async def _resolve(
    request: Request, engine: Engine, query: NamedQuery, values: dict[str, str]
) -> dict[str, str]:
    """Values as users write them (CURIE, label, IRI) → IRIs; see :mod:`digicoop.params`.

    The choices of each kind are read once per loaded dataset.
    """
    if not any(p.type == "iri" and p.name in values for p in query.params):
        return values
    from digicoop.pages.source import pool_select

    cache: dict[tuple[str, str], list[Choice]] = getattr(request.app.state, "choices", None) or {}
    request.app.state.choices = cache
    select = pool_select(engine)

    def choices(kind: str) -> list[Choice]:
        key = (engine.info.digest, kind)
        if key not in cache:
            cache[key] = load_choices(select, kind)
        return cache[key]

    return await anyio.to_thread.run_sync(lambda: resolve_values(query, values, select, choices))


@router.get("/queries", summary="List the named queries")
async def list_queries(request: Request) -> list[dict[str, Any]]:
    """Every query of ``queries/`` with its title, description, parameters and text."""
    engine = get_engine(request)
    return [describe(query) for query in engine.library.values()]


@router.api_route(
    "/queries/{name}",
    methods=["GET", "HEAD"],
    summary="Run a named query",
    openapi_extra={
        "parameters": [
            {
                "name": "_format",
                "in": "query",
                "schema": {"type": "string", "enum": ["json", "csv"]},
            }
        ]
    },
)
async def run_query(name: str, request: Request) -> Response:
    """Run the named query ``name``; other query-string fields are its parameters."""
    engine = get_engine(request)
    query = engine.library.get(name)
    if query is None:
        raise ApiError(404, "unknown-query", f"no named query {name!r}")
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    values: dict[str, str] = {}
    options: dict[str, str] = {}
    for key, value in pairs:
        target = options if key.startswith("_") else values
        if key in target:
            raise ApiError(
                400, "repeated-parameter", f"parameter {key!r} given twice", parameter=key
            )
        target[key] = value
    try:
        values = await _resolve(request, engine, query, values)
        text, substitutions = query.bound_text(values), query.bind(values)
    except ParameterError as error:
        raise ApiError(400, "bad-parameter", str(error), parameter=error.parameter) from None
    formats = negotiation.formats_for(request.headers.get("accept"), options.get("_format"))
    try:
        page = paging.requested(options, engine.settings.page_rows, formats.solutions)
    except paging.PageError as error:
        raise ApiError(400, "bad-parameter", str(error), parameter=error.parameter) from None
    paged = paging.paged_text(text, page) if page is not None else None
    if page is not None and paged is not None:
        text = paged
        page = replace(page, next_url=str(request.url.include_query_params(_page=page.number + 1)))
    else:
        page = None
    job = Job(text, formats, None, substitutions, engine.settings.max_result_bytes, page=page)
    cache_key = [
        "named",
        name,
        *(f"{k}={v}" for k, v in sorted(values.items())),
        options.get("_format", ""),
        # a page's answer carries its next page's absolute URL: one per scheme and host
        f"page {page.number} of {page.size} at {request.url.scheme}://{request.url.netloc}"
        if page
        else "whole",
    ]
    return await answer_query(request, engine, job, cache_key)
