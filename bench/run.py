"""``python -m bench.run --sizes 5,50,500``: the benchmark, one command, one table.

For each N: generate the synthetic corpus (bench.synth), then time each step in a fresh
child process (bench.steps): build (``--no-validate``), validate (pyshacl, the real CLI),
load (rdflib vs pyoxigraph), each query of the mix in-process (pyoxigraph vs rdflib), and the
endpoint under 8 connections against its peers (bench.endpoint). Ratios compare peers
measured in the same run. ``--write`` records the run and the machine in bench/results.md.
Steps known to be too slow at a size are skipped with the reason printed, never silently.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import endpoint, measure
from bench.scale import replicate
from bench.steps import mix
from bench.synth import generate

WORK = Path(__file__).parent / "work"
Row = tuple[str, str, str, str, str]


def _fmt(m: measure.Measure) -> tuple[str, str]:
    if m.status != 0 and not m.extra:
        return "failed", m.error
    return f"{m.seconds:.2f} s", f"{m.peak_mib:.0f} MiB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b else "-"


Queries = dict[str, dict[str, tuple[float, float | None]]]  # name → N → (pyoxigraph s, rdflib s)


def _query_rows(n: str, oxq: dict, rdq: dict, rows: list[Row], queries: Queries) -> None:
    """One summary row per N; each query's time goes to the per-query table."""
    total = sum(float(v) for v in oxq.values())
    for name in mix():
        rd = float(rdq[name]) if name in rdq else None
        queries.setdefault(name, {})[n] = (float(oxq.get(name, 0.0)), rd)
    slowest = max(oxq, key=lambda k: float(oxq[k])) if oxq else "-"
    note = f"slowest {slowest}"
    if rdq:
        rd_total = sum(float(v) for v in rdq.values())
        note += f"; rdflib {rd_total:.2f} s = {_ratio(rd_total, total)}"
    rows.append((n, f"{len(oxq)} named queries, pyoxigraph", f"{total * 1000:.1f} ms", "", note))


def bench_size(
    n: int, args: argparse.Namespace, rows: list[Row], slopes: dict, queries: Queries
) -> None:
    root = WORK / f"n{n}-s{args.seed}"
    generate(n, args.seed, root)
    build = None
    if n <= args.serial_max:
        build = measure.run(measure.step("build", str(root), "--no-validate", "-q"))
        slopes.setdefault("build", []).append((n, build.seconds))
        rows.append((str(n), "build (no validation)", *_fmt(build), build.error))
    if args.jobs > 1:
        par = measure.run(
            measure.step("build", str(root), "--no-validate", "-q", "--jobs", str(args.jobs))
        )
        slopes.setdefault(f"build --jobs {args.jobs}", []).append((n, par.seconds))
        note = _ratio(build.seconds, par.seconds) + " the one-process speed" if build else ""
        rows.append((str(n), f"build --jobs {args.jobs}", *_fmt(par), note or par.error))
    if n <= args.validate_max:
        val = measure.run(measure.step("validate", str(root), "--format", "json"))
        slopes.setdefault("validate", []).append((n, val.seconds))
        note = "conforms" if val.extra.get("status") == 0 else "Violations found (exit 1)"
        rows.append((str(n), "validate (pyshacl + quotes)", *_fmt(val), note))
    else:
        rows.append((str(n), "validate", "skipped", "", f"N > --validate-max {args.validate_max}"))
    ox_load = measure.run(measure.step("load-oxigraph", str(root)))
    quads = ox_load.extra.get("quads", "?")
    rows.append((str(n), "load pyoxigraph", *_fmt(ox_load), f"{quads} quads"))
    if n <= args.rdflib_max:
        rd_load = measure.run(measure.step("load-rdflib", str(root)))
        ratio = _ratio(rd_load.seconds, ox_load.seconds)
        rows.append((str(n), "load rdflib", *_fmt(rd_load), f"{ratio} pyoxigraph's time"))
    oxq = measure.run(measure.step("queries-oxigraph", str(root))).extra
    rdq = (
        measure.run(measure.step("queries-rdflib", str(root))).extra if n <= args.rdflib_max else {}
    )
    _query_rows(str(n), oxq, rdq, rows, queries)
    if n in args.endpoint_sizes:
        trig = root / "graphs" / "digicoop.trig"
        _endpoint_rows(str(n), endpoint.compare(trig, mix(), args.seconds), rows)


def _endpoint_rows(n: str, found: dict[str, dict[str, endpoint.Load]], rows: list[Row]) -> None:
    base = found.get("oxigraph", {}).get("mix")
    for name, loads in found.items():
        mix_load, ask = loads["mix"], loads["ask"]
        vs = f"{_ratio(mix_load.rps, base.rps)} oxigraph" if base else ""
        if "probe" in loads:
            vs += f"; ASK {{}} under the mix p99 {loads['probe'].p99_ms:.0f} ms"
        rows.append((
                n, f"endpoint {name}", f"{mix_load.rps:.0f} req/s",
                f"p50 {mix_load.p50_ms:.0f} p99 {mix_load.p99_ms:.0f} ms",
                f"{vs}; ASK {{}} {ask.rps:.0f} req/s p99 {ask.p99_ms:.0f} ms; errors {mix_load.errors}",
            ))  # fmt: skip


def bench_replicated(
    target: int, args: argparse.Namespace, rows: list[Row], queries: Queries
) -> None:
    """Load, query and serve a dataset of ``target`` agreements made by copying the largest build."""
    n = max(int(s) for s in args.sizes.split(","))
    copies = max(1, target // n)
    data = WORK / f"replicated-{n * copies}.nq"
    quads = replicate(WORK / f"n{n}-s{args.seed}" / "graphs" / "digicoop.trig", copies, data)
    label = f"{n * copies}*"
    load = measure.run(measure.step("load-oxigraph", str(data)))
    rows.append(
        (label, "load pyoxigraph", *_fmt(load), f"{quads} quads ({copies} copies of N={n})")
    )
    oxq = measure.run(measure.step("queries-oxigraph", str(data)), timeout=args.query_timeout).extra
    _query_rows(label, oxq, {}, rows, queries)
    ready, peak = endpoint.serve_memory(data, workers=1)
    rows.append((label, "serve (1 worker): ready", f"{ready:.1f} s", f"{peak:.0f} MiB", "peak RSS of the process tree"))  # fmt: skip
    if n * copies in args.endpoint_sizes:
        _endpoint_rows(label, endpoint.compare(data, mix(), args.seconds), rows)


def slope(points: list[tuple[int, float]]) -> str:
    """Least-squares seconds per agreement, and the ratio of the last to the first per-N cost."""
    if len(points) < 2:
        return "-"
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    growth = (ys[-1] / xs[-1]) / (ys[0] / xs[0])
    return f"{b:.3f} s/agreement; per-agreement cost at N={xs[-1]} is {growth:.2f}x N={xs[0]}"


def _query_cells(by_n: dict[str, tuple[float, float | None]], sizes: list[str]) -> list[str]:
    cells = []
    for n in sizes:
        ox_s, rd = by_n.get(n, (0.0, None))
        cells.append(f"{ox_s * 1000:.2f}" + (f" (rdflib {_ratio(rd, ox_s)})" if rd else ""))
    return cells


def query_table(queries: Queries) -> Table:
    """Each named query: pyoxigraph ms at each N, and rdflib's time as a multiple."""
    sizes = list(next(iter(queries.values()), {}))
    table = Table(title="named queries in-process: pyoxigraph ms (rdflib as a multiple)")
    table.add_column("query")
    for n in sizes:
        table.add_column(f"N={n}", justify="right")
    for name, by_n in queries.items():
        table.add_row(name, *_query_cells(by_n, sizes))
    return table


def machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"load average at start {load[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", default="5,50", help="comma-separated N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="also time build --jobs J (1: off)")
    parser.add_argument("--serial-max", type=int, default=50, help="one-process build up to N")
    parser.add_argument("--validate-max", type=int, default=5, help="pyshacl above this is skipped")
    parser.add_argument("--rdflib-max", type=int, default=50, help="rdflib peers up to this N")
    parser.add_argument("--endpoint-sizes", default="5", help="N at which to load-test endpoints")
    parser.add_argument("--seconds", type=float, default=5.0, help="load-test duration per server")
    parser.add_argument(
        "--replicate", default="", help="also load/query/serve N* (copies), e.g. 500,5000"
    )
    parser.add_argument("--query-timeout", type=float, default=300.0, help="for N* query steps")
    parser.add_argument("--write", action="store_true", help="record the run in bench/results.md")
    args = parser.parse_args(argv)
    args.endpoint_sizes = {int(s) for s in args.endpoint_sizes.split(",") if s}
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[Row] = []
    slopes: dict[str, list[tuple[int, float]]] = {}
    queries: Queries = {}
    started = time.time()
    host = machine()
    for n in sizes:
        print(f"N={n} …", file=sys.stderr, flush=True)
        bench_size(n, args, rows, slopes, queries)
        if args.write:  # after every size, so a long run that is stopped still leaves its rows
            write_results(rows, queries, {}, host, " ".join(sys.argv[1:]), time.time() - started)
    for target in [int(s) for s in args.replicate.split(",") if s]:
        print(f"N={target} (replicated) …", file=sys.stderr, flush=True)
        bench_replicated(target, args, rows, queries)
    table = Table(title=f"digicoop benchmark ({host})")
    for column in ("N", "step", "time / rate", "peak memory / latency", "ratio / note"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console = Console(width=200)
    console.print(table)
    console.print(query_table(queries))
    growth = {name: slope(points) for name, points in slopes.items()}
    for name, text in growth.items():
        console.print(f"{name}: {text}")
    if args.write:
        write_results(rows, queries, growth, host, " ".join(sys.argv[1:]), time.time() - started)


def write_results(
    rows: list[Row], queries: Queries, growth: dict[str, str], host: str, argv: str, took: float
) -> None:
    lines = [
        "# Benchmark results (latest run)", "",
        f"Command: `python -m bench.run {argv}` ({took / 60:.1f} min). Machine: {host}.", "",
        "| N | step | time / rate | peak memory / latency | ratio / note |",
        "| --- | --- | --- | --- | --- |",
        *(f"| {' | '.join(row)} |" for row in rows), "",
        *(f"- {name}: {text}" for name, text in growth.items()), "",
    ]  # fmt: skip
    sizes = list(next(iter(queries.values()), {}))
    lines += ["| query | " + " | ".join(f"N={n} (ms)" for n in sizes) + " |"]
    lines += ["| --- |" + " --- |" * len(sizes)]
    lines += [
        f"| {name} | " + " | ".join(_query_cells(b, sizes)) + " |" for name, b in queries.items()
    ]
    lines.append("")
    path = Path(__file__).parent / "results.md"
    notes = path.read_text(encoding="utf-8").split("<!-- notes -->", 1) if path.exists() else []
    tail = "<!-- notes -->" + notes[1] if len(notes) == 2 else ""
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
