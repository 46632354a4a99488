"""Query worker processes: the only place a query runs, so a runaway one can be cancelled.

pyoxigraph cannot cancel a running query and a Python thread cannot be killed, so each query
runs in one of ``size`` worker processes, each holding its own copy of the in-memory store
(loaded from the same files). The caller waits up to ``timeout`` seconds; past that the
worker is killed (SIGKILL: the query is really stopped, its memory freed), the caller gets
:class:`QueryTimeoutError`, and a fresh worker is started in the background while the other
workers go on serving. Workers are started with ``spawn`` so that they never inherit the
server's threads or event loop.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox

from digicoop import store as engine
from digicoop.remote_store import open_store
from digicoop.store import DatasetSpec, DataSource, Formats, Outcome, StoreError

log = logging.getLogger("digicoop.api")


class QueryTimeoutError(StoreError):
    """The query ran past the configured timeout and was cancelled."""


class WorkerFailedError(StoreError):
    """A worker process died while answering (for instance out of memory)."""


@dataclass(frozen=True)
class StoreInfo:
    """What a loaded store reports about itself: digest, named graphs and size."""

    digest: str
    graphs: tuple[str, ...]
    triples: int


@dataclass(frozen=True)
class Job:
    """One query to run; substitution terms are pyoxigraph terms (they pickle)."""

    query: str
    formats: Formats
    dataset: DatasetSpec | None = None
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None
    max_bytes: int = 50_000_000
    base_iri: str | None = None


def _error_message(error: Exception) -> tuple[str, str, int | None, int | None]:
    return (
        type(error).__name__,
        str(error),
        getattr(error, "line", None),
        getattr(error, "column", None),
    )


def _rebuild_error(name: str, message: str, line: int | None, column: int | None) -> StoreError:
    """The store's exception again, on the server side of the pipe."""
    if name == "QuerySyntaxError":
        return engine.QuerySyntaxError(message, line, column)
    cls = getattr(engine, name, None)
    if isinstance(cls, type) and issubclass(cls, StoreError):
        return cls(message)
    return StoreError(message)


def _worker_main(sources: tuple[DataSource, ...], conn: Connection) -> None:
    """Load the store, report, then answer jobs until the pipe closes."""
    try:
        graph_store = open_store(sources)  # files, or a remote endpoint (serve --store)
    except StoreError as error:
        conn.send(("error", _error_message(error)))
        return
    info = StoreInfo(graph_store.digest, tuple(graph_store.graph_names()), len(graph_store))
    conn.send(("ready", info))
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = graph_store.run(
                job.query, job.formats, job.dataset, job.substitutions, job.max_bytes, job.base_iri
            )
            conn.send(("ok", outcome))
        except StoreError as error:
            conn.send(("error", _error_message(error)))
        except Exception as error:  # never let one query end the worker
            conn.send(("error", ("StoreError", f"query evaluation failed: {error}", None, None)))


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the same data; :meth:`execute` is thread-safe."""

    def __init__(self, sources: tuple[DataSource, ...], size: int, timeout: float) -> None:
        self.sources = sources
        self.size = max(1, size)
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.info: StoreInfo | None = None

    def _spawn(self) -> tuple[_Worker, StoreInfo]:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(self.sources, child), daemon=True, name="digicoop-query"
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        try:
            status, payload = parent.recv()
        except EOFError:
            worker.kill()
            raise WorkerFailedError("a query worker died while loading the data") from None
        if status != "ready":
            worker.kill()
            raise _rebuild_error(*payload)
        with self._lock:
            self._all.add(worker)
        return worker, payload

    def start(self) -> StoreInfo:
        """Start every worker and wait until each has loaded the data.

        Raises :class:`digicoop.store.LoadError` (naming the file) if the data does not load.
        """
        first, info = self._spawn()
        self._idle.put(first)
        threads = [
            threading.Thread(target=self._replace, daemon=True) for _ in range(self.size - 1)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.info = info
        return info

    def _replace(self) -> None:
        """Start one worker and make it available (run in the background after a kill)."""
        try:
            worker, _ = self._spawn()
        except StoreError as error:
            log.error("could not start a query worker: %s", error)
            return
        if self._closed:
            worker.kill()
        else:
            self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if not self._closed:
            threading.Thread(target=self._replace, daemon=True).start()

    def execute(self, job: Job) -> Outcome:
        """Run ``job`` on an idle worker; blocks. Raises the store's errors or a timeout."""
        worker = self._idle.get()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(self.timeout):
                self._retire(worker)
                raise QueryTimeoutError(
                    f"the query ran longer than {self.timeout:g} s and was cancelled"
                )
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(worker)
            raise WorkerFailedError("the query worker failed; the query was not answered") from None
        self._idle.put(worker)
        if status == "ok":
            outcome: Outcome = payload
            return outcome
        raise _rebuild_error(*payload)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
