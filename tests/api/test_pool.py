"""The worker pool's queue: bounded, and a query's deadline includes its time in the queue."""

from __future__ import annotations

import asyncio
import os
import pickle
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
import pytest

from digicoop.api.pool import Job, Limits, PoolBusyError, QueryTimeoutError, WorkerPool
from digicoop.store import DataSource, Formats, Outcome

from .server import FIXTURES

HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def one_worker() -> Iterator[WorkerPool]:
    """One worker, one waiting place, long queries allowed (so the heavy one keeps it)."""
    limits = Limits(timeout=3.0, max_queue=1, long_seconds=60, long_slots=1)
    with WorkerPool((DataSource(FIXTURES / "api" / "sample.trig"),), 1, limits) as pool:
        pool.start()
        yield pool


def test_a_queued_query_times_out_at_its_deadline_and_the_queue_is_bounded(
    one_worker: WorkerPool,
) -> None:
    with ThreadPoolExecutor(2) as executor:
        heavy = executor.submit(one_worker.execute, Job(HEAVY, Formats()))
        time.sleep(0.5)  # the heavy query holds the only worker
        arrived = time.monotonic()
        queued = executor.submit(one_worker.execute, Job("ASK {}", Formats()), arrived + 1.0)
        time.sleep(0.2)  # it waits in the one place of the queue
        with pytest.raises(PoolBusyError, match="already waiting"):
            one_worker.execute(Job("ASK {}", Formats()))
        with pytest.raises(QueryTimeoutError, match="no worker was free"):
            queued.result()
        assert time.monotonic() - arrived < 2.0  # not a full timeout after leaving the queue
        with pytest.raises(QueryTimeoutError):
            heavy.result()


def test_the_event_loop_path_answers_as_the_blocking_one(one_worker: WorkerPool) -> None:
    """``run`` (no thread) and ``execute`` (blocking) reach the same worker in turns, and a
    job or an answer larger than the pipe's buffer passes whole both ways."""
    query = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    by_loop = asyncio.run(one_worker.run(Job(query, Formats())))
    assert by_loop == one_worker.execute(Job(query, Formats()))
    padded = "ASK {} " + "#" * 300_000  # a 300 KB job, after the loop has used the pipe
    assert asyncio.run(one_worker.run(Job(padded, Formats()))).body == (
        one_worker.execute(Job(padded, Formats())).body
    )
    big = "SELECT ?n { VALUES ?n { " + " ".join(f'"{"x" * 90}{i}"' for i in range(20_000)) + " } }"
    answer = asyncio.run(one_worker.run(Job(big, Formats())))
    assert len(answer.body) > 2_000_000 and answer.body.count(b'"value"') == 20_000


def test_the_event_loop_path_keeps_the_queue_bound_and_the_deadline(
    one_worker: WorkerPool,
) -> None:
    async def scenario() -> tuple[Outcome | BaseException, Outcome | BaseException, float]:
        heavy = asyncio.ensure_future(one_worker.run(Job(HEAVY, Formats())))
        await asyncio.sleep(0.5)  # the heavy query holds the only worker
        arrived = time.monotonic()
        queued = asyncio.ensure_future(one_worker.run(Job("ASK {}", Formats()), arrived + 1.0))
        await asyncio.sleep(0.2)
        with pytest.raises(PoolBusyError, match="already waiting"):
            await one_worker.run(Job("ASK {}", Formats()))
        outcomes = await asyncio.gather(queued, heavy, return_exceptions=True)
        return outcomes[0], outcomes[1], time.monotonic() - arrived

    queued, heavy, waited = asyncio.run(scenario())
    assert isinstance(queued, QueryTimeoutError) and "no worker was free" in str(queued)
    assert isinstance(heavy, QueryTimeoutError) and "ran longer" in str(heavy)
    assert waited >= 1.0
    time.sleep(1.5)  # the killed worker's replacement starts in the background
    assert asyncio.run(one_worker.run(Job("ASK { ?s ?p ?o }", Formats()))).body.endswith(b"true}")


def _two_workers(short_seconds: float) -> WorkerPool:
    """Two workers, one running slot: a young query runs alone however many are idle."""
    limits = Limits(
        timeout=3.0, long_seconds=60, long_slots=1, running_slots=1, short_seconds=short_seconds
    )
    return WorkerPool((DataSource(FIXTURES / "api" / "sample.trig"),), 2, limits)


def test_a_young_query_holds_the_only_running_slot_though_a_worker_is_idle() -> None:
    """Queries in their first ``short_seconds`` run one per slot: the second waits its turn
    (here until its deadline) rather than share the processor with the first."""
    with _two_workers(short_seconds=60) as pool, ThreadPoolExecutor(1) as executor:
        pool.start()
        heavy = executor.submit(pool.execute, Job(HEAVY, Formats()), time.monotonic() + 2.0)
        _until_running(pool)
        with pytest.raises(QueryTimeoutError, match="no worker was free"):
            pool.execute(Job("ASK { ?s ?p ?o }", Formats()), time.monotonic() + 0.5)
        with pytest.raises(QueryTimeoutError, match="ran longer"):
            heavy.result()
        assert pool.running == 0


def _until_running(pool: WorkerPool) -> None:
    """Until a query holds a running slot (a loaded machine may start the thread late)."""
    waited = time.monotonic() + 10
    while pool.running == 0:
        assert time.monotonic() < waited, "the heavy query never started"
        time.sleep(0.005)


def _heavy_by_loop(pool: WorkerPool, deadline: float) -> Outcome:
    """The heavy query on the event-loop path (:meth:`WorkerPool.run`), in a loop of its own."""
    return asyncio.run(pool.run(Job(HEAVY, Formats()), deadline))


@pytest.mark.parametrize("path", ["blocking", "event loop"])
def test_a_query_past_short_seconds_gives_its_slot_to_the_next(path: str) -> None:
    """The slot is for young queries: once the heavy one (sent by either path) has run
    ``short_seconds`` it goes on, and a short query waiting behind it runs on the other
    worker at once, by either path."""
    with _two_workers(short_seconds=0.2) as pool, ThreadPoolExecutor(1) as executor:
        pool.start()
        deadline = time.monotonic() + 2.5
        if path == "blocking":
            heavy = executor.submit(pool.execute, Job(HEAVY, Formats()), deadline)
        else:
            heavy = executor.submit(_heavy_by_loop, pool, deadline)
        _until_running(pool)
        asked = time.monotonic()
        answer = pool.execute(Job("ASK { ?s ?p ?o }", Formats()))
        assert answer.body.endswith(b"true}")
        assert 0.1 < time.monotonic() - asked < 1.0  # waited for the heavy one to age, no more
        assert not heavy.done()
        by_loop = asyncio.run(pool.run(Job("ASK { ?s ?p ?o }", Formats())))
        assert by_loop.body.endswith(b"true}") and not heavy.done()
        assert pool.running == 0  # the heavy query no longer counts; the short ones are done
        with pytest.raises(QueryTimeoutError, match="ran longer"):
            heavy.result()


def test_a_query_that_cannot_be_sent_gives_its_worker_and_slot_back() -> None:
    """Whatever fails on the blocking path (here the job does not pickle) leaves no worker
    and no running slot held: with one slot, the next query is answered."""
    with _two_workers(short_seconds=60) as pool:
        pool.start()
        unpicklable = {ox.Variable("x"): lambda: None}
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            pool.execute(Job("ASK { ?x ?p ?o }", Formats(), substitutions=unpicklable))  # type: ignore[arg-type]
        assert pool.running == 0
        answer = pool.execute(Job("ASK { ?s ?p ?o }", Formats()), time.monotonic() + 5)
        assert answer.body.endswith(b"true}")


def test_the_running_slots_default_to_the_cores_this_process_may_use() -> None:
    pool = WorkerPool((DataSource(FIXTURES / "api" / "sample.trig"),), 4, Limits())
    assert pool.running_slots == len(os.sched_getaffinity(0))
