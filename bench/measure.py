"""Run one step in a child process and measure its wall time and peak memory.

Why a child per step: peak RSS (``ru_maxrss``) is only meaningful for a fresh process, and a
step that leaks or caches cannot flatter the next one. The step reports its own peak.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field


@dataclass
class Measure:
    """Wall seconds, peak resident MiB, exit status and whatever JSON the step printed."""

    seconds: float
    peak_mib: float
    status: int
    extra: dict[str, object] = field(default_factory=dict)
    error: str = ""


def run(command: list[str], timeout: float = 900.0, cwd: str | None = None) -> Measure:
    """Run ``command``; its last stdout line, if JSON, becomes ``extra``."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, text=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        err = f"timed out after {timeout:g} s"
    seconds = time.perf_counter() - started
    extra: dict[str, object] = {}
    lines = out.strip().splitlines()
    if lines:
        with contextlib.suppress(json.JSONDecodeError):
            extra = json.loads(lines[-1])
    peak = float(extra.pop("peak_mib", 0.0) or 0.0)  # type: ignore[arg-type]
    error = "" if process.returncode == 0 else (err.strip().splitlines() or ["?"])[-1][:160]
    return Measure(seconds, peak, process.returncode, extra, error)


def step(*args: str) -> list[str]:
    """The command line of a ``bench.steps`` step (each reports its own peak memory)."""
    return [sys.executable, "-m", "bench.steps", *args]


def peak_mib() -> float:
    """This process's peak resident set so far, in MiB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(**values: object) -> None:
    """The step's last line: its measurements and its own peak memory, as JSON."""
    print(json.dumps({**values, "peak_mib": round(peak_mib(), 1)}), flush=True)


__all__ = ["Measure", "peak_mib", "report", "run", "step"]
