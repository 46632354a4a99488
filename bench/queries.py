"""``python -m bench.queries DATA [--copies K] [--against DIR]``: every named query, timed.

DATA is a built project root, a TriG or an N-Quads file; ``--copies K`` first replicates it K
times (:mod:`bench.scale`: ``500*`` is a built N = 20 copied 25 times). Each query of
``queries/`` runs in memory on pyoxigraph with its defaults bound, best of three; the table
gives milliseconds and rows, and how many are under the 100 ms target. ``--against DIR``
times the same-named queries of DIR too (for instance the files of an earlier commit, from
``git show REV:queries/NAME.rq``) on the same store in the same run, with the ratio and a
check that both give the same number of rows.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from bench.scale import replicate
from bench.steps import named
from digicoop.querylib import NamedQuery, parse_query_file


def _best(store: ox.Store, query: NamedQuery, repeats: int = 3) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        rows = len(
            list(
                store.query(  # type: ignore[arg-type]
                    query.bound_text({}),  # as the product runs them (NamedQuery.bound_text)
                    use_default_graph_as_union=True,
                    substitutions=query.bind({}),
                )
            )
        )
        best = min(best, time.perf_counter() - started)
    return best, rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.queries", description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--against", type=Path, default=None)
    args = parser.parse_args(argv)
    data = args.data / "graphs" / "digicoop.trig" if args.data.is_dir() else args.data
    store = ox.Store()
    if args.copies > 1:
        copied = Path(tempfile.mkdtemp(prefix="bench-queries-")) / "copies.nq"
        replicate(data, args.copies, copied)
        store.bulk_load(path=str(copied), format=ox.RdfFormat.N_QUADS)
    else:
        fmt = ox.RdfFormat.N_QUADS if data.suffix == ".nq" else ox.RdfFormat.TRIG
        store.bulk_load(path=str(data), format=fmt)
    print(f"{len(store)} quads; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        "| query | ms | rows |" + (" earlier ms | earlier / now | same rows |" * bool(args.against))
    )
    print("| --- | --- | --- |" + (" --- | --- | --- |" * bool(args.against)))
    fast = 0
    queries = named()
    for name, query in sorted(queries.items()):
        seconds, rows = _best(store, query)
        fast += seconds < 0.1
        line = f"| {name} | {seconds * 1000:.0f} | {rows} |"
        earlier = args.against / f"{name}.rq" if args.against else None
        if earlier is not None and earlier.is_file():
            then, then_rows = _best(store, parse_query_file(earlier))
            line += f" {then * 1000:.0f} | {then / seconds:.1f}x | {then_rows == rows} |"
        print(line, flush=True)
    print(f"{fast} of {len(queries)} named queries under 100 ms")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
