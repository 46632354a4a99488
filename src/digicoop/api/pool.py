"""Query worker processes: the only place a query runs, so a runaway one can be stopped.

pyoxigraph cannot cancel a running query and a Python thread cannot be killed, so each query
runs in one of ``size`` worker processes, each holding its own copy of the in-memory store
(loaded from the same files). Workers are started with ``spawn`` so that they never inherit
the server's threads or event loop. What a worker may do is bounded from outside:

* **no network**: before it loads anything, a worker seals itself off the network
  (:func:`digicoop.sandbox.seal_network`), so SERVICE, or anything else in the engine that
  would fetch, fails inside the worker whatever the query text says. Only a pool serving a
  remote store (``serve --store``) or one with ``allow_service`` keeps the network.
* **time**: every query has a deadline counted from the request's arrival; time spent
  waiting for a free worker counts. Past it the worker is killed (SIGKILL: the query really
  stops and its memory is freed) and replaced in the background.
* **memory**: while a query runs, the waiting thread samples the worker's resident memory;
  past ``memory_bytes`` above what the worker held once loaded, the worker is killed and
  replaced, and the caller gets :class:`MemoryLimitError`.
* **one query per core at a time**: at most ``running_slots`` queries (by default the cores
  this process may use) run at once while they are young; one that has run ``short_seconds``
  gives up its place and goes on, so a long query holds up the queries behind it by
  ``short_seconds`` at most, while short queries no longer share a core by time slices. Without it, four workers on one
  core each answered a quarter of the time, and each worker's own store caches (RocksDB's
  block cache, the processor's) were evicted by the others between slices: at 500
  agreements on disk, the same work took 13 % more CPU (bench/results.md, "tenth round:
  one query per core"). The idle worker handed out is the one last used, whose caches are
  warm. ``short_seconds`` (0.5 s) is long enough that most queries end on the worker that
  began them, as in a single worker (at 0.1 s, queries of ~90 ms with a long tail aged so
  often that the work stayed spread over all four workers and nothing was gained), and short
  enough to be an acceptable wait behind a slow query.
* **room for short queries**: at most ``long_slots`` queries may run longer than
  ``long_seconds`` at once (by default one worker fewer than the pool has), so one worker
  is always left for the short queries; a query that would take the last one is stopped
  with :class:`PoolBusyError`. So is a query arriving when ``max_queue`` others already wait.
  A worker running a long query is lowered to the lowest CPU priority (nice 19), so on a
  small machine the short queries and the server's event loop still get the processor; it
  gets its priority back afterwards, or, where the system does not allow that, is replaced.
* **stack**: queries run on a thread with a large stack, because the engine's parser and
  optimiser recurse once per operator; a long chain (``1+1+...``, ``{} UNION {} ...``)
  within the size limit then costs time (bounded by the deadline) instead of a crash.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import multiprocessing
import os
import pickle
import struct
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import psutil
import pyoxigraph as ox

from digicoop import store as engine
from digicoop.api.paging import Page, trim
from digicoop.sandbox import SandboxError, seal_network
from digicoop.store import (
    MAX_BYTES,
    DatasetSpec,
    DataSource,
    Formats,
    Outcome,
    QueryStore,
    StoreError,
    open_store,
)

log = logging.getLogger("digicoop.api")

#: How often a waiting caller looks at its worker's memory (seconds): at the ~300 MB/s a
#: large sort allocates, the limit is overshot by some 30 MB at most.
TICK = 0.1
#: The nice value of a worker running a long query.
LOW_PRIORITY = 19
#: The first read of an answer: the usual answer fits (a few kB); a larger one is then read
#: in pieces of its known remaining size, at most READ_MAX each.
READ_FIRST = 64 * 1024
READ_MAX = 1 << 20


def _send(conn: Connection, message: Any) -> None:
    """``conn.send(message)``, pickled by plain :func:`pickle.dumps`: the same frame, but
    ``Connection.send`` builds a ``ForkingPickler`` (copying the copyreg dispatch table) for
    every message, which was most of a small job's cost to send (bench/results.md, "Issue 15,
    fourth round: the endpoint at 5 and at 500*")."""
    conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


class QueryTimeoutError(StoreError):
    """The query ran (or waited) past its deadline and was cancelled."""


class WorkerFailedError(StoreError):
    """A worker process died while answering."""


class MemoryLimitError(StoreError):
    """The query needed more memory than a worker may use; the worker was replaced."""


class PoolBusyError(StoreError):
    """No room for this query now (queue full, or every long-query slot taken): retry later."""


@dataclass(frozen=True)
class Limits:
    """What bounds the pool (made from :class:`digicoop.api.settings.Settings`)."""

    timeout: float = 30.0
    memory_bytes: int = 1_000_000_000
    max_queue: int = 16
    long_seconds: float = 2.0
    long_slots: int = 1
    sealed: bool = True
    stack_bytes: int = 512 * 1024 * 1024
    running_slots: int = 0  # young queries running at once; 0: the cores this process may use
    short_seconds: float = 0.5  # a query running longer gives up its running slot


def usable_cores() -> int:
    """The processors this process may run on (its affinity, where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


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
    max_bytes: int = MAX_BYTES
    base_iri: str | None = None
    names_dataset: bool | None = None  # the query has its own FROM (None: the worker reads it)
    page: Page | None = None  # the answer is one page: the text asks one row more (api.paging)


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


def _answer_jobs(graph_store: QueryStore, conn: Connection) -> None:
    """Answer jobs until the pipe closes (runs on the large-stack thread)."""
    while True:
        try:
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = graph_store.run(
                job.query,
                job.formats,
                job.dataset,
                job.substitutions,
                job.max_bytes,
                job.base_iri,
                names_dataset=job.names_dataset,  # the screen's reading of FROM
            )
            if job.page is not None:
                outcome = trim(outcome, job.page)
            _send(conn, ("ok", outcome))
        except StoreError as error:
            _send(conn, ("error", _error_message(error)))
        except Exception as error:  # never let one query end the worker
            _send(conn, ("error", ("StoreError", f"query evaluation failed: {error}", None, None)))


def _worker_main(
    sources: tuple[DataSource, ...], conn: Connection, sealed: bool, stack_bytes: int
) -> None:
    """Seal, load the store, report, then answer jobs until the pipe closes."""
    try:
        if sealed:
            seal_network()
        graph_store = open_store(sources)  # files, or a remote endpoint (serve --store)
    except SandboxError as error:
        _send(conn, ("error", ("StoreError", f"{error.strerror}: use --allow-service", None, None)))
        return
    except StoreError as error:
        _send(conn, ("error", _error_message(error)))
        return
    info = StoreInfo(graph_store.digest, tuple(graph_store.graph_names()), len(graph_store))
    _send(conn, ("ready", info))
    threading.stack_size(stack_bytes)
    answering = threading.Thread(target=_answer_jobs, args=(graph_store, conn), name="query")
    answering.start()
    answering.join()


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection, memory_limit: int) -> None:
        self.process = process
        self.conn = conn
        self.memory_limit = memory_limit
        self._handle = psutil.Process(process.pid)
        self.lowered = False
        self.holds_slot = False  # its query is young and counts against the running slots

    def _renice(self, value: int) -> None:
        # Linux keeps a nice value per thread, and the query runs on its own thread.
        for thread in self._handle.threads():
            os.setpriority(os.PRIO_PROCESS, thread.id, value)

    def lower_priority(self) -> None:
        """Nice 19 for a long query (see module doc)."""
        with contextlib.suppress(psutil.Error, OSError):
            self.lowered = True
            self._renice(LOW_PRIORITY)

    def restore_priority(self) -> bool:
        """Back to normal priority; False if the system refuses (the worker is then replaced)."""
        try:
            self._renice(0)
        except (psutil.Error, OSError):
            return False
        self.lowered = False
        return True

    def resident(self) -> int:
        """Resident memory in bytes (0 once the process is gone)."""
        try:
            return int(self._handle.memory_info().rss)
        except psutil.Error:
            return 0

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)  # reaps it; exiting a large process takes a moment
        self.conn.close()


class _Waiter:
    """A caller waiting for a free worker: a thread (an event) or a coroutine (a future)."""

    def __init__(
        self,
        future: asyncio.Future[None] | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self.worker: _Worker | None = None  # set, under the pool's lock, by the releaser
        self.event = threading.Event() if future is None else None
        self.future = future
        self.loop = loop

    def wake(self) -> None:
        if self.event is not None:
            self.event.set()
        elif self.loop is not None and self.future is not None:
            self.loop.call_soon_threadsafe(_resolve, self.future)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class _Reply:
    """One answer read from a worker's pipe by the event loop, as its bytes arrive.

    The worker writes ``Connection.send`` frames (a 4-byte big-endian length, or -1 and an
    8-byte one, then the pickle); reading them with ``os.read`` from the loop's reader
    callback never blocks the loop on a large answer, as ``Connection.recv`` would.
    """

    def __init__(self, fd: int, wake: asyncio.Future[None]) -> None:
        self.fd = fd
        self.wake = wake
        self.data = bytearray()
        self.header = 0
        self.size: int | None = None
        self.failed = False

    @property
    def complete(self) -> bool:
        return self.size is not None and len(self.data) >= self.header + self.size

    def readable(self) -> None:
        # Read no more than is due: os.read allocates the whole size asked for, and a 1 MiB
        # buffer for a 2 kB answer (then shrunk) cost more than the read itself.
        due = READ_FIRST if self.size is None else self.header + self.size - len(self.data)
        try:
            chunk = os.read(self.fd, max(1, min(due, READ_MAX)))  # readable: returns at once
        except OSError:
            chunk = b""
        if not chunk:  # the worker died
            self.failed = True
        self.data += chunk
        if self.size is None and len(self.data) >= 4:
            (size,) = struct.unpack("!i", self.data[:4])
            if size >= 0:
                self.header, self.size = 4, size
            elif len(self.data) >= 12:
                self.header, self.size = 12, struct.unpack("!Q", self.data[4:12])[0]
        if (self.failed or self.complete) and not self.wake.done():
            self.wake.set_result(None)

    def message(self) -> Any:
        if self.size is None or len(self.data) != self.header + self.size:
            raise EOFError("malformed reply")
        return pickle.loads(self.data[self.header :])


class WorkerPool:
    """``size`` worker processes over the same data.

    :meth:`execute` (blocking, thread-safe) serves the pages' threads; :meth:`run` serves the
    endpoint's event loop without a thread hop: it waits for a worker and for its answer on
    the loop itself. Both share one fair queue of waiting callers.
    """

    def __init__(self, sources: tuple[DataSource, ...], size: int, limits: Limits) -> None:
        self.sources = sources
        self.size = max(1, size)
        self.limits = limits
        self.timeout = limits.timeout
        self.running_slots = limits.running_slots or usable_cores()
        self._running = 0  # workers holding a running slot
        self._context = multiprocessing.get_context("spawn")
        self._idle: collections.deque[_Worker] = collections.deque()
        self._waiters: collections.deque[_Waiter] = collections.deque()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._long = 0
        self.info: StoreInfo | None = None

    def _spawn(self) -> tuple[_Worker, StoreInfo]:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(self.sources, child, self.limits.sealed, self.limits.stack_bytes),
            daemon=True,
            name="digicoop-query",
        )
        process.start()
        child.close()
        worker = _Worker(process, parent, 0)
        try:
            status, payload = parent.recv()
        except EOFError:
            worker.kill()
            raise WorkerFailedError("a query worker died while loading the data") from None
        if status != "ready":
            worker.kill()
            raise _rebuild_error(*payload)
        worker.memory_limit = worker.resident() + self.limits.memory_bytes
        with self._lock:
            self._all.add(worker)
        return worker, payload

    def start(self) -> StoreInfo:
        """Start every worker and wait until each has loaded (or opened) the data.

        The first is started alone, so that data that does not load fails once, with its
        message; the others then start together (an on-disk store opens in parallel).
        Raises :class:`digicoop.store.LoadError` (naming the file) if the data does not load.
        """
        first, info = self._spawn()
        self._add(first)
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
            self._add(worker)

    @property
    def running(self) -> int:
        """Queries running now that are still young (each holds a running slot)."""
        return self._running

    def _hand_out(self) -> _Worker:
        """The idle worker last used (its caches are warm), now holding a running slot;
        called under the lock, with an idle worker and a free slot."""
        worker = self._idle.pop()
        worker.holds_slot = True
        self._running += 1
        return worker

    def _settle(self, worker: _Worker) -> None:
        """``worker``'s query no longer counts as running young (under the lock)."""
        if worker.holds_slot:
            worker.holds_slot = False
            self._running -= 1

    def _dispatch(self) -> list[_Waiter]:
        """Hand idle workers to the longest-waiting callers while running slots are free
        (under the lock); the callers to wake, outside it."""
        handed = []
        while self._waiters and self._idle and self._running < self.running_slots:
            waiter = self._waiters.popleft()
            waiter.worker = self._hand_out()
            handed.append(waiter)
        return handed

    def _wake(self, handed: list[_Waiter]) -> None:
        for waiter in handed:
            try:
                waiter.wake()
            except RuntimeError:  # its event loop is closed: the server is stopping
                assert waiter.worker is not None
                self._release(waiter.worker)

    def _release(self, worker: _Worker) -> None:
        """Make ``worker`` idle and hand out what can be handed out."""
        with self._lock:
            self._settle(worker)
            self._idle.append(worker)
            handed = self._dispatch()
        self._wake(handed)

    def _add(self, worker: _Worker) -> None:
        """A new worker joins the idle ones at the end handed out last: its caches are cold."""
        with self._lock:
            self._idle.appendleft(worker)
            handed = self._dispatch()
        self._wake(handed)

    def _age(self, worker: _Worker) -> None:
        """``worker``'s query has run ``short_seconds``: its running slot goes to a waiter."""
        with self._lock:
            if not worker.holds_slot:
                return
            self._settle(worker)
            handed = self._dispatch()
        self._wake(handed)

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` now; reap it and start its replacement in the background."""
        with self._lock:
            self._all.discard(worker)
            self._settle(worker)
            handed = self._dispatch()
        self._wake(handed)
        worker.process.kill()  # the caller answers at once; the rest need not hold it up

        def reap_and_replace() -> None:
            worker.kill()
            if not self._closed:
                self._replace()

        threading.Thread(target=reap_and_replace, daemon=True).start()

    def _queue(self, waiter: _Waiter) -> _Worker | None:
        """An idle worker at once, or None with ``waiter`` queued; PoolBusyError if full.

        Nobody jumps the queue: a caller arriving while others wait (for a worker, or for a
        running slot) waits behind them."""
        with self._lock:
            if not self._waiters and self._idle and self._running < self.running_slots:
                return self._hand_out()
            if len(self._waiters) >= self.limits.max_queue:
                raise PoolBusyError(
                    f"{len(self._waiters)} queries are already waiting for a worker; retry later"
                )
            self._waiters.append(waiter)
            return None

    def _give_up(self, waiter: _Waiter, deadline: float | None = None) -> _Worker | None:
        """Leave the queue; the worker handed over meanwhile, if one was and ``deadline``
        has not passed. One handed over in the moment between the deadline and this call is
        given back: run past its deadline, its query would only be killed, and the worker
        with it."""
        with self._lock:
            if waiter.worker is None:
                self._waiters.remove(waiter)
            worker = waiter.worker
        if worker is not None and deadline is not None and time.monotonic() >= deadline:
            self._release(worker)
            return None
        return worker

    def _no_worker(self) -> QueryTimeoutError:
        return QueryTimeoutError(
            f"no worker was free within {self.timeout:g} s of the request's arrival; "
            "the query was not run, retry later"
        )

    def _acquire(self, deadline: float) -> _Worker:
        """An idle worker, waiting in the bounded queue until ``deadline`` at most."""
        waiter = _Waiter()
        worker = self._queue(waiter)
        if worker is not None:
            return worker
        assert waiter.event is not None
        waiter.event.wait(max(0.0, deadline - time.monotonic()))
        worker = self._give_up(waiter, deadline)
        if worker is None:
            raise self._no_worker()
        return worker

    async def _acquire_async(self, deadline: float) -> _Worker:
        """:meth:`_acquire` on the event loop."""
        loop = asyncio.get_running_loop()
        waiter = _Waiter(loop.create_future(), loop)
        worker = self._queue(waiter)
        if worker is not None:
            return worker
        assert waiter.future is not None
        expiry = loop.call_at(_loop_time(loop, deadline), _resolve, waiter.future)
        try:
            await waiter.future
        except asyncio.CancelledError:
            worker = self._give_up(waiter)
            if worker is not None:
                self._release(worker)
            raise
        finally:
            expiry.cancel()
        worker = self._give_up(waiter, deadline)
        if worker is None:
            raise self._no_worker()
        return worker

    def _take_long_slot(self) -> bool:
        with self._lock:
            if self._long >= self.limits.long_slots:
                return False
            self._long += 1
            return True

    def _release_long_slot(self) -> None:
        with self._lock:
            self._long -= 1

    def _check(self, worker: _Worker, deadline: float, started: float, long: bool) -> bool:
        """While ``worker`` answers: kill it past the deadline, the memory limit, or when it
        turns long with no long-query slot free (raising the error); True once it is long."""
        now = time.monotonic()
        if worker.holds_slot and now - started >= self.limits.short_seconds:
            self._age(worker)
        if now >= deadline:
            self._retire(worker)
            raise QueryTimeoutError(
                f"the query ran longer than {self.timeout:g} s and was cancelled"
            )
        if worker.resident() > worker.memory_limit:
            self._retire(worker)
            raise MemoryLimitError(
                "the query needed more than "
                f"{self.limits.memory_bytes // 1_000_000} MB and was cancelled"
            )
        if not long and now - started >= self.limits.long_seconds:
            if not self._take_long_slot():
                self._retire(worker)
                raise PoolBusyError(
                    f"{self.limits.long_slots} long queries are running; this one ran "
                    f"past {self.limits.long_seconds:g} s and was stopped, retry later"
                )
            worker.lower_priority()
            return True
        return long

    def _next_check(self, worker: _Worker, deadline: float, started: float) -> float:
        """Seconds until :meth:`_check` is next due: a ``TICK``, the deadline, or the moment
        the query stops being young, whichever comes first."""
        now = time.monotonic()
        due = min(now + TICK, deadline)
        if worker.holds_slot:
            due = min(due, started + self.limits.short_seconds)
        return due - now

    def _wait(self, worker: _Worker, deadline: float) -> None:
        """Return once the worker has answered; kill it at the deadline or memory limit."""
        started = time.monotonic()
        long = False
        try:
            while not worker.conn.poll(max(0.0, self._next_check(worker, deadline, started))):
                long = self._check(worker, deadline, started, long)
        finally:
            if long:
                self._release_long_slot()

    def _done(self, worker: _Worker, status: str, payload: Any) -> Outcome:
        """Give the worker back (at normal priority) and return or raise its answer."""
        if worker.lowered and not worker.restore_priority():
            self._retire(worker)
        else:
            self._release(worker)
        if status == "ok":
            outcome: Outcome = payload
            return outcome
        raise _rebuild_error(*payload)

    def execute(self, job: Job, deadline: float | None = None) -> Outcome:
        """Run ``job`` on a worker; blocks. ``deadline`` is a ``time.monotonic()`` instant
        (default: the pool's timeout from now).

        Raises the store's errors, :class:`QueryTimeoutError`, :class:`MemoryLimitError`,
        :class:`PoolBusyError` or :class:`WorkerFailedError`.
        """
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        worker = self._acquire(deadline)
        try:
            _send(worker.conn, job)
            self._wait(worker, deadline)
            status, payload = worker.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            self._retire(worker)
            raise WorkerFailedError("the query worker failed; the query was not answered") from None
        except BaseException:  # deadline, memory, slots (already retired), or anything else:
            if worker in self._all:  # never leave a worker, and its running slot, held
                self._retire(worker)
            raise
        return self._done(worker, status, payload)

    async def run(self, job: Job, deadline: float | None = None) -> Outcome:
        """:meth:`execute` for the event loop: the same limits and errors, no thread.

        The answer is read by a reader callback as it arrives; every ``TICK`` the deadline,
        the worker's memory and the long-query slots are checked as :meth:`execute` does. If
        the caller is cancelled while the worker answers, the worker is replaced.
        """
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        worker = await self._acquire_async(deadline)
        loop = asyncio.get_running_loop()
        fd = worker.conn.fileno()
        started, long = time.monotonic(), False
        wake: asyncio.Future[None] = loop.create_future()
        reply = _Reply(fd, wake)
        try:
            _send(worker.conn, job)  # blocking: the idle worker is reading; the fd is blocking
            loop.add_reader(fd, reply.readable)
            try:
                while not (reply.complete or reply.failed):
                    tick = time.monotonic() + self._next_check(worker, deadline, started)
                    timer = loop.call_at(_loop_time(loop, tick), _resolve, wake)
                    try:
                        await wake
                    finally:
                        timer.cancel()
                    if reply.complete or reply.failed:
                        break
                    long = self._check(worker, deadline, started, long)
                    wake = reply.wake = loop.create_future()
            finally:
                loop.remove_reader(fd)
                # The loop made the descriptor non-blocking; the next send (and the pages'
                # blocking execute) expect it blocking.
                with contextlib.suppress(OSError):
                    os.set_blocking(fd, True)
            status, payload = reply.message()
        except (EOFError, OSError, pickle.UnpicklingError):
            self._retire(worker)
            raise WorkerFailedError("the query worker failed; the query was not answered") from None
        except BaseException:  # deadline, memory, slots (already retired), or cancelled
            if worker in self._all:
                self._retire(worker)
            raise
        finally:
            if long:
                self._release_long_slot()
        return self._done(worker, status, payload)

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


def _loop_time(loop: asyncio.AbstractEventLoop, instant: float) -> float:
    """A ``time.monotonic()`` instant on ``loop``'s clock."""
    return loop.time() + (instant - time.monotonic())
