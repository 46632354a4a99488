"""What the handlers share: the worker pool, the store's facts, the query library, the cache.

Built once by ``create_app`` and reached by :func:`get_engine`; there is no
module-level state. :meth:`Engine.run` is where a request meets the limits: its deadline
counts from arrival (stamped by :class:`digicoop.api.middleware.AccessLogMiddleware`), and
one client address may have only ``queries_per_client`` queries running or queued.
"""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

import pyoxigraph as ox
from fastapi import Request

from digicoop import store as engine
from digicoop.api import screen
from digicoop.api.cache import AnswerCache
from digicoop.api.errors import ApiError
from digicoop.api.pool import (
    Job,
    MemoryLimitError,
    PoolBusyError,
    QueryTimeoutError,
    StoreInfo,
    WorkerFailedError,
    WorkerPool,
)
from digicoop.api.settings import Settings
from digicoop.querylib import NamedQuery


def api_error(error: engine.StoreError, retry_after: int) -> ApiError:
    """The client's view of a store or pool error (one place, for queries and pages)."""
    if isinstance(error, engine.QuerySyntaxError):
        return ApiError(400, "query-syntax", str(error), line=error.line, column=error.column)
    retry = {"Retry-After": str(retry_after)}
    known: list[tuple[type[engine.StoreError], int, str, dict[str, str]]] = [
        (engine.InvalidIriError, 400, "bad-graph-iri", {}),
        (engine.NotAcceptableError, 406, "not-acceptable", {}),
        (engine.ResultTooLargeError, 422, "result-too-large", {}),
        (engine.NetworkRefusedError, 403, "service-disabled", {}),
        (QueryTimeoutError, 503, "timeout", retry),
        (PoolBusyError, 503, "busy", retry),
        (MemoryLimitError, 507, "memory-limit", {}),
        (WorkerFailedError, 503, "worker-failed", retry),
    ]
    for kind, status, code, headers in known:
        if isinstance(error, kind):
            found = ApiError(status, code, str(error))
            found.headers.update(headers)
            return found
    return ApiError(400, "query-failed", str(error))


def arrival(request: Request) -> float:
    """When the request arrived (``time.monotonic()``), or now if nothing stamped it."""
    stamped = request.scope.get("state", {}).get("arrival")
    return float(stamped) if stamped is not None else time.monotonic()


@dataclass
class Engine:
    """The running endpoint's shared parts."""

    settings: Settings
    pool: WorkerPool
    info: StoreInfo
    library: dict[str, NamedQuery]
    cache: AnswerCache
    sealed: bool = True  # workers have no network (SERVICE impossible)
    in_flight: Counter[str] = field(default_factory=Counter)  # per client; event loop only
    #: Prepared GET requests (routes_sparql.sparql): request text → (job, ETag), LRU order.
    plans: OrderedDict[tuple[object, ...], tuple[Job, str]] = field(default_factory=OrderedDict)
    max_plans: int = 1024
    #: An empty store in this process, for queries that read no data (:meth:`answer_here`).
    empty: engine.GraphStore = field(default_factory=lambda: engine.GraphStore(ox.Store(), ""))
    #: Its answers, by everything they depend on (at most ``max_plans``; see answer_here).
    free_answers: dict[tuple[object, ...], engine.Outcome] = field(default_factory=dict)

    def answer_here(self, job: Job) -> engine.Outcome | None:
        """The answer to a query that reads no data (``ASK {}``), or None for any other.

        Such a query is true on every dataset, so an empty store in this process answers it
        with the engine's own evaluation, serialisers and errors (406 for an unacceptable
        type, 400 for a bad graph IRI), byte for byte what a worker would send, without
        queueing behind the queries that need a worker. It takes no worker, so the
        per-client cap (which shares the workers out) does not count it.

        An answer is kept (by the text, formats, dataset, base and size limit: all it depends
        on), because health checks send it at a steady pace: each then arrives at a process
        whose caches the queries have cooled, and the fewer instructions it runs, the less it
        costs (bench/results.md, "Issue 15, fourth round: the endpoint at 5 and at 500*").
        An error is not kept: it is raised again each time.
        """
        if job.substitutions or not screen.reads_no_data(job.query):
            return None
        key = (job.query, job.formats, job.dataset, job.base_iri, job.max_bytes)
        found = self.free_answers.get(key)
        if found is not None:
            return found
        try:
            found = self.empty.run(
                job.query,
                job.formats,
                job.dataset,
                max_bytes=job.max_bytes,
                base_iri=job.base_iri,
                names_dataset=False,
            )
        except engine.StoreError as error:
            raise api_error(error, self.settings.retry_after) from None
        if len(self.free_answers) >= self.max_plans:
            self.free_answers.clear()  # a few kinds of text a client sends: rarely reached
        self.free_answers[key] = found
        return found

    async def run(self, job: Job, request: Request) -> engine.Outcome:
        """Run ``job`` in a worker without blocking the event loop; errors → ApiError."""
        client = request.client.host if request.client else "-"
        if self.in_flight[client] >= self.settings.queries_per_client:
            error = ApiError(
                429,
                "too-many-queries",
                f"{self.settings.queries_per_client} queries from your address are already "
                "running or queued; wait for them",
            )
            error.headers["Retry-After"] = str(self.settings.retry_after)
            raise error
        deadline = arrival(request) + self.settings.timeout
        self.in_flight[client] += 1
        try:
            return await self.pool.run(job, deadline)  # on the event loop: no thread hop
        except engine.StoreError as error:
            raise api_error(error, self.settings.retry_after) from None
        finally:
            self.in_flight[client] -= 1
            if not self.in_flight[client]:
                del self.in_flight[client]


def get_engine(request: Request) -> Engine:
    """The app's engine. Called directly, not through ``Depends``: FastAPI runs a plain
    function dependency in its threadpool, a thread hop on every request."""
    found: Engine = request.app.state.engine
    return found
