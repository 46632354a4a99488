"""``python -m bench.timeline ROOT [--jobs 2] [--no-validate] [--every 2]``: what a build runs
when, and on how many cores.

Runs ``pipeline.build`` of the project at ROOT (as ``digicoop build --jobs N`` does) in a
child process and samples, five times a second, every thread of it and of its children:
which are *runnable* (Linux's state ``R``: running, or waiting for a core) and the CPU each
has used. Processes are told apart as the build's own (``main``), its workers (compile's
and validation's forked pools: ``child``) and the on-disk store's loader (``loader``).
Prints the build's phases (its progress messages) with their start times, then per
interval the runnable threads and the cores used, per kind, and the load average.

Why runnable threads and not only CPU: on a machine others share, the cores a build gets
measure the others' load; the threads it has ready to run are its own demand. Where that
demand is under two, a quiet two-core machine would leave a core idle: the last line adds
those core-seconds up (the build's critical path waits on one core there).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("main", "child", "loader")
_LOADERS = (b"_load_apart", b"_load_fed")
_CHILD = """
import sys, time
from pathlib import Path
from digicoop.paths import Paths
from digicoop.pipeline import build

def progress(message):
    if not message.startswith(("segment ", "annotate ")):  # one per agreement: too many
        print(f"PHASE {time.time():.3f} {message}", file=sys.stderr, flush=True)

build(Paths(Path(sys.argv[1])), validate=sys.argv[3] == "1", jobs=int(sys.argv[2]),
      progress=progress)
print(f"PHASE {time.time():.3f} done", file=sys.stderr, flush=True)
"""


@dataclass
class Interval:
    """What the samples of one interval saw: runnable threads summed over the samples, and
    CPU seconds used, per kind of process."""

    samples: int = 0
    runnable: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    load: float = 0.0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc: each task's children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return found


def _kind(pid: int, main: int) -> str:
    if pid == main:
        return "main"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            command = handle.read()
    except OSError:
        return "child"
    return "loader" if any(name in command for name in _LOADERS) else "child"


def _threads(pid: int) -> list[tuple[str, str, float, float]]:
    """Each thread of ``pid``: its id, its state letter and the CPU seconds it has used, in
    all and in the kernel."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        user, kernel = int(fields[11]) / ticks, int(fields[12]) / ticks
        found.append((f"{pid}/{task}", fields[0], user + kernel, kernel))
    return found


def run(root: Path, jobs: int, validate: bool, every: float) -> None:
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(root), str(jobs), "1" if validate else "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    phases: list[tuple[float, str]] = []

    def read_phases() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            if line.startswith("PHASE "):
                _, at, message = line.rstrip().split(" ", 2)
                phases.append((float(at) - started, message))
            else:
                sys.stderr.write(line)

    reader = threading.Thread(target=read_phases, daemon=True)
    reader.start()
    kinds: dict[int, str] = {}
    used: dict[str, float] = {}
    intervals: dict[int, Interval] = {}
    totals: dict[str, float] = {}  # CPU seconds used so far, per kind (and "KIND sys")
    kernel_used: dict[str, float] = {}
    marks: list[tuple[float, dict[str, float]]] = []  # (seconds in, totals then): per sample
    while child.poll() is None:
        now = time.time() - started
        interval = intervals.setdefault(int(now // every), Interval())
        interval.samples += 1
        interval.load = os.getloadavg()[0]
        for pid in _tree(child.pid):
            kind = kinds.setdefault(pid, _kind(pid, child.pid))
            for thread, state, cpu, kernel in _threads(pid):
                if state == "R":
                    interval.runnable[kind] = interval.runnable.get(kind, 0) + 1
                interval.cpu[kind] = interval.cpu.get(kind, 0) + cpu - used.get(thread, 0.0)
                totals[kind] = totals.get(kind, 0) + cpu - used.get(thread, 0.0)
                system = f"{kind} sys"
                totals[system] = totals.get(system, 0) + kernel - kernel_used.get(thread, 0.0)
                used[thread], kernel_used[thread] = cpu, kernel
        marks.append((now, dict(totals)))
        time.sleep(0.2)
    reader.join()
    wall = time.time() - started
    print(f"{root}: exit {child.returncode}, {wall:.1f} s wall")
    for at, message in phases:
        print(f"  {at:7.2f} s  {message}")
    print(f"\n| from s | runnable: {' / '.join(KINDS)} | cores used: {' / '.join(KINDS)} | load |")
    print("| --- | --- | --- | --- |")
    idle = 0.0
    for index in sorted(intervals):
        interval = intervals[index]
        ready = [interval.runnable.get(kind, 0) / interval.samples for kind in KINDS]
        cores = [interval.cpu.get(kind, 0) / every for kind in KINDS]
        idle += max(0.0, 2 - sum(ready)) * every
        print(
            f"| {index * every:.0f} | {' / '.join(f'{r:.1f}' for r in ready)} | "
            f"{' / '.join(f'{c:.2f}' for c in cores)} | {interval.load:.1f} |"
        )
    print(f"\ncore-seconds a quiet two-core machine would leave idle (demand under 2): {idle:.1f}")
    print(f"\n{_phases_cpu(phases, marks)}")


def _phases_cpu(
    phases: list[tuple[float, str]], marks: list[tuple[float, dict[str, float]]]
) -> str:
    """A table of the CPU seconds each kind of process used from each phase's start to the
    next's (as sampled: a thread's last fifth of a second before it ends is not seen), and in
    all. Why: on a shared machine the phases' wall times measure the load; their CPU is the
    build's own cost, the figure a change to one phase moves."""

    def at(seconds: float) -> dict[str, float]:
        before = [totals for when, totals in marks if when <= seconds]
        return before[-1] if before else {}

    lines = [
        f"| phase | CPU s: {' / '.join(KINDS)} | all | of which in the kernel |",
        "| --- | --- | --- | --- |",
    ]
    bounds = [(0.0, "start"), *phases]
    ends = [when for when, _ in bounds[1:]] + [float("inf")]
    for (begin, name), end in zip(bounds, ends, strict=True):
        first, last = at(begin), at(end)
        used = [last.get(kind, 0.0) - first.get(kind, 0.0) for kind in KINDS]
        kernel = [last.get(f"{k} sys", 0.0) - first.get(f"{k} sys", 0.0) for k in KINDS]
        lines.append(
            f"| {name} | {' / '.join(f'{u:.1f}' for u in used)} | {sum(used):.1f} | "
            f"{' / '.join(f'{u:.1f}' for u in kernel)} |"
        )
    total = marks[-1][1] if marks else {}
    whole = [total.get(kind, 0.0) for kind in KINDS]
    kernel = [total.get(f"{kind} sys", 0.0) for kind in KINDS]
    lines.append(
        f"| all | {' / '.join(f'{u:.1f}' for u in whole)} | {sum(whole):.1f} | "
        f"{' / '.join(f'{u:.1f}' for u in kernel)} |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.timeline", description=__doc__)
    parser.add_argument("root", type=Path, help="a project (built there: use a copy)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--every", type=float, default=2.0, help="seconds per table row")
    args = parser.parse_args(argv)
    run(args.root.resolve(), args.jobs, not args.no_validate, args.every)


if __name__ == "__main__":
    main()
