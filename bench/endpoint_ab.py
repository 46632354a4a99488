"""``python -m bench.endpoint_ab REV [REV ...] [--reps 3] [--seconds 5]``: the endpoint of
several commits side by side, and Oxigraph, in one run.

Why: on a shared 2-core machine absolute rates drift with the other work on it; a change
to the request path is judged by the ratio to its parent measured in the same run, the
servers taking turns. Each REV's ``src/`` is exported (``git archive``) into a temporary
directory and ``digicoop serve`` runs from it (``PYTHONPATH``), over the same data
(``--data``, default ``graphs/digicoop.trig``) and the same named-query mix, with the same
harness as :mod:`bench.endpoint` (one worker, cache off, server on core 0, wrk on core 1):
the mix's rate, an ``ASK {}`` probe's latency while the mix runs, and ``ASK {}`` alone.
``--floor`` adds :mod:`bench.floor` (uvicorn answering a fixed body, doing nothing else) to
each round: the rate no Python front can pass, in the same run.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import tarfile
import tempfile
from pathlib import Path

from bench import endpoint
from bench.steps import mix

ROOT = Path(__file__).resolve().parents[1]


def export(revision: str, into: Path) -> Path:
    """``revision``'s ``src/`` under ``into``; returns the directory to put on PYTHONPATH."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], check=True, capture_output=True
    ).stdout
    target = into / revision.replace("/", "_")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.endpoint_ab", description=__doc__)
    parser.add_argument("revisions", nargs="+", help="commits to compare (e.g. main HEAD)")
    parser.add_argument("--data", type=Path, default=ROOT / "graphs" / "digicoop.trig")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--floor", action="store_true", help="add bench.floor to each round")
    args = parser.parse_args(argv)
    queries = list(mix().values())
    runs: dict[str, list[tuple[float, float, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as work:
        paths = {rev: export(rev, Path(work)) for rev in args.revisions}
        print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("| server | run | mix req/s | CPU µs/req | p50 ms | p99 ms | errors | ASK {} under "
              "the mix p50 / p99 ms | ASK {} alone req/s | load |")  # fmt: skip
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for run in range(args.reps):
            for name in [*args.revisions, "oxigraph", *(["asgi-floor"] if args.floor else [])]:
                server = name if name in {"oxigraph", "asgi-floor"} else "digicoop"
                if server == "digicoop":
                    os.environ["PYTHONPATH"] = str(paths[name])
                facts: dict[str, float] = {}
                try:
                    with endpoint.server(server, args.data, ROOT / "queries", 1, facts) as url:
                        load, probe = endpoint.drive_with_probe(
                            url, queries, args.seconds, pid=int(facts["pid"])
                        )
                        alone = endpoint.drive(url, ["ASK {}"], max(2.0, args.seconds / 2))
                finally:
                    os.environ.pop("PYTHONPATH", None)
                runs.setdefault(name, []).append((load.rps, probe.p99_ms, alone.rps, load.cpu_ms))
                print(
                    f"| {name} | {run + 1} | {load.rps:.0f} | {load.cpu_ms * 1000:.0f} | "
                    f"{load.p50_ms:.1f} | {load.p99_ms:.1f} | {load.errors} | "
                    f"{probe.p50_ms:.1f} / {probe.p99_ms:.1f} | {alone.rps:.0f} | "
                    f"{os.getloadavg()[0]:.1f} |",
                    flush=True,
                )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    base = statistics.median(r[0] for r in runs["oxigraph"])
    base_cpu = statistics.median(r[3] for r in runs["oxigraph"])
    for name, found in runs.items():
        rates = [r[0] for r in found]
        cpu = statistics.median(r[3] for r in found)
        ratios = ", ".join(
            f"{mine[0] / theirs[0]:.2f}"
            for mine, theirs in zip(found, runs["oxigraph"], strict=True)
        )
        print(
            f"{name}: mix median {statistics.median(rates):.0f} req/s (range {min(rates):.0f}"
            f"-{max(rates):.0f}), {statistics.median(rates) / base:.2f}x Oxigraph's median "
            f"(per run: {ratios}); CPU per request, median {cpu * 1000:.0f} µs "
            f"({base_cpu / cpu if cpu else 0:.2f}x Oxigraph's); "
            f"ASK {{}} p99 under the mix, median {statistics.median(r[1] for r in found):.1f} ms"
        )


if __name__ == "__main__":
    main()
