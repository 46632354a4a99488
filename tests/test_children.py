"""A server started by a test does not outlive the test process (tests/children.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

# A stand-in for pytest: starts a long-lived child the way the test servers are started,
# prints its pid, then waits to be killed.
_PARENT = """
import subprocess, sys, time
sys.path.insert(0, {tests!r})
from children import die_with_parent
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"],
                         preexec_fn=die_with_parent)
print(child.pid, flush=True)
time.sleep(120)
"""


def _gone(pid: int) -> bool:
    if not psutil.pid_exists(pid):
        return True
    return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_child_dies_when_the_test_process_is_killed() -> None:
    tests = os.path.dirname(__file__)
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT.format(tests=tests)], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    try:
        assert not _gone(child)
        parent.send_signal(signal.SIGKILL)  # no teardown runs
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while not _gone(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(child)
    finally:
        parent.kill()
        if not _gone(child):
            os.kill(child, signal.SIGKILL)
