"""Python's cycle collector paused over a stretch of work, and on again after it.

Why: the collector runs after every 700 allocations, and each time the heap has grown by a
quarter it walks every object the process holds. A build's own process allocates mostly
what it keeps to the end (some 1,500 cache entries unpickled at 500 agreements: segmented
documents, graph parts, the last validation's state) and frees the rest by reference
counting; the cycles it leaves are few (some 30,000 objects of rdflib's graphs in a build
of 500, a few megabytes). Walking the kept objects again and again cost 0.9 to 1.4 s of the
build's CPU at 500 agreements whether one agreement was added, removed or none
(bench/results.md, eighth round): more than any one step of adding an agreement. Paused,
the cycles wait for the next collection after the stretch.

A process that ends after its work (the ``digicoop`` command) has the same cost once more at
its exit: the interpreter's shutdown runs a full collection over everything still held (0.2
to 0.3 s after a build of 500, in every build step). :func:`unwalked_at_exit` freezes it all
first, as the process's last act.

Compiling one agreement is the opposite case (a hundred thousand short-lived objects, see
:mod:`digicoop.pipeline`): it pauses the collector too, and collects what the agreement left
once after it, over the young objects only. A worker forked while its parent's collector is
paused starts with its own on (:func:`resume`), so that this per-agreement collection runs.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import atexit
import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside, back as it was after (a pause inside a pause leaves it off).

    What the stretch allocated is handed to the oldest generation unwalked (:func:`_aged`):
    the first collection after the pause would otherwise walk all of it at once (0.2 s after
    a build of 500, in a process that then exits)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _aged()
            gc.enable()


def _aged() -> None:
    """Every object the collector tracks moved to its oldest generation without a walk
    (``gc.freeze`` then ``gc.unfreeze``): the cycles among them are found by the next full
    collection, which runs once the heap has grown by a quarter again. (It unfreezes what a
    caller had frozen, too; nothing in this project freezes.)"""
    gc.freeze()
    gc.unfreeze()


@functools.cache  # registered once per process
def unwalked_at_exit() -> None:
    """At this process's exit, every object it still holds frozen (``gc.freeze``) before the
    interpreter's shutdown collects: the last collection then walks only what the shutdown
    itself frees. Registered once per process (``atexit``: after the handlers registered
    later, before those registered earlier, which the freeze does not hinder). Why not
    ``os._exit``: the handlers, the flushes and the destructors of the shutdown all still
    run; only cycles still alive at exit go uncollected, which the exit frees anyway."""
    atexit.register(gc.freeze)


def resume() -> None:
    """The collector on in a process that inherited it paused (a forked worker)."""
    gc.enable()


__all__ = ["paused", "resume", "unwalked_at_exit"]
