"""Workers: results in order, started at once, one worker kept for the next step, errors
surfacing in the caller."""

from __future__ import annotations

import doctest
import gc
import os

import pytest

from digicoop import collector, workers
from digicoop.workers import Workers

_WARMED: list[int] = []


def _warm() -> None:
    _WARMED.append(os.getpid())


def _who(_: object) -> tuple[int, list[int]]:
    return os.getpid(), list(_WARMED)


def _fail(value: int) -> int:
    if value == 3:
        raise ValueError("three")
    return value


def test_results_come_in_order_whatever_finishes_first() -> None:
    with Workers(2) as pool:
        assert list(pool.map(abs, range(-50, 0))) == list(range(50, 0, -1))


def test_one_item_is_made_by_one_worker_which_warms_up_for_the_next_step() -> None:
    """The worker that read a new text annotates it: warmed once, after the first result,
    before the second."""
    with Workers(2, _warm) as pool:
        ((first, warmed),) = pool.map(_who, [None])
        ((second, again),) = pool.map(_who, [None])
    assert first == second != os.getpid()
    assert warmed == [] and again == [first]


def test_more_items_than_workers_get_more_workers() -> None:
    with Workers(2, _warm) as pool:
        list(pool.map(_who, [None]))
        seen = {pid for pid, _ in pool.map(_who, range(40))}
    assert os.getpid() not in seen and 1 <= len(seen) <= 2


def _collecting(_: object) -> bool:
    return gc.isenabled()


def test_a_worker_forked_while_the_collector_is_paused_collects() -> None:
    """A worker's agreements pause the collector and collect after each (digicoop.collector);
    a worker forked from a build's paused process would otherwise never collect."""
    with collector.paused(), Workers(2) as pool:
        assert list(pool.map(_collecting, range(4))) == [True] * 4


def test_an_error_in_a_worker_is_raised_where_its_result_is_collected() -> None:
    with Workers(2) as pool, pytest.raises(ValueError, match="three"):
        list(pool.map(_fail, range(6)))


def test_one_job_works_in_this_process_and_warms_nothing() -> None:
    with Workers(1, _warm) as pool:
        assert list(pool.map(_who, [None, None])) == [(os.getpid(), [])] * 2


def test_doctests() -> None:
    assert doctest.testmod(workers).failed == 0
