"""The steps the runner times, each run alone in a child: ``python -m bench.steps STEP ROOT``.

Steps: ``build`` / ``validate`` (the real CLI, in-process), ``load-rdflib`` /
``load-oxigraph`` (parse ``graphs/digicoop.trig``), ``queries-oxigraph`` /
``queries-rdflib`` (each named query of ``queries/``, its parameters bound to their
defaults, in-process, median of repeats). Each prints one JSON line
(see :func:`bench.measure.report`).

The mix is the project's named-query library itself (data, not strings in code). Over HTTP,
where a peer server cannot take pyoxigraph substitutions, each query is sent as the product
binds it (:meth:`~digicoop.querylib.NamedQuery.bound_text` with its defaults: a ``VALUES``
block opening the WHERE group and the terms written in its expressions), the same text for
every server; a test holds its rows to those of the substitutions.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bench.measure import report
from digicoop.querylib import NamedQuery, load_library

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def named() -> dict[str, NamedQuery]:
    """The project's named queries (``queries/*.rq``), by name."""
    return load_library(QUERIES)


def inline(query: NamedQuery) -> str:
    """The query's text with its default parameters bound as the product binds them (for HTTP,
    where no substitutions can be sent)."""
    return query.bound_text({})


def mix() -> dict[str, str]:
    """The HTTP query mix: every named query, defaults inlined, by name."""
    return {name: inline(query) for name, query in sorted(named().items())}


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


def _rdflib(term):  # type: ignore[no-untyped-def]
    """A pyoxigraph term as an rdflib one (IRIs and literals only, as parameters are)."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


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
            name: _time(
                lambda q=q: list(
                    store.query(
                        q.bound_text({}), use_default_graph_as_union=True, substitutions=q.bind({})
                    )
                ),
                5,
            )
            for name, q in named().items()
        }
        report(**times)
    elif step == "queries-rdflib":
        dataset = _load_rdflib(trig)
        times = {
            name: _time(
                lambda q=q: list(
                    dataset.query(
                        q.text, initBindings={v.value: _rdflib(t) for v, t in q.bind({}).items()}
                    )
                ),
                1,
            )
            for name, q in named().items()
        }
        report(**times)
    else:
        raise SystemExit(f"unknown step {step!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
