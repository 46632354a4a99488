"""The real ``digicoop build --jobs 2`` process: killed, it takes its workers with it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest


def wait_for_workers(build: psutil.Process, count: int, timeout: float = 120) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = build.children()
        if len(children) >= count:
            return [child.pid for child in children]
        time.sleep(0.01)
    raise AssertionError("the build never started its workers")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_build_leaves_no_workers_and_closes_the_callers_pipe(
    scratch_project: Path, sig: signal.Signals
) -> None:
    command = [sys.executable, "-m", "digicoop.cli", "build", "--root", str(scratch_project)]
    process = subprocess.Popen(
        [*command, "--jobs", "2", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        workers = wait_for_workers(psutil.Process(process.pid), 2)
        process.send_signal(sig)
        process.communicate(timeout=20)  # EOF on both pipes: nobody holds them any more
        deadline = time.monotonic() + 10
        while any(psutil.pid_exists(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = [pid for pid in workers if psutil.pid_exists(pid)]
        alive = [pid for pid in alive if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
        assert alive == []
    finally:
        process.kill()
        process.wait()
