"""``python -m bench.build --sizes 10,40 [--jobs 2]``: the build's stages at several sizes.

For each N (a synthetic corpus from :mod:`bench.synth`), in one process: text reuse, annotate
+ assemble + write (``compile_graphs``), loading the dataset into Oxigraph, validation (the
fast engine and the quote check) and writing the on-disk store; quads per agreement (own
graph, and share of the shared graph). Peer in the same run: rdflib's Turtle serialiser on the
same agreement graphs (what the build used before), as a ratio to our writer. The last
lines give each stage's per-agreement cost at the largest N over the smallest (1.0 = linear).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from bench.synth import generate
from digicoop import disk_store, pipeline, reuse
from digicoop.paths import Paths
from digicoop.segment import segment
from digicoop.sources import load_corpus
from digicoop.turtle import turtle
from digicoop.validate import validate_dataset
from digicoop.vocab import PREFIXES


def _timed(fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def measure(n: int, jobs: int, work: Path) -> dict[str, float]:
    root = work / f"n{n}"
    if not (root / "corpus").is_dir():
        generate(n, seed=1, out=root)
    paths = Paths(root)
    documents = [segment(s) for s in load_corpus(paths.corpus, paths.root)]
    _, t_reuse = _timed(lambda: reuse.find_reuse(documents, workers=jobs))
    result, t_compile = _timed(lambda: pipeline.compile_graphs(paths, jobs=jobs))
    store, t_load = _timed(result.store)
    report, t_validate = _timed(lambda: validate_dataset(store, root=paths.root))
    _, t_disk = _timed(
        lambda: disk_store.write(result.files[pipeline.DATASET_NAME], work / f"store-{n}")
    )
    sample = sorted(result.triples)[: min(5, n)]
    graphs = {a: result.graphs[a] for a in sample}
    _, t_ours = _timed(lambda: [turtle(set(g), PREFIXES) for g in graphs.values()])
    _, t_rdflib = _timed(lambda: [g.serialize(format="turtle") for g in graphs.values()])
    shared = len(Graph().parse(data=result.files[pipeline.SHARED_NAME], format="turtle"))
    return {
        "n": n,
        "reuse": t_reuse,
        "compile": t_compile,
        "load": t_load,
        "validate": t_validate,
        "disk": t_disk,
        "conforms": float(report.conforms),
        "quads": len(store),
        "own_per_agreement": sum(result.triples.values()) / n,
        "shared_per_agreement": shared / n,
        "writer_vs_rdflib": t_rdflib / t_ours if t_ours else 0.0,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.build", description=__doc__)
    parser.add_argument("--sizes", default="10,40")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="default: a temporary dir")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-build-"))
    rows = [measure(int(n), args.jobs, work) for n in args.sizes.split(",")]
    print("| N | reuse s | compile s | load s | validate s | on-disk store s | quads | "
          "own quads/agr. | shared quads/agr. | our writer vs rdflib's |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['n']} | {r['reuse']:.2f} | {r['compile']:.2f} | {r['load']:.2f} | "
            f"{r['validate']:.2f}{'' if r['conforms'] else ' (violations)'} | {r['disk']:.2f} | "
            f"{r['quads']:.0f} | {r['own_per_agreement']:.0f} | "
            f"{r['shared_per_agreement']:.1f} | {r['writer_vs_rdflib']:.1f}x faster |"
        )
    first, last = rows[0], rows[-1]
    for stage in ("reuse", "compile", "load", "validate", "disk"):
        per = (last[stage] / last["n"]) / (first[stage] / first["n"]) if first[stage] else 0
        print(f"- {stage}: per-agreement cost at N={last['n']} is {per:.2f}x N={first['n']}")


if __name__ == "__main__":
    main()
