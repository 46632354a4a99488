"""The endpoint's limits under load, on loopback: do cheap requests stay fast, does memory stay bounded?

``python -m bench.load [--data graphs/digicoop.trig] [--write]``

Starts ``digicoop serve`` on 127.0.0.1 with five workers (four long-query slots) and the
answer cache off, so every ``ASK {}`` goes to a worker, then measures two things:

1. **Cheap under heavy load.** The cheap requests alone for 8 s (the machine's own noise),
   then again while four cartesian ``COUNT(*)`` queries run at once, each from its
   own loopback address (127.0.0.2-5: the per-client cap counts by address) until the
   timeout stops them; meanwhile ``ASK {}`` (uncached), the query page ``/`` and a named
   query are requested one after another from a fifth address: their p50/p99/max latency.
2. **Memory under two sorts.** ``SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f`` twice at
   once: the server's resident memory (server process plus workers), sampled every 50 ms,
   against the configured bound (each worker's loaded size + ``--query-memory-bytes``).

Nothing leaves loopback. ``--write`` replaces ``bench/load-results.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
HEAVY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORT = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
TIMEOUT = 20.0
MEMORY = 1_000_000_000


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(data: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    command = [
        sys.executable, "-m", "digicoop.cli", "serve", "--data", str(data),
        "--port", str(port), "--workers", "5", "--cache-bytes", "0",
        "--timeout", str(TIMEOUT), "--query-memory-bytes", str(MEMORY),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the server did not start:\n{log.read_text()}")


def client(url: str, address: str) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=url, transport=transport, timeout=120)


def query(url: str, address: str, text: str) -> tuple[int, float]:
    started = time.monotonic()
    with client(url, address) as http:
        status = http.get("/sparql", params={"query": text}).status_code
    return status, time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cheap_requests(url: str, seconds: float, stop: Callable[[], bool]) -> dict[str, list[float]]:
    """Latencies (ms) of each cheap request kind, one after another from 127.0.0.9."""
    named = httpx.get(f"{url}/queries").json()[0]["url"]
    cheap = {
        "ASK {} (uncached)": lambda http: http.get("/sparql", params={"query": "ASK {}"}),
        "query page /": lambda http: http.get("/"),
        f"named query {named}": lambda http: http.get(named),
    }
    latencies: dict[str, list[float]] = {name: [] for name in cheap}
    with client(url, "127.0.0.9") as http:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not stop():
            for name, request in cheap.items():
                started = time.monotonic()
                response = request(http)
                if response.status_code != 200:
                    raise SystemExit(f"{name}: {response.status_code} {response.text[:200]}")
                latencies[name].append((time.monotonic() - started) * 1000)
    return latencies


def summary(latencies: dict[str, list[float]]) -> dict[str, tuple[int, float, float, float]]:
    return {
        name: (len(v), statistics.median(v), percentile(v, 0.99), max(v))
        for name, v in latencies.items()
    }


def cheap_under_heavy(url: str) -> dict[str, object]:
    """Phase 1 (see module doc): cheap latencies alone, then while four heavy queries run."""
    alone = cheap_requests(url, 8, lambda: False)
    with ThreadPoolExecutor(4) as pool:
        heavy = [pool.submit(query, url, f"127.0.0.{n}", HEAVY) for n in range(2, 6)]
        time.sleep(3)  # past --long-query-seconds: all four hold long-query slots
        during = cheap_requests(url, TIMEOUT - 6, lambda: any(f.done() for f in heavy))
        heavy_results = [future.result() for future in heavy]
    return {"heavy": heavy_results, "alone": summary(alone), "during": summary(during)}


def resident(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
    return total


def memory_under_sorts(url: str, server: psutil.Process) -> dict[str, object]:
    """Phase 2 (see module doc): baseline and peak resident memory, the sorts' answers."""
    time.sleep(3)  # workers killed in phase 1 are replaced
    baseline = resident(server)
    peak = baseline
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, resident(server))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    with ThreadPoolExecutor(2) as pool:
        sorts = [pool.submit(query, url, f"127.0.0.{n}", SORT) for n in (20, 21)]
        results = [future.result() for future in sorts]
    done.set()
    sampler.join()
    return {"baseline": baseline, "peak": peak, "sorts": results}


def report(phase1: dict[str, object], phase2: dict[str, object], data: Path) -> str:
    lines = [
        "# Endpoint limits under load (`python -m bench.load`)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB; data `{data.name}`; "
        f"`serve --workers 5 --cache-bytes 0 --timeout {TIMEOUT:g}`, loopback only.",
        "",
        "## Cheap requests alone, then while four heavy queries run",
        "",
        f"Load average of the shared machine at the start: {phase1['load']}.",
        f"Heavy: `{HEAVY}` from four addresses at once; (status, seconds): {phase1['heavy']}.",
        "",
        "| request | load | n | p50 ms | p99 ms | max ms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label in ("alone", "during"):
        latency = phase1[label]
        assert isinstance(latency, dict)
        for name, (n, p50, p99, worst) in latency.items():
            shown = "four heavy" if label == "during" else "none"
            lines.append(f"| {name} | {shown} | {n} | {p50:.1f} | {p99:.1f} | {worst:.1f} |")
    mib = 2**20
    baseline, peak = int(phase2["baseline"]), int(phase2["peak"])  # type: ignore[call-overload]
    bound = baseline + 2 * MEMORY
    lines += [
        "",
        "## Memory while the ORDER BY query runs twice at once",
        "",
        f"`{SORT}`, twice at once; (status, seconds): {phase2['sorts']}.",
        "",
        f"Server + workers resident: {baseline / mib:.0f} MiB before, peak {peak / mib:.0f} MiB; "
        f"bound (before + 2 x {MEMORY / mib:.0f} MiB query memory): {bound / mib:.0f} MiB.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "graphs" / "digicoop.trig")
    parser.add_argument("--write", action="store_true", help="write bench/load-results.md")
    args = parser.parse_args()
    log = Path("/tmp") / f"digicoop-bench-load-{os.getpid()}.log"
    process, url = start(args.data, log)
    try:
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        phase1 = {**cheap_under_heavy(url), "load": load}
        phase2 = memory_under_sorts(url, psutil.Process(process.pid))
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = report(phase1, phase2, args.data)
    print(text)
    if args.write:
        (ROOT / "bench" / "load-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
