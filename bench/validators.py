"""``python -m bench.validators --copies 1,10``: digicoop's SHACL engine against the SHACL
validators on PyPI written in Rust, and against pySHACL, on the same data and shapes.

Why: the house style lets ``validate/fast`` (a SHACL-to-SPARQL compiler on Oxigraph) keep its
place only while a differential test holds it equal to pySHACL and it stays clearly faster than
the maintained Rust validators on PyPI. The peers: ``pyrudof`` (the rudof project's Python
binding), ``pyshacl-turbo`` (a Rust engine behind pySHACL's API), ``shacl-rust``; install them
with ``pip install -e '.[bench]'``. A peer that is not installed is listed as such.

Each engine runs in a fresh child (:mod:`bench.measure`) on ``graphs/digicoop.trig`` copied
``k`` times (:func:`bench.scale.replicate`: distinct agreements sharing parties, persons and
topics). digicoop's engine and pySHACL take the dataset as ``digicoop validate`` does
(:func:`digicoop.validate.validate_graph`, quotes not checked: they are not SHACL); the peers
read the same data flattened with the ontology into one N-Triples file, which is what
:mod:`digicoop.validate.shacl` gives pySHACL, and all of ``shapes/`` as one Turtle file. The
table gives each engine's wall and CPU seconds (the child's, threads included), its peak
memory, what it found, and how its results compare with the reference's (pySHACL where it
ran, else digicoop's engine), result by result: the same (severity, focus node, path), missed
and added.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from bench import measure
from bench.scale import replicate

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(__file__).parent / "work"
SH = "http://www.w3.org/ns/shacl#"
#: The peers, by the module each needs (digicoop's engine and pySHACL are always there).
PEERS = {"pyrudof": "pyrudof", "pyshacl-turbo": "pyshacl_turbo", "shacl-rust": "shacl_rust"}
Key = tuple[str, str, str]  # severity, focus node, path ("" when none)


def _report_keys(nt: str) -> list[Key]:
    """The results of a SHACL validation report given as N-Triples."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(nt.encode(), format=ox.RdfFormat.N_TRIPLES)
    rows = store.query(
        f"""SELECT ?severity ?focus ?path WHERE {{
          ?r a <{SH}ValidationResult> ; <{SH}resultSeverity> ?severity ; <{SH}focusNode> ?focus .
          OPTIONAL {{ ?r <{SH}resultPath> ?path }} }}"""
    )
    return [_key(row["severity"], row["focus"], row["path"]) for row in rows]  # type: ignore[union-attr, index]


def _term(term: object) -> str:
    """An IRI's text, any blank node as ``_:`` (labels differ between engines)."""
    text = str(getattr(term, "value", term) or "")
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return "_:" if text.startswith("_:") or type(term).__name__ == "BlankNode" else text


def _key(severity: object, focus: object, path: object) -> Key:
    return (_term(severity).rsplit("#", 1)[-1], _term(focus), _term(path) if path else "")


def _path(path: str | None) -> str:
    """A finding's path as the reports give it: an IRI, or ``_:`` for a path of several steps
    (a blank node in a report, written out in digicoop's findings)."""
    if not path:
        return ""
    several = path.startswith(("^", "(")) or (path.startswith("<") and path.count(">") > 1)
    return "_:" if several else path.strip("<>")


def step(engine: str, dataset: Path, flat: Path, shapes: Path) -> None:
    """In the child: run ``engine``, print its seconds and results as one JSON line."""
    started = time.perf_counter()
    keys: list[Key]
    if engine in ("digicoop", "pyshacl"):
        import pyoxigraph as ox
        from rdflib import Dataset

        from digicoop.validate import validate_graph

        loaded: ox.Store | Dataset
        if engine == "digicoop":
            loaded = ox.Store()
            loaded.load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
        else:
            loaded = Dataset()
            loaded.parse(dataset, format="nquads")
        loaded_at = time.perf_counter()
        name = "fast" if engine == "digicoop" else engine
        result = validate_graph(loaded, ROOT, check_sources=False, engine=name)
        keys = [(f.severity, f.focus, _path(f.path)) for f in result.findings]
    elif engine == "pyrudof":
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(str(flat), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(str(shapes))
        loaded_at = time.perf_counter()
        rudof.validate_shacl()
        keys = _report_keys(
            rudof.serialize_shacl_validation_results(pyrudof.ResultShaclValidationFormat.NTriples)
        )
    elif engine == "pyshacl-turbo":
        import pyshacl_turbo

        loaded_at = time.perf_counter()
        _, report, _ = pyshacl_turbo.validate(
            str(flat), shacl_graph=str(shapes), inference="none", advanced=True
        )
        keys = _report_keys(report.serialize(format="nt"))
    else:
        import shacl_rust

        loaded_at = time.perf_counter()
        found = shacl_rust.validate_file(str(flat), str(shapes))
        keys = [
            (*_key(r["severity"], r["focusNode"], None)[:2], _path(r.get("resultPath")))
            for r in found["results"]
        ]
    done = time.perf_counter()
    measure.report(
        load_s=round(loaded_at - started, 2), validate_s=round(done - loaded_at, 2), keys=keys
    )


def inputs(copies: int, data: Path | None = None) -> tuple[Path, Path, Path, int]:
    """The dataset (N-Quads), the same flattened with the ontology (N-Triples), the shapes.

    ``data``: a built dataset (TriG) taken as it is, instead of copies of the committed one."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from digicoop.validate.shacl import data_graph, ontology_graph, shapes_graph

    WORK.mkdir(exist_ok=True)
    name = f"validators-x{copies}" if data is None else f"validators-{data.stem}"
    dataset = WORK / f"{name}.nq"
    if data is None:
        quads = replicate(ROOT / "graphs" / "digicoop.trig", copies, dataset)
    else:
        store = ox.Store()
        store.load(path=str(data), format=ox.RdfFormat.TRIG)
        store.dump(str(dataset), format=ox.RdfFormat.N_QUADS)
        quads = len(store)
    loaded = Dataset()
    loaded.parse(dataset, format="nquads")
    flat = WORK / f"{name}.nt"
    data_graph(loaded, ontology_graph(ROOT / "ontology")).serialize(
        flat, format="nt", encoding="utf-8"
    )
    shapes = WORK / "validators-shapes.ttl"
    shapes_graph(ROOT / "shapes").serialize(shapes, format="turtle")
    return dataset, flat, shapes, quads


def _keys(reported: object) -> list[Key]:
    """The keys a child printed (JSON lists of three strings)."""
    return [(str(a), str(b), str(c)) for a, b, c in reported or []]  # type: ignore[attr-defined]


def _compare(keys: list[Key], reference: list[Key]) -> str:
    mine, theirs = Counter(keys), Counter(reference)
    same = sum((mine & theirs).values())
    return f"{same} same, {sum((theirs - mine).values())} missed, {sum((mine - theirs).values())} added"


def bench(
    copies: list[int], pyshacl_max: int, timeout: float, data: Path | None = None
) -> list[str]:
    lines = [
        "| copies | quads | engine | load s | validate s | wall s | CPU s | peak MiB | found | against the reference |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for k in copies:
        # prepared in a child: the parent's peak memory would be every child's (Linux keeps
        # the high-water mark across fork and exec)
        prepare = [sys.executable, "-m", "bench.validators", "--prepare", str(k)]
        made = measure.run([*prepare, *([str(data)] if data else [])], timeout, str(ROOT))
        if made.status != 0:
            raise SystemExit(f"preparing x{k} failed: {made.error}")
        dataset, flat, shapes = (Path(str(made.extra[name])) for name in ("nq", "nt", "shapes"))
        quads = int(str(made.extra["quads"]))
        runs: dict[str, tuple[measure.Measure, float]] = {}
        engines = ["pyshacl", "digicoop", *PEERS]
        for engine in engines:
            if engine == "pyshacl" and k > pyshacl_max:
                continue
            if engine in PEERS and importlib.util.find_spec(PEERS[engine]) is None:
                lines.append(f"| {k} | {quads} | {engine} | not installed | | | | | | |")
                continue
            print(f"x{k} {engine} …", file=sys.stderr, flush=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            command = [sys.executable, "-m", "bench.validators", "--step", engine]
            m = measure.run([*command, str(dataset), str(flat), str(shapes)], timeout, str(ROOT))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            runs[engine] = (m, cpu)
        reference_name = "pyshacl" if "pyshacl" in runs else "digicoop"
        reference = _keys(runs[reference_name][0].extra.get("keys"))
        fast_s = runs["digicoop"][0].seconds if "digicoop" in runs else 0.0
        for engine, (m, cpu) in runs.items():
            if m.status != 0 or "keys" not in m.extra:
                lines.append(f"| {k} | {quads} | {engine} | failed: {m.error} | | | | | | |")
                continue
            keys = _keys(m.extra["keys"])
            severities = Counter(key[0] for key in keys)
            found = ", ".join(f"{n} {s}" for s, n in sorted(severities.items())) or "conforms"
            versus = "(the reference)" if engine == reference_name else _compare(keys, reference)
            ratio = f" ({m.seconds / fast_s:.1f}x)" if fast_s and engine != "digicoop" else ""
            lines.append(
                f"| {k} | {quads} | {engine} | {m.extra['load_s']} | {m.extra['validate_s']} | "
                f"{m.seconds:.1f}{ratio} | {cpu:.1f} | {m.peak_mib:.0f} | {found} | {versus} |"
            )
        for path in (dataset, flat):
            path.unlink(missing_ok=True)
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", default="1,10", help="sizes, comma-separated (default 1,10)")
    parser.add_argument("--pyshacl-max", type=int, default=1, help="largest size pySHACL runs at")
    parser.add_argument("--data", type=Path, help="a built dataset (TriG) instead of copies")
    parser.add_argument("--timeout", type=float, default=900.0, help="per engine and size (s)")
    parser.add_argument("--prepare", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--step", nargs=4, metavar=("ENGINE", "NQ", "NT", "SHAPES"), help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args(argv)
    if args.prepare:
        made = inputs(int(args.prepare[0]), Path(args.prepare[1]) if args.prepare[1:] else None)
        measure.report(
            **{n: str(v) for n, v in zip(("nq", "nt", "shapes", "quads"), made, strict=True)}
        )
        return
    if args.step:
        engine, *paths = args.step
        step(engine, *(Path(p) for p in paths))
        return
    copies = [1] if args.data else [int(c) for c in args.copies.split(",")]
    print("\n".join(bench(copies, args.pyshacl_max, args.timeout, args.data)))
    print(json.dumps({"python": sys.version.split()[0]}), file=sys.stderr)


if __name__ == "__main__":
    main()
