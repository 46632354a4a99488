"""``python -m bench.serving --copies 100,1000``: serving large datasets from the on-disk store.

For each K, a dataset of K renamed copies of a built dataset's agreements
(:func:`bench.scale.replicate`; the default is the project's ``graphs/digicoop.trig``, five
agreements, so ``--copies 1000`` is "5000*"), written once as an on-disk store
(:func:`digicoop.disk_store.write_file`, what ``build`` does above its threshold) under
``bench/work/``, reused while the data and :mod:`bench.scale` are unchanged. Then, on the same store:

1. **start-up and memory**: ``digicoop serve --data STORE --workers W``: seconds until it
   answers a query that needs a worker; resident memory summed over the server and all its
   workers (RSS, and PSS, which shares pages mapped by several processes out between them),
   at start and after the mix, read with psutil;
2. **throughput**: the named-query mix (8 wrk connections) with an ``ASK {}`` probe on a
   ninth, against ``digicoop`` (answer cache off) and ``oxigraph serve-read-only`` on the
   same RocksDB files, each pinned to core 0 as in :mod:`bench.endpoint`.

Nothing is downloaded; generating a dataset is this command, so every figure can be redone.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from bench import endpoint
from bench.scale import replicate
from bench.steps import mix
from digicoop import disk_store

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(__file__).parent / "work"


def _sha256(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


def dataset(data: Path, copies: int) -> tuple[Path, int, float]:
    """The on-disk store of ``copies`` copies of ``data``: (store, quads, seconds to make it;
    0 if an earlier run made it from the same data)."""
    target = WORK / f"serving-{data.stem}-x{copies}"
    stamp = target / "source.sha256"
    # the data and the copying code: a store made by an earlier bench.scale is made again
    source = _sha256(data) + _sha256(Path(replicate.__code__.co_filename))
    if disk_store.is_store(target) and stamp.is_file() and stamp.read_text() == source:
        return target, disk_store.info(target).quads, 0.0
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    copied = WORK / f"serving-{data.stem}-x{copies}.nq"
    try:
        replicate(data, copies, copied)
        disk_store.write_file(copied, target, disk_store.ox.RdfFormat.N_QUADS)
    finally:
        copied.unlink(missing_ok=True)
    stamp.write_text(source)
    return target, disk_store.info(target).quads, time.perf_counter() - started


def tree_memory(pid: int) -> tuple[float, float, int]:
    """(RSS MiB, PSS MiB, processes) summed over ``pid`` and its descendants."""
    rss = pss = 0.0
    try:
        root = psutil.Process(pid)
        family = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0, 0
    for process in family:
        try:
            full = process.memory_full_info()
        except psutil.Error:
            continue
        rss += full.rss / 2**20
        pss += getattr(full, "pss", full.rss) / 2**20
    return rss, pss, len(family)


def _variant(text: str) -> tuple[str, tuple[str, ...]]:
    """``LABEL=OPTIONS`` as (label, the options split as a shell would)."""
    label, _, options = text.partition("=")
    if not label or label == "oxigraph-ro":
        raise SystemExit(f"--variant {text!r}: expected LABEL=OPTIONS with a label of its own")
    return label, tuple(shlex.split(options))


def _rounds(
    store: Path, variants: dict[str, tuple[str, ...]], args: argparse.Namespace
) -> Iterator[tuple[str, int, dict[str, float], str]]:
    """Each server in turn, the variants then Oxigraph, ``args.repeat`` rounds: (label, run,
    facts, query URL) while that server runs (it stops when the next is asked for)."""
    for run in range(1, args.repeat + 1):
        for label in (*variants, "oxigraph-ro"):
            name, options = ("digicoop", variants[label]) if label in variants else (label, ())
            facts: dict[str, float] = {}
            with endpoint.server(
                name, store, ROOT / "queries", args.workers, facts, options
            ) as url:
                yield label, run, facts, url


def _fixed(store: Path, variants: dict[str, tuple[str, ...]], args: argparse.Namespace) -> None:
    """The fixed-work table: each server in turn, ``args.repeat`` rounds."""
    queries = list(mix().values())
    print(f"fixed work: the {len(queries)} queries of the mix x {args.passes}, 8 connections")
    print("| server | run | requests | CPU ms/req | wall ms/req | load |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, run, facts, url in _rounds(store, variants, args):
        work = endpoint.fixed_work(url, queries, args.passes, int(facts["pid"]))
        print(
            f"| {label} | {run} | {work.requests} | {work.cpu_ms:.1f} | "
            f"{work.wall_ms:.1f} | {os.getloadavg()[0]:.1f} |",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.serving", description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "graphs" / "digicoop.trig")
    parser.add_argument("--copies", default="100,1000", help="comma-separated K (default 100,1000)")
    parser.add_argument("--workers", type=int, default=4, help="digicoop query workers (4)")
    parser.add_argument("--seconds", type=float, default=10.0, help="per mix run (10)")
    parser.add_argument("--timeout", type=float, default=30.0, help="wrk's per-request timeout")
    parser.add_argument("--repeat", type=int, default=2, help="mix runs per server (2)")
    parser.add_argument("--keep", action="store_true", help="keep the stores in bench/work/")
    parser.add_argument(
        "--variant", action="append", default=[], metavar="LABEL=OPTIONS",
        help="a digicoop serve variant measured in the same runs, e.g. "
        "'four-running=--running-queries 4' (repeatable; default: digicoop as it is)",
    )  # fmt: skip
    parser.add_argument(
        "--passes", type=int, default=0, metavar="N",
        help="instead of the timed mix with the probe, answer every query of the mix N times "
        "(fixed work: CPU per request without a window's edges; see bench.endpoint.fixed_work)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    variants = dict(_variant(text) for text in args.variant) or {"digicoop": ()}
    queries = list(mix().values())
    agreements = 5 if args.data.name == "digicoop.trig" else None
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for copies in (int(k) for k in args.copies.split(",")):
        store, quads, made = dataset(args.data, copies)
        label = f"{agreements * copies}*" if agreements else f"x{copies}"
        size = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**30
        print(f"\n## {label}: {quads} quads, store {size:.2f} GiB (made in {made:.0f} s)")
        if args.passes:
            _fixed(store, variants, args)
            continue
        print("| server | run | ready s | RSS MiB (start/after) | PSS MiB (start/after) | "
              "mix req/s | CPU ms/req | p50 ms | p99 ms | errors | ASK {} probe p50/p99 ms | "
              "load |")  # fmt: skip
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for server, run, facts, url in _rounds(store, variants, args):
            rss0, pss0, count = tree_memory(int(facts["pid"]))
            load, probe = endpoint.drive_with_probe(
                url, queries, args.seconds, args.timeout, int(facts["pid"])
            )
            rss1, pss1, _ = tree_memory(int(facts["pid"]))
            print(
                f"| {server} ({count} processes) | {run} | {facts['ready']:.2f} | "
                f"{rss0:.0f} / {rss1:.0f} | {pss0:.0f} / {pss1:.0f} | {load.rps:.1f} | "
                f"{load.cpu_ms:.1f} | {load.p50_ms:.1f} | {load.p99_ms:.1f} | "
                f"{load.errors} ({load.non_2xx} 4xx/5xx) | "
                f"{probe.p50_ms:.1f} / {probe.p99_ms:.1f} | {os.getloadavg()[0]:.1f} |",
                flush=True,
            )
        if not args.keep:
            shutil.rmtree(store, ignore_errors=True)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
