"""``python -m bench.user_build DIR [--n 500] [--jobs 2]``: the build of N agreements as a user
runs it, each step ``digicoop build`` in a process of its own (validation on unless said):
cold (compile, validate, publish graphs/, the on-disk store), nothing changed, one agreement
added and removed again with and without validation. Wall time, CPU and peak RSS per step
from ``/usr/bin/time``, the load average at each start. The figures of record of issue 15's
build targets (bench/results.md) are this, run on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import time
from pathlib import Path

from bench.synth import generate
from bench.synth.generate import manifest


def _step(root: Path, jobs: int, label: str, *extra: str) -> None:
    started, load = time.perf_counter(), os.getloadavg()[0]
    command = ["digicoop", "build", "--root", str(root), "--jobs", str(jobs), "-q", *extra]
    timed = ["/usr/bin/time", "-f", "%U s user, %S s sys, %M KiB peak", *command]
    done = subprocess.run(timed, capture_output=True, text=True, check=False)
    usage = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    wall = time.perf_counter() - started
    print(f"{label:32s} {wall:6.1f} s wall  exit {done.returncode}  load {load:.1f}  {usage}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="a scratch directory (emptied first)")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    entries = generate(args.n + 1, seed=1, out=args.dir)
    listed = args.dir / "corpus" / "manifest.toml"

    def use(count: int) -> None:
        listed.write_text(manifest(entries[:count]), encoding="utf-8")

    use(args.n)
    _step(args.dir, args.jobs, "cold")
    _step(args.dir, args.jobs, "nothing changed")
    for validate in ((), ("--no-validate",)):
        use(args.n + 1)
        _step(args.dir, args.jobs, " ".join(("one added", *validate)), *validate)
        use(args.n)
        _step(args.dir, args.jobs, " ".join(("one removed", *validate)), *validate)


if __name__ == "__main__":
    main()
