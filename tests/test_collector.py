"""The cycle collector paused over a stretch of work and restored after it."""

from __future__ import annotations

import gc
import weakref

import pytest

from digicoop import collector


def test_a_pause_inside_a_pause_leaves_the_collector_off_until_the_outer_one_ends() -> None:
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_stretch_raises() -> None:
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_a_collector_off_before_the_pause_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    """An object that can be in a reference cycle and be watched by a weak reference."""

    other: object = None


def test_what_a_pause_allocated_goes_to_the_oldest_generation_unwalked() -> None:
    """The first collection after a pause does not walk what the pause allocated; a full
    collection still frees the cycles it left."""
    with collector.paused():
        kept = [[index] for index in range(10_000)]
        cycle = _Node()
        cycle.other = cycle
        left = weakref.ref(cycle)
        del cycle
    assert gc.get_count()[0] < 700, "no young generation left to walk"
    assert gc.get_freeze_count() == 0
    assert left() is not None, "a cycle outlives the pause (reference counting cannot free it)"
    gc.collect()
    assert left() is None, "the cycle left by the pause is freed by a full collection"
    del kept
