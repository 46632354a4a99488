"""Worker processes for the agreements a build must read or make, started as soon as the
first is known, and kept for the next step.

Why: annotating, assembling and serialising are pure Python (the GIL), and each agreement
is independent, so a build spreads them over ``jobs`` forked processes; results come back
in input order, so the output is byte-identical to a one-process build. Why *ahead*: a
build that adds one agreement to five hundred reads some 1,500 cache entries and makes one
agreement (segmenting it, counting its organisations, loading the annotators' data,
annotating: about a second), and the two do not wait on each other, so the one is made in a
worker while the build's own process reads the others (:meth:`Workers.map` submits at
once; the caller collects later). Why one pool for both steps: the worker that read the new
text also annotates it, with the data it loaded meanwhile (``warm``: run by each new worker
after the first work it is given, so that the first result is not held up by it).

The workers die with the build (SIGTERM or SIGKILL included): they would otherwise hold the
caller's pipes open.

>>> with Workers(2) as workers:
...     squares = workers.map(abs, [-1, -2, 3])
...     list(squares)
[1, 2, 3]
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any

from digicoop import collector
from digicoop.sandbox import die_with_parent


class _Ordered(Iterator[Any]):
    """Results of ``fn`` over ``items`` in order, a window of them in flight (submitted now).

    Why a window of 2 x jobs: submitting every item at once would pickle them all at once
    (at 500 agreements that held ~15 GB of pickled graphs in memory)."""

    def __init__(
        self,
        pool: ProcessPoolExecutor,
        fn: Callable[[Any], Any],
        items: list[Any],
        window: int,
    ) -> None:
        self._pool, self._fn, self._items = pool, fn, iter(items)
        self._window: deque[Future[Any]] = deque()
        for _ in range(window):
            if not self._submit():
                break

    def _submit(self) -> bool:
        item = next(self._items, _END)
        if item is _END:
            return False
        self._window.append(self._pool.submit(self._fn, item))
        return True

    def __next__(self) -> Any:
        if not self._window:
            raise StopIteration
        result = self._window.popleft().result()
        self._submit()
        return result


_END = object()


def _started(parent: int) -> None:
    """A new worker: dies with the build; its cycle collector on, though the build's own
    process forked it paused (digicoop.collector: a worker's agreements each pause it and
    collect what they leave after them)."""
    die_with_parent(parent)
    collector.resume()


class Workers:
    """Up to ``jobs`` forked processes; ``warm`` (no result) is given to each new worker after
    its first work (module doc). No pool when ``jobs`` is 1: the work is then done in this
    process, when collected, and ``warm`` is not run (the work loads what it needs)."""

    def __init__(self, jobs: int, warm: Callable[[], None] | None = None) -> None:
        self.jobs, self._warm = jobs, warm
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0
        self._cold = 0

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """``map(fn, items)`` in order; in the workers the first items are submitted now, so
        the caller may do other work before it collects the results."""
        items = list(items)
        if self.jobs <= 1 or not items:
            return map(fn, items)
        pool = self._sized(len(items))
        ordered = _Ordered(pool, fn, items, 2 * self.jobs)
        if self._warm is not None:
            for _ in range(self._cold):
                pool.submit(self._warm)
        self._cold = 0
        return ordered

    def _sized(self, items: int) -> ProcessPoolExecutor:
        """A pool of as many workers as ``items`` can use (up to ``jobs``): one new text is
        read and made by one worker, which keeps what it loaded for the first step."""
        wanted = min(self.jobs, items)
        if self._pool is None or self._size < wanted:
            self.close()
            self._pool = ProcessPoolExecutor(
                max_workers=wanted,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_started,
                initargs=(os.getpid(),),
            )
            self._size = self._cold = wanted
        return self._pool

    def close(self) -> None:
        """Stop the workers (waiting for what they are doing; what is queued is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["Workers"]
