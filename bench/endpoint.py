"""The endpoint comparison: digicoop serve vs oxigraph serve (in memory), oxigraph
serve-read-only (on disk) and rdflib-endpoint, on the same data in the same run.

Load generator: a Python asyncio + httpx client, 8 concurrent connections, round-robin over
the query mix, for a fixed duration. Why not Debian's ``wrk``: it is not installed here and
the brief keeps the benchmark runnable with pip alone in CI; the cost is a client ceiling
(one Python core, a few thousand requests/s), which ``ASK {}`` against each server shows, so
a ratio near that ceiling is reported as such rather than as the server's speed.
Each server is pinned to core 0 (``taskset``), the client to core 1.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

CONNECTIONS = 8


@dataclass(frozen=True)
class Load:
    """Throughput and latency of one server under one request mix."""

    requests: int
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pinned(command: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *command] if shutil.which("taskset") else command


def _wait(url: str, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def server(name: str, trig: Path, queries: Path) -> Iterator[str]:
    """Start one server over ``trig``; yield its SPARQL query URL; stop it."""
    port = _port()
    host = f"127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    if name.startswith("digicoop"):
        cache = "0" if name == "digicoop" else "64000000"
        command = [sys.executable, "-m", "digicoop.cli", "serve", "--data", str(trig)]
        command += ["--port", str(port), "--queries", str(queries), "--workers", "1"]
        command += ["--cache-bytes", cache]
        url = f"http://{host}/sparql"
    elif name == "oxigraph":
        command = ["oxigraph", "serve", "--bind", host, "--union-default-graph"]
        url = f"http://{host}/query"
    elif name == "oxigraph-ro":
        subprocess.run(
            ["oxigraph", "load", "--location", str(work / "db"), "--file", str(trig)],
            check=True, capture_output=True,
        )  # fmt: skip
        command = ["oxigraph", "serve-read-only", "--location", str(work / "db"), "--bind", host]
        command += ["--union-default-graph"]
        url = f"http://{host}/query"
    elif name == "rdflib-endpoint":
        command = ["rdflib-endpoint", "serve", str(trig), "--host", "127.0.0.1"]
        command += ["--port", str(port)]
        url = f"http://{host}/sparql"
    else:
        raise ValueError(name)
    process = subprocess.Popen(
        _pinned(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait(url)
        if name == "oxigraph":  # in memory: loaded through its Graph Store endpoint
            httpx.post(
                f"http://{host}/store", content=trig.read_bytes(),
                headers={"Content-Type": "application/trig"}, timeout=600,
            ).raise_for_status()  # fmt: skip
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)


async def _drive(url: str, queries: list[str], seconds: float) -> Load:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=CONNECTIONS, max_keepalive_connections=CONNECTIONS)
    headers = {"Accept": "application/sparql-results+json"}
    async with httpx.AsyncClient(limits=limits, timeout=60.0, headers=headers) as client:
        deadline = time.perf_counter() + seconds

        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < deadline:
                query = queries[i % len(queries)]
                i += 1
                started = time.perf_counter()
                try:
                    reply = await client.get(url, params={"query": query})
                    ok = reply.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(CONNECTIONS)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]
    return Load(
        requests=len(latencies),
        errors=errors,
        rps=len(latencies) / elapsed,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
    )


def drive(url: str, queries: list[str], seconds: float) -> Load:
    """Run the load generator on core 1 (if there is one) for ``seconds``."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {1})
    try:
        asyncio.run(_drive(url, queries, 1.0))  # warm-up: connections, caches, JIT-free paths
        return asyncio.run(_drive(url, queries, seconds))
    finally:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))


SERVERS = ("digicoop", "digicoop-cached", "oxigraph", "oxigraph-ro", "rdflib-endpoint")


def compare(
    trig: Path, queries: dict[str, str], seconds: float, servers: tuple[str, ...] = SERVERS
) -> dict[str, dict[str, Load]]:
    """server → {"mix": Load, "ask": Load}; a server that fails to start is left out."""
    results: dict[str, dict[str, Load]] = {}
    for name in servers:
        try:
            with server(name, trig, Path(__file__).parent / "queries") as url:
                results[name] = {
                    "mix": drive(url, list(queries.values()), seconds),
                    "ask": drive(url, ["ASK {}"], max(2.0, seconds / 2)),
                }
        except (RuntimeError, OSError, subprocess.CalledProcessError, httpx.HTTPError) as error:
            print(f"  {name}: not measured ({type(error).__name__}: {error})", file=sys.stderr)
    return results
