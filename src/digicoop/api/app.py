"""The FastAPI application, built by :func:`create_app` from a :class:`Settings` object."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp

from digicoop import __version__, pages
from digicoop.api import errors, routes_page, routes_queries, routes_sparql, shacl
from digicoop.api.cache import AnswerCache
from digicoop.api.engine import Engine
from digicoop.api.middleware import AccessLogMiddleware, BodyLimitMiddleware
from digicoop.api.pool import WorkerPool
from digicoop.api.settings import Settings
from digicoop.querylib import load_library
from digicoop.store import RemoteSource


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Stop the query workers when the server stops."""
    yield
    app.state.engine.pool.close()


def create_app(settings: Settings) -> ASGIApp:
    """A ready app: the query library read, the worker processes started and loaded.

    The layers, outermost first: the access log, CORS, the body limit, then
    :class:`routes_sparql.SparqlRoute`, which answers the SPARQL protocol's requests itself,
    and the FastAPI app for everything else (pages, /queries, /docs, and the OpenAPI
    description of /sparql). The first three sit outside FastAPI so that they apply to
    both, while a /sparql request skips FastAPI's own per-request layers (see
    :class:`routes_sparql.SparqlRoute`).

    Raises :class:`digicoop.errors.DigicoopError` (naming the file) if a data file or a named
    query is malformed, so ``digicoop serve`` fails before it listens. The workers stop when
    the app shuts down.
    """
    library = load_library(settings.queries_dir)
    # Workers answering from files get no network at all (SERVICE impossible); a remote
    # store needs it, and so does federation when it is allowed.
    sealed = not settings.allow_service and not any(
        isinstance(source, RemoteSource) for source in settings.data
    )
    pool = WorkerPool(settings.data, settings.workers, settings.limits(sealed))
    info = pool.start()
    cache = AnswerCache(settings.cache_bytes, settings.cache_entries)
    engine = Engine(settings, pool, info, library, cache, sealed)

    # FastAPIOffline: /docs (Swagger UI) from assets shipped in the package, so the API
    # documentation works without a network (FastAPI's own page loads a CDN). Its ReDoc page
    # still fetches a logo from a CDN, so it is off.
    app = FastAPIOffline(
        redoc_url=None,
        title="digicoop SPARQL endpoint",
        version=__version__,
        description="Read-only SPARQL 1.1 Protocol endpoint over the digicoop graph.",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    errors.install(app)
    app.include_router(routes_sparql.router)
    app.include_router(routes_queries.router)
    app.include_router(routes_page.router)
    app.include_router(shacl.router)
    app.include_router(pages.router)
    static = Path(str(resources.files("digicoop") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    layered: ASGIApp = routes_sparql.SparqlRoute(app)
    layered = BodyLimitMiddleware(layered, max_bytes=settings.max_body_bytes)
    layered = CORSMiddleware(
        layered,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["ETag", "Content-Length", "Link"],
        max_age=3600,
    )
    return AccessLogMiddleware(layered)
