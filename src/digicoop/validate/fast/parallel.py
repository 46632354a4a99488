"""Run a validation's queries in forked processes, answers back in the order asked.

Why: one validation is some two hundred independent queries (one per compiled check) and
the quote check, each reading the same store; run one after another they keep one core
busy. Forked children inherit the store, the compiled checks and the shapes as they are
(nothing but an index goes out, nothing but the rows that are violations comes back), and
the caller writes the report from the answers in the checks' order, so the report is the
one a single process writes, triple for triple, for any number of processes (tested).

Workers die with the caller (:func:`digicoop.sandbox.die_with_parent`); a worker's
exception is raised in the caller.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from digicoop.sandbox import die_with_parent

#: The task function of the map running in this process (set before the workers fork).
_TASK: Callable[[int], object] | None = None


def _call(index: int) -> object:
    assert _TASK is not None, "a forked worker of forked_map"
    return _TASK(index)


def forked_map(task: Callable[[int], object], count: int, jobs: int) -> Iterator[object]:
    """``task(0)``, ``task(1)``, … ``task(count - 1)``, in that order, over ``jobs`` forked
    processes when ``jobs`` > 1 (in this process otherwise). ``task`` may be a closure: the
    workers inherit it; its answers must pickle."""
    if jobs <= 1 or count <= 1:
        yield from map(task, range(count))
        return
    global _TASK
    _TASK = task
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            yield from pool.map(_call, range(count))
    finally:
        _TASK = None


__all__ = ["forked_map"]
