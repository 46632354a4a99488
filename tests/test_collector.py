"""The cycle collector paused over a stretch of work and restored after it."""

from __future__ import annotations

import gc

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


def test_what_a_pause_allocated_goes_to_the_oldest_generation_unwalked() -> None:
    """The first collection after a pause does not walk what the pause allocated; a full
    collection still frees the cycles it left."""
    with collector.paused():
        kept = [[index] for index in range(10_000)]
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
    assert gc.get_count()[0] < 700, "no young generation left to walk"
    assert gc.get_freeze_count() == 0
    assert gc.collect() >= 1, "the cycle left by the pause is found by a full collection"
    del kept
