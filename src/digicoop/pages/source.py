"""The pages' way to the data: the endpoint's worker pool, through the same query files.

Queries run in the endpoint's worker processes (never in the server process), so a slow
page is cancelled by the same timeout as a slow SPARQL query, and pages, exports and
``/sparql`` always answer from the same loaded data. Store errors become the endpoint's one
JSON error shape (:class:`digicoop.api.errors.ApiError`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import anyio.to_thread
from fastapi import Request

from digicoop.api.engine import Engine, api_error, get_engine
from digicoop.api.errors import ApiError
from digicoop.api.pool import Job
from digicoop.errors import DigicoopError
from digicoop.export.sparql import Row, Select, parse_results, queries
from digicoop.querylib import NamedQuery
from digicoop.store import Formats, StoreError

T = TypeVar("T")
_SOLUTIONS = Formats(solutions="application/sparql-results+json")


def _job(engine: Engine, query: NamedQuery, values: Mapping[str, str], formats: Formats) -> Job:
    return Job(
        query.bound_text(values),
        formats,
        substitutions=query.bind(values),
        max_bytes=engine.settings.max_result_bytes,
    )


def _execute(engine: Engine, job: Job) -> bytes:
    try:
        return engine.pool.execute(job).body
    except StoreError as error:
        raise api_error(error, engine.settings.retry_after) from None


def pool_select(engine: Engine) -> Select:
    """A blocking select on the pool (call it from a worker thread, see :func:`in_thread`)."""

    def select(query: NamedQuery, values: Mapping[str, str]) -> list[Row]:
        return parse_results(_execute(engine, _job(engine, query, values, _SOLUTIONS)))

    return select


async def in_thread(request: Request, work: Callable[[Select], T]) -> T:
    """Run ``work(select)`` in a thread so the event loop keeps serving; errors → ApiError."""
    select = pool_select(get_engine(request))
    try:
        return await anyio.to_thread.run_sync(work, select)
    except ApiError:
        raise
    except DigicoopError as error:
        raise ApiError(400, "bad-request", str(error)) from None


async def select(request: Request, name: str, **values: str) -> list[Row]:
    """Rows of the page query ``name`` with its parameters bound."""
    query = queries("pages")[name]
    return await in_thread(request, lambda run: run(query, values))


async def construct(request: Request, name: str, media_type: str, **values: str) -> bytes:
    """The RDF of the CONSTRUCT query ``name``, serialised as ``media_type``."""
    engine = get_engine(request)
    job = _job(engine, queries("pages")[name], values, Formats(graph=media_type))
    return await anyio.to_thread.run_sync(_execute, engine, job)
