"""The worker pool's queue: bounded, and a query's deadline includes its time in the queue."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from digicoop.api.pool import Job, Limits, PoolBusyError, QueryTimeoutError, WorkerPool
from digicoop.store import DataSource, Formats

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
