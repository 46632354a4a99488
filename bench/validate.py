"""``python -m bench.validate --copies 1,10,100,1000``: SHACL validation at k copies of the corpus.

``python -m bench.validate --checks ROOT [--own]``: the CPU of a cold whole validation of a
built project root (``digicoop build --root ROOT --no-validate``), piece by piece in one
process (:func:`checks`): loading the TriG, the checks' queries (a shape's fused checks by
their one query), with ``--own`` the same checks each by its own query (same rows,
asserted), and the quote check; then the costliest queries.

``python -m bench.validate --incremental 5,50 [--jobs 2] [--work DIR]``: validation on
synthetic corpora (:func:`incremental`): the whole dataset, agreement by agreement with a
cold cache (one process and ``--jobs``), warm, and after adding agreement N+1; the reports
are asserted equal.

Each size is ``graphs/digicoop.trig`` copied k times with every agreement IRI and graph renamed
(:func:`bench.scale.replicate`), so the copies are distinct agreements sharing parties,
persons and topics. Each engine runs in a fresh child (:mod:`bench.measure`): the fast engine
(Oxigraph load + compiled shapes + quotes against the sources) and pySHACL (rdflib load +
``validate_graph(engine="pyshacl")``), the latter only up to ``--pyshacl-max`` copies because
it grows to minutes (the table says so). Prints the table and the growth per copy;
``--write`` records it in bench/results.md's validation section, leaving the rest alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench import measure
from bench.run import machine
from bench.scale import replicate

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(__file__).parent / "work"
RESULTS = Path(__file__).parent / "results.md"
BEGIN, END = "<!-- validation -->", "<!-- /validation -->"
#: What the numbers need to be read with (kept with the table when it is rewritten).
NOTES = [
    "The 3 violations from 10 copies on are the copying's, not the engine's: governance-body "
    "IRIs (`id:body/...`) are not under `id:agreement/`, so the copies share each body and it "
    "gets one `dco:establishedBy` per copy (`dcosh:GovernanceBody-establishedBy`). Both engines "
    "report exactly these.",
    "pySHACL is not run above 10 copies: 141 s at 10 copies, growing faster than linearly.",
    "The fast engine's growth past 10 copies is two SHACL-SPARQL queries of shapes/core.ttl, "
    "`dcosh:Provision-uniqueOrder` (32 of 42.5 s at 30 copies) and `dcosh:Provision-uniqueLabel` "
    "(3.6 s): Oxigraph joins `?sibling dco:order ?value` before `?sibling eli:is_part_of "
    "?parent` as written, i.e. every provision with the same order number in any agreement. "
    "Writing `eli:is_part_of ?parent` first (same meaning) takes it from 2.7 s to 0.03 s at 10 "
    "copies; every other check grows linearly (about 7 s in all at 30 copies).",
    "1000 copies (21 M quads) was not run: at the current shapes the two queries above alone "
    "would take hours.",
]


def step(engine: str, data: Path, sources: bool) -> None:
    """In the child: load ``data``, validate it, report load/validate seconds and counts."""
    from digicoop.validate import validate_graph

    started = time.perf_counter()
    if engine == "fast":
        import pyoxigraph as ox

        loaded: object = ox.Store()
        loaded.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)  # type: ignore[attr-defined]
    else:
        from rdflib import Dataset

        loaded = Dataset()
        loaded.parse(data, format="nquads")  # type: ignore[attr-defined]
    load_s = time.perf_counter() - started
    result = validate_graph(loaded, ROOT, check_sources=sources, engine=engine)  # type: ignore[arg-type]
    measure.report(
        load_s=round(load_s, 2),
        validate_s=round(result.seconds, 2),
        violations=len(result.violations),
        warnings=len(result.warnings),
    )


def dataset(copies: int) -> tuple[Path, int]:
    path = WORK / f"validate-x{copies}.nq"
    quads = replicate(ROOT / "graphs" / "digicoop.trig", copies, path)
    return path, quads


Row = tuple[str, ...]


def bench(copies: list[int], pyshacl_max: int, sources: bool, timeout: float) -> list[Row]:
    rows: list[Row] = []
    for k in copies:
        data, quads = dataset(k)
        for engine in ("fast", "pyshacl"):
            if engine == "pyshacl" and k > pyshacl_max:
                rows.append((str(k), str(quads), engine, "skipped", "", "", "", f"k > --pyshacl-max {pyshacl_max}"))  # fmt: skip
                continue
            print(f"x{k} {engine} …", file=sys.stderr, flush=True)
            command = [sys.executable, "-m", "bench.validate", "--step", engine, str(data)]
            if not sources:
                command.append("--no-sources")
            m = measure.run(command, timeout=timeout, cwd=str(ROOT))
            if m.status != 0 or "validate_s" not in m.extra:
                rows.append((str(k), str(quads), engine, "failed", "", "", f"{m.peak_mib:.0f}", m.error))  # fmt: skip
                continue
            e = m.extra
            found = f"{e['violations']} violations, {e['warnings']} warnings"
            rows.append((str(k), str(quads), engine, f"{e['load_s']:.2f}", f"{e['validate_s']:.2f}",
                         f"{m.seconds:.1f}", f"{m.peak_mib:.0f}", found))  # fmt: skip
        data.unlink(missing_ok=True)
    return rows


def growth(rows: list[Row]) -> list[str]:
    """Per engine: validation seconds per copy at each size, and the largest vs the smallest."""
    out = []
    for engine in ("fast", "pyshacl"):
        points = [(int(r[0]), float(r[4])) for r in rows if r[2] == engine and r[4]]
        if not points:
            continue
        per = ", ".join(f"x{k}: {s / k * 1000:.0f} ms/copy" for k, s in points)
        note = ""
        if len(points) > 1:
            (k0, s0), (k1, s1) = points[0], points[-1]
            note = f"; per-copy cost at x{k1} is {(s1 / k1) / (s0 / k0):.2f}x that at x{k0}"
        out.append(f"{engine}: {per}{note}")
    fast = {int(r[0]): float(r[4]) for r in rows if r[2] == "fast" and r[4]}
    ref = {int(r[0]): float(r[4]) for r in rows if r[2] == "pyshacl" and r[4]}
    for k in sorted(set(fast) & set(ref)):
        out.append(f"x{k}: fast engine {ref[k] / fast[k]:.1f}x faster than pySHACL")
    return out


HEADER = ("copies", "quads", "engine", "load s", "validate s", "wall s", "peak MiB", "found / note")


def table(rows: list[Row]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def write(section: list[str]) -> None:
    """Replace this benchmark's section of results.md (or add it after the notes marker, which
    ``bench.run --write`` keeps), never touching the other sections."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    block = "\n".join([BEGIN, *section, END])
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        if "<!-- notes -->" not in text:
            text = text.rstrip("\n") + ("\n\n" if text else "") + "<!-- notes -->\n"
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def _timed(fn):  # type: ignore[no-untyped-def]
    """The value, the CPU seconds it took (this process and the worker processes it waited
    for: the machine is shared, and wall time measured the other engineers' test suites as
    much as this; Oxigraph answers queries in the calling thread, so its work is counted)
    and the wall seconds."""
    import resource

    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    started, wall = cpu(), time.perf_counter()
    value = fn()
    return value, cpu() - started, time.perf_counter() - wall


def checks(root: Path, own: bool = False, top: int = 12) -> list[str]:
    """The pieces of a cold whole validation of ``root``'s ``graphs/digicoop.trig``, CPU
    seconds of this process (Oxigraph answers in the calling thread), one after another."""
    import pyoxigraph as ox

    from digicoop.paths import Paths
    from digicoop.validate import shacl
    from digicoop.validate.fast import evidence, namespaces_of
    from digicoop.validate.fast.engine import Run, answers, units
    from digicoop.validate.fast.store import Terms, ontology_added

    paths, cpu = Paths(root), time.process_time
    started = cpu()
    store = ox.Store()
    store.load(path=str(paths.graphs / "digicoop.trig"), format=ox.RdfFormat.TRIG)
    lines = [f"load {cpu() - started:.2f} s ({len(store)} quads)"]
    shapes, ontology = shacl.shapes_graph(paths.shapes), shacl.ontology_graph(paths.ontology)
    terms = Terms()
    with ontology_added(store, ontology, terms):
        run = Run(store, shapes, terms, namespaces_of(ontology))
        compiled = run.compiled()
        groups = units(compiled)
        timed = []
        for unit in groups:
            started = cpu()
            timed.append((run.answer(compiled, unit), cpu() - started, unit))
        total = sum(seconds for _, seconds, _ in timed)
        lines.append(f"checks {total:.2f} s ({len(compiled)} checks, {len(groups)} queries)")
        if own:
            started = cpu()
            alone = [run.rows(check) for check in compiled]
            lines.append(f"checks each by its own query {cpu() - started:.2f} s")
            found = answers(compiled, groups, [rows for rows, _, _ in timed])
            assert all(_same(a, b) for a, b in zip(found, alone, strict=True)), "rows differ"
        started = cpu()
        problems = evidence.check(store, terms, paths.root)
        lines.append(f"quote check {cpu() - started:.2f} s ({len(problems)} problems)")
    lines.append("costliest queries:")
    for _rows, seconds, unit in sorted(timed, key=lambda t: -t[1])[:top]:
        names = sorted(
            {f"{_local(compiled[i].shape.node)} {_local(compiled[i].component)}" for i in unit}
        )
        lines.append(f"  {seconds:6.2f} s  {', '.join(names)}")
    return lines


def _local(node: object) -> str:
    return str(node).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")[:40]


def _same(a: list[dict], b: list[dict]) -> bool:  # type: ignore[type-arg]
    def canonical(rows: list[dict]) -> list[list[tuple[str, str]]]:  # type: ignore[type-arg]
        return sorted(sorted((k, v.n3()) for k, v in row.items()) for row in rows)

    return canonical(a) == canonical(b)


def incremental(
    n: int, work: Path, mix: str = "japan", jobs: int = 2, store: str = "memory"
) -> dict[str, float]:
    """Validation of a synthetic corpus of ``n`` (bench.synth, seed 1): the whole dataset in
    one process; agreement by agreement with a cold cache (one process, and ``jobs``);
    warm; with agreement n+1 added (compiled from the build cache, ``jobs`` processes);
    whole with n+1. CPU seconds (workers included) and wall seconds. Asserts that each
    report has the findings of the whole one; bench/build.py may call this for its table.
    ``work`` keeps the corpus and the build cache between runs (``--work``). ``store``
    ``disk``: each run validates a RocksDB-backed ``pyoxigraph.Store(path)`` loaded with the
    dataset (as a build may hand over the on-disk store it publishes), else an in-memory one;
    the load is not timed."""
    import hashlib
    import shutil
    import tempfile

    from bench.synth import generate
    from bench.synth.generate import manifest
    from digicoop import pipeline
    from digicoop.agreement_cache import AgreementCache, version
    from digicoop.paths import Paths
    from digicoop.validate import cache_for, validate_dataset

    root = work / f"validate-{mix}-n{n}"
    entries = generate(n + 1, seed=1, out=root, mix=mix)
    manifest_file = root / "corpus" / "manifest.toml"
    manifest_file.write_text(manifest(entries[:n]), encoding="utf-8")
    paths = Paths(root)
    build_cache = AgreementCache(paths.build_cache, version(paths.ontology))

    def digests(built: pipeline.BuildResult) -> dict[str, str]:
        return {a: hashlib.sha256(built.files[f"{a}.ttl"]).hexdigest() for a in built.triples}

    def loaded(built: pipeline.BuildResult) -> object:
        if store == "memory":
            return built.store()
        import pyoxigraph as ox

        disk = ox.Store(tempfile.mkdtemp(prefix="store-", dir=work))
        disk.bulk_load(built.files[pipeline.DATASET_NAME], format=ox.RdfFormat.TRIG)
        return disk

    def run(built: pipeline.BuildResult, **options: object) -> tuple[object, float, float]:
        data = loaded(built)
        return _timed(lambda: validate_dataset(data, root=root, **options))  # type: ignore[arg-type]

    built = pipeline.compile_graphs(paths, cache=build_cache, jobs=jobs)
    shutil.rmtree(root / "build" / "validation", ignore_errors=True)
    cache = cache_for(root)
    whole, t_whole, w_whole = run(built)
    cold, t_cold, w_cold = run(built, incremental=True, cache=cache, digests=digests(built))
    shutil.rmtree(root / "build" / "validation", ignore_errors=True)
    cache = cache_for(root)
    options = {"incremental": True, "cache": cache, "jobs": jobs}
    cold_j, t_cold_j, w_cold_j = run(built, digests=digests(built), **options)
    warm, t_warm, _ = run(built, digests=digests(built), **options)
    manifest_file.write_text(manifest(entries), encoding="utf-8")
    added = pipeline.compile_graphs(paths, cache=build_cache, jobs=jobs)
    grown, t_grown, w_grown = run(added, digests=digests(added), **options)
    whole_added, t_whole_added, _ = run(added)
    pairs = ((whole, cold), (whole, cold_j), (whole, warm), (whole_added, grown))
    for left, right in pairs:
        assert left.findings == right.findings, "incremental findings differ from the whole"  # type: ignore[attr-defined]
    return {
        "n": n,
        "quads": len(built.store()),
        "whole": t_whole,
        "whole_wall": w_whole,
        "cold": t_cold,
        "cold_wall": w_cold,
        "cold_jobs": t_cold_j,
        "cold_jobs_wall": w_cold_j,
        "warm": t_warm,
        "add": t_grown,
        "add_wall": w_grown,
        "add_judged": len(grown.judged),  # type: ignore[attr-defined]
        "whole_added": t_whole_added,
        "violations": len(whole.violations),  # type: ignore[attr-defined]
        "jobs": jobs,
        "store": store,
    }


def build_steps(n: int, work: Path, jobs: int = 2) -> list[str]:
    """Validation's share of ``digicoop build`` as a user runs it on a synthetic corpus of
    ``n`` (bench.synth, japan mix, seed 1): the build of ``n`` (cold the first time: the
    corpus and its build/ are kept under ``work``), nothing changed, agreement n+1 added,
    nothing changed, n+1 removed. Each line: the build's and the validation step's CPU
    seconds (this process: on the staged on-disk store validation runs in it alone) and
    wall seconds, the agreements and resources of no agreement judged, the load average."""
    import os
    import tempfile

    from bench.synth import generate
    from bench.synth.generate import manifest
    from digicoop import pipeline
    from digicoop.paths import Paths

    root = work / f"build-n{n}"
    listed = root / "corpus" / "manifest.toml"
    if listed.exists():  # kept with its build/ from an earlier run: the entries only
        with tempfile.TemporaryDirectory() as scratch:
            entries = generate(n + 1, seed=1, out=Path(scratch) / "corpus")
    else:
        entries = generate(n + 1, seed=1, out=root)
    results: list[object] = []
    timings: list[tuple[float, float]] = []
    step, run = pipeline._validate, pipeline.validate_dataset

    def judged(*args: object, **options: object) -> object:  # the result, kept
        found = run(*args, **options)  # type: ignore[arg-type]
        results.append(found)
        return found

    def validate(*args: object, **options: object) -> None:  # the build's own step, timed
        _, cpu, wall = _timed(lambda: step(*args, **options))  # type: ignore[arg-type]
        timings.append((cpu, wall))

    lines = []
    pipeline._validate, pipeline.validate_dataset = validate, judged  # type: ignore[assignment]
    try:
        for label, count in (
            (f"build of {n}", n),
            ("nothing changed", n),
            (f"agreement {n + 1} added", n + 1),
            ("nothing changed", n + 1),
            (f"agreement {n + 1} removed", n),
        ):
            listed.write_text(manifest(entries[:count]), encoding="utf-8")
            results.clear()
            timings.clear()
            load = os.getloadavg()[0]
            _, cpu, wall = _timed(lambda: pipeline.build(Paths(root), jobs=jobs))
            result, (v_cpu, v_wall) = results[0], timings[0]
            resources = result.resources  # type: ignore[attr-defined]
            lines.append(
                f"| {label} | {cpu:.2f} ({wall:.2f}) | {v_cpu:.2f} ({v_wall:.2f}) | "
                f"{len(result.judged)} | {'every one' if resources is None else len(resources)} "  # type: ignore[attr-defined]
                f"| {load:.1f} |"
            )
            print(lines[-1], flush=True)
    finally:
        pipeline._validate, pipeline.validate_dataset = step, run  # type: ignore[assignment]
    return [
        "| step | build: CPU s (wall) | validation: CPU s (wall) | agreements judged "
        "| resources of no agreement judged | load |",
        "|" + " --- |" * 6,
        *lines,
    ]


def incremental_table(rows: list[dict[str, float]]) -> list[str]:
    jobs = rows[0]["jobs"]
    lines = [
        "| N | quads | whole, 1 process: CPU s (wall) | cold cache, 1 process | cold cache, "
        f"--jobs {jobs:.0f}: CPU s (wall) | warm | N+1 added: CPU s (wall), agreements judged "
        "| whole at N+1 |",
        "|" + " --- |" * 8,
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:.0f} | {r['quads']:.0f} | {r['whole']:.2f} ({r['whole_wall']:.2f}) | "
            f"{r['cold']:.2f} ({r['cold_wall']:.2f}) | {r['cold_jobs']:.2f} "
            f"({r['cold_jobs_wall']:.2f}) | {r['warm']:.2f} | {r['add']:.2f} "
            f"({r['add_wall']:.2f}), {r['add_judged']:.0f} | {r['whole_added']:.2f} |"
        )
    first, last = rows[0], rows[-1]
    for key in ("whole", "cold", "cold_jobs", "warm", "add"):
        per = (last[key] / last["n"]) / (first[key] / first["n"])
        lines.append(
            f"- {key}: per-agreement CPU at N={last['n']:.0f} is {per:.2f}x N={first['n']:.0f}"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.validate", description=__doc__)
    parser.add_argument("--copies", default="1,10,100,1000", help="comma-separated k")
    parser.add_argument("--pyshacl-max", type=int, default=10, help="pySHACL only up to k copies")
    parser.add_argument("--no-sources", action="store_true", help="SHACL only, no quote check")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per child")
    parser.add_argument("--write", action="store_true", help="record in bench/results.md")
    parser.add_argument("--step", nargs=2, metavar=("ENGINE", "DATA"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--incremental", metavar="SIZES", help="incremental validation at these N (e.g. 5,50)"
    )
    parser.add_argument(
        "--layouts", default="japan", help="synthetic layouts: japan, dev or all (bench.synth)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="processes (--incremental)")
    parser.add_argument(
        "--store", choices=("memory", "disk"), default="memory", help="store kind (--incremental)"
    )
    parser.add_argument(
        "--work", type=Path, help="keep corpora and build caches here (--incremental)"
    )
    parser.add_argument(
        "--build-steps",
        metavar="N",
        type=int,
        help="validation's share of digicoop build: N, nothing changed, N+1 added, removed",
    )
    parser.add_argument(
        "--checks", metavar="ROOT", type=Path, help="a cold whole validation of ROOT, by piece"
    )
    parser.add_argument(
        "--own", action="store_true", help="with --checks: each check by its own query too"
    )
    args = parser.parse_args(argv)
    if args.checks:
        import os

        print("\n".join(checks(args.checks, args.own)))
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return
    if args.build_steps:
        import os
        import tempfile

        work = args.work or Path(tempfile.mkdtemp(prefix="bench-validate-"))
        print("\n".join(build_steps(args.build_steps, work, args.jobs)))
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        return
    if args.incremental:
        import os
        import tempfile

        work = args.work or Path(tempfile.mkdtemp(prefix="bench-validate-"))
        sizes = args.incremental.split(",")
        rows = [incremental(int(n), work, args.layouts, args.jobs, args.store) for n in sizes]
        print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"store: {args.store}, --jobs {args.jobs}")
        print("\n".join(incremental_table(rows)))
        return
    if args.step:
        step(args.step[0], Path(args.step[1]), not args.no_sources)
        return
    WORK.mkdir(exist_ok=True)
    host, started = machine(), time.time()
    rows = bench([int(k) for k in args.copies.split(",")], args.pyshacl_max, not args.no_sources, args.timeout)  # fmt: skip
    lines = table(rows)
    notes = growth(rows)
    print("\n".join([*lines, "", *notes]))
    if args.write:
        command = " ".join(sys.argv[1:])
        write([
            "## Validation: fast engine vs pySHACL",
            "",
            f"Command: `python -m bench.validate {command}` ({(time.time() - started) / 60:.1f} min). "
            f"Machine: {host}.",
            "",
            *lines,
            "",
            *(f"- {note}" for note in notes),
            "",
            *(f"- {note}" for note in NOTES),
        ])  # fmt: skip


if __name__ == "__main__":
    main()
