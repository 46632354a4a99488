"""The steps the runner times, each run alone in a child: ``python -m bench.steps STEP ROOT``.

Steps: ``build`` / ``validate`` (the real CLI, in-process), ``load-rdflib`` /
``load-oxigraph`` (parse ``graphs/digicoop.trig``), ``queries-oxigraph`` /
``queries-rdflib`` (each query of the mix, in-process, median of repeats). Each prints one
JSON line (see :func:`bench.measure.report`).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bench.measure import report

MIX = Path(__file__).parent / "queries"


def mix() -> dict[str, str]:
    """The query mix: ``bench/queries/*.rq`` (data, not strings in code), by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(MIX.glob("*.rq"))}


def _cli(argv: list[str]) -> None:
    from digicoop.cli import main

    started = time.perf_counter()
    status = main(argv)
    report(status=status, inner_s=round(time.perf_counter() - started, 3))


def _load_rdflib(data: Path):  # type: ignore[no-untyped-def]
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads" if data.suffix == ".nq" else "trig")
    return dataset


def _load_oxigraph(data: Path):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    store = ox.Store()
    fmt = ox.RdfFormat.N_QUADS if data.suffix == ".nq" else ox.RdfFormat.TRIG
    store.bulk_load(path=str(data), format=fmt)
    return store


def _time(run, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str]) -> None:
    step, root = argv[0], Path(argv[1])
    trig = root if root.is_file() else root / "graphs" / "digicoop.trig"  # a root or a dataset
    if step in {"build", "validate"}:
        _cli([step, "--root", str(root), *argv[2:]])
    elif step == "load-rdflib":
        started = time.perf_counter()
        dataset = _load_rdflib(trig)
        report(seconds=time.perf_counter() - started, quads=len(dataset))
    elif step == "load-oxigraph":
        started = time.perf_counter()
        store = _load_oxigraph(trig)
        report(seconds=time.perf_counter() - started, quads=len(store))
    elif step == "queries-oxigraph":
        store = _load_oxigraph(trig)
        times = {
            name: _time(lambda q=q: list(store.query(q, use_default_graph_as_union=True)), 5)
            for name, q in mix().items()
        }
        report(**times)
    elif step == "queries-rdflib":
        dataset = _load_rdflib(trig)
        times = {name: _time(lambda q=q: list(dataset.query(q)), 1) for name, q in mix().items()}
        report(**times)
    else:
        raise SystemExit(f"unknown step {step!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
