"""The endpoint comparison: digicoop serve vs oxigraph serve (in memory), oxigraph
serve-read-only (on disk) and rdflib-endpoint, on the same data in the same run; and
``asgi-floor`` (:mod:`bench.floor`), the Python HTTP server answering without doing anything,
the bound any Python front stays under.

Load generator: Debian's ``wrk`` (``bench/install-wrk.sh``: ``apt-get install -y wrk``), one
thread, 8 connections, a Lua script cycling through the query mix as GET requests. Why wrk:
it is written in C, so on a 2-core machine its one core is not the ceiling; a Python
asyncio + httpx client (the fallback when ``wrk`` is missing, so the benchmark still runs
with pip alone) tops out at a few hundred requests/s here, below every server, which would
make every ratio about 1.0x. ``ASK {}`` against each server shows its HTTP floor.
Each server is pinned to core 0 (``taskset``), the load generator to core 1.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import json
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
import psutil

from digicoop import disk_store

CONNECTIONS = 8
_MEDIA = {".trig": "application/trig", ".nq": "application/n-quads"}


@dataclass(frozen=True)
class Load:
    """Throughput and latency of one server under one request mix."""

    requests: int
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int = 0  # of the errors, answers with a status >= 400 (the rest: socket errors)
    cpu_ms: float = 0.0  # the server's CPU per request, where measured (drive_with_probe)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pinned(command: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *command] if shutil.which("taskset") else command


def _wait(url: str, seconds: float = 900.0, process: subprocess.Popen | None = None) -> None:  # type: ignore[type-arg]
    """Until ``url`` answers; gives up at once if ``process`` has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before answering")
        try:  # a query a worker answers (digicoop answers ASK {} without one)
            httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=60.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def server(
    name: str,
    trig: Path,
    queries: Path,
    workers: int = 1,
    facts: dict[str, float] | None = None,
    options: tuple[str, ...] = (),
) -> Iterator[str]:
    """Start one server over ``trig`` (a dataset file, or an on-disk store written by
    :mod:`digicoop.disk_store`, which ``oxigraph-ro`` then opens as it is); yield its SPARQL
    query URL; stop it. ``facts`` receives its ``pid`` and ``ready``, the seconds until it
    answered a query; ``options`` are more ``digicoop serve`` options (a variant's)."""
    port = _port()
    host = f"127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    on_disk = disk_store.is_store(trig)
    if name.startswith("digicoop"):
        cache = "0" if name == "digicoop" else "64000000"
        command = [sys.executable, "-m", "digicoop.cli", "serve", "--data", str(trig)]
        command += ["--port", str(port), "--queries", str(queries), "--workers", str(workers)]
        command += ["--cache-bytes", cache]
        # The load generator is one address standing for CONNECTIONS clients: without this the
        # per-client cap (2 by default) answers most of the mix with 429s, counted as errors.
        # Twice: a run's abandoned requests still count until they finish.
        command += ["--queries-per-client", str(2 * CONNECTIONS), *options]
        url = f"http://{host}/sparql"
    elif name == "oxigraph":
        command = ["oxigraph", "serve", "--bind", host, "--union-default-graph"]
        url = f"http://{host}/query"
    elif name == "oxigraph-ro" and on_disk:
        command = ["oxigraph", "serve-read-only", "--location", str(trig / "db"), "--bind", host]
        command += ["--union-default-graph"]
        url = f"http://{host}/query"
    elif name == "oxigraph-ro":
        subprocess.run(
            ["oxigraph", "load", "--location", str(work / "db"), "--file", str(trig)],
            check=True, capture_output=True,
        )  # fmt: skip
        command = ["oxigraph", "serve-read-only", "--location", str(work / "db"), "--bind", host]
        command += ["--union-default-graph"]
        url = f"http://{host}/query"
    elif name == "asgi-floor":  # the Python HTTP server doing nothing (bench/floor.py)
        command = [sys.executable, "-m", "bench.floor", str(port)]
        url = f"http://{host}/sparql"
    elif name == "rdflib-endpoint":
        command = ["rdflib-endpoint", "serve", str(trig), "--host", "127.0.0.1"]
        command += ["--port", str(port)]
        url = f"http://{host}/"  # rdflib-endpoint 0.6 serves SPARQL at its root
    else:
        raise ValueError(name)
    clock = time.perf_counter()
    process = subprocess.Popen(
        _pinned(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[1] if name == "asgi-floor" else None,
    )  # fmt: skip
    try:
        _wait(url, process=process)
        if facts is not None:
            facts.update(pid=process.pid, ready=time.perf_counter() - clock)
        if name == "oxigraph":  # in memory: loaded through its Graph Store endpoint
            httpx.post(
                f"http://{host}/store", content=trig.read_bytes(),
                headers={"Content-Type": _MEDIA[trig.suffix]}, timeout=1800,
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


_WRK_SCRIPT = """
local paths = %s
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept"] = "%s"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %%d, "errors": %%d, "status": %%d, "us": %%d, "p50": %%f, "p99": %%f}\\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout, e.status,
    summary.duration, latency:percentile(50), latency:percentile(99)))
end
"""


#: The probe's pause between requests (ms): a health check's pace, not a second load.
PROBE_DELAY_MS = 10


def _wrk_start(
    url: str,
    queries: list[str],
    seconds: float,
    connections: int = CONNECTIONS,
    delay_ms: int = 0,
    timeout: float = 2.0,
) -> tuple[subprocess.Popen[str], str]:
    """Start wrk cycling through ``queries``; (process, script path to delete after)."""
    base = httpx.URL(url)
    paths = [str(base.copy_with(params={"query": q}).raw_path, "ascii") for q in queries]
    lua = "{" + ", ".join(json.dumps(p) for p in paths) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_SCRIPT % (lua, "application/sparql-results+json"))
        if delay_ms:
            script.write(f"delay = function() return {delay_ms} end\n")
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "-s", script.name]
    command += ["--timeout", f"{max(1, round(timeout))}s"]  # slower answers count as errors
    command = (["taskset", "-c", "1"] if shutil.which("taskset") else []) + command
    process = subprocess.Popen(
        [*command, f"{base.scheme}://{base.host}:{base.port}/"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    return process, script.name


def _wrk_finish(started: tuple[subprocess.Popen[str], str], seconds: float) -> Load:
    process, script = started
    try:
        out, err = process.communicate(timeout=seconds + 60)
    finally:
        os.unlink(script)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args, out, err)
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    found = json.loads(line[4:])
    return Load(
        requests=found["requests"],
        errors=found["errors"],
        rps=found["requests"] / (found["us"] / 1e6),
        p50_ms=found["p50"] / 1000,
        p99_ms=found["p99"] / 1000,
        non_2xx=found["status"],
    )


def _wrk(url: str, queries: list[str], seconds: float) -> Load:
    return _wrk_finish(_wrk_start(url, queries, seconds), seconds)


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its living descendants.

    Why: on a machine shared with other work, a server's rate follows the share of the core
    it gets; the CPU it spends per request does not, so two servers' CPU per request under the
    same mix compares them even when their rates drift. (A descendant that exited meanwhile,
    a killed worker, takes its count with it: compare runs without kills.)
    """
    total = 0.0
    try:
        root = psutil.Process(pid)
        family = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    for process in family:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def drive_with_probe(
    url: str, queries: list[str], seconds: float, timeout: float = 2.0, pid: int | None = None
) -> tuple[Load, Load]:
    """The mix on CONNECTIONS connections and, at the same time, ``ASK {}`` on one more
    every PROBE_DELAY_MS: (mix, probe). The probe's latency is what a health check sees while
    the server is busy. Given the server's ``pid``, the mix's :attr:`Load.cpu_ms` is the CPU
    the server's processes spent per mix request (the probe's included)."""
    if not shutil.which("wrk"):
        raise RuntimeError("the probe needs wrk (bench/install-wrk.sh)")
    _wrk_finish(_wrk_start(url, queries, 1.0, timeout=timeout), timeout)  # warm-up
    # The warm-up leaves queries running that wrk no longer waits for (slow ones, on a large
    # dataset): let them finish, or they count against the next run.
    httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=timeout + 60)
    cpu = tree_cpu(pid) if pid else 0.0
    mix = _wrk_start(url, queries, seconds, timeout=timeout)
    probe = _wrk_start(url, ["ASK {}"], seconds, connections=1, delay_ms=PROBE_DELAY_MS)
    mixed, probed = _wrk_finish(mix, seconds + timeout), _wrk_finish(probe, seconds + timeout)
    if pid and mixed.requests:
        spent = (tree_cpu(pid) - cpu) * 1000 / mixed.requests
        mixed = dataclasses.replace(mixed, cpu_ms=spent)
    return mixed, probed


@dataclass(frozen=True)
class Work:
    """A fixed amount of work answered: requests, and the server's CPU and the wall per request."""

    requests: int
    cpu_ms: float
    wall_ms: float


async def _answer_all(url: str, work: list[str]) -> None:
    pending = collections.deque(work)
    headers = {"Accept": "application/sparql-results+json"}
    async with httpx.AsyncClient(timeout=600.0, headers=headers) as client:

        async def connection() -> None:
            while pending:
                reply = await client.get(url, params={"query": pending.popleft()})
                if reply.status_code != 200:
                    raise RuntimeError(f"{reply.status_code}: {reply.text[:200]}")

        await asyncio.gather(*(connection() for _ in range(CONNECTIONS)))


def fixed_work(url: str, queries: list[str], passes: int, pid: int) -> Work:
    """Every query ``passes`` times over CONNECTIONS connections (after one pass to warm up),
    the client on core 1; the CPU the server's processes spent per request.

    Why beside the timed mix: a window of wrk counts the requests that ended in it, while the
    CPU of those still running at its end (up to CONNECTIONS slow ones at 500 agreements) is
    counted too, and which queries fall in a short window varies; a fixed amount of the same
    work has neither error, so two servers' CPU per request compare run for run."""
    pinned = hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1
    before = os.sched_getaffinity(0) if pinned else set()
    if pinned:
        os.sched_setaffinity(0, {1})
    try:
        asyncio.run(_answer_all(url, queries))
        cpu, clock = tree_cpu(pid), time.perf_counter()
        asyncio.run(_answer_all(url, queries * passes))
        spent, elapsed = tree_cpu(pid) - cpu, time.perf_counter() - clock
    finally:
        if pinned:
            os.sched_setaffinity(0, before)  # as it was (a taskset or cgroup may narrow it)
    requests = len(queries) * passes
    return Work(requests, spent * 1000 / requests, elapsed * 1000 / requests)


def drive(url: str, queries: list[str], seconds: float) -> Load:
    """Run the load generator on core 1 (if there is one) for ``seconds``: wrk if present."""
    if shutil.which("wrk"):
        _wrk(url, queries, 1.0)  # warm-up
        return _wrk(url, queries, seconds)
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {1})
    try:
        asyncio.run(_drive(url, queries, 1.0))  # warm-up: connections, caches, JIT-free paths
        return asyncio.run(_drive(url, queries, seconds))
    finally:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))


def _tree_peak_mib(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and all its descendants, in MiB."""
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        proc = Path(f"/proc/{current}")
        try:
            status = (proc / "status").read_text()
            for task in (proc / "task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def serve_memory(data: Path, workers: int = 2) -> tuple[float, float]:
    """(seconds until ``digicoop serve`` answers, peak MiB of its process tree) over ``data``."""
    port = _port()
    command = [sys.executable, "-m", "digicoop.cli", "serve", "--data", str(data)]
    command += ["--port", str(port), "--workers", str(workers)]
    command += ["--queries", str(Path(__file__).resolve().parents[1] / "queries")]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/sparql", process=process)
        ready = time.perf_counter() - started
        httpx.get(
            f"http://127.0.0.1:{port}/sparql",
            params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"}, timeout=600,
        )  # fmt: skip
        return ready, _tree_peak_mib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


SERVERS = ("digicoop", "digicoop-cached", "oxigraph", "oxigraph-ro", "rdflib-endpoint")


def compare(
    trig: Path, queries: dict[str, str], seconds: float, servers: tuple[str, ...] = SERVERS
) -> dict[str, dict[str, Load]]:
    """server → {"mix": Load, "ask": Load, "probe": Load}: the mix, ``ASK {}`` alone, and
    (with wrk) ``ASK {}`` while the mix runs; a server that fails to start is left out."""
    results: dict[str, dict[str, Load]] = {}
    for name in servers:
        try:
            with server(name, trig, Path(__file__).resolve().parents[1] / "queries") as url:
                if shutil.which("wrk"):  # the mix with an ASK {} probe beside it
                    mixed, probe = drive_with_probe(url, list(queries.values()), seconds)
                    results[name] = {"mix": mixed, "probe": probe}
                else:
                    results[name] = {"mix": drive(url, list(queries.values()), seconds)}
                results[name]["ask"] = drive(url, ["ASK {}"], max(2.0, seconds / 2))
        except (RuntimeError, OSError, subprocess.CalledProcessError, httpx.HTTPError) as error:
            print(f"  {name}: not measured ({type(error).__name__}: {error})", file=sys.stderr)
    return results
