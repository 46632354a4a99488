"""``python -m bench.build --sizes 10,40 [--jobs 2]``: the build's stages at several sizes.

For each N (a synthetic corpus from :mod:`bench.synth`), in one process: text reuse (the
links through the index, and scoring every pair as the reference up to
``--exhaustive-up-to``: every link asserted to be a pair; links against pairs printed),
annotate + assemble + write (``compile_graphs``) with a cold per-agreement cache; then what
``digicoop build --no-validate`` does (``pipeline.build``: compile, publish graphs/, the
on-disk store above its threshold), each in a process of its own as a user runs it: first
(the store written whole), warm (nothing changed) and with agreement N+1 added, plus the validation that ``digicoop build`` runs on the added
one (the dataset loaded into memory, then the incremental validation with its cache);
loading the dataset into Oxigraph, validating it whole (the fast engine and the quote
check) and writing the on-disk store whole; quads per agreement (own graph, and share of
the shared graph). Peer in the same run: rdflib's Turtle serialiser on the
same agreement graphs (what the build used before), as a ratio to our writer. The last
lines give each stage's per-agreement cost at the largest N over the smallest (1.0 = linear).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from bench.synth import generate
from bench.synth.generate import manifest
from digicoop import disk_store, pipeline, reuse
from digicoop.agreement_cache import AgreementCache, version
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


def measure(n: int, jobs: int, work: Path, exhaustive_up_to: int) -> dict[str, float]:
    root = work / f"n{n}"
    entries = generate(n + 1, seed=1, out=root)  # agreement n is the one added at the end
    manifest_file = root / "corpus" / "manifest.toml"
    manifest_file.write_text(manifest(entries[:n]), encoding="utf-8")
    paths = Paths(root)
    documents = [segment(s) for s in load_corpus(paths.corpus, paths.root)]
    links, t_reuse = _timed(lambda: reuse.find_reuse_links(documents))
    t_exhaustive, pairs = 0.0, 0
    if n <= exhaustive_up_to:
        reference, t_exhaustive = _timed(
            lambda: reuse.find_reuse_exhaustive(documents, workers=jobs)
        )
        pairs = len(reference)
        found = {(p.left, p.right) for p in reference} | {(p.right, p.left) for p in reference}
        assert all((x.provision, x.source) in found for x in links), "a link is not a pair"

    def cache() -> AgreementCache:
        return AgreementCache(paths.build_cache, version(paths.ontology))

    def build() -> None:
        """`digicoop build --no-validate` in a process of its own, as a user runs it: compile
        (the annotators' data loaded by the process that needs them), publish graphs/,
        update the on-disk store (above its threshold)."""
        command = [sys.executable, "-m", "digicoop.cli", "build", "--root", str(root)]
        subprocess.run([*command, "--no-validate", "-q", "--jobs", str(jobs)], check=True)

    def validate(built: pipeline.BuildResult) -> tuple[float, float]:
        """The validation `digicoop build` runs (incremental, with build/validation): the
        dataset loaded into memory, then judged; seconds of each."""
        store, t_load = _timed(built.store)
        started = time.perf_counter()
        # the synthetic corpus has known violations (bench/results.md): timed all the same
        with contextlib.suppress(pipeline.InvalidBuild):
            pipeline._validate(store, paths, built, cache=True)
        return t_load, time.perf_counter() - started

    result, t_cold = _timed(lambda: pipeline.compile_graphs(paths, jobs=jobs, cache=cache()))
    _, t_first = _timed(build)  # publishes graphs/ and writes the on-disk store whole
    _, t_warm = _timed(build)
    for name, data in result.files.items():
        assert (paths.graphs / name).read_bytes() == data, f"{name}: a cached build differs"
    validate(result)  # the validation cache of the N agreements
    store, t_load = _timed(result.store)
    report, t_validate = _timed(lambda: validate_dataset(store, root=paths.root))
    _, t_disk = _timed(
        lambda: disk_store.write(result.files[pipeline.DATASET_NAME], work / f"store-{n}")
    )
    manifest_file.write_text(manifest(entries), encoding="utf-8")
    _, t_add = _timed(build)
    t_add_load, t_add_validate = validate(pipeline.compile_graphs(paths, cache=cache()))
    sample = sorted(result.triples)[: min(5, n)]
    graphs = {a: result.graphs[a] for a in sample}
    _, t_ours = _timed(lambda: [turtle(set(g), PREFIXES) for g in graphs.values()])
    _, t_rdflib = _timed(lambda: [g.serialize(format="turtle") for g in graphs.values()])
    shared = len(Graph().parse(data=result.files[pipeline.SHARED_NAME], format="turtle"))
    return {
        "n": n,
        "reuse": t_reuse,
        "reuse_links": len(links),
        "reuse_pairs": pairs,
        "exhaustive": t_exhaustive,
        "compile": t_cold,
        "warm": t_warm,
        "first": t_first,
        "add": t_add,
        "add_load": t_add_load,
        "add_validate": t_add_validate,
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
    parser.add_argument(
        "--exhaustive-up-to", type=int, default=100,
        help="also time find_reuse_exhaustive (the reference) up to this N",
    )  # fmt: skip
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-build-"))
    rows = [measure(int(n), args.jobs, work, args.exhaustive_up_to) for n in args.sizes.split(",")]
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| N | reuse links s (links) | every pair s (pairs) | compile s: cold cache | "
          "first build | warm build | add one: build (+ load + validate) | validate s | "
          "load s | on-disk store s | quads | own quads/agr. | shared quads/agr. | "
          "our writer vs rdflib's |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        exhaustive = (
            f"{r['exhaustive']:.2f} ({r['reuse_pairs']:.0f} pairs)"
            if r["exhaustive"]
            else "not run"
        )
        print(
            f"| {r['n']} | {r['reuse']:.2f} ({r['reuse_links']:.0f}) | {exhaustive} | "
            f"{r['compile']:.2f} | {r['first']:.2f} | {r['warm']:.2f} | {r['add']:.2f} (+ "
            f"{r['add_load']:.2f} + {r['add_validate']:.2f}) | {r['validate']:.2f}"
            f"{'' if r['conforms'] else ' (violations)'} | {r['load']:.2f} | {r['disk']:.2f} | "
            f"{r['quads']:.0f} | {r['own_per_agreement']:.0f} | "
            f"{r['shared_per_agreement']:.1f} | {r['writer_vs_rdflib']:.1f}x faster |"
        )
    first, last = rows[0], rows[-1]
    for stage in ("reuse", "compile", "warm", "add", "add_validate", "load", "validate", "disk"):
        per = (last[stage] / last["n"]) / (first[stage] / first["n"]) if first[stage] else 0
        print(f"- {stage}: per-agreement cost at N={last['n']} is {per:.2f}x N={first['n']}")


if __name__ == "__main__":
    main()
