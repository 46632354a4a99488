"""``python -m bench.compile 40 [--mix all | --root DIR] [--against SRC]``: the cold compile.

What one worker does for each agreement of a cold build, stage by stage, in one process:
segmenting, the organisation census, annotating, assembling the triples and writing the
agreement's Turtle (``digicoop.pipeline``'s ``_read`` and ``_agreement_made``, no cache),
over a synthetic corpus of N agreements (:mod:`bench.synth`; ``--mix`` picks its layouts),
or over a project's own corpus (``--root``: the 27 dev texts added to a project, say, whose
texts repeat one another far less than the synthetic ones).
Each stage's time is printed per agreement (ms of CPU time: the process's own, so that other
work on a shared machine inflates it less than wall-clock time).

``--against SRC`` times another checkout's ``src/`` (an earlier revision: ``git archive REV
src | tar -x -C /tmp/old``, then ``--against /tmp/old/src``) on the same corpus in the same
run: the two
run alternately in child processes, ``--rounds`` times each, and the ratios (ours / theirs)
are the figures to trust on a shared machine; each child prints its best round. ``--jobs N``
also times the whole cold compile (``compile_graphs``, no cache, N processes) once per
side, wall-clock and CPU seconds, each in a fresh process (``--whole-only``: that alone).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STAGES = ("segment", "census", "annotate", "assemble", "turtle")
#: Not per agreement: what a worker loads once (vocabularies, lemma tables), timed apart by
#: annotating the first agreement once before the timed pass.
SETUP = "setup"


def _time_stages(root: Path) -> dict[str, float]:
    """Seconds per stage over every agreement of the project at ``root`` (one process).

    Imports inside: a child process times whichever ``digicoop`` its ``PYTHONPATH`` holds."""
    from digicoop import pipeline
    from digicoop.annotate.orgs import load_grammar
    from digicoop.annotate.parties import load_parties
    from digicoop.annotate.run import annotate, org_census, registry_of
    from digicoop.assemble import assemble
    from digicoop.paths import Paths
    from digicoop.segment import segment
    from digicoop.sources import load_corpus
    from digicoop.turtle import turtle
    from digicoop.vocab import PREFIXES

    paths = Paths(root)
    sources = load_corpus(paths.corpus, paths.root)
    spent = dict.fromkeys((*STAGES, SETUP), 0.0)

    # as the build runs each agreement's work (an older checkout may not pause the collector)
    paused = getattr(pipeline, "_collector_paused", contextlib.nullcontext)

    def timed(stage: str, fn):  # type: ignore[no-untyped-def]
        with paused():
            started = time.process_time()
            value = fn()
            spent[stage] += time.process_time() - started
        return value

    parties, grammar = load_parties(paths.ontology), load_grammar(paths.ontology)
    documents = [timed("segment", lambda s=s: segment(s)) for s in sources]
    censuses = [timed("census", lambda d=d: org_census(d, parties, grammar)) for d in documents]
    registry = registry_of(censuses)
    timed(SETUP, lambda: annotate(documents[0], paths.ontology, {}))
    for document, census in zip(documents, censuses, strict=True):
        looked_up = {n: registry[n] for n in census.unresolved if n in registry}
        notes = timed("annotate", lambda d=document, r=looked_up: annotate(d, paths.ontology, r))
        built = timed("assemble", lambda d=document, n=notes: assemble(d, n))
        timed("turtle", lambda b=built: turtle(b.own, PREFIXES).encode("utf-8"))
    spent["n"] = len(documents)
    return spent


def _total(spent: dict[str, float]) -> float:
    return sum(spent[s] for s in STAGES)


def _time_whole(root: Path, jobs: int) -> dict[str, float]:
    """The whole cold compile (``compile_graphs``, no cache) over ``jobs`` processes, in a
        fresh process: wall-clock seconds, and CPU seconds of this process and its workers (and
    of the process alone: the work no ``--jobs`` spreads)."""
    import resource

    from digicoop.paths import Paths
    from digicoop.pipeline import compile_graphs

    def cpu(who: int) -> float:
        used = resource.getrusage(who)
        return used.ru_utime + used.ru_stime

    wall = time.perf_counter()
    parent, workers = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    result = compile_graphs(Paths(root), jobs=jobs, cache=None)
    return {
        "wall": time.perf_counter() - wall,
        "parent": cpu(resource.RUSAGE_SELF) - parent,
        "cpu": cpu(resource.RUSAGE_SELF) - parent + cpu(resource.RUSAGE_CHILDREN) - workers,
        "n": len(result.triples),
    }


def _child(root: Path, src: Path | None, jobs: int = 0) -> dict[str, float]:
    """Time the stages in a fresh process (``src``: another checkout's ``src/``); with
    ``jobs``, the whole compile instead (:func:`_time_whole`)."""
    env = dict(os.environ)
    repo = Path(__file__).resolve().parents[1]
    env["PYTHONPATH"] = f"{src or repo / 'src'}{os.pathsep}{repo}"
    call = (
        f"_time_whole(pathlib.Path({str(root)!r}), {jobs})"
        if jobs
        else (f"_time_stages(pathlib.Path({str(root)!r}))")
    )
    code = (
        "import json, pathlib; from bench.compile import _time_stages, _time_whole; "
        f"print(json.dumps({call}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _table(rows: list[tuple[str, dict[str, float]]]) -> str:
    lines = ["| stage | " + " | ".join(f"{name} ms/agreement" for name, _ in rows) + " |"]
    lines.append("| --- |" + " --- |" * len(rows))
    for stage in (*STAGES, "total"):
        cells = []
        for _, spent in rows:
            n = spent["n"]
            value = sum(spent[s] for s in STAGES) if stage == "total" else spent[stage]
            cells.append(f"{1000 * value / n:.1f}")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=40)
    parser.add_argument(
        "--root", type=Path, help="time this project's corpus instead of a synthetic one"
    )
    parser.add_argument("--mix", default="japan", choices=("japan", "dev", "all"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--against", type=Path, help="another checkout's src/ to time as well")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--jobs", type=int, default=0, help="also time the whole cold compile over N processes"
    )
    parser.add_argument(
        "--whole-only", action="store_true", help="with --jobs: the whole compile alone"
    )
    args = parser.parse_args()
    from bench.synth import generate

    with tempfile.TemporaryDirectory() as tmp:
        root = args.root or Path(tmp) / f"n{args.n}"
        if args.root is None:
            generate(args.n, seed=args.seed, out=root, mix=args.mix)
        sides: list[tuple[str, Path | None]] = [("ours", None)]
        if args.against is not None:
            sides.append(("against", args.against))
        best: dict[str, dict[str, float]] = {}
        for _ in range(
            0 if args.whole_only else args.rounds
        ):  # alternately, so that a change of load hits both
            for name, src in sides:
                found = _child(root, src)
                if name not in best or _total(found) < _total(best[name]):
                    best[name] = found
        rows = [(name, best[name]) for name, _ in sides if name in best]
        whole = {name: _child(root, src, args.jobs) for name, src in sides} if args.jobs else {}
    corpus = f"{args.root}" if args.root else f"synthetic, mix {args.mix}"
    n = int((rows[0][1] if rows else next(iter(whole.values())))["n"])
    print(f"N = {n} ({corpus}), load average {os.getloadavg()[0]:.1f}")
    if rows:
        print(_table(rows))
        print("setup (once per process, s): " + ", ".join(f"{n} {r[SETUP]:.2f}" for n, r in rows))
    if len(rows) == 2:
        ours, theirs = (_total(spent) for _, spent in rows)
        print(f"total ours / against: {ours / theirs:.2f}")
    for name, timed in whole.items():
        n = timed["n"]
        print(
            f"whole cold compile, --jobs {args.jobs}, {name}: {timed['wall']:.2f} s "
            f"({1000 * timed['wall'] / n:.1f} ms per agreement; CPU {timed['cpu']:.2f} s, "
            f"{timed['parent']:.2f} s of it in the parent process)"
        )
    if len(whole) == 2:
        print(f"whole, ours / against: {whole['ours']['wall'] / whole['against']['wall']:.2f}")


if __name__ == "__main__":
    main()
