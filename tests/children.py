"""Servers a test starts die with the test process, however it ends.

A ``finally`` or a fixture's teardown stops a server when a test fails, but not when pytest
itself is killed (an interrupted xdist run, a CI timeout): an ``oxigraph serve`` or
``digicoop serve`` left behind keeps its port and its files and slows every later run on the
machine. Linux's ``PR_SET_PDEATHSIG`` asks the kernel to signal the child when its parent dies;
elsewhere the teardown is all there is.
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent() -> None:
    """``Popen(preexec_fn=die_with_parent)``: SIGTERM to the child when the test process dies
    (SIGTERM so a ``digicoop serve`` still stops its own workers)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
