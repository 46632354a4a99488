"""The cycle collector paused over a stretch of work and restored after it."""

from __future__ import annotations

import gc
import subprocess
import sys
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


def _at_exit(body: str) -> list[str]:
    """The lines a fresh interpreter running ``body`` prints, its probe registered first (so
    it runs last of the exit handlers: atexit runs them in reverse)."""
    script = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        f"{body}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.strip().splitlines()


def test_what_a_process_holds_at_its_exit_is_frozen_before_the_shutdown_collects() -> None:
    """unwalked_at_exit: the interpreter's last collection does not walk what the process
    kept (0.2-0.3 s after a build of 500); without it, nothing is frozen."""
    kept = "kept = [[index] for index in range(1000)]"
    registered = f"from digicoop import collector\ncollector.unwalked_at_exit()\n{kept}"
    assert _at_exit(registered) == ["frozen at exit: True"]
    assert _at_exit(kept) == ["frozen at exit: False"]


def test_asking_twice_registers_one_handler() -> None:
    body = (
        "from digicoop import collector\n"
        "collector.unwalked_at_exit()\n"
        "print(atexit._ncallbacks())\n"
        "collector.unwalked_at_exit()\n"
        "print(atexit._ncallbacks())"
    )
    once, twice, probe = _at_exit(body)
    assert once == twice and probe == "frozen at exit: True"


def test_the_command_line_freezes_what_its_command_leaves_at_exit() -> None:
    """digicoop.cli.main (the ``digicoop`` command): a build's process ends after it."""
    body = (
        "from digicoop import cli\ntry:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass"
    )
    assert _at_exit(body)[-1] == "frozen at exit: True"
